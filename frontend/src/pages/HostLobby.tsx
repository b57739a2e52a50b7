import { useCallback, useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { api, ApiError, errorText } from "../lib/api";
import { hostToken, setHostToken } from "../lib/storage";
import { useDocumentTitle, useLive, useRemembered } from "../lib/hooks";
import { isRevealed, ladderCounts } from "../protocol/reducer";
import { CloseCode } from "../protocol/types";
import type { AuthFrame, ClueStep, GameState, LadderView, Rest, RoundSummary, RoundView, Team } from "../protocol/types";
import { ordinal, plural } from "../game/words";
import { Alert, Clock, ConfirmButton, ConnectionBadge, Logo, PresenceDot, ProgressBar, Spinner, teamColour } from "../components/ui";
import { Ladder } from "../components/Ladder";
import { AnswerLadders, Awards, Leaderboard, SummaryTable } from "../components/Results";
import type { PuzzleInfo } from "../game/puzzleDraft";
import { ResultsDownload } from "../components/ResultsDownload";
import { TeamMark } from "../components/TeamMark";
import type { ServerFrame } from "../protocol/types";

type Act = (label: string, call: () => Promise<unknown>) => Promise<boolean>;

export function HostLobby({ code: rawCode }: { code: string }) {
  const code = rawCode.toUpperCase();
  const [, navigate] = useLocation();
  const token = useMemo(() => hostToken(), []);
  const auth = useMemo<AuthFrame | null>(() => (token ? { type: "auth", token, lobby: code } : null), [token, code]);
  const { state, client } = useLive(auth);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<string[]>([]);
  const game = state?.game ?? null;

  // Who left or was removed: the host hears it even when looking elsewhere.
  useEffect(() => {
    if (!client) return;
    return client.onFrame((frame: ServerFrame) => {
      if (frame.type !== "player_left" && frame.type !== "player_kicked") return;
      const text = `${String(frame.name)} ${frame.type === "player_left" ? "left the lobby" : "was removed"}.`;
      setNotices((list) => [...list.slice(-2), text]);
    });
  }, [client]);
  useDocumentTitle(game ? `Host · ${game.lobby.name}` : `Host · ${code}`);

  useEffect(() => {
    if (!token) navigate("/host", { replace: true });
  }, [token, navigate]);

  useEffect(() => {
    if (state?.closed?.code === CloseCode.LOBBY_GONE) navigate("/host", { replace: true });
  }, [state?.closed, navigate]);

  const act: Act = useCallback(
    async (label, call) => {
      setError(null);
      try {
        await call();
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setHostToken(null);
          navigate("/host", { replace: true });
          return false;
        }
        setError(`${label}: ${errorText(e)}`);
        return false;
      }
    },
    [navigate],
  );

  if (!token) return null;
  if (state?.closed) {
    return (
      <main className="page page-narrow" id="main">
        <Logo />
        <div className="card">
          <h1 className="card-title big-title">Cannot open lobby {code}</h1>
          <p>{state.closed.reason || "The server closed the connection."}</p>
          <p className="muted">The lobby may not exist, or your host session ended.</p>
          <Link href="/host" className="btn btn-primary">
            Back to your lobbies
          </Link>
        </div>
      </main>
    );
  }
  if (!state || !game) {
    return (
      <main className="page" id="main">
        <Spinner label={`Opening lobby ${code}…`} />
      </main>
    );
  }
  const joinUrl = `${window.location.origin}/join/${code}`;
  return (
    <div className="app-shell host">
      <header className="topbar">
        <Link href="/host" className="topbar-back">
          <Logo small />
          <span className="visually-hidden">: all lobbies</span>
        </Link>
        <span className="topbar-mid">
          <span className="code-chip code-chip-big">{code}</span>
          <span className="topbar-title">{game.lobby.name}</span>
        </span>
        <span className="topbar-end">
          {game.round?.status === "running" && <Clock endsAt={game.round.ends_at} offsetMs={state.clockOffsetMs} />}
          <ConnectionBadge status={state.status} attempt={state.attempt} />
        </span>
      </header>
      <main className="page page-wide" id="main">
        <div className="host-intro row row-wrap">
          <h1 className="page-title">Lobby {code}</h1>
          {(game.lobby.game ?? 1) > 1 && <span className="tag">Game {game.lobby.game}</span>}
          <span className="muted">
            Players join at <strong className="mono">{joinUrl}</strong>
          </span>
          <a className="btn btn-ghost btn-small" href={`/screen/${code}`} target="_blank" rel="noopener">
            Open big screen ↗
          </a>
        </div>
        {error && (
          <Alert onClose={() => setError(null)}>
            <span>{error}</span>
          </Alert>
        )}
        {notices.length > 0 && (
          <Alert kind="warn" onClose={() => setNotices([])}>
            <span role="status">{notices.join(" ")}</span>
          </Alert>
        )}
        <div className="host-grid">
          <div className="host-col">
            <RoundPanel game={game} code={code} token={token} act={act} offsetMs={state.clockOffsetMs} />
            {game.round && <LiveProgress round={game.round} roster={game.teams} />}
            <Summaries code={code} token={token} latest={game.last_summary} roster={game.teams} />
          </div>
          <div className="host-col">
            <TeamsPanel game={game} code={code} token={token} act={act} />
            <PlayersPanel game={game} token={token} act={act} />
            <LobbySwitches game={game} code={code} token={token} act={act} />
            <Leaderboard rows={game.leaderboard} roster={game.teams} />
            {game.leaderboard.length > 0 && game.lobby.phase !== "playing" && (
              <NewGame code={code} token={token} act={act} />
            )}
            <ResultsDownload code={code} token={token} />
            <section className="card danger" aria-labelledby="danger-title">
              <h2 id="danger-title" className="card-title">
                Close the lobby
              </h2>
              <p className="muted small">Everyone is disconnected and the lobby is gone for good.</p>
              <ConfirmButton
                className="btn btn-danger"
                question={`Delete lobby ${code}?`}
                confirmLabel="Delete"
                onConfirm={async () => {
                  if (await act("Delete lobby", () => api(`/api/admin/lobbies/${code}`, { method: "DELETE", token }))) {
                    navigate("/host");
                  }
                }}
              >
                Delete lobby
              </ConfirmButton>
            </section>
          </div>
        </div>
      </main>
    </div>
  );
}

