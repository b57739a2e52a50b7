import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { api, errorText } from "../lib/api";
import { currentSeat, forgetSeat } from "../lib/storage";
import { useDocumentTitle, useLive, useWakeLock } from "../lib/hooks";
import { cue } from "../sound";
import { ladderCounts, screenOf } from "../protocol/reducer";
import { RequestError, type LiveClient, type LiveState } from "../protocol/client";
import { CloseCode } from "../protocol/types";
import type {
  AuthFrame,
  Direction,
  GameState,
  Player,
  ServerFrame,
} from "../protocol/types";
import { formatPoints, ordinal, plural } from "../game/words";
import { Alert, Clock, ConfirmButton, ConnectionBadge, Logo, MuteButton, PresenceDot, Spinner, TeamBadge, teamColour, teamLetter } from "../components/ui";
import { SolveView } from "../components/Solve";
import { Ladder, type GuessOutcome } from "../components/Ladder";
import { AnswerLadders, Awards, Leaderboard, PointsSum, SummaryTable, TeamProgressList } from "../components/Results";
import { ToastShelf, useToasts, type Toast } from "../components/Toasts";
import { Icon } from "../components/Icon";
import { ShareCard } from "../components/ShareCard";
import { TeamMark } from "../components/TeamMark";

const CLOSED_TEXT: Partial<Record<number, { title: string; body: string }>> = {
  [CloseCode.UNAUTHORIZED]: { title: "Your seat is gone", body: "This device is no longer signed in to that lobby. Join again with the code." },
  [CloseCode.LEFT]: { title: "You left the lobby", body: "Thanks for playing! Join again any time with the code." },
  [CloseCode.KICKED]: { title: "You were removed", body: "The host removed you from the lobby." },
  [CloseCode.LOBBY_GONE]: { title: "The lobby is closed", body: "The host closed this lobby. Thanks for playing!" },
};

function directionKey(roundId: number): string {
  return `raddle.direction.${roundId}`;
}

function storedDirection(roundId: number | undefined): Direction {
  if (roundId === undefined) return "down";
  try {
    return sessionStorage.getItem(directionKey(roundId)) === "up" ? "up" : "down";
  } catch {
    return "down";
  }
}

export function Play() {
  const [, navigate] = useLocation();
  const seat = useMemo(() => currentSeat(), []);
  const auth = useMemo<AuthFrame | null>(() => (seat ? { type: "auth", token: seat.token } : null), [seat]);
  const { state, client } = useLive(auth);
  const { toasts, push, clear } = useToasts();

  useEffect(() => {
    if (!seat) navigate("/", { replace: true });
  }, [seat, navigate]);

  useEffect(() => {
    if (state?.closed && seat && CLOSED_TEXT[state.closed.code]) forgetSeat(seat.code);
  }, [state?.closed, seat]);

  useEffect(() => {
    if (!client) return;
    return client.onFrame((frame, live) => {
      // The results replace the round: its passing news would only cover them.
      if (frame.type === "round_ended") clear();
      announce(frame, live, push);
    });
  }, [client, push, clear]);

  const game = state?.game ?? null;
  useDocumentTitle(game ? game.lobby.name : "Play");

  if (!seat) return null;
  if (state?.closed) {
    const text = CLOSED_TEXT[state.closed.code] ?? { title: "Disconnected", body: state.closed.reason };
    return (
      <main className="page page-narrow" id="main">
        <Logo />
        <div className="card">
          <h1 className="card-title big-title">{text.title}</h1>
          <p>{text.body}</p>
          <Link href="/" className="btn btn-primary">
            Back to the start
          </Link>
        </div>
      </main>
    );
  }
  if (!state || !game || !client) {
    return (
      <main className="page page-narrow" id="main">
        <Logo />
        <Spinner label={state?.status === "reconnecting" ? "Reconnecting…" : "Joining the lobby…"} />
      </main>
    );
  }
  return (
    <PlayerScreen
      game={game}
      live={state}
      client={client}
      seatCode={seat.code}
      onLeft={() => {
        forgetSeat(seat.code);
        navigate("/");
      }}
      toasts={toasts}
    />
  );
}

