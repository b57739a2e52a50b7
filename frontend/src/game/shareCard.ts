// The result a player can paste into a chat after a round: the team's rungs as a row
// of squares, its place and time, and nothing that leads back to the lobby (no code,
// no player names), so it can be posted anywhere.
import type { RoundSummary, WholeLadder } from "../protocol/types";
import { formatSeconds, ordinal } from "./words";

export const RUNG_SQUARES = {
  solved: "🟩",
  hint: "🟨",
  revealed: "⬛",
} as const;

export type RungOutcome = keyof typeof RUNG_SQUARES;

// Squares per line: a twenty-rung ladder stays two short lines on a phone.
const ROW = 10;

// How each hidden rung was found, top to bottom; the given top and bottom words are
// the same for everyone and carry no news.
export function rungOutcomes(ladder: Pick<WholeLadder, "rungs">): RungOutcome[] {
  return ladder.rungs
    .filter((rung) => !rung.given)
    .map((rung) => (rung.solved_by ? (rung.by_hint ? "hint" : "solved") : "revealed"));
}

export function squares(outcomes: RungOutcome[]): string {
  const lines: string[] = [];
  for (let i = 0; i < outcomes.length; i += ROW) {
    lines.push(
      outcomes
        .slice(i, i + ROW)
        .map((o) => RUNG_SQUARES[o])
        .join(""),
    );
  }
  return lines.join("\n");
}

// The card for the team `teamId`, or null when that team did not play the round.
export function shareText(summary: RoundSummary, teamId: number): string | null {
  const team = summary.teams.find((t) => t.team_id === teamId);
  const ladder = summary.ladders?.find((l) => l.team_id === teamId);
  if (!team || !ladder) return null;
  const outcomes = rungOutcomes(ladder);
  const count = (o: RungOutcome) => outcomes.filter((x) => x === o).length;
  const teams = summary.teams.length;
  const standing =
    team.finished && team.place
      ? `${ordinal(team.place)} of ${teams} ${teams === 1 ? "team" : "teams"} in ${formatSeconds(team.seconds)}`
      : `Did not finish · ${team.solved}/${team.total} rungs`;
  const tally = [`${count("solved")} solved`];
  if (count("hint")) tally.push(`${count("hint")} by hint`);
  if (count("revealed")) tally.push(`${count("revealed")} revealed at the end`);
  return [
    `Raddle Teams · round ${summary.number}`,
    `${ladder.puzzle.title}`,
    standing,
    squares(outcomes),
    tally.join(" · "),
  ].join("\n");
}

export type ShareOutcome = "shared" | "copied" | "cancelled" | "failed";

// The phone's own share sheet where there is one, else the clipboard.
export async function shareResult(text: string, nav: Navigator = navigator): Promise<ShareOutcome> {
  if (typeof nav.share === "function" && (typeof nav.canShare !== "function" || nav.canShare({ text }))) {
    try {
      await nav.share({ text });
      return "shared";
    } catch (e) {
      // Closing the share sheet is a choice, not a failure; anything else falls back.
      if (e instanceof Error && e.name === "AbortError") return "cancelled";
    }
  }
  try {
    await nav.clipboard.writeText(text);
    return "copied";
  } catch {
    return "failed";
  }
}
