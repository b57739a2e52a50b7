import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ConnectionStatus } from "../protocol/client";
import type { Team } from "../protocol/types";
import { useNow } from "../lib/hooks";
import { cue, useMuted } from "../sound";
import { Icon } from "./Icon";

// Team colours that people with any common colour vision can tell apart: the
// Okabe–Ito set (black included), with a grey and Paul Tol's wine for ten. Colour is
// never the only cue: every team also carries its letter (TeamMark).
export const TEAM_COLOURS = [
  "#E69F00",
  "#56B4E9",
  "#009E73",
  "#F0E442",
  "#0072B2",
  "#D55E00",
  "#CC79A7",
  "#000000",
  "#999999",
  "#882255",
];

// The server names teams after a colour ("Teal Otters"); a team called Teal should
// look as near teal as the safe set allows, and no two colour names share a colour.
const NAMED_COLOURS: Record<string, string> = {
  red: "#D55E00",
  orange: "#E69F00",
  gold: "#F0E442",
  green: "#009E73",
  teal: "#56B4E9",
  blue: "#0072B2",
  pink: "#CC79A7",
  indigo: "#000000",
  silver: "#999999",
  purple: "#882255",
};

export function teamColour(
  teamId: number | null | undefined,
  teams: Pick<Team, "id" | "name">[],
  name?: string,
): string {
  if (teamId === null || teamId === undefined) return "#6b6480";
  const known = name ?? teams.find((t) => t.id === teamId)?.name ?? "";
  const word = known.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (NAMED_COLOURS[word]) return NAMED_COLOURS[word];
  const ids = teams.map((t) => t.id).sort((a, b) => a - b);
  const index = ids.indexOf(teamId);
  return TEAM_COLOURS[(index === -1 ? teamId : index) % TEAM_COLOURS.length];
}

// Each team's letter, A to Z in the order the teams were made; it goes with the colour
// everywhere, so telling teams apart never rests on colour alone.
export function teamLetter(teamId: number | null | undefined, teams: Pick<Team, "id">[]): string {
  if (teamId === null || teamId === undefined) return "·";
  const ids = teams.map((t) => t.id).sort((a, b) => a - b);
  const index = ids.indexOf(teamId);
  if (index === -1) return "?";
  return String.fromCharCode(65 + (index % 26));
}

export function Logo({ small = false }: { small?: boolean }) {
  return (
    <span className={small ? "logo logo-small" : "logo"}>
      <svg aria-hidden="true" viewBox="0 0 32 40" className="logo-mark">
        <path d="M8 3v34M24 3v34" />
        <path className="logo-rung" d="M8 11h16M8 20h16M8 29h16" />
      </svg>
      <span className="logo-text">
        Raddle <b>Teams</b>
      </span>
    </span>
  );
}

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: "Connecting…",
  open: "Live",
  reconnecting: "Reconnecting…",
  closed: "Disconnected",
};

// Quiet on purpose: a dot that only spells itself out when something is wrong.
export function ConnectionBadge({ status, attempt = 0 }: { status: ConnectionStatus; attempt?: number }) {
  const text = STATUS_TEXT[status];
  return (
    <span className={`conn conn-${status}`} role="status" aria-live="polite" title={text}>
      <span className="conn-dot" aria-hidden="true" />
      <span className={status === "open" ? "visually-hidden" : "conn-text"}>
        {text}
        {status === "reconnecting" && attempt > 2 ? ` (try ${attempt})` : ""}
      </span>
    </span>
  );
}

export function PresenceDot({ connected }: { connected: boolean }) {
  return (
    <span
      className={connected ? "presence presence-on" : "presence presence-off"}
      role="img"
      aria-label={connected ? "online" : "offline"}
      title={connected ? "online" : "offline"}
    />
  );
}

export function ProgressBar({
  value,
  colour,
  label,
  big = false,
}: {
  value: number;
  colour?: string;
  label: string;
  big?: boolean;
}) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className={big ? "bar bar-big" : "bar"}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <div className="bar-fill" style={{ width: `${pct}%`, background: colour }} />
    </div>
  );
}

export function Clock({
  endsAt,
  offsetMs = 0,
  big = false,
  ticking = false,
}: {
  endsAt: string | null | undefined;
  offsetMs?: number;
  big?: boolean;
  // Tick each of the last ten seconds.
  ticking?: boolean;
}) {
  const now = useNow(250, Boolean(endsAt));
  const left = endsAt ? Math.max(0, Math.ceil((Date.parse(endsAt) - (now + offsetMs)) / 1000)) : 0;
  useEffect(() => {
    if (ticking && endsAt && left > 0 && left <= 10) cue("tick");
  }, [ticking, endsAt, left]);
  if (!endsAt) return null;
  const m = Math.floor(left / 60);
  const s = left % 60;
  const urgent = left <= 30;
  return (
    <span
      className={`clock${urgent ? " clock-urgent" : ""}${big ? " clock-big" : ""}`}
      role="timer"
      aria-label={`${m} minutes ${s} seconds left`}
    >
      <Icon name="clock" /> {m}:{String(s).padStart(2, "0")}
    </span>
  );
}

export function Alert({
  kind = "error",
  children,
  onClose,
}: {
  kind?: "error" | "info" | "warn" | "success";
  children: ReactNode;
  onClose?: () => void;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === "error" || kind === "warn" ? "alert" : "status"}>
      <div className="alert-body">{children}</div>
      {onClose && (
        <button type="button" className="btn-icon" onClick={onClose} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

// A button that asks "are you sure?" in place, instead of a browser dialog.
export function ConfirmButton({
  children,
  question,
  confirmLabel = "Yes",
  onConfirm,
  className = "btn",
  disabled,
}: {
  children: ReactNode;
  question: ReactNode;
  confirmLabel?: string;
  onConfirm: () => void | Promise<void>;
  className?: string;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (asking) yesRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className={className} onClick={() => setAsking(true)} disabled={disabled}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-labelledby={id}>
      <span id={id} className="confirm-q">
        {question}
      </span>
      <button
        ref={yesRef}
        type="button"
        className="btn btn-danger btn-small"
        onClick={async () => {
          setAsking(false);
          await onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

export function Spinner({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function TeamBadge({ name, colour, letter }: { name: string; colour: string; letter?: string }) {
  return (
    <span className="team-badge" style={{ background: colour, color: inkOn(colour) }}>
      {letter && <span className="team-badge-letter">{letter}</span>}
      {name}
    </span>
  );
}

// Black or white, whichever reads better on `colour` (#rrggbb).
export function inkOn(colour: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) return "#fff";
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05; they meet near L = 0.179.
  return luminance > 0.179 ? "#111" : "#fff";
}

// The sound switch, remembered on this device.
export function MuteButton() {
  const [muted, setMuted] = useMuted();
  return (
    <button
      type="button"
      className="btn btn-ghost btn-icon"
      aria-pressed={!muted}
      aria-label="Sound"
      title={muted ? "Sound is off" : "Sound is on"}
      onClick={() => setMuted(!muted)}
    >
      <Icon name={muted ? "mute" : "sound"} />
    </button>
  );
}
