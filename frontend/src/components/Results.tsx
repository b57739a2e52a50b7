import type { LeaderboardRow, RoundSummary, SummaryTeam, Team, TeamProgress, WholeLadder } from "../protocol/types";
import { formatPoints, formatSeconds, formatShare, ordinal } from "../game/words";
import { ProgressBar, teamColour } from "./ui";
import { Icon, PlaceMedal, type IconName } from "./Icon";
import { TeamMark } from "./TeamMark";

function placeLabel(place: number | null | undefined) {
  if (!place) return "—";
  return (
    <span className="place">
      {place <= 3 && <PlaceMedal place={place} />}
      {ordinal(place)}
    </span>
  );
}

// A team's round score as the sum it is: "2 − 35 % hints = 1.3".
export function PointsSum({ team }: { team: Pick<SummaryTeam, "place_points" | "hint_share" | "points"> }) {
  if (!team.place_points || !team.hint_share) {
    return <strong className="points-sum">{formatPoints(team.points)}</strong>;
  }
  return (
    <span className="points-sum">
      {formatPoints(team.place_points)} − {formatShare(team.hint_share)} hints = <strong>{formatPoints(team.points)}</strong>
    </span>
  );
}

// Every team's whole ladder once the round is over: every word, who found it, and
// every clue with how its step works. Nobody leaves asking "what was the answer?".
export function AnswerLadders({
  summary,
  roster,
  highlight,
  big = false,
}: {
  summary: RoundSummary;
  roster: Team[];
  highlight?: number | null;
  big?: boolean;
}) {
  const ladders = summary.ladders ?? [];
  if (!ladders.length) return null;
  return (
    <section className={big ? "answers answers-big" : "card answers"} aria-labelledby={`answers-${summary.round_id}`}>
      <h2 id={`answers-${summary.round_id}`} className="card-title">
        The answers
      </h2>
      <div className="answers-grid">
        {ladders.map((ladder) => (
          <WholeLadderView
            key={`${ladder.team_id}-${ladder.name}`}
            ladder={ladder}
            colour={teamColour(ladder.team_id, roster, ladder.name)}
            roster={roster}
            mine={ladder.team_id !== null && ladder.team_id === highlight}
            big={big}
          />
        ))}
      </div>
    </section>
  );
}

