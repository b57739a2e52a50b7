// The game's icons, drawn here as SVG so they look the same on every device (emoji
// show as empty boxes where a phone or TV has no colour-emoji font). Each is a few
// strokes on a 24×24 grid in the current text colour.

export type IconName =
  | "bulb"
  | "unlock"
  | "clock"
  | "ladder"
  | "target"
  | "bolt"
  | "bird"
  | "dice"
  | "trophy"
  | "medal"
  | "party"
  | "check"
  | "cross"
  | "sound"
  | "mute"
  | "expand"
  | "contrast";

const PATHS: Record<IconName, string> = {
  bulb: "M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2V16h5v-.1c0-.8.4-1.5 1-2A6 6 0 0 0 12 3z",
  unlock: "M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 6.8-1.2M12 15v2",
  clock: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3 2",
  ladder: "M7 3v18M17 3v18M7 7h10M7 12h10M7 17h10",
  target: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8zM12 11.5v1",
  bolt: "M13 2L5 14h6l-1 8 8-12h-6z",
  contrast: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 3v18M12 7h4M12 11h5M12 15h4",
  bird: "M4 14c3 0 5-2 6-5 1-3 4-4 6-3l3 1-3 1c0 6-4 10-10 10l-2-4zM10 17l-1 4M13 16l1 4",
  dice: "M4 4h16v16H4zM8.5 8.5h.01M15.5 15.5h.01M12 12h.01M15.5 8.5h.01M8.5 15.5h.01",
  trophy: "M8 4h8v6a4 4 0 0 1-8 0zM8 6H4v1a3 3 0 0 0 4 3M16 6h4v1a3 3 0 0 1-4 3M12 14v3M8 21h8M9 17h6v4H9z",
  medal: "M8 2l4 6 4-6M12 9a6 6 0 1 0 0 12a6 6 0 1 0 0-12z",
  party: "M3 21l5-14 9 9zM14 3v2M19 5l-2 2M21 10h-2M10 4l1 2",
  check: "M4 12l5 5L20 6",
  cross: "M6 6l12 12M18 6L6 18",
  sound: "M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11",
  mute: "M4 9h4l5-4v14l-5-4H4zM16 9l5 6M21 9l-5 6",
  expand: "M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5",
};

export function Icon({ name, label, className }: { name: IconName; label?: string; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      className={className ? `icon ${className}` : "icon"}
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

// A medal with its place written on it, in gold, silver or bronze.
export function PlaceMedal({ place }: { place: number }) {
  const tone = ["#e0a800", "#9aa3ad", "#b86b2e"][place - 1] ?? "currentColor";
  return (
    <svg viewBox="0 0 24 24" className="icon icon-medal" aria-hidden="true">
      <path d="M8 2l4 6 4-6" fill="none" stroke={tone} strokeWidth={2} strokeLinecap="round" />
      <circle cx="12" cy="15" r="6.5" fill={tone} />
      <text x="12" y="18.5" textAnchor="middle" fontSize="9" fontWeight="800" fill="#1b1530">
        {place}
      </text>
    </svg>
  );
}
