// The pure half of the live protocol: how one event changes what a screen knows.
// Never mutates its input, so React can compare states by identity.
import type {
  GameState,
  GuessRecord,
  HintRecord,
  LadderView,
  LeaderboardRow,
  Player,
  RoundSummary,
  RoundView,
  Team,
  TeamProgress,
} from "./types";

const ROSTER_EVENTS = new Set([
  "player_joined",
  "player_left",
  "player_kicked",
  "player_moved",
  "player_ready",
  "player_connected",
  "player_disconnected",
  "team_created",
  "team_renamed",
  "team_removed",
  "teams_changed",
]);

// A rung is revealed when it lies above the downward frontier or below the upward
// one. The host's ladder carries every word, so "word is set" cannot tell.
export function isRevealed(ladder: LadderView, index: number): boolean {
  const { down, up } = ladder.frontier;
  if (down === null || down === undefined || up === null || up === undefined) return true;
  return index < down || index > up;
}

export function ladderCounts(ladder: LadderView): { solved: number; total: number; progress: number } {
  const total = Math.max(0, ladder.rungs.length - 2);
  let solved = 0;
  for (let i = 1; i < ladder.rungs.length - 1; i++) if (isRevealed(ladder, i)) solved++;
  return { solved, total, progress: total === 0 ? 1 : solved / total };
}

// The frequent roster events name only what changed (one player); team events and
// snapshots carry whole lists. Either way the result is the full roster.
function rosterDelta(state: GameState, event: Record<string, unknown>): { teams: Team[]; players: Player[] } {
  let players = state.players;
  let teams = state.teams;
  const id = typeof event.player_id === "number" ? event.player_id : null;
  const patch = (change: Partial<Player>) => {
    players = players.map((p) => (p.id === id ? { ...p, ...change } : p));
  };
  switch (event.type) {
    case "player_joined": {
      const player = event.player as Player | undefined;
      if (player) players = [...players.filter((p) => p.id !== player.id), player];
      break;
    }
    case "player_left":
    case "player_kicked":
      players = players.filter((p) => p.id !== id);
      teams = teams.map((t) => ({ ...t, player_ids: t.player_ids.filter((p) => p !== id) }));
      break;
    case "player_moved": {
      const teamId = typeof event.team_id === "number" ? event.team_id : null;
      patch({ team_id: teamId });
      teams = teams.map((t) => {
        const others = t.player_ids.filter((p) => p !== id);
        return { ...t, player_ids: t.id === teamId && id !== null ? [...others, id] : others };
      });
      break;
    }
    case "player_ready":
      patch({ ready: Boolean(event.ready) });
      break;
    case "player_connected":
    case "player_disconnected":
      patch({ connected: event.type === "player_connected" });
      break;
  }
  return { teams, players };
}

function withRoster(state: GameState, event: Record<string, unknown>): GameState {
  const delta = rosterDelta(state, event);
  const teams = Array.isArray(event.teams) ? (event.teams as Team[]) : delta.teams;
  const players = Array.isArray(event.players) ? (event.players as Player[]) : delta.players;
  let me = state.me;
  if (me) {
    const fresh = players.find((p) => p.id === me!.id);
    if (fresh) me = fresh;
  }
  let round = state.round;
  if (round && event.type === "team_renamed" && typeof event.team_id === "number") {
    const name = String(event.name ?? "");
    round = {
      ...round,
      teams: round.teams.map((t) => (t.team_id === event.team_id ? { ...t, name } : t)),
    };
  }
  // Renaming or removing a team changes how the leaderboard names it.
  const leaderboard = Array.isArray(event.leaderboard)
    ? (event.leaderboard as LeaderboardRow[])
    : state.leaderboard;
  const next: GameState = {
    ...state,
    teams,
    players,
    round,
    leaderboard,
    lobby: { ...state.lobby, player_count: players.length, team_count: teams.length },
  };
  if (me) next.me = me;
  return next;
}

// Applies `change` to the ladder of `teamId` wherever this audience keeps it: a
// player's own `round.ladder`, or the host's `round.ladders` map.
function updateLadder(
  round: RoundView,
  teamId: number,
  change: (ladder: LadderView) => LadderView,
): RoundView {
  let next = round;
  if (round.ladder && round.ladder.team_id === teamId) {
    next = { ...next, ladder: change(round.ladder) };
  }
  const key = String(teamId);
  if (round.ladders && round.ladders[key]) {
    next = { ...next, ladders: { ...round.ladders, [key]: change(round.ladders[key]) } };
  }
  return next;
}

function updateProgress(
  round: RoundView,
  teamId: number,
  change: Partial<TeamProgress>,
): RoundView {
  return {
    ...round,
    teams: round.teams.map((t) => (t.team_id === teamId ? { ...t, ...change } : t)),
  };
}

