import { useEffect, useMemo, useState } from "react";
import { useDocumentTitle, useLive, useRemembered, useWakeLock } from "../lib/hooks";
import { cue } from "../sound";
import { screenOf } from "../protocol/reducer";
import { CloseCode } from "../protocol/types";
import type { AuthFrame, GameState } from "../protocol/types";
import { formatPoints, formatShare, ordinal } from "../game/words";
import { Clock, ConnectionBadge, Logo, MuteButton, PresenceDot, Spinner, teamColour } from "../components/ui";
import { QrCode } from "../components/QrCode";
import { Leaderboard, TeamProgressList } from "../components/Results";
import { Icon, PlaceMedal, type IconName } from "../components/Icon";
import type { RoundSummary, Team, WholeLadder } from "../protocol/types";
import type { FeedEntry } from "../components/SolveFeed";
import { SolveFeed, useSolveFeed } from "../components/SolveFeed";
import { TeamMark } from "../components/TeamMark";

// The TV: readable from across a room, never interactive, never an answer.
export function Screen({ code: rawCode }: { code: string }) {
  const code = rawCode.toUpperCase();
  const auth = useMemo<AuthFrame>(() => ({ type: "auth", screen: code }), [code]);
  const { state, client } = useLive(auth);
  const game = state?.game ?? null;
  useDocumentTitle(game?.lobby.code_hidden ? "Big screen" : `Screen ${code}`);
  // The TV stays on all evening.
  useWakeLock(Boolean(game));
  useEffect(() => {
    if (!client) return;
    return client.onFrame((frame) => {
      if (frame.type === "player_joined") cue("join");
      else if (frame.type === "team_finished") cue("finished");
      else if (frame.type === "round_ended") cue("finale");
    });
  }, [client]);
  const joinUrl = `${window.location.origin}/join/${code}`;
  const feed = useSolveFeed(client, game?.round?.id);
  // Dark and high-contrast for a bright room or a dim projector; on by default where
  // the system asks for more contrast.
  const [contrast, setContrast] = useRemembered<boolean>(
    "raddle.screen.contrast",
    typeof matchMedia === "function" && matchMedia("(prefers-contrast: more)").matches,
  );

  if (state?.closed) {
    const closedLobby = state.closed.code === CloseCode.LOBBY_GONE;
    // The night's last moment: the teams on top of the leaderboard, before goodbye.
    const board = closedLobby ? [...(game?.leaderboard ?? [])].sort((a, b) => b.points - a.points) : [];
    const champions = board.filter((row) => row.points > 0 && row.points === board[0]?.points);
    return (
      <main className="screen screen-center" id="main">
        <Logo />
        {champions.length > 0 && (
          <>
            <p className="screen-sub">
              <Icon name="trophy" /> Champions of the night
            </p>
            <h1 className="screen-huge tv-champions">{champions.map((row) => row.name).join(" & ")}</h1>
            <p className="screen-sub">{formatPoints(champions[0].points)} points</p>
          </>
        )}
        <h2 className="screen-h1">{closedLobby ? "This lobby is closed" : `No lobby ${code}`}</h2>
        <p className="screen-sub">{closedLobby ? "Thanks for playing!" : "Check the code in the address."}</p>
      </main>
    );
  }
  if (!state || !game) {
    return (
      <main className="screen screen-center" id="main">
        <Logo />
        <Spinner label="Connecting to the lobby…" />
      </main>
    );
  }
  const view = screenOf(game);
  return (
    <div className={contrast ? "screen theme-contrast" : "screen"}>
      <header className="screen-top">
        <Logo />
        <span className="screen-lobby">{game.lobby.name}</span>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          aria-pressed={contrast}
          aria-label="High contrast"
          title={contrast ? "High contrast is on" : "High contrast is off"}
          onClick={() => setContrast(!contrast)}
        >
          <Icon name="contrast" />
        </button>
        <MuteButton />
        <FullscreenButton />
        <ConnectionBadge status={state.status} attempt={state.attempt} />
      </header>
      <main id="main" className="screen-main">
        {view === "lobby" && <ScreenLobby game={game} code={code} joinUrl={joinUrl} />}
        {view === "playing" && (
          <ScreenRace game={game} code={code} joinUrl={joinUrl} offsetMs={state.clockOffsetMs} feed={feed} />
        )}
        {view === "results" && <ScreenResults game={game} />}
      </main>
    </div>
  );
}

function FullscreenButton() {
  const [full, setFull] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const follow = () => setFull(Boolean(document.fullscreenElement));
    document.addEventListener("fullscreenchange", follow);
    return () => document.removeEventListener("fullscreenchange", follow);
  }, []);
  if (!document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="btn btn-ghost btn-icon"
      aria-pressed={full}
      aria-label="Full screen"
      onClick={() => {
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        else void document.documentElement.requestFullscreen().catch(() => undefined);
      }}
    >
      <Icon name="expand" />
    </button>
  );
}