function RoundPanel({
  game,
  code,
  token,
  act,
  offsetMs,
}: {
  game: GameState;
  code: string;
  token: string;
  act: Act;
  offsetMs: number;
}) {
  const round = game.round;
  if (round && round.status === "running") {
    return <RunningRound round={round} code={code} token={token} act={act} offsetMs={offsetMs} />;
  }
  return <StartRound game={game} code={code} token={token} act={act} />;
}

// After the final standings: the same players and teams play again from zero points.
function NewGame({ code, token, act }: { code: string; token: string; act: Act }) {
  return (
    <section className="card" aria-labelledby="new-game-title">
      <h2 id="new-game-title" className="card-title">
        Play again
      </h2>
      <p className="muted small">
        The same players and teams start a new game: the leaderboard goes back to zero. This game’s rounds stay in
        the results download.
      </p>
      <ConfirmButton
        className="btn btn-primary"
        question="Start a new game with the same players?"
        confirmLabel="New game"
        onConfirm={async () => {
          await act("New game", () => api(`/api/admin/lobbies/${code}/games`, { method: "POST", token }));
        }}
      >
        New game, same players
      </ConfirmButton>
    </section>
  );
}

function StartRound({ game, code, token, act }: { game: GameState; code: string; token: string; act: Act }) {
  const [puzzles, setPuzzles] = useState<PuzzleInfo[]>([]);
  // Remembered per lobby, so the next round starts from this one's settings.
  const key = (name: string) => `raddle.round.${code}.${name}`;
  const [mode, setMode] = useRemembered<"same" | "different">(key("mode"), "same");
  const [difficulty, setDifficulty] = useRemembered<string>(key("difficulty"), "");
  const [puzzle, setPuzzle] = useState<string>("");
  const [minutes, setMinutes] = useRemembered<string>(key("minutes"), "");
  const [hints, setHints] = useRemembered<boolean>(key("hints"), true);
  const [busy, setBusy] = useState(false);
  const [notReady, setNotReady] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { mode: useId(), diff: useId(), puzzle: useId(), time: useId(), hints: useId() };

  useEffect(() => {
    api<PuzzleInfo[]>("/api/admin/puzzles", { token })
      .then(setPuzzles)
      .catch(() => setPuzzles([]));
  }, [token]);

  const ready = game.players.filter((p) => p.ready).length;
  const choices = puzzles.filter((p) => !difficulty || p.difficulty === difficulty);
  const teamCount = game.teams.length;
  // A "make teams first" from before the teams existed must not outlive them.
  useEffect(() => setProblem(null), [teamCount]);

  async function start(force: boolean) {
    setBusy(true);
    setProblem(null);
    const seconds = minutes ? Math.round(Number(minutes) * 60) : null;
    const body = {
      mode,
      difficulty: puzzle ? null : difficulty || null,
      puzzle: puzzle || null,
      time_limit_seconds: seconds && seconds > 0 ? seconds : null,
      hints,
      force,
    };
    try {
      await api(`/api/admin/lobbies/${code}/rounds`, { method: "POST", token, body });
      setNotReady(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === "not_ready") setNotReady(e.detail);
      else if (e instanceof ApiError && e.code === "no_teams") setProblem("Make teams first: the round needs teams with players.");
      else await act("Start round", () => Promise.reject(e instanceof Error ? e : new Error(String(e))));
    } finally {
      setBusy(false);
    }
  }

  async function toLobby() {
    await act("Back to lobby", () =>
      api(`/api/admin/lobbies/${code}/phase`, { method: "POST", token, body: { phase: "lobby" } }),
    );
  }

  return (
    <section className="card round-panel" aria-labelledby="start-title">
      <h2 id="start-title" className="card-title">
        {game.round ? `Round ${game.round.number + 1}` : "First round"}
        <span className="muted small">
          {" "}
          · {ready} of {plural(game.players.length, "player")} ready
        </span>
      </h2>
      <form
        className="round-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void start(false);
        }}
      >
        <fieldset className="field">
          <legend>Puzzles</legend>
          <div className="row row-wrap">
            <label className="radio">
              <input type="radio" name={ids.mode} checked={mode === "same"} onChange={() => setMode("same")} /> Same
              puzzle for every team
            </label>
            <label className="radio">
              <input
                type="radio"
                name={ids.mode}
                checked={mode === "different"}
                onChange={() => setMode("different")}
              />{" "}
              A different one each
            </label>
          </div>
        </fieldset>
        <div className="row row-wrap">
          <div className="field grow">
            <label htmlFor={ids.diff}>Difficulty</label>
            <select
              id={ids.diff}
              className="input"
              value={difficulty}
              onChange={(e) => {
                setDifficulty(e.target.value);
                setPuzzle("");
              }}
            >
              <option value="">Any</option>
              <option value="easy">Easy</option>
              <option value="medium">Medium</option>
              <option value="hard">Hard</option>
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={ids.puzzle}>Puzzle</label>
            <select id={ids.puzzle} className="input" value={puzzle} onChange={(e) => setPuzzle(e.target.value)}>
              <option value="">Deal one for me</option>
              {choices
                .filter((p) => !p.hidden)
                .map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {p.title} ({p.difficulty}, {p.rungs} rungs{p.origin === "host" ? ", yours" : ""})
                  </option>
                ))}
            </select>
          </div>
        </div>
        <div className="row row-wrap">
          <div className="field">
            <label htmlFor={ids.time}>Time limit (minutes)</label>
            <input
              id={ids.time}
              className="input input-short"
              type="number"
              min={1}
              max={120}
              step={1}
              inputMode="numeric"
              placeholder="none"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          </div>
          <label className="check" htmlFor={ids.hints}>
            <input id={ids.hints} type="checkbox" checked={hints} onChange={(e) => setHints(e.target.checked)} /> Hints
            allowed
          </label>
        </div>
        {notReady && (
          <Alert kind="warn">
            <p>{notReady}</p>
            <div className="row">
              <button type="button" className="btn btn-primary" onClick={() => start(true)} disabled={busy}>
                Start anyway
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setNotReady(null)}>
                Wait
              </button>
            </div>
          </Alert>
        )}
        {problem && <Alert>{problem}</Alert>}
        <div className="row row-wrap">
          <button type="submit" className="btn btn-primary btn-big" disabled={busy}>
            {busy ? "Starting…" : "Start round"}
          </button>
          {game.lobby.phase === "results" && (
            <button type="button" className="btn btn-ghost" onClick={toLobby}>
              Back to lobby
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function RunningRound({
  round,
  code,
  token,
  act,
  offsetMs,
}: {
  round: RoundView;
  code: string;
  token: string;
  act: Act;
  offsetMs: number;
}) {
  const [minutes, setMinutes] = useState("3");
  const id = useId();
  const timer = (seconds: number) =>
    act("Start the clock", () =>
      api(`/api/admin/lobbies/${code}/rounds/current/timer`, { method: "POST", token, body: { seconds } }),
    );
  const finished = round.teams.filter((t) => t.place).length;
  return (
    <section className="card round-panel round-live" aria-labelledby="live-title">
      <h2 id="live-title" className="card-title">
        Round {round.number} is on{" "}
        <span className="muted small">
          · {finished}/{round.teams.length} teams finished · hints {round.hints ? "on" : "off"}
        </span>
      </h2>
      <div className="row row-wrap timer-row">
        {round.ends_at ? (
          <Clock endsAt={round.ends_at} offsetMs={offsetMs} big />
        ) : (
          <span className="muted">No clock yet.</span>
        )}
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const s = Math.round(Number(minutes) * 60);
            if (s > 0) void timer(s);
          }}
        >
          <label htmlFor={id}>Countdown from</label>
          <input
            id={id}
            className="input input-short"
            type="number"
            min={0.5}
            max={120}
            step={0.5}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <span aria-hidden="true">min</span>
          <button type="submit" className="btn btn-small">
            {round.ends_at ? "Restart clock" : "Start clock"}
          </button>
        </form>
      </div>
      <ConfirmButton
        className="btn btn-danger"
        question="End the round now and score it?"
        confirmLabel="End round"
        onConfirm={async () => {
          await act("End round", () =>
            api(`/api/admin/lobbies/${code}/rounds/current/end`, { method: "POST", token }),
          );
        }}
      >
        End round
      </ConfirmButton>
    </section>
  );
}

