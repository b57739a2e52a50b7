// Wire shapes of docs/protocol.md. Fields the server may add later are allowed
// through untouched; the reducer only relies on what is written here.

export type Phase = "lobby" | "playing" | "results";
export type Direction = "down" | "up";

export interface Lobby {
  code: string;
  name: string;
  phase: Phase | string;
  created_at: string;
  player_count: number;
  team_count?: number;
  // The host's switches: no new joins, names pass a word filter, the big screen hides the code.
  locked?: boolean;
  family_friendly?: boolean;
  code_hidden?: boolean;
  // The game the lobby is on, from 1 ("New game, same players").
  game?: number;
}

export interface Team {
  id: number;
  name: string;
  player_ids: number[];
}

export interface Player {
  id: number;
  name: string;
  team_id: number | null;
  connected: boolean;
  ready?: boolean;
}

export interface PersonRef {
  id: number;
  name: string;
}

export interface Rung {
  index: number;
  word: string | null;
  pattern: string;
  solved_by: PersonRef | null;
  // True when a "reveal word" hint uncovered the rung (solved_by is who took it).
  by_hint?: boolean;
}

export interface Clue {
  key: number;
  text: string;
  used: boolean;
}

// The host's ladder lists every clue by step (step i links rung i and rung i+1),
// with both words written in.
export interface ClueStep {
  step: number;
  key: number;
  text: string;
  // How the step works ("S→M", "anagram"), where the puzzle says.
  transform?: string | null;
}

export interface GuessRecord {
  player_id: number;
  player_name: string;
  rung: number;
  word: string;
  result: "correct" | "incorrect" | "already_solved" | "not_frontier" | string;
  at: string;
}

export interface HintRecord {
  player_id: number;
  player_name: string;
  level: 1 | 2;
  rung: number;
  direction?: Direction;
  clue_key?: number;
  word?: string;
}

export interface LadderView {
  team_id: number;
  puzzle: { title: string; difficulty?: string; slug?: string };
  rungs: Rung[];
  frontier: { down: number | null; up: number | null };
  clues: { down?: Clue[]; up?: Clue[]; steps?: ClueStep[] };
  finished_at: string | null;
  place: number | null;
  hints: HintRecord[];
  guesses: GuessRecord[];
}

export interface TeamProgress {
  team_id: number;
  name: string;
  puzzle?: string;
  solved: number;
  total: number;
  progress: number;
  finished_at: string | null;
  place: number | null;
}

export interface RoundView {
  id: number;
  number: number;
  status: "running" | "ended" | string;
  mode?: "same" | "different" | string;
  started_at: string;
  ends_at: string | null;
  ended_at: string | null;
  hints: boolean;
  hint_costs: Record<string, number>;
  teams: TeamProgress[];
  ladder?: LadderView | null;
  ladders?: Record<string, LadderView>;
}

export interface LeaderboardRow {
  team_id: number;
  name: string;
  points: number;
  rounds_won: number;
  rounds_played: number;
}

export interface SummaryTeam {
  team_id: number;
  name: string;
  puzzle: string;
  // Who wrote the puzzle, and the note they left for the end of the round.
  author?: string | null;
  note?: string | null;
  place: number | null;
  finished: boolean;
  seconds: number | null;
  solved: number;
  total: number;
  progress: number;
  hints: number;
  // The score as a sum: place_points − hint_share (a fraction) = points. Rounds
  // scored before place points were kept have null place_points.
  place_points: number | null;
  hint_share: number;
  wrong_guesses: number;
  points: number;
}

// A team's whole ladder, sent to everyone once the round is over.
export interface WholeLadder {
  team_id: number | null;
  name: string;
  puzzle: { title: string; difficulty?: string };
  rungs: { index: number; word: string; given: boolean; solved_by: PersonRef | null; by_hint: boolean }[];
  steps: ClueStep[];
}

export interface SummaryPlayer {
  player_id: number;
  name: string;
  team_id: number | null;
  correct: number;
  wrong: number;
  hints: number;
}

export interface Award {
  key: string;
  title: string;
  player_id?: number | null;
  player_name?: string | null;
  team_id?: number | null;
  team_name?: string | null;
  detail?: string;
}

export interface RoundSummary {
  round_id: number;
  number: number;
  reason: "all_finished" | "host" | "timer" | string;
  started_at: string;
  ended_at: string;
  teams: SummaryTeam[];
  ladders?: WholeLadder[];
  players: SummaryPlayer[];
  awards: Award[];
}

export interface GameState {
  lobby: Lobby;
  teams: Team[];
  players: Player[];
  me?: Player;
  round: RoundView | null;
  leaderboard: LeaderboardRow[];
  last_summary: RoundSummary | null;
}

export interface Welcome {
  type: "welcome";
  role: "player" | "admin" | "screen" | string;
  lobby?: string | null;
  player_id?: number;
  server_time?: string;
}

export type AuthFrame =
  | { type: "auth"; token: string; lobby?: string; last_seq?: number }
  | { type: "auth"; screen: string; last_seq?: number };

// Every server frame is an object with a type; events also carry seq.
export interface ServerFrame {
  type: string;
  seq?: number;
  ref?: string;
  [field: string]: unknown;
}

export interface GuessResult {
  type: "guess_result";
  ref?: string;
  result: "correct" | "incorrect" | "already_solved" | "not_frontier" | string;
  rung: number;
  word?: string;
  solved_by?: PersonRef;
}

export interface HintResult {
  type: "hint_result";
  ref?: string;
  level: number;
  rung: number;
  clue_key?: number;
  word?: string;
}

export interface ErrorFrame {
  type: "error";
  ref?: string;
  code: string;
  detail?: string;
}