function announce(frame: ServerFrame, live: LiveState, push: (text: string, kind?: "info" | "good" | "bad") => void) {
  const me = live.game?.me;
  if (!me) return;
  switch (frame.type) {
    case "rung_solved": {
      // Other teams' solves come as counts only, without the word.
      if (frame.team_id !== me.team_id || !("word" in frame)) return;
      const by = frame.solved_by;
      const other = by.id !== me.id ? by.name : null;
      // A reveal by hint comes without the guess that would have solved it.
      if (frame.guess === null) push(other ? `${other} revealed ${frame.word} with a hint.` : `A hint revealed ${frame.word}.`, "info");
      else if (other) push(`${other} solved ${frame.word}!`, "good");
      return;
    }
    case "hint_taken": {
      const hint = frame.hint;
      if (frame.team_id === me.team_id && hint && hint.player_id !== me.id) push(`${hint.player_name} took a hint.`, "info");
      return;
    }
    case "team_finished": {
      const place = ordinal(frame.place);
      if (frame.team_id === me.team_id) {
        push(`Your team finished ${place}!`, "good");
        cue("finished");
        buzz([60, 40, 60, 40, 120]);
      }
      else push(`${String(frame.name)} finished ${place}.`, "info");
      return;
    }
    case "round_started":
      push("A new round has started. Go!", "good");
      buzz([80]);
      return;
    case "round_ended":
      cue("finale");
      return;
    case "timer_started":
      push("The host started the clock!", "bad");
      return;
    case "player_left":
    case "player_kicked": {
      // Teammates hear who left them; the rest of the room need not.
      if (frame.player_id === me.id || me.team_id === null || frame.team_id !== me.team_id) return;
      push(`${String(frame.name)} ${frame.type === "player_left" ? "left" : "is no longer on"} your team.`, "info");
      return;
    }
    case "player_moved":
      if (frame.player_id === me.id) {
        const team = live.game?.teams.find((t) => t.id === frame.team_id);
        push(team ? `You are now on ${team.name}.` : "You are waiting to be placed on a team.", "info");
      }
      return;
    default:
      return;
  }
}

// A short buzz where the phone can (vibration is not there on every device).
function buzz(pattern: number[]) {
  if (!pattern.length || typeof navigator === "undefined" || typeof navigator.vibrate !== "function") return;
  try {
    navigator.vibrate(pattern);
  } catch {
    // some browsers refuse without a recent tap; the game goes on without it
  }
}

function PlayerScreen({
  game,
  live,
  client,
  seatCode,
  onLeft,
  toasts,
}: {
  game: GameState;
  live: LiveState;
  client: LiveClient;
  seatCode: string;
  onLeft: () => void;
  toasts: Toast[];
}) {
  const me = game.me;
  const myTeam = game.teams.find((t) => t.id === me?.team_id) ?? null;
  const colour = teamColour(myTeam?.id, game.teams);
  const view = screenOf(game);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const seat = currentSeat();
  // A phone left on the table must not lock mid-round.
  useWakeLock(view === "playing");

  async function leave() {
    try {
      if (seat) await api("/api/me", { method: "DELETE", token: seat.token });
      onLeft();
    } catch (e) {
      setLeaveError(errorText(e));
    }
  }

  return (
    <div className="app-shell" style={{ ["--team" as string]: colour }}>
      <header className="topbar">
        <Logo small />
        <span className="topbar-mid">
          <span className="code-chip" title="Lobby code">
            {seatCode}
          </span>
          {myTeam && <TeamBadge name={myTeam.name} colour={colour} letter={teamLetter(myTeam.id, game.teams)} />}
        </span>
        <span className="topbar-end">
          {view === "playing" && <Clock endsAt={game.round?.ends_at} offsetMs={live.clockOffsetMs} ticking />}
          <MuteButton />
          <ConnectionBadge status={live.status} attempt={live.attempt} />
        </span>
      </header>
      <main className="page" id="main">
        {view === "lobby" && <PlayerLobby game={game} client={client} />}
        {view === "playing" && (
          <PlayerGame game={game} live={live} client={client} news={<ToastShelf toasts={toasts} inline />} />
        )}
        {view === "results" && <PlayerResults game={game} client={client} />}
        <footer className="page-foot">
          <span className="muted">
            Playing as <strong>{me?.name}</strong> in {game.lobby.name}
          </span>
          <ConfirmButton className="btn btn-ghost" question="Leave this lobby?" confirmLabel="Leave" onConfirm={leave}>
            Leave lobby
          </ConfirmButton>
          {leaveError && <Alert>{leaveError}</Alert>}
        </footer>
      </main>
      {view !== "playing" && <ToastShelf toasts={toasts} />}
    </div>
  );
}

