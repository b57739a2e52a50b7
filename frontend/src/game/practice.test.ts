import { describe, expect, it } from "vitest";
import {
  FALLBACK_PRACTICE,
  frontierOf,
  parsePractice,
  practiceGuess,
  practiceHint,
  practiceLadder,
  startPractice,
} from "./practice";

const tutorial = {
  title: "Practice Ladder",
  ladder: [
    { word: "CAT", clue: "It's raining <>s and {}s!" },
    { word: "DOG", clue: "Give a <> a {} to chew on" },
    { word: "BONE", clue: "Change the first letter of <> to get a {}" },
    { word: "CONE", clue: "A <> is often filled with {}" },
    { word: "ICE CREAM" },
  ],
};

describe("the tutorial's local ladder", () => {
  it("reads the puzzle shape and common wrappings of it", () => {
    expect(parsePractice(tutorial)?.rungs).toHaveLength(5);
    expect(parsePractice({ puzzle: tutorial })?.title).toBe("Practice Ladder");
    expect(parsePractice({ title: "x", rungs: [{ answer: "A", clue: "c" }, { answer: "B", clue: "d" }, { answer: "C" }] })?.rungs[2].word).toBe("C");
    expect(parsePractice({ nothing: true })).toBeNull();
    expect(parsePractice(FALLBACK_PRACTICE)?.rungs).toHaveLength(5);
  });

  it("shows only the ends and hides the answers", () => {
    const p = parsePractice(tutorial)!;
    const view = practiceLadder(p, startPractice(p));
    expect(view.rungs.map((r) => r.word)).toEqual(["CAT", null, null, null, "ICE CREAM"]);
    expect(view.rungs[4].pattern).toBe("(3 5)");
    expect(view.frontier).toEqual({ down: 1, up: 3 });
    expect(view.clues.down!.map((c) => c.key).sort()).toEqual([0, 1, 2, 3]);
    expect(view.clues.down!.map((c) => c.key)[0]).not.toBe(0);
    const first = view.clues.down!.find((c) => c.key === 0)!;
    expect(first.text).toBe("It's raining CATs and ___s!");
    // Every unused clue shows the word being worked from, not only the right one.
    expect(view.clues.down!.find((c) => c.key === 2)?.text).toBe("Change the first letter of CAT to get a ___");
    const last = view.clues.up!.find((c) => c.key === 3)!;
    expect(last.text).toBe("A ___ is often filled with ICE CREAM");
    expect(JSON.stringify(view)).not.toContain("BONE");
  });

  it("solves from both ends with the frontier rule", () => {
    const p = parsePractice(tutorial)!;
    let s = startPractice(p);
    let r = practiceGuess(p, s, 2, "bone");
    expect(r.result).toBe("not_frontier");
    r = practiceGuess(p, r.state, 1, "cow");
    expect(r.result).toBe("incorrect");
    r = practiceGuess(p, r.state, 1, "dóg");
    expect(r.result).toBe("correct");
    s = r.state;
    expect(frontierOf(s.revealed, "down")).toBe(2);
    r = practiceGuess(p, s, 3, "C-O-N-E");
    expect(r.result).toBe("correct");
    r = practiceGuess(p, r.state, 3, "cone");
    expect(r.result).toBe("already_solved");
    const view = practiceLadder(p, r.state);
    expect(view.clues.down!.find((c) => c.key === 0)?.used).toBe(true);
    expect(view.guesses).toHaveLength(5);
    expect(view.finished_at).toBeNull();
  });

  it("gives hints: which clue, then the word", () => {
    const p = parsePractice(tutorial)!;
    let { state, hint } = practiceHint(p, startPractice(p), "up", 1);
    expect(hint).toMatchObject({ level: 1, rung: 3, clue_key: 3, direction: "up" });
    ({ state, hint } = practiceHint(p, state, "down", 1));
    expect(hint).toMatchObject({ rung: 1, clue_key: 0 });
    ({ state } = practiceHint(p, state, "down", 2));
    ({ state } = practiceHint(p, state, "down", 2));
    ({ state } = practiceHint(p, state, "down", 2));
    const view = practiceLadder(p, state);
    expect(view.finished_at).not.toBeNull();
    expect(view.rungs[2]).toMatchObject({ word: "BONE", solved_by: null });
  });
});