// Paper bits falling over the results; none for anyone who asked for less motion.
function Confetti() {
  const bits = Array.from({ length: 36 }, (_, i) => i);
  return (
    <div className="confetti" aria-hidden="true">
      {bits.map((i) => (
        <span
          key={i}
          style={{
            left: `${(i * 37) % 100}%`,
            animationDelay: `${(i % 12) * 0.25}s`,
            background: ["#ffd23f", "#5fd4ff", "#ff7aa2", "#7dffb0", "#c9a7ff"][i % 5],
          }}
        />
      ))}
    </div>
  );
}

function JoinPanel({
  code,
  joinUrl,
  compact = false,
  hidden = false,
}: {
  code: string;
  joinUrl: string;
  compact?: boolean;
  hidden?: boolean;
}) {
  if (hidden) {
    // For streamed games: nothing on screen lets a viewer join.
    return (
      <section className={compact ? "join-panel join-panel-compact" : "join-panel"} aria-label="How to join">
        <p className="join-label">The join code is hidden</p>
        <p className="join-hidden">Ask the host to join</p>
      </section>
    );
  }
  return (
    <section className={compact ? "join-panel join-panel-compact" : "join-panel"} aria-label="How to join">
      <p className="join-label">Join at</p>
      <p className="join-url">
        {/* Break between the host and the path, never inside the code. */}
        <span>{joinUrl.replace(/^https?:\/\//, "").replace(/\/join\/.*$/, "")}</span>
        <wbr />
        <span>/join/{code}</span>
      </p>
      <QrCode text={joinUrl} label={`QR code for ${joinUrl}`} size={compact ? 160 : 340} />
      <p className="join-label">or enter the code</p>
      <p className="screen-code" aria-label={`Lobby code ${code.split("").join(" ")}`}>
        {code}
      </p>
    </section>
  );
}

function ScreenLobby({ game, code, joinUrl }: { game: GameState; code: string; joinUrl: string }) {
  const waiting = game.players.filter((p) => p.team_id === null);
  return (
    <div className="screen-lobby-grid">
      <JoinPanel code={code} joinUrl={joinUrl} hidden={game.lobby.code_hidden === true} />
      <section className="screen-teams" aria-label="Teams">
        <h1 className="screen-h1">
          {game.players.length === 0
            ? "Waiting for players…"
            : `${game.players.length} player${game.players.length === 1 ? "" : "s"} in!`}
        </h1>
        <div className="screen-team-grid">
          {game.teams.map((team) => {
            const colour = teamColour(team.id, game.teams);
            const members = game.players.filter((p) => p.team_id === team.id);
            return (
              <article key={team.id} className="screen-team" style={{ borderTopColor: colour }}>
                <h2>
                  <TeamMark teamId={team.id} roster={game.teams} /> {team.name}
                </h2>
                <ul>
                  {members.map((p) => (
                    <li key={p.id} className="pop-in">
                      <PresenceDot connected={p.connected} /> {p.name} {p.ready && <span aria-label="ready">✓</span>}
                    </li>
                  ))}
                  {members.length === 0 && <li className="muted">No one yet</li>}
                </ul>
              </article>
            );
          })}
        </div>
        {waiting.length > 0 && (
          <div className="screen-waiting">
            <h2>{game.teams.length ? "Waiting for a team" : "In the lobby"}</h2>
            <ul className="chips">
              {waiting.map((p) => (
                <li key={p.id} className="chip pop-in">
                  {p.name}
                </li>
              ))}
            </ul>
          </div>
        )}
        {game.leaderboard.length > 0 && <Leaderboard rows={game.leaderboard} roster={game.teams} big />}
      </section>
    </div>
  );
}

function ScreenRace({
  game,
  code,
  joinUrl,
  offsetMs,
  feed,
}: {
  game: GameState;
  code: string;
  joinUrl: string;
  offsetMs: number;
  feed: FeedEntry[];
}) {
  const round = game.round;
  if (!round) return null;
  const finished = round.teams.filter((t) => t.place).sort((a, b) => (a.place ?? 0) - (b.place ?? 0));
  return (
    <div className="screen-race-grid">
      <section aria-label="Race">
        <div className="screen-race-head">
          <h1 className="screen-h1">Round {round.number}</h1>
          {round.ends_at && <Clock endsAt={round.ends_at} offsetMs={offsetMs} big ticking />}
        </div>
        <TeamProgressList
          teams={round.teams}
          roster={game.teams}
          big
          puzzles={round.mode === "different"}
          members={(teamId) => game.players.filter((p) => p.team_id === teamId).map((p) => p.name)}
        />
        {finished.length > 0 && (
          <p className="screen-sub" aria-live="polite">
            {finished.map((t) => `${t.name} finished ${ordinal(t.place ?? 0)}`).join(" · ")}
          </p>
        )}
      </section>
      <div className="screen-side">
        <SolveFeed feed={feed} roster={game.teams} />
        <JoinPanel code={code} joinUrl={joinUrl} compact hidden={game.lobby.code_hidden === true} />
      </div>
    </div>
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

// Seconds each team's answers stay up before the next team's.
const ANSWER_TURN_MS = 9000;

// Results for a room: one screen at 1920×1080, nothing smaller than 32 px. The
// round's standings with each score as its sum and the running total, every team's
// ladder in turn, and the awards.
function ScreenResults({ game }: { game: GameState }) {
  const summary = game.last_summary;
  if (!summary) return <h1 className="screen-h1">Results</h1>;
  const winner = summary.teams.find((t) => t.place === 1);
  return (
    <div className="tv-results">
      {winner && <Confetti key={summary.round_id} />}
      <h1 className="tv-title">
        {winner ? (
          <>
            <Icon name="trophy" /> {currentName(winner.team_id, winner.name, game.teams)} win round {summary.number}!
          </>
        ) : (
          `Round ${summary.number} is over`
        )}
      </h1>
      <div className="tv-results-grid">
        <Standings summary={summary} game={game} />
        <AnswerCarousel summary={summary} roster={game.teams} />
        <TvAwards summary={summary} />
      </div>
    </div>
  );
}

function currentName(teamId: number | null, name: string, roster: Team[]): string {
  return roster.find((t) => t.id === teamId)?.name ?? name;
}

function Standings({ summary, game }: { summary: RoundSummary; game: GameState }) {
  const totals = new Map(game.leaderboard.map((row) => [row.team_id, row.points]));
  return (
    <section className="tv-panel" aria-labelledby="tv-standings">
      <h2 id="tv-standings" className="tv-h2">
        This round <span className="tv-muted">· total</span>
      </h2>
      <ol className="tv-standings">
        {summary.teams.map((t) => {
          const name = currentName(t.team_id, t.name, game.teams);
          const sum = t.place_points && t.hint_share ? `${formatPoints(t.place_points)} − ${formatShare(t.hint_share)} = ` : "";
          return (
            <li key={`${t.team_id}-${t.name}`} className="tv-standing">
              <span className="tv-place">{t.place ? t.place <= 3 ? <PlaceMedal place={t.place} /> : ordinal(t.place) : "—"}</span>
              <span className="tv-team">
                <TeamMark teamId={t.team_id} roster={game.teams} name={name} />
                {name}
              </span>
              <span className="tv-score">
                {sum}
                <strong>+{formatPoints(t.points)}</strong>
                <span className="tv-muted"> · {formatPoints(totals.get(t.team_id) ?? t.points)}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

// One team's whole ladder at a time, turning every few seconds, so the room sees
// every answer without a scroll.
function AnswerCarousel({ summary, roster }: { summary: RoundSummary; roster: Team[] }) {
  const ladders = summary.ladders ?? [];
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    setTurn(0);
    if (ladders.length < 2) return;
    const timer = setInterval(() => setTurn((n) => n + 1), ANSWER_TURN_MS);
    return () => clearInterval(timer);
  }, [summary.round_id, ladders.length]);
  if (!ladders.length) return <section className="tv-panel" aria-hidden="true" />;
  const ladder = ladders[turn % ladders.length];
  return (
    <section className="tv-panel" aria-labelledby="tv-answers">
      <h2 id="tv-answers" className="tv-h2">
        <TeamMark teamId={ladder.team_id} roster={roster} name={ladder.name} />
        {currentName(ladder.team_id, ladder.name, roster)} <span className="tv-muted">· {ladder.puzzle.title}</span>
      </h2>
      <TvLadder ladder={ladder} />
      {ladders.length > 1 && (
        <p className="tv-muted tv-turns" aria-hidden="true">
          {(turn % ladders.length) + 1} of {ladders.length}
        </p>
      )}
    </section>
  );
}

function TvLadder({ ladder }: { ladder: WholeLadder }) {
  // Long ladders go in two columns so twenty rungs still fit the screen.
  const columns = ladder.rungs.length > 10 ? 2 : 1;
  return (
    <ol className={`tv-ladder tv-ladder-${columns}`} key={`${ladder.team_id}-${ladder.name}`}>
      {ladder.rungs.map((rung) => {
        const step = ladder.steps[rung.index - 1];
        const found = rung.given ? "given" : rung.solved_by ? (rung.by_hint ? "hint" : "solved") : "missed";
        return (
          <li key={rung.index} className={`tv-rung tv-${found}`}>
            {step?.transform && <span className="transform">{step.transform}</span>}
            <span className="tv-word">{rung.word}</span>
            {found === "missed" && <span className="visually-hidden"> (not found)</span>}
            {found === "hint" && <Icon name="bulb" label="by a hint" />}
          </li>
        );
      })}
    </ol>
  );
}

function TvAwards({ summary }: { summary: RoundSummary }) {
  return (
    <section className="tv-panel" aria-labelledby="tv-awards">
      <h2 id="tv-awards" className="tv-h2">
        Awards
      </h2>
      {summary.awards.length === 0 ? (
        <p className="tv-muted">No guesses, no awards.</p>
      ) : (
        <ul className="tv-awards">
          {summary.awards.map((award) => (
            <li key={award.key} className="tv-award">
              <Icon name={AWARD_ICONS[award.key] ?? "medal"} />
              <span>
                <strong>{award.title}</strong> <span className="tv-muted">{award.player_name}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