function ReadyButton({ me, client }: { me: Player; client: LiveClient }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = Boolean(me.ready);
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await client.request({ type: "ready", ready: !ready });
    } catch (e) {
      setError(e instanceof RequestError && e.code === "offline" ? "Not connected: try again in a moment." : errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="ready">
      <button
        type="button"
        className={ready ? "btn btn-ready btn-ready-on btn-big btn-block" : "btn btn-ready btn-big btn-block"}
        aria-pressed={ready}
        onClick={toggle}
        disabled={busy}
      >
        {ready ? "✓ I’m ready" : "I’m ready!"}
      </button>
      <p className="muted small center">{ready ? "Tap again if you need a moment." : "Let the host know you are set."}</p>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

function Teammates({ game, teamId }: { game: GameState; teamId: number }) {
  const team = game.teams.find((t) => t.id === teamId);
  const players = game.players.filter((p) => p.team_id === teamId);
  return (
    <ul className="people" aria-label={`${team?.name ?? "Team"} players`}>
      {players.map((p) => (
        <li key={p.id} className="person">
          <PresenceDot connected={p.connected} />
          <span className="person-name">
            {p.name}
            {p.id === game.me?.id && <span className="muted"> (you)</span>}
          </span>
          {p.ready && (
            <span className="tag tag-ready" aria-label="ready">
              ready
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function PlayerLobby({ game, client }: { game: GameState; client: LiveClient }) {
  const me = game.me;
  const team = game.teams.find((t) => t.id === me?.team_id);
  if (!me) return null;
  return (
    <div className="stack">
      {team ? (
        <section className="card team-card" aria-labelledby="team-title">
          <p className="eyebrow">Your team</p>
          <h1 id="team-title" className="team-title">
            <TeamMark teamId={team.id} roster={game.teams} /> {team.name}
          </h1>
          <Teammates game={game} teamId={team.id} />
        </section>
      ) : (
        <section className="card waiting" aria-labelledby="wait-title">
          <div className="waiting-art" aria-hidden="true">
            <Icon name="ladder" />
          </div>
          <h1 id="wait-title" className="card-title big-title">
            You’re in, {me.name}!
          </h1>
          <p>Waiting to be placed on a team. The host will put you on one soon.</p>
          <p className="muted small">{plural(game.players.length, "player")} in the lobby so far.</p>
        </section>
      )}
      <ReadyButton me={me} client={client} />
      <section className="card how" aria-labelledby="how-title">
        <h2 id="how-title" className="card-title">
          How to play
        </h2>
        <ul className="how-list">
          <li>Your team solves one word ladder together. The top and bottom words are given.</li>
          <li>Work down from the top or up from the bottom, and switch any time.</li>
          <li>The clues are shuffled: find the one that fits the word you know.</li>
          <li>Type your guess and press Send (or Enter). Hints cost a share of the round’s points.</li>
        </ul>
        <Link href="/tutorial" className="link-quiet">
          Practise in the tutorial →
        </Link>
      </section>
      {game.leaderboard.length > 0 && <Leaderboard rows={game.leaderboard} roster={game.teams} highlight={me.team_id} />}
    </div>
  );
}

function PlayerGame({
  game,
  live,
  client,
  news,
}: {
  game: GameState;
  live: LiveState;
  client: LiveClient;
  news: ReactNode;
}) {
  const round = game.round;
  const ladder = round?.ladder ?? null;
  const me = game.me;
  const [direction, setDirectionState] = useState<Direction>(() => storedDirection(round?.id));
  useEffect(() => setDirectionState(storedDirection(round?.id)), [round?.id]);
  const setDirection = useCallback(
    (d: Direction) => {
      setDirectionState(d);
      if (round) {
        try {
          sessionStorage.setItem(directionKey(round.id), d);
        } catch {
          // not kept across reloads then; the default is fine
        }
      }
    },
    [round],
  );

  const onGuess = useCallback(
    async (rung: number, word: string): Promise<GuessOutcome> => {
      // Sent again under the same ref if the connection drops before the answer.
      const reply = await client.request({ type: "guess", rung, word }, { resend: true });
      if (reply.result === "correct") cue("correct");
      if (reply.result === "incorrect") cue("wrong");
      buzz(reply.result === "correct" ? [40] : reply.result === "incorrect" ? [30, 60, 30] : []);
      if (reply.result === "already_solved") return { result: reply.result, solved_by: reply.solved_by };
      return { result: reply.result, word: "word" in reply ? reply.word : undefined, solved_by: null };
    },
    [client],
  );
  const frontier = ladder?.frontier;
  const onHint = useCallback(
    async (d: Direction, level: 1 | 2) => {
      // Naming the rung makes a retried request free: the server answers it again.
      const rung = frontier?.[d];
      await client.request(
        { type: "hint", direction: d, level, ...(typeof rung === "number" ? { rung } : {}) },
        { resend: true },
      );
    },
    [client, frontier],
  );

  // A direction whose side is finished hands over to the other one.
  const effective: Direction =
    ladder && ladder.frontier[direction] === null && ladder.frontier[direction === "down" ? "up" : "down"] !== null
      ? direction === "down"
        ? "up"
        : "down"
      : direction;

  if (!round) return null;
  if (!me?.team_id || !ladder) {
    return (
      <div className="stack">
        <section className="card waiting">
          <h1 className="card-title big-title">A round is on!</h1>
          <p>You are waiting to be placed on a team. Watch the race meanwhile:</p>
        </section>
        <TeamProgressList teams={round.teams} roster={game.teams} />
      </div>
    );
  }
  if (ladder.finished_at) {
    return (
      <div className="stack">
        <section className="card finished" aria-live="polite">
          <div className="finished-art" aria-hidden="true">
            <Icon name="party" />
          </div>
          <h1 className="big-title">
            Your team finished {ladder.place ? ordinal(ladder.place) : ""}!
          </h1>
          <p className="muted">Watch the other teams until the round ends.</p>
        </section>
        <TeamProgressList teams={round.teams} roster={game.teams} highlight={me.team_id} title="All teams" />
        <section className="card">
          <h2 className="card-title">{ladder.puzzle.title}</h2>
          <Ladder ladder={ladder} compact />
        </section>
      </div>
    );
  }
  return (
    <div className="stack">
      <div className="round-head">
        <h1 className="round-title">
          {ladder.puzzle.title}
          <span className="muted small"> · round {round.number}</span>
        </h1>
        <span className="muted small">
          {ladderCounts(ladder).solved}/{ladderCounts(ladder).total} solved
        </span>
      </div>
      {live.status !== "open" && (
        <Alert kind="warn">You are offline for a moment. We will catch up with your team as soon as we are back.</Alert>
      )}
      <SolveView
        ladder={ladder}
        direction={effective}
        onDirection={setDirection}
        onGuess={onGuess}
        onHint={onHint}
        hintsOn={round.hints}
        costs={round.hint_costs}
        meId={me.id}
        online={live.status === "open"}
        news={news}
      />
      <TeamProgressList teams={round.teams} roster={game.teams} highlight={me.team_id} />
    </div>
  );
}

function PlayerResults({ game, client }: { game: GameState; client: LiveClient }) {
  const summary = game.last_summary;
  const me = game.me;
  const mine = summary?.teams.find((t) => t.team_id === me?.team_id);
  return (
    <div className="stack">
      <section className="card finished">
        <div className="finished-art" aria-hidden="true">
          <Icon name={mine?.finished && mine.place === 1 ? "trophy" : "ladder"} />
        </div>
        <h1 className="big-title">
          {mine
            ? mine.finished && mine.place
              ? `Your team finished ${ordinal(mine.place)}!`
              : "Round over: so close!"
            : "Round over"}
        </h1>
        {mine && (
          <p className="muted">
            {mine.name} scored {formatPoints(mine.points)} {mine.points === 1 ? "point" : "points"} this round
            {mine.hint_share > 0 && (
              <>
                : <PointsSum team={mine} />
              </>
            )}
            .
          </p>
        )}
      </section>
      {summary && me?.team_id != null && <ShareCard summary={summary} teamId={me.team_id} />}
      {summary && <SummaryTable summary={summary} roster={game.teams} highlight={me?.team_id} />}
      {summary && <AnswerLadders summary={summary} roster={game.teams} highlight={me?.team_id} />}
      {summary && <Awards summary={summary} />}
      <Leaderboard rows={game.leaderboard} roster={game.teams} highlight={me?.team_id} />
      {me && (
        <section className="card">
          <h2 className="card-title">Next round</h2>
          <ReadyButton me={me} client={client} />
        </section>
      )}
    </div>
  );
}
