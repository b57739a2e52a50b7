// A host's ladder as the editor holds it, and the puzzle file it turns into. The
// server validates and lints the file; this module only shapes it.
import type { Rest } from "../protocol/types";

export type Difficulty = "easy" | "medium" | "hard";

export interface DraftRung {
  word: string;
  clue: string;
  // How the step works ("anagram", "T→P"); kept from imported files, never typed here.
  transform: string | null;
}

export interface Draft {
  title: string;
  author: string;
  note: string;
  difficulty: Difficulty;
  rungs: DraftRung[];
  accept: string[];
}

// The server's puzzle shapes, as its REST API documents them.
export type RungData = Rest<"RungData">;
export type PuzzleData = Rest<"PuzzleData">;
export type Problem = Rest<"Problem">;
export type LintNote = Rest<"LintNote">;
export type CheckResult = Rest<"CheckResult">;
export type PuzzleInfo = Rest<"PuzzleInfo">;

export const MIN_RUNGS = 5;
export const MAX_RUNGS = 20;

export function emptyDraft(): Draft {
  return {
    title: "",
    author: "",
    note: "",
    difficulty: "easy",
    rungs: Array.from({ length: MIN_RUNGS }, () => ({ word: "", clue: "", transform: null })),
    accept: [],
  };
}

function isDifficulty(value: string): value is Difficulty {
  return value === "easy" || value === "medium" || value === "hard";
}

export function draftFromPuzzle(puzzle: PuzzleData): Draft {
  return {
    title: puzzle.title,
    author: puzzle.author ?? "",
    note: puzzle.note ?? "",
    difficulty: isDifficulty(puzzle.difficulty) ? puzzle.difficulty : "easy",
    rungs: puzzle.ladder.map((r) => ({ word: r.word, clue: r.clue ?? "", transform: r.transform ?? null })),
    accept: [...puzzle.accept],
  };
}

// The puzzle file (as JSON) for a draft. Empty optional fields are left out; the
// last rung never has a clue. Everything else is sent as typed, so the server's
// validator can say what is wrong with it.
export function draftToFile(draft: Draft): Record<string, unknown> {
  const file: Record<string, unknown> = { title: draft.title };
  if (draft.author.trim()) file.author = draft.author;
  if (draft.note.trim()) file.note = draft.note;
  file.difficulty = draft.difficulty;
  file.ladder = draft.rungs.map((rung, index) => {
    const item: Record<string, string> = { word: rung.word };
    if (index < draft.rungs.length - 1) item.clue = rung.clue;
    if (rung.transform && index < draft.rungs.length - 1) item.transform = rung.transform;
    return item;
  });
  if (draft.accept.length) file.accept = draft.accept;
  return file;
}

export function draftText(draft: Draft): string {
  return JSON.stringify(draftToFile(draft), null, 2);
}

export function withRung(draft: Draft, index: number, change: Partial<DraftRung>): Draft {
  return { ...draft, rungs: draft.rungs.map((r, i) => (i === index ? { ...r, ...change } : r)) };
}

// A new rung goes just above the bottom word, which stays last.
export function addRung(draft: Draft): Draft {
  if (draft.rungs.length >= MAX_RUNGS) return draft;
  const rungs = [...draft.rungs];
  rungs.splice(rungs.length - 1, 0, { word: "", clue: "", transform: null });
  return { ...draft, rungs };
}

export function removeRung(draft: Draft, index: number): Draft {
  if (draft.rungs.length <= MIN_RUNGS) return draft;
  return { ...draft, rungs: draft.rungs.filter((_, i) => i !== index) };
}

export function accept(draft: Draft, key: string): Draft {
  return draft.accept.includes(key) ? draft : { ...draft, accept: [...draft.accept, key] };
}

export function unaccept(draft: Draft, key: string): Draft {
  return { ...draft, accept: draft.accept.filter((k) => k !== key) };
}
