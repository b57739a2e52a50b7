import { describe, expect, it } from "vitest";
import { currentClues, stuckGroups } from "./HostLobby";
import { ladder, round } from "../test/fixtures";
import type { LadderView } from "../protocol/types";

// The host's ladders carry every word and list clues by step.
function hostLadder(teamId: number, overrides: Partial<LadderView> = {}): LadderView {
  const base = ladder({ team_id: teamId });
  return {
    ...base,
    rungs: base.rungs.map((r, i) => ({ ...r, word: r.word ?? ["", "SOUTH", "MOUTH", "NEW YORK", ""][i] })),
    clues: {
      steps: [0, 1, 2, 3].map((step) => ({ step, key: (step + 2) % 4, text: `clue ${step}`, transform: null })),
    },
    ...overrides,
  };
}

const wrongAt = (rung: number) => ({ player_id: 1, player_name: "X", rung, word: "NOPE", result: "incorrect", at: "t" });

describe("host helpers", () => {
  it("finds the clue leading to each frontier rung", () => {
    const clues = currentClues(hostLadder(1));
    expect(clues).toEqual([
      { direction: "down", rung: 1, clue: { step: 0, key: 2, text: "clue 0", transform: null } },
      { direction: "up", rung: 3, clue: { step: 3, key: 1, text: "clue 3", transform: null } },
    ]);
  });

  it("flags teams stuck on the same rung of the same puzzle", () => {
    const r = round({
      ladder: undefined,
      ladders: {
        "1": hostLadder(1, { guesses: [wrongAt(1)] }),
        "2": hostLadder(2, { guesses: [wrongAt(1), wrongAt(1)] }),
        "3": hostLadder(3, { guesses: [] }),
      },
    });
    expect(stuckGroups(r)).toEqual([{ title: "Cold Snap", rung: 1, word: "SOUTH", teams: [1, 2] }]);
  });

  it("does not flag a single team or finished teams", () => {
    const r = round({
      ladder: undefined,
      ladders: {
        "1": hostLadder(1, { guesses: [wrongAt(3)] }),
        "2": hostLadder(2, { guesses: [wrongAt(3)], finished_at: "t" }),
      },
    });
    expect(stuckGroups(r)).toEqual([]);
  });
});
