// Small wire-shaped objects for tests, built the way docs/protocol.md shows them.
import type { GameState, LadderView, RoundView } from "../protocol/types";

export function ladder(overrides: Partial<LadderView> = {}): LadderView {
  return {
    team_id: 1,
    puzzle: { title: "Cold Snap", difficulty: "easy" },
    rungs: [
      { index: 0, word: "DOWN", pattern: "(4)", solved_by: null, by_hint: false },
      { index: 1, word: null, pattern: "(5)", solved_by: null, by_hint: false },
      { index: 2, word: null, pattern: "(5)", solved_by: null, by_hint: false },
      { index: 3, word: null, pattern: "(3 4)", solved_by: null, by_hint: false },
      { index: 4, word: "NORTH", pattern: "(5)", solved_by: null, by_hint: false },
    ],
    frontier: { down: 1, up: 3 },
    clues: {
      down: [
        { key: 2, text: "Clue two {} here", used: false },
        { key: 0, text: "Cardinal direction that is DOWN on a map", used: false },
        { key: 1, text: "Change the first letter of <> to get a {}", used: false },
        { key: 3, text: "A <> leads to NORTH", used: false },
      ],
      up: [
        { key: 2, text: "Clue two", used: false },
        { key: 0, text: "Cardinal direction", used: false },
        { key: 1, text: "Change the first letter", used: false },
        { key: 3, text: "A <> leads to NORTH", used: false },
      ],
    },
    finished_at: null,
    place: null,
    hints: [],
    guesses: [],
    ...overrides,
  };
}

export function round(overrides: Partial<RoundView> = {}): RoundView {
  return {
    id: 9,
    number: 1,
    status: "running",
    mode: "same",
    started_at: "2026-11-26T22:47:25.123Z",
    ends_at: null,
    ended_at: null,
    hints: true,
    hint_costs: { "1": 0.1, "2": 0.25 },
    teams: [
      { team_id: 1, name: "Red Foxes", puzzle: "Cold Snap", solved: 0, total: 3, progress: 0, finished_at: null, place: null },
      { team_id: 2, name: "Blue Owls", puzzle: "Cold Snap", solved: 0, total: 3, progress: 0, finished_at: null, place: null },
    ],
    ladder: ladder(),
    ...overrides,
  };
}

export function game(overrides: Partial<GameState> = {}): GameState {
  return {
    lobby: {
      code: "ABC234",
      name: "Giddy Ladders",
      phase: "lobby",
      created_at: "2026-11-26T22:00:00.000Z",
      player_count: 2,
      team_count: 2,
      locked: false,
      family_friendly: false,
      code_hidden: false,
      game: 1,
    },
    teams: [
      { id: 1, name: "Red Foxes", player_ids: [3] },
      { id: 2, name: "Blue Owls", player_ids: [4] },
    ],
    players: [
      { id: 3, name: "Ana", team_id: 1, connected: true, ready: false },
      { id: 4, name: "Ben", team_id: 2, connected: true, ready: false },
    ],
    me: { id: 3, name: "Ana", team_id: 1, connected: true, ready: false },
    round: null,
    leaderboard: [],
    last_summary: null,
    ...overrides,
  };
}

// Freezes an object graph so a test fails if the reducer mutates its input.
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
