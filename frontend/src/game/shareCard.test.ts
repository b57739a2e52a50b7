import { describe, expect, it, vi } from "vitest";
import type { RoundSummary, SummaryTeam, WholeLadder } from "../protocol/types";
import { rungOutcomes, shareResult, shareText, squares, type RungOutcome } from "./shareCard";

const ana = { id: 3, name: "Ana" };
const ben = { id: 4, name: "Ben" };

function wholeLadder(teamId: number, found: ("solved" | "hint" | "revealed")[]): WholeLadder {
  const hidden = found.map((f, i) => ({
    index: i + 1,
    word: `WORD${i + 1}`,
    given: false,
    solved_by: f === "revealed" ? null : f === "hint" ? ben : ana,
    by_hint: f === "hint",
  }));
  return {
    team_id: teamId,
    name: teamId === 1 ? "Red Foxes" : "Blue Owls",
    puzzle: { title: "Cold Snap", difficulty: "easy" },
    rungs: [
      { index: 0, word: "DOWN", given: true, solved_by: null, by_hint: false },
      ...hidden,
      { index: hidden.length + 1, word: "NORTH", given: true, solved_by: null, by_hint: false },
    ],
    steps: [],
  };
}

function team(teamId: number, overrides: Partial<SummaryTeam> = {}): SummaryTeam {
  return {
    team_id: teamId,
    name: teamId === 1 ? "Red Foxes" : "Blue Owls",
    puzzle: "Cold Snap",
    author: null,
    note: null,
    place: 1,
    finished: true,
    seconds: 161,
    solved: 4,
    total: 4,
    progress: 1,
    hints: 1,
    place_points: 2,
    hint_share: 0.1,
    wrong_guesses: 2,
    points: 1.8,
    ...overrides,
  };
}

function summary(): RoundSummary {
  return {
    round_id: 9,
    number: 2,
    reason: "host",
    started_at: "2026-11-26T22:47:25.123Z",
    ended_at: "2026-11-26T22:50:06.123Z",
    teams: [team(1), team(2, { place: null, finished: false, seconds: null, solved: 1, total: 3, progress: 1 / 3 })],
    ladders: [wholeLadder(1, ["solved", "hint", "solved", "solved"]), wholeLadder(2, ["solved", "revealed", "revealed"])],
    players: [],
    awards: [],
  };
}

describe("the share card", () => {
  it("marks each hidden rung as solved, solved by a hint, or revealed at the end", () => {
    expect(rungOutcomes(wholeLadder(2, ["solved", "hint", "revealed"]))).toEqual(["solved", "hint", "revealed"]);
    expect(squares(["solved", "hint", "revealed"])).toBe("🟩🟨⬛");
  });

  it("breaks a long ladder's squares into lines of ten", () => {
    const lines = squares(Array<RungOutcome>(18).fill("solved")).split("\n");
    expect(lines.map((l) => [...l].length)).toEqual([10, 8]);
  });

  it("gives a finished team's place among all teams and its time", () => {
    expect(shareText(summary(), 1)).toBe(
      ["Raddle Teams · round 2", "Cold Snap", "1st of 2 teams in 2:41", "🟩🟨🟩🟩", "3 solved · 1 by hint"].join("\n"),
    );
  });

  it("says plainly when the team did not reach the end", () => {
    const text = shareText(summary(), 2)!;
    expect(text).toContain("Did not finish · 1/3 rungs");
    expect(text).toContain("🟩⬛⬛");
    expect(text).toContain("2 revealed at the end");
  });

  it("leaves out the lobby, the team and every player", () => {
    const text = shareText(summary(), 1)!;
    for (const secret of ["Ana", "Ben", "Red Foxes", "Blue Owls", "ABC234", "WORD1"]) expect(text).not.toContain(secret);
  });

  it("has nothing to share for a team that sat the round out", () => {
    expect(shareText(summary(), 7)).toBeNull();
  });
});

describe("sharing the card", () => {
  const clipboard = () => ({ writeText: vi.fn(async () => undefined) });

  it("uses the phone's share sheet where there is one", async () => {
    const share = vi.fn(async () => undefined);
    const board = clipboard();
    const nav = { share, canShare: () => true, clipboard: board } as unknown as Navigator;
    expect(await shareResult("card", nav)).toBe("shared");
    expect(share).toHaveBeenCalledWith({ text: "card" });
    expect(board.writeText).not.toHaveBeenCalled();
  });

  it("copies to the clipboard where there is no share sheet", async () => {
    const board = clipboard();
    const nav = { clipboard: board } as unknown as Navigator;
    expect(await shareResult("card", nav)).toBe("copied");
    expect(board.writeText).toHaveBeenCalledWith("card");
  });

  it("takes a closed share sheet as no, and a broken one as a reason to copy", async () => {
    const abort = Object.assign(new Error("closed"), { name: "AbortError" });
    const closed = { share: vi.fn(async () => Promise.reject(abort)), clipboard: clipboard() } as unknown as Navigator;
    expect(await shareResult("card", closed)).toBe("cancelled");
    const broken = { share: vi.fn(async () => Promise.reject(new Error("no"))), clipboard: clipboard() } as unknown as Navigator;
    expect(await shareResult("card", broken)).toBe("copied");
  });

  it("reports a clipboard that refuses", async () => {
    const nav = { clipboard: { writeText: vi.fn(async () => Promise.reject(new Error("denied"))) } } as unknown as Navigator;
    expect(await shareResult("card", nav)).toBe("failed");
  });
});
