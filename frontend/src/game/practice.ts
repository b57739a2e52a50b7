// The tutorial's ladder, solved entirely in the browser with the same rules the
// server applies: a frontier per direction, guesses matched after normalising,
// hints that point at the clue or reveal the word. It produces the same ladder
// view the server sends, so the tutorial uses the real game components.
import type { Clue, Direction, GuessRecord, HintRecord, LadderView } from "../protocol/types";
import { lengthPattern, matches } from "./words";

export interface PracticeRung {
  word: string;
  clue: string | null;
}

export interface Practice {
  title: string;
  rungs: PracticeRung[];
  // Clue keys (= the step's upper rung index) in the order they are shown.
  order: number[];
}

export interface PracticeState {
  revealed: boolean[];
  solvedBy: (string | null)[];
  guesses: GuessRecord[];
  hints: HintRecord[];
}

export const PRACTICE_PLAYER_ID = -1;

// Used when the server has no tutorial to give (an older server, or offline
// development): a tiny ladder written for this app.
export const FALLBACK_PRACTICE = {
  title: "Snow Day",
  ladder: [
    { word: "SNOW", clue: "Build a <>{} with a carrot for a nose" },
    { word: "MAN", clue: "Add a G and an O to <> to get a tropical fruit, the {}" },
    { word: "MANGO", clue: "A <> grows on a {}" },
    { word: "TREE", clue: "A <> {} is a den built up in the branches" },
    { word: "HOUSE", clue: null },
  ],
};

function seededOrder(count: number, seedText: string): number[] {
  let seed = 2166136261;
  for (const ch of seedText) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  // A shuffle that leaves the first clue first would give the game away.
  if (count > 1 && order[0] === 0) [order[0], order[1]] = [order[1], order[0]];
  return order;
}

// Accepts the puzzle file's shape ({title, ladder:[{word, clue}]}) and the
// common wrappings of it, since /api/tutorial only promises "the practice ladder
// with its answers".
export function parsePractice(raw: unknown): Practice | null {
  if (!raw || typeof raw !== "object") return null;
  const body = raw as Record<string, unknown>;
  const inner = (body.puzzle && typeof body.puzzle === "object" ? body.puzzle : body) as Record<string, unknown>;
  const list = [inner.ladder, inner.rungs, body.ladder, body.rungs].find(Array.isArray) as unknown[] | undefined;
  if (!list || list.length < 3) return null;
  const clues = Array.isArray(inner.clues) ? (inner.clues as unknown[]) : null;
  const rungs: PracticeRung[] = [];
  for (const [i, item] of list.entries()) {
    if (typeof item === "string") {
      rungs.push({ word: item, clue: clues && typeof clues[i] === "string" ? clues[i] : null });
      continue;
    }
    if (!item || typeof item !== "object") return null;
    const r = item as Record<string, unknown>;
    const word = [r.word, r.answer].find((w): w is string => typeof w === "string");
    if (!word) return null;
    let clue = typeof r.clue === "string" ? r.clue : null;
    if (!clue && clues && typeof clues[i] === "string") clue = clues[i];
    rungs.push({ word, clue });
  }
  if (rungs.slice(0, -1).some((r) => !r.clue)) return null;
  const title = typeof inner.title === "string" ? inner.title : "Practice Ladder";
  return { title, rungs, order: seededOrder(rungs.length - 1, title) };
}

export function startPractice(practice: Practice): PracticeState {
  const n = practice.rungs.length;
  return {
    revealed: practice.rungs.map((_, i) => i === 0 || i === n - 1),
    solvedBy: practice.rungs.map(() => null),
    guesses: [],
    hints: [],
  };
}

export function frontierOf(revealed: boolean[], direction: Direction): number | null {
  if (direction === "down") {
    const i = revealed.indexOf(false);
    return i === -1 ? null : i;
  }
  const i = revealed.lastIndexOf(false);
  return i === -1 ? null : i;
}

