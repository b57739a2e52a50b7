import { describe, expect, it } from "vitest";
import {
  accept,
  addRung,
  draftFromPuzzle,
  draftToFile,
  emptyDraft,
  MAX_RUNGS,
  MIN_RUNGS,
  removeRung,
  unaccept,
  withRung,
} from "./puzzleDraft";

describe("a host's draft ladder", () => {
  it("starts with the fewest rungs a ladder may have", () => {
    expect(emptyDraft().rungs).toHaveLength(MIN_RUNGS);
  });

  it("becomes a puzzle file without empty optional fields or a clue on the last rung", () => {
    let draft = emptyDraft();
    draft = { ...draft, title: "Snow Day", note: "" };
    ["SNOW", "BALL", "GOWN", "TOWN", "HALL"].forEach((word, i) => {
      draft = withRung(draft, i, { word, clue: `clue ${i} <> {}` });
    });
    const file = draftToFile(draft);
    expect(file).toEqual({
      title: "Snow Day",
      difficulty: "easy",
      ladder: [
        { word: "SNOW", clue: "clue 0 <> {}" },
        { word: "BALL", clue: "clue 1 <> {}" },
        { word: "GOWN", clue: "clue 2 <> {}" },
        { word: "TOWN", clue: "clue 3 <> {}" },
        { word: "HALL" },
      ],
    });
  });

  it("keeps an imported puzzle's transforms, note and accepted warnings", () => {
    const draft = draftFromPuzzle({
      title: "T",
      author: "Me",
      note: "Hi",
      difficulty: "hard",
      ladder: [
        { word: "A", clue: "<> {}", transform: "anagram" },
        { word: "B", clue: "<> {}", transform: null },
        { word: "C", clue: "<> {}", transform: null },
        { word: "D", clue: "<> {}", transform: null },
        { word: "E", clue: null, transform: null },
      ],
      accept: ["competitor rung 1 down: X"],
    });
    const file = draftToFile(draft);
    expect(file.note).toBe("Hi");
    expect(file.accept).toEqual(["competitor rung 1 down: X"]);
    expect((file.ladder as { transform?: string }[])[0].transform).toBe("anagram");
  });

  it("adds rungs above the bottom word, within the limits", () => {
    let draft = withRung(emptyDraft(), MIN_RUNGS - 1, { word: "BOTTOM" });
    draft = addRung(draft);
    expect(draft.rungs.at(-1)?.word).toBe("BOTTOM");
    expect(draft.rungs).toHaveLength(MIN_RUNGS + 1);
    expect(removeRung(removeRung(draft, 1), 1).rungs).toHaveLength(MIN_RUNGS);
    while (draft.rungs.length < MAX_RUNGS) draft = addRung(draft);
    expect(addRung(draft).rungs).toHaveLength(MAX_RUNGS);
  });

  it("accepts a reviewed warning once and can take it back", () => {
    const once = accept(accept(emptyDraft(), "k"), "k");
    expect(once.accept).toEqual(["k"]);
    expect(unaccept(once, "k").accept).toEqual([]);
  });
});