function WholeLadderView({
  ladder,
  colour,
  roster,
  mine,
  big,
}: {
  ladder: WholeLadder;
  colour: string;
  roster: Team[];
  mine: boolean;
  big: boolean;
}) {
  return (
    <details className={mine ? "answer answer-mine" : "answer"} open={big || mine} style={{ ["--team" as string]: colour }}>
      <summary>
        <TeamMark teamId={ladder.team_id} roster={roster} name={ladder.name} />
        <strong>{ladder.name}</strong> <span className="muted">· {ladder.puzzle.title}</span>
      </summary>
      <ol className="answer-rungs">
        {ladder.rungs.map((rung) => {
          const step = ladder.steps[rung.index];
          const found = rung.given ? "given" : rung.solved_by ? (rung.by_hint ? "hint" : "solved") : "missed";
          return (
            <li key={rung.index} className={`answer-rung answer-${found}`}>
              <span className="answer-word">
                {rung.word}
                <span className="answer-by">
                  {found === "given"
                    ? ""
                    : found === "missed"
                      ? "not found"
                      : found === "hint"
                        ? `hint · ${rung.solved_by?.name ?? ""}`
                        : rung.solved_by?.name}
                </span>
              </span>
              {step && !big && (
                <span className="answer-step">
                  {step.transform && <span className="transform">{step.transform}</span>}
                  {step.text}
                </span>
              )}
              {step && big && step.transform && (
                <span className="answer-step">
                  <span className="transform">{step.transform}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

export function sortProgress(teams: TeamProgress[]): TeamProgress[] {
  return [...teams].sort((a, b) => {
    if (a.place && b.place) return a.place - b.place;
    if (a.place) return -1;
    if (b.place) return 1;
    return b.progress - a.progress || a.name.localeCompare(b.name);
  });
}

// The TV draws each team's progress as rungs, one segment per hidden word.
function RungBar({ t, colour }: { t: TeamProgress; colour: string }) {
  const total = Math.max(1, Math.min(t.total, 24));
  const filled = Math.round(t.progress * total);
  return (
    <div
      className="rungbar"
      role="progressbar"
      aria-label={`${t.name}: ${t.solved} of ${t.total} rungs`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(t.progress * 100)}
    >
      {Array.from({ length: total }, (_, i) => (
        <span key={i} className={i < filled ? "rungbar-seg rungbar-on" : "rungbar-seg"} style={i < filled ? { background: colour } : undefined} />
      ))}
    </div>
  );
}

export function TeamProgressList({
  teams,
  roster,
  big = false,
  highlight,
  title = "Race",
  members,
  puzzles = false,
}: {
  teams: TeamProgress[];
  roster: Team[];
  big?: boolean;
  highlight?: number | null;
  title?: string;
  members?: (teamId: number) => string[];
  // Name each team's puzzle (teams on different puzzles).
  puzzles?: boolean;
}) {
  return (
    <section className={big ? `race race-big${teams.length > 5 ? " race-many" : ""}` : "card race"} aria-label={title}>
      {!big && <h2 className="card-title">{title}</h2>}
      <ol className="race-list">
        {sortProgress(teams).map((t) => {
          const colour = teamColour(t.team_id, roster, t.name);
          return (
            <li key={t.team_id} className={t.team_id === highlight ? "race-row race-mine" : "race-row"}>
              <div className="race-head">
                <span className="race-name">
                  <TeamMark teamId={t.team_id} roster={roster} name={t.name} />
                  {t.name}
                  {t.team_id === highlight && <span className="muted"> (you)</span>}
                  {puzzles && t.puzzle && <span className="race-puzzle"> · {t.puzzle}</span>}
                </span>
                <span className="race-count">
                  {t.place ? (
                    <strong className="race-place">{placeLabel(t.place)}</strong>
                  ) : (
                    `${t.solved}/${t.total}`
                  )}
                </span>
              </div>
              {big ? (
                <RungBar t={t} colour={colour} />
              ) : (
                <ProgressBar value={t.progress} colour={colour} label={`${t.name}: ${t.solved} of ${t.total} rungs`} />
              )}
              {members && t.team_id !== null && <p className="race-members">{members(t.team_id).join(" · ")}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

const AWARD_ICONS: Record<string, IconName> = {
  rung_raider: "ladder",
  sharpshooter: "target",
  quick_draw: "bolt",
  early_bird: "bird",
  bold_guesser: "dice",
  hint_hunter: "bulb",
};

export function Awards({ summary }: { summary: RoundSummary }) {
  if (!summary.awards?.length) return null;
  return (
    <section className="card" aria-labelledby="awards-title">
      <h2 id="awards-title" className="card-title">
        Awards
      </h2>
      <ul className="awards">
        {summary.awards.map((award, i) => (
          <li key={`${award.key}-${i}`} className="award">
            <span className="award-icon" aria-hidden="true">
              <Icon name={AWARD_ICONS[award.key] ?? "medal"} />
            </span>
            <span className="award-text">
              <strong>{award.title}</strong>
              <span>{award.player_name}</span>
              {award.detail && <small className="muted">{award.detail}</small>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const REASONS: Record<string, string> = {
  all_finished: "Every team reached the end.",
  host: "The host ended the round.",
  timer: "Time ran out!",
};

// Each puzzle of the round once, with its author and the note they left.
export function PuzzleCredits({ teams }: { teams: RoundSummary["teams"] }) {
  const seen = new Map<string, { author: string | null; note: string | null }>();
  for (const t of teams) {
    if (!seen.has(t.puzzle) && (t.author || t.note)) seen.set(t.puzzle, { author: t.author ?? null, note: t.note ?? null });
  }
  if (seen.size === 0) return null;
  return (
    <ul className="puzzle-credits" aria-label="About the puzzles">
      {[...seen.entries()].map(([title, { author, note }]) => (
        <li key={title}>
          <strong>{title}</strong>
          {author && <span> by {author}</span>}
          {note && <span className="puzzle-note"> · {note}</span>}
        </li>
      ))}
    </ul>
  );
}

export function SummaryTable({
  summary,
  roster,
  highlight,
  showPlayers = true,
}: {
  summary: RoundSummary;
  roster: Team[];
  highlight?: number | null;
  showPlayers?: boolean;
}) {
  const rows = [...summary.teams].sort((a, b) => (a.place ?? 99) - (b.place ?? 99) || (b.points ?? 0) - (a.points ?? 0));
  return (
    <section className="card" aria-labelledby={`summary-${summary.round_id}`}>
      <h2 id={`summary-${summary.round_id}`} className="card-title">
        Round {summary.number} results <span className="muted">{REASONS[summary.reason ?? ""] ?? ""}</span>
      </h2>
      {/* Scrolls sideways on a narrow phone, so it takes keyboard focus too. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={`Round ${summary.number} results table`}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Team</th>
              <th scope="col" className="hide-narrow">
                Puzzle
              </th>
              <th scope="col">Time</th>
              <th scope="col">Rungs</th>
              <th scope="col" className="hide-narrow">
                Hints
              </th>
              <th scope="col" className="hide-narrow">
                Wrong
              </th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.team_id} className={t.team_id === highlight ? "row-mine" : undefined}>
                <td>{t.finished ? placeLabel(t.place) : "DNF"}</td>
                <th scope="row">
                  <TeamMark teamId={t.team_id} roster={roster} name={t.name} />
                  {t.name}
                </th>
                <td className="hide-narrow">{t.puzzle}</td>
                <td>{t.finished ? formatSeconds(t.seconds) : "—"}</td>
                <td>
                  {t.solved}/{t.total}
                </td>
                <td className="hide-narrow">{t.hints}</td>
                <td className="hide-narrow">{t.wrong_guesses}</td>
                <td>
                  <PointsSum team={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PuzzleCredits teams={summary.teams} />
      {showPlayers && summary.players?.length > 0 && (
        <details className="contrib">
          <summary>Who did what</summary>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Who did what table">
            <table className="table table-small">
              <thead>
                <tr>
                  <th scope="col">Player</th>
                  <th scope="col">Team</th>
                  <th scope="col">Solved</th>
                  <th scope="col">Wrong</th>
                  <th scope="col">Hints</th>
                </tr>
              </thead>
              <tbody>
                {[...summary.players]
                  .sort((a, b) => b.correct - a.correct || a.wrong - b.wrong)
                  .map((p) => (
                    <tr key={p.player_id}>
                      <th scope="row">{p.name}</th>
                      <td>{roster.find((t) => t.id === p.team_id)?.name ?? summary.teams.find((t) => t.team_id === p.team_id)?.name ?? "—"}</td>
                      <td>{p.correct}</td>
                      <td>{p.wrong}</td>
                      <td>{p.hints}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}

export function Leaderboard({
  rows,
  roster,
  highlight,
  big = false,
}: {
  rows: LeaderboardRow[];
  roster: Team[];
  highlight?: number | null;
  big?: boolean;
}) {
  const sorted = [...rows].sort((a, b) => b.points - a.points || b.rounds_won - a.rounds_won);
  return (
    <section className={big ? "leaderboard leaderboard-big" : "card leaderboard"} aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title" className="card-title">
        Leaderboard
      </h2>
      {sorted.length === 0 ? (
        <p className="muted">No rounds played yet.</p>
      ) : (
        <ol className="lb-list">
          {sorted.map((row, i) => {
            // A team renamed since its rounds keeps its place under its name now.
            const name = roster.find((t) => t.id === row.team_id)?.name ?? row.name;
            return (
            <li key={row.team_id ?? `gone-${i}`} className={row.team_id === highlight ? "lb-row lb-mine" : "lb-row"}>
              <span className="lb-rank">{i < 3 ? <PlaceMedal place={i + 1} /> : i + 1}</span>
              <TeamMark teamId={row.team_id} roster={roster} name={name} />
              <span className="lb-name">{name}</span>
              <span className="lb-meta muted">
                {row.rounds_won} won · {row.rounds_played} played
              </span>
              <span className="lb-points">
                {formatPoints(row.points)} <small>{row.points === 1 ? "pt" : "pts"}</small>
              </span>
            </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
