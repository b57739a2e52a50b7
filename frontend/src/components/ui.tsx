import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ConnectionStatus } from "../protocol/client";
import type { Team } from "../protocol/types";
import { useNow } from "../lib/hooks";
import { cue, useMuted } from "../sound";
import { Icon } from "./Icon";

// Ten team colours that stay distinct for most colour vision and keep white text
// readable on them (each has at least 4.5:1 against #fff).
export const TEAM_COLOURS = [
  "#d62f4b",
  "#1d6fd1",
  "#157f46",
  "#8a4fd6",
  "#c2410c",
  "#0f7c8c",
  "#b5308a",
  "#5b6b00",
  "#6d4c41",
  "#374bb5",
];

// The server names teams after a colour ("Teal Otters"); a team called Teal should look teal.
const NAMED_COLOURS: Record<string, string> = {
  red: "#d62f4b",
  blue: "#1d6fd1",
  green: "#157f46",
  gold: "#8f6a00",
  purple: "#8a4fd6",
  orange: "#c2410c",
  silver: "#66707f",
  teal: "#0f7c8c",
  pink: "#b02aa6",
  indigo: "#4a3bc4",
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

export function TeamBadge({ name, colour }: { name: string; colour: string }) {
  return (
    <span className="team-badge" style={{ background: colour }}>
      {name}
    </span>
  );
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