function fill(text: string, upper: string | null, lower: string | null): string {
  return text.replaceAll("<>", upper ?? "___").replaceAll("{}", lower ?? "___");
}

export function practiceLadder(practice: Practice, state: PracticeState): LadderView {
  const { rungs } = practice;
  const { revealed } = state;
  // Like the server: every unused clue shows the one word the player is working
  // from (the neighbour of the frontier), so the player must find which clue fits.
  const clueFor = (direction: Direction): Clue[] => {
    const rung = frontierOf(revealed, direction);
    const neighbour = rung === null ? null : direction === "down" ? rung - 1 : rung + 1;
    const known = neighbour !== null && revealed[neighbour] ? rungs[neighbour].word : null;
    return practice.order.map((key) => {
      const used = revealed[key] && revealed[key + 1];
      const text = used
        ? fill(rungs[key].clue ?? "", rungs[key].word, rungs[key + 1].word)
        : direction === "down"
          ? fill(rungs[key].clue ?? "", known, null)
          : fill(rungs[key].clue ?? "", null, known);
      return { key, text, used };
    });
  };
  const done = revealed.every(Boolean);
  return {
    team_id: 0,
    puzzle: { title: practice.title, difficulty: "easy" },
    rungs: rungs.map((r, index) => ({
      index,
      word: revealed[index] ? r.word : null,
      pattern: lengthPattern(r.word),
      solved_by:
        state.solvedBy[index] !== null ? { id: PRACTICE_PLAYER_ID, name: state.solvedBy[index] } : null,
      by_hint: state.hints.some((h) => h.level === 2 && h.rung === index),
    })),
    frontier: { down: frontierOf(revealed, "down"), up: frontierOf(revealed, "up") },
    clues: { down: clueFor("down"), up: clueFor("up") },
    finished_at: done ? new Date().toISOString() : null,
    place: done ? 1 : null,
    hints: state.hints,
    guesses: state.guesses,
  };
}

export type PracticeGuessResult = "correct" | "incorrect" | "already_solved" | "not_frontier";

export function practiceGuess(
  practice: Practice,
  state: PracticeState,
  rung: number,
  word: string,
  playerName = "You",
): { state: PracticeState; result: PracticeGuessResult } {
  let result: PracticeGuessResult;
  if (state.revealed[rung]) result = "already_solved";
  else if (rung !== frontierOf(state.revealed, "down") && rung !== frontierOf(state.revealed, "up"))
    result = "not_frontier";
  else result = matches(word, practice.rungs[rung].word) ? "correct" : "incorrect";
  const record: GuessRecord = {
    player_id: PRACTICE_PLAYER_ID,
    player_name: playerName,
    rung,
    word: word.toUpperCase(),
    result,
    at: new Date().toISOString(),
  };
  const next: PracticeState = { ...state, guesses: [...state.guesses, record] };
  if (result === "correct") {
    next.revealed = state.revealed.map((r, i) => r || i === rung);
    next.solvedBy = state.solvedBy.map((s, i) => (i === rung ? playerName : s));
  }
  return { state: next, result };
}

export function practiceHint(
  practice: Practice,
  state: PracticeState,
  direction: Direction,
  level: 1 | 2,
  playerName = "You",
): { state: PracticeState; hint: HintRecord | null } {
  const rung = frontierOf(state.revealed, direction);
  if (rung === null) return { state, hint: null };
  const hint: HintRecord = { player_id: PRACTICE_PLAYER_ID, player_name: playerName, level, rung, direction };
  const next: PracticeState = { ...state, hints: [...state.hints, hint] };
  if (level === 1) {
    hint.clue_key = direction === "down" ? rung - 1 : rung;
  } else {
    hint.word = practice.rungs[rung].word;
    next.revealed = state.revealed.map((r, i) => r || i === rung);
  }
  return { state: next, hint };
}