function onRungSolved(round: RoundView, event: Record<string, unknown>): RoundView {
  const teamId = Number(event.team_id);
  const ladder = event.ladder as LadderView | undefined;
  if (ladder && typeof ladder === "object") {
    const next = updateLadder(round, teamId, () => ladder);
    return updateProgress(next, teamId, ladderCounts(ladder));
  }
  const change: Partial<TeamProgress> = {};
  if (typeof event.solved === "number") change.solved = event.solved;
  if (typeof event.total === "number") change.total = event.total;
  if (typeof event.progress === "number") change.progress = event.progress;
  return updateProgress(round, teamId, change);
}

function onRoundEnded(state: GameState, event: Record<string, unknown>): GameState {
  const summary = (event.summary as RoundSummary | undefined) ?? state.last_summary;
  const leaderboard = Array.isArray(event.leaderboard)
    ? (event.leaderboard as LeaderboardRow[])
    : state.leaderboard;
  let round = state.round;
  if (event.round && typeof event.round === "object") {
    // The server sends the ended round as this audience sees it: take it whole.
    round = event.round as RoundView;
  } else if (round) {
    round = {
      ...round,
      status: "ended",
      ended_at: summary?.ended_at ?? round.ended_at ?? new Date().toISOString(),
    };
    if (summary) {
      // The summary's places are final, including teams that finished in the last second.
      const byTeam = new Map(summary.teams.map((t) => [t.team_id, t]));
      round.teams = round.teams.map((t) => {
        const s = byTeam.get(t.team_id);
        return s ? { ...t, place: s.place, solved: s.solved, total: s.total, progress: s.progress } : t;
      });
    }
  }
  return {
    ...state,
    round,
    last_summary: summary ?? null,
    leaderboard,
    lobby: { ...state.lobby, phase: "results" },
  };
}

export function applyEvent(state: GameState, event: Record<string, unknown>): GameState {
  const type = String(event.type);
  if (ROSTER_EVENTS.has(type)) return withRoster(state, event);

  switch (type) {
    case "round_started": {
      const round = event.round as RoundView | undefined;
      if (!round) return state;
      // The roster comes along: everyone's ready mark was cleared for the new round.
      const next = Array.isArray(event.players) ? withRoster(state, event) : state;
      return { ...next, round, lobby: { ...next.lobby, phase: "playing" } };
    }
    case "guess": {
      const guess = event.guess as GuessRecord | undefined;
      if (!state.round || !guess) return state;
      const round = updateLadder(state.round, Number(event.team_id), (l) => ({
        ...l,
        guesses: [...l.guesses, guess],
      }));
      return { ...state, round };
    }
    case "rung_solved": {
      if (!state.round) return state;
      return { ...state, round: onRungSolved(state.round, event) };
    }
    case "hint_taken": {
      const hint = event.hint as HintRecord | undefined;
      if (!state.round || !hint) return state;
      const round = updateLadder(state.round, Number(event.team_id), (l) => ({
        ...l,
        hints: [...l.hints, hint],
      }));
      return { ...state, round };
    }
    case "team_finished": {
      if (!state.round) return state;
      const teamId = Number(event.team_id);
      const place = typeof event.place === "number" ? event.place : null;
      const finishedAt = typeof event.finished_at === "string" ? event.finished_at : null;
      let round: RoundView = Array.isArray(event.teams)
        ? { ...state.round, teams: event.teams as TeamProgress[] }
        : updateProgress(state.round, teamId, { place, finished_at: finishedAt });
      round = updateLadder(round, teamId, (l) => ({ ...l, place, finished_at: finishedAt }));
      return { ...state, round };
    }
    case "timer_started": {
      if (!state.round) return state;
      const endsAt = typeof event.ends_at === "string" ? event.ends_at : null;
      return { ...state, round: { ...state.round, ends_at: endsAt } };
    }
    case "round_ended":
      return onRoundEnded(state, event);
    case "lobby_updated": {
      const switches: Partial<GameState["lobby"]> = {};
      for (const key of ["locked", "family_friendly", "code_hidden"] as const) {
        if (typeof event[key] === "boolean") switches[key] = event[key];
      }
      return { ...state, lobby: { ...state.lobby, ...switches } };
    }
    case "phase_changed":
    case "lobby_phase": {
      // Not in docs/protocol.md yet: the host's "back to the lobby" may announce itself so.
      if (typeof event.phase !== "string") return state;
      // Back in the lobby the last round is put away, as a fresh snapshot has it.
      const round = event.phase === "lobby" ? null : state.round;
      return { ...state, round, lobby: { ...state.lobby, phase: event.phase } };
    }
    default:
      return state;
  }
}

// What a player should look at, from the lobby's phase and the round's status.
export function screenOf(state: GameState): "lobby" | "playing" | "results" {
  if (state.round && state.round.status === "running") return "playing";
  if (state.lobby.phase === "results" && state.last_summary) return "results";
  if (state.lobby.phase === "playing") return state.round ? "playing" : "lobby";
  if (state.lobby.phase === "results") return "results";
  return "lobby";
}
