import { useMemo } from "react";
import { useDocumentTitle, useLive } from "../lib/hooks";
import { screenOf } from "../protocol/reducer";
import type { AuthFrame, GameState } from "../protocol/types";
import { ordinal } from "../game/words";
import { Clock, ConnectionBadge, Logo, PresenceDot, Spinner, teamColour } from "../components/ui";
import { QrCode } from "../components/QrCode";
import { Awards, Leaderboard, SummaryTable, TeamProgressList } from "../components/Results";

// The TV: readable from across a room, never interactive, never an answer.
export function Screen({ code: rawCode }: { code: string }) {
  const code = rawCode.toUpperCase();
  const auth = useMemo<AuthFrame>(() => ({ type: "auth", screen: code }), [code]);
  const { state } = useLive(auth);
  const game = state?.game ?? null;
  useDocumentTitle(game?.lobby.code_hidden ? "Big screen" : `Screen ${code}`);
  const joinUrl = `${window.location.origin}/join/${code}`;

  if (state?.closed) {
    return (
      <main className="screen screen-center" id="main">
        <Logo />
        <h1 className="screen-huge">{state.closed.code === 4004 ? "This lobby is closed" : `No lobby ${code}`}</h1>
        <p className="screen-sub">{state.closed.code === 4004 ? "Thanks for playing!" : "Check the code in the address."}</p>
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
    <div className="screen">
      <header className="screen-top">
        <Logo />
        <span className="screen-lobby">{game.lobby.name}</span>
        <ConnectionBadge status={state.status} attempt={state.attempt} />
      </header>
      <main id="main" className="screen-main">
        {view === "lobby" && <ScreenLobby game={game} code={code} joinUrl={joinUrl} />}
        {view === "playing" && <ScreenRace game={game} code={code} joinUrl={joinUrl} offsetMs={state.clockOffsetMs} />}
        {view === "results" && <ScreenResults game={game} />}
      </main>
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
                <h2 style={{ color: colour }}>{team.name}</h2>
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
}: {
  game: GameState;
  code: string;
  joinUrl: string;
  offsetMs: number;
}) {
  const round = game.round;
  if (!round) return null;
  const finished = round.teams.filter((t) => t.place).sort((a, b) => (a.place ?? 0) - (b.place ?? 0));
  return (
    <div className="screen-race-grid">
      <section aria-label="Race">
        <div className="screen-race-head">
          <h1 className="screen-h1">Round {round.number}</h1>
          {round.ends_at && <Clock endsAt={round.ends_at} offsetMs={offsetMs} big />}
        </div>
        <TeamProgressList
          teams={round.teams}
          roster={game.teams}
          big
          members={(teamId) => game.players.filter((p) => p.team_id === teamId).map((p) => p.name)}
        />
        {finished.length > 0 && (
          <p className="screen-sub" aria-live="polite">
            {finished.map((t) => `${t.name} finished ${ordinal(t.place ?? 0)}`).join(" · ")}
          </p>
        )}
      </section>
      <JoinPanel code={code} joinUrl={joinUrl} compact hidden={game.lobby.code_hidden === true} />
    </div>
  );
}

function ScreenResults({ game }: { game: GameState }) {
  const summary = game.last_summary;
  const podium = summary ? [...summary.teams].filter((t) => t.finished && t.place).sort((a, b) => (a.place ?? 0) - (b.place ?? 0)) : [];
  return (
    <div className="screen-results">
      <h1 className="screen-h1">{podium.length > 0 ? "And the winners are…" : summary ? `Round ${summary.number} is over` : "Results"}</h1>
      {podium.length > 0 && (
        <ol className="podium">
          {podium.slice(0, 3).map((t) => (
            <li key={t.team_id} className={`podium-step podium-${t.place}`} style={{ background: teamColour(t.team_id, game.teams, t.name) }}>
              <span className="podium-place">{ordinal(t.place ?? 0)}</span>
              <span className="podium-name">{t.name}</span>
              <span className="podium-points">+{t.points} pts</span>
            </li>
          ))}
        </ol>
      )}
      <div className="screen-results-grid">
        {summary && <SummaryTable summary={summary} roster={game.teams} showPlayers={false} />}
        <div className="stack">
          <Leaderboard rows={game.leaderboard} roster={game.teams} big />
          {summary && <Awards summary={summary} />}
        </div>
      </div>
    </div>
  );
}
