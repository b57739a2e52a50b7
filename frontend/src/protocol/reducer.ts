// The pure half of the live protocol: how one event changes what a screen knows.
// Never mutates its input, so React can compare states by identity. Events are the
// generated ServerEvent union: each case below sees its event's exact shape.
import type {
  GameState,
  LadderView,
  LeaderboardRow,
  Player,
  RoundView,
  ServerEvent,
  Team,
  TeamProgress,
} from "./types";

// A rung is revealed when it lies above the downward frontier or below the upward
// one. The host's ladder carries every word, so "word is set" cannot tell.
export function isRevealed(ladder: LadderView, index: number): boolean {
  const { down, up } = ladder.frontier;
  if (down === null || up === null) return true;
  return index < down || index > up;
}

export function ladderCounts(ladder: LadderView): { solved: number; total: number; progress: number } {
  const total = Math.max(0, ladder.rungs.length - 2);
  let solved = 0;
  for (let i = 1; i < ladder.rungs.length - 1; i++) if (isRevealed(ladder, i)) solved++;
  return { solved, total, progress: total === 0 ? 1 : solved / total };
}

// A new roster: the lobby's counts and `me` follow it. Team events also bring the
// leaderboard, since renaming or removing a team changes how it names the team.
function withRoster(
  state: GameState,
  players: Player[],
  teams: Team[],
  leaderboard: LeaderboardRow[] = state.leaderboard,
): GameState {
  const next: GameState = {
    ...state,
    teams,
    players,
    leaderboard,
    lobby: { ...state.lobby, player_count: players.length, team_count: teams.length },
  };
  const me = state.me ? players.find((p) => p.id === state.me?.id) : undefined;
  if (me) next.me = me;
  return next;
}

// The frequent roster events name only the player that changed.
function patchPlayer(state: GameState, id: number, change: Partial<Player>): GameState {
  return withRoster(
    state,
    state.players.map((p) => (p.id === id ? { ...p, ...change } : p)),
    state.teams,
  );
}

function withoutPlayer(state: GameState, id: number): GameState {
  return withRoster(
    state,
    state.players.filter((p) => p.id !== id),
    state.teams.map((t) => ({ ...t, player_ids: t.player_ids.filter((p) => p !== id) })),
  );
}

function movePlayer(state: GameState, id: number, teamId: number | null): GameState {
  const teams = state.teams.map((t) => {
    const others = t.player_ids.filter((p) => p !== id);
    return { ...t, player_ids: t.id === teamId ? [...others, id] : others };
  });
  return withRoster(
    state,
    state.players.map((p) => (p.id === id ? { ...p, team_id: teamId } : p)),
    teams,
  );
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

function renameInRound(round: RoundView | null, teamId: number, name: string): RoundView | null {
  if (!round) return round;
  return { ...round, teams: round.teams.map((t) => (t.team_id === teamId ? { ...t, name } : t)) };
}

export function applyEvent(state: GameState, event: ServerEvent): GameState {
  switch (event.type) {
    case "player_joined": {
      const { player } = event;
      return withRoster(state, [...state.players.filter((p) => p.id !== player.id), player], state.teams);
    }
    case "player_left":
    case "player_kicked":
      return withoutPlayer(state, event.player_id);
    case "player_moved":
      return movePlayer(state, event.player_id, event.team_id);
    case "player_ready":
      return patchPlayer(state, event.player_id, { ready: event.ready });
    case "player_connected":
      return patchPlayer(state, event.player_id, { connected: true });
    case "player_disconnected":
      return patchPlayer(state, event.player_id, { connected: false });
    case "teams_changed":
    case "team_created":
      return withRoster(state, event.players, event.teams);
    case "team_renamed": {
      const next = withRoster(state, event.players, event.teams, event.leaderboard);
      return { ...next, round: renameInRound(next.round, event.team_id, event.name) };
    }
    case "team_removed":
      return withRoster(state, event.players, event.teams, event.leaderboard);
    case "round_started": {
      // The roster comes along: everyone's ready mark was cleared for the new round.
      const next = withRoster(state, event.players, event.teams);
      return { ...next, round: event.round, lobby: { ...next.lobby, phase: "playing" } };
    }
    case "guess": {
      const { guess } = event;
      // Another team's guess carries no details.
      if (!state.round || !guess) return state;
      const round = updateLadder(state.round, event.team_id, (l) => ({ ...l, guesses: [...l.guesses, guess] }));
      return { ...state, round };
    }
    case "rung_solved": {
      if (!state.round) return state;
      // The team itself and the host get the ladder; everyone else the counts.
      if ("ladder" in event) {
        const { ladder } = event;
        const round = updateLadder(state.round, event.team_id, () => ladder);
        return { ...state, round: updateProgress(round, event.team_id, ladderCounts(ladder)) };
      }
      const { solved, total, progress } = event;
      return { ...state, round: updateProgress(state.round, event.team_id, { solved, total, progress }) };
    }
    case "hint_taken": {
      const { hint } = event;
      if (!state.round || !hint) return state;
      const round = updateLadder(state.round, event.team_id, (l) => ({ ...l, hints: [...l.hints, hint] }));
      return { ...state, round };
    }
    case "team_finished": {
      if (!state.round) return state;
      const { place, finished_at } = event;
      const round = updateLadder({ ...state.round, teams: event.teams }, event.team_id, (l) => ({
        ...l,
        place,
        finished_at,
      }));
      return { ...state, round };
    }
    case "timer_started":
      if (!state.round) return state;
      return { ...state, round: { ...state.round, ends_at: event.ends_at } };
    case "round_ended":
      // The ended round comes as this audience sees it, with the summary's final places.
      return {
        ...state,
        round: event.round,
        last_summary: event.summary,
        leaderboard: event.leaderboard,
        lobby: { ...state.lobby, phase: "results" },
      };
    case "lobby_updated": {
      const { locked, family_friendly, code_hidden } = event;
      return { ...state, lobby: { ...state.lobby, locked, family_friendly, code_hidden } };
    }
    case "phase_changed":
      // Back in the lobby the last round is put away, as a fresh snapshot has it.
      return {
        ...state,
        round: event.phase === "lobby" ? null : state.round,
        // A new game announces itself so too, with its fresh leaderboard.
        leaderboard: event.leaderboard ?? state.leaderboard,
        lobby: { ...state.lobby, phase: event.phase, ...(event.game != null ? { game: event.game } : {}) },
      };
    default:
      // The socket's own frames, and lobby_deleted (the close that follows ends the session).
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