// The clue leading to each frontier rung: going down the one whose upper word is
// the rung above, going up the one whose lower word is the rung below.
export function currentClues(ladder: LadderView): { direction: "down" | "up"; rung: number; clue: ClueStep | null }[] {
  const out: { direction: "down" | "up"; rung: number; clue: ClueStep | null }[] = [];
  const steps = ladder.clues.steps ?? [];
  const { down, up } = ladder.frontier;
  if (down !== null && down !== undefined) {
    out.push({ direction: "down", rung: down, clue: steps.find((c) => c.step === down - 1) ?? null });
  }
  if (up !== null && up !== undefined && up !== down) {
    out.push({ direction: "up", rung: up, clue: steps.find((c) => c.step === up) ?? null });
  }
  return out;
}

// Teams on the same puzzle, all with wrong guesses at the same frontier rung:
// a sign the clue is hard, and a cue for the host to give a nudge.
export function stuckGroups(round: RoundView): { title: string; rung: number; word: string | null; teams: number[] }[] {
  const groups = new Map<string, { title: string; rung: number; word: string | null; teams: number[] }>();
  for (const [teamId, ladder] of Object.entries(round.ladders ?? {})) {
    if (ladder.finished_at) continue;
    const rungs = new Set([ladder.frontier.down, ladder.frontier.up].filter((r): r is number => typeof r === "number"));
    for (const rung of rungs) {
      const wrong = ladder.guesses.filter((g) => g.rung === rung && g.result === "incorrect").length;
      if (wrong === 0) continue;
      const key = `${ladder.puzzle.title}#${rung}`;
      const group = groups.get(key) ?? { title: ladder.puzzle.title, rung, word: ladder.rungs[rung]?.word ?? null, teams: [] };
      group.teams.push(Number(teamId));
      groups.set(key, group);
    }
  }
  return [...groups.values()].filter((g) => g.teams.length >= 2);
}

function LiveProgress({ round, roster }: { round: RoundView; roster: Team[] }) {
  // Hidden until asked for: the host's laptop is often in the players' sight.
  const [answers, setAnswers] = useState(false);
  const stuck = stuckGroups(round);
  const stuckTeams = new Map<number, number>();
  for (const g of stuck) for (const t of g.teams) stuckTeams.set(t, g.rung);
  const nameOf = (id: number) => round.teams.find((t) => t.team_id === id)?.name ?? `Team ${id}`;
  return (
    <section className="card" aria-labelledby="progress-title">
      <div className="row row-wrap">
        <h2 id="progress-title" className="card-title grow">
          {round.status === "running" ? "Live progress" : `Round ${round.number}: final ladders`}
        </h2>
        <button type="button" className="btn btn-ghost" aria-pressed={answers} onClick={() => setAnswers(!answers)}>
          {answers ? "Hide answers" : "Show answers"}
        </button>
      </div>
      {stuck.map((g) => (
        <Alert kind="warn" key={`${g.title}-${g.rung}`}>
          {g.teams.map(nameOf).join(", ")} are stuck on rung {g.rung + 1}
          {answers && g.word ? ` (${g.word})` : ""} of {g.title}.
        </Alert>
      ))}
      <div className="progress-grid">
        {round.teams.map((t) => {
          const ladder = round.ladders?.[String(t.team_id)];
          const colour = teamColour(t.team_id, roster, t.name);
          const counts = ladder ? ladderCounts(ladder) : t;
          return (
            <article key={t.team_id} className="team-progress" style={{ borderColor: colour }} aria-label={t.name}>
              <header className="team-progress-head">
                <h3>
                  <TeamMark teamId={t.team_id} roster={roster} name={t.name} /> {t.name}
                </h3>
                <span>
                  {t.place ? <strong>{ordinal(t.place)}</strong> : `${counts.solved}/${counts.total}`}
                  {t.team_id !== null && stuckTeams.has(t.team_id) && (
                    <span className="tag tag-stuck" title="Several teams are stuck on this rung">
                      stuck
                    </span>
                  )}
                </span>
              </header>
              <ProgressBar value={counts.progress} colour={colour} label={`${t.name} progress`} />
              {ladder && (
                <>
                  <p className="muted small">
                    {ladder.puzzle.title} · {plural(ladder.hints.length, "hint")} ·{" "}
                    {ladder.guesses.filter((g) => g.result === "incorrect").length} wrong
                  </p>
                  {answers && (
                    <details className="host-ladder">
                      <summary>Ladder with answers</summary>
                      <Ladder ladder={ladder} showAnswers compact />
                    </details>
                  )}
                  {!ladder.finished_at &&
                    round.status === "running" &&
                    currentClues(ladder).map((c) => (
                      <p key={c.direction} className="current-clue">
                        <span className="tag">
                          {c.direction === "down" ? "↓" : "↑"} rung {c.rung + 1}
                          {answers && ladder.rungs[c.rung]?.word && !isRevealed(ladder, c.rung) ? ` · ${ladder.rungs[c.rung].word}` : ""}
                        </span>{" "}
                        {!answers ? null : c.clue ? c.clue.text : <span className="muted">clue unknown</span>}
                      </p>
                    ))}
                  <RecentGuesses ladder={ladder} words={answers} />
                </>
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}

// A team's latest guesses; a right one is an answer other teams may still be after,
// so its word shows only with the answers.
function RecentGuesses({ ladder, words }: { ladder: LadderView; words: boolean }) {
  const recent = ladder.guesses.slice(-4).reverse();
  if (recent.length === 0) return null;
  return (
    <ul className="mini-feed" aria-label="Latest guesses">
      {recent.map((g, i) => (
        <li key={i} className={`feed-${g.result}`}>
          <span aria-hidden="true">{g.result === "correct" ? "✓" : g.result === "incorrect" ? "✗" : "·"}</span>{" "}
          {g.player_name}:{" "}
          {words || g.result !== "correct" ? <strong>{g.word.toUpperCase()}</strong> : `solved rung ${g.rung + 1}`}
        </li>
      ))}
    </ul>
  );
}

function TeamsPanel({ game, code, token, act }: { game: GameState; code: string; token: string; act: Act }) {
  const [count, setCount] = useState(String(Math.max(2, game.teams.length || 2)));
  const [newName, setNewName] = useState("");
  const ids = { count: useId(), name: useId() };
  const unassigned = game.players.filter((p) => p.team_id === null);
  return (
    <section className="card" aria-labelledby="teams-title">
      <h2 id="teams-title" className="card-title">
        Teams <span className="muted small">· {unassigned.length} waiting</span>
      </h2>
      <form
        className="row row-wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void act("Make teams", () =>
            api(`/api/admin/lobbies/${code}/teams`, { method: "POST", token, body: { count: Number(count) } }),
          );
        }}
      >
        <label htmlFor={ids.count}>Number of teams</label>
        <input
          id={ids.count}
          className="input input-short"
          type="number"
          min={2}
          max={10}
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
        <button type="submit" className="btn btn-primary">
          {game.teams.length ? "Make teams & deal waiting players" : "Make teams"}
        </button>
        {game.teams.length >= 2 && game.lobby.phase !== "playing" && (
          <ConfirmButton
            className="btn btn-ghost"
            question="Deal everyone into new teams?"
            confirmLabel="Reshuffle"
            onConfirm={async () => {
              await act("Reshuffle teams", () =>
                api(`/api/admin/lobbies/${code}/teams/reshuffle`, { method: "POST", token }),
              );
            }}
          >
            Reshuffle teams
          </ConfirmButton>
        )}
      </form>
      <ul className="team-list">
        {game.teams.map((team) => (
          <TeamRow key={team.id} team={team} game={game} token={token} act={act} />
        ))}
      </ul>
      <form
        className="row row-wrap"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!newName.trim()) return;
          if (
            await act("Add team", () =>
              api(`/api/admin/lobbies/${code}/teams`, { method: "POST", token, body: { name: newName.trim() } }),
            )
          )
            setNewName("");
        }}
      >
        <label htmlFor={ids.name} className="visually-hidden">
          New team name
        </label>
        <input
          id={ids.name}
          className="input grow"
          placeholder="New team name"
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
          maxLength={40}
        />
        <button type="submit" className="btn btn-small">
          Add team
        </button>
      </form>
    </section>
  );
}

function TeamRow({ team, game, token, act }: { team: Team; game: GameState; token: string; act: Act }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(team.name);
  const id = useId();
  const colour = teamColour(team.id, game.teams);
  const members = game.players.filter((p) => p.team_id === team.id);
  let body: ReactNode;
  if (editing) {
    body = (
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (
            await act("Rename team", () =>
              api(`/api/admin/teams/${team.id}`, { method: "PATCH", token, body: { name: name.trim() } }),
            )
          )
            setEditing(false);
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          New name for {team.name}
        </label>
        <input id={id} className="input grow" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={40} />
        <button type="submit" className="btn btn-primary btn-small">
          Save
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    );
  } else {
    body = (
      <div className="row row-wrap team-row-head">
        <strong className="grow">
          <TeamMark teamId={team.id} roster={game.teams} /> {team.name}{" "}
          <span className="muted small">({members.length})</span>
        </strong>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => {
            setName(team.name);
            setEditing(true);
          }}
        >
          Rename <span className="visually-hidden">{team.name}</span>
        </button>
        <ConfirmButton
          className="btn btn-ghost btn-small"
          question={`Remove ${team.name}?`}
          confirmLabel="Remove"
          onConfirm={async () => {
            await act("Remove team", () => api(`/api/admin/teams/${team.id}`, { method: "DELETE", token }));
          }}
        >
          Remove <span className="visually-hidden">{team.name}</span>
        </ConfirmButton>
      </div>
    );
  }
  return (
    <li className="team-row" style={{ borderLeftColor: colour }}>
      {body}
      {members.length > 0 && (
        <p className="small muted team-members">{members.map((m) => m.name).join(", ")}</p>
      )}
    </li>
  );
}

function PlayersPanel({ game, token, act }: { game: GameState; token: string; act: Act }) {
  const players = [...game.players].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="card" aria-labelledby="players-title">
      <h2 id="players-title" className="card-title">
        Players <span className="muted small">· {players.length}</span>
      </h2>
      {players.length === 0 ? (
        <p className="muted">Nobody yet. Put the big screen up so people can join.</p>
      ) : (
        <ul className="player-list">
          {players.map((p) => (
            <li key={p.id} className="player-row">
              <PresenceDot connected={p.connected} />
              <span className="grow player-name">
                {p.name}
                {p.ready && <span className="tag tag-ready">ready</span>}
              </span>
              <label className="visually-hidden" htmlFor={`move-${p.id}`}>
                Team for {p.name}
              </label>
              <select
                id={`move-${p.id}`}
                className="input input-select-small"
                value={p.team_id ?? ""}
                onChange={(e) => {
                  const teamId = e.target.value === "" ? null : Number(e.target.value);
                  void act(`Move ${p.name}`, () =>
                    api(`/api/admin/players/${p.id}/team`, { method: "PUT", token, body: { team_id: teamId } }),
                  );
                }}
              >
                <option value="">Waiting (no team)</option>
                {game.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <ConfirmButton
                className="btn btn-ghost btn-small"
                question={`Kick ${p.name}?`}
                confirmLabel="Kick"
                onConfirm={async () => {
                  await act(`Kick ${p.name}`, () => api(`/api/admin/players/${p.id}`, { method: "DELETE", token }));
                }}
              >
                Kick <span className="visually-hidden">{p.name}</span>
              </ConfirmButton>
              <ConfirmButton
                className="btn btn-ghost btn-small"
                question={`Ban ${p.name} from this lobby?`}
                confirmLabel="Ban"
                onConfirm={async () => {
                  await act(`Ban ${p.name}`, () => api(`/api/admin/players/${p.id}?ban=true`, { method: "DELETE", token }));
                }}
              >
                Ban <span className="visually-hidden">{p.name}</span>
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// The host's answers to intruders and to a public audience.
const SWITCHES = [
  { key: "locked", label: "Lock the lobby", hint: "nobody new can join" },
  { key: "family_friendly", label: "Family-friendly names", hint: "rude player and team names are refused" },
  { key: "code_hidden", label: "Hide the code on the big screen", hint: "for streamed games" },
] as const;

function LobbySwitches({ game, code, token, act }: { game: GameState; code: string; token: string; act: Act }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Who can join
      </h2>
      <ul className="switch-list">
        {SWITCHES.map(({ key, label, hint }) => (
          <li key={key}>
            <label className="check" htmlFor={`${id}-${key}`}>
              <input
                id={`${id}-${key}`}
                type="checkbox"
                checked={game.lobby[key] === true}
                onChange={(e) => {
                  const on = e.target.checked;
                  void act(label, () => api(`/api/admin/lobbies/${code}`, { method: "PATCH", token, body: { [key]: on } }));
                }}
              />
              <span>
                {label}
                <span className="muted small switch-hint">{hint}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Summaries({
  code,
  token,
  latest,
  roster,
}: {
  code: string;
  token: string;
  latest: RoundSummary | null;
  roster: Team[];
}) {
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const latestId = latest?.round_id;
  useEffect(() => {
    let live = true;
    api<Rest<"RoundSummary">[]>(`/api/admin/lobbies/${code}/rounds`, { token })
      .then((list) => live && setRounds(list))
      .catch(() => live && setRounds(null));
    return () => {
      live = false;
    };
  }, [code, token, latestId]);
  const list = rounds ?? (latest ? [latest] : []);
  if (list.length === 0) return null;
  const ordered = [...list].sort((a, b) => b.number - a.number);
  return (
    <section aria-label="Round summaries" className="stack">
      {ordered.map((s, i) => (
        <div key={s.round_id} className="stack">
          <SummaryTable summary={s} roster={roster} />
          {i === 0 && <AnswerLadders summary={s} roster={roster} />}
          {i === 0 && <Awards summary={s} />}
        </div>
      ))}
    </section>
  );
}
