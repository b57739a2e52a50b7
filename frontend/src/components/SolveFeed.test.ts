import { describe, expect, it } from "vitest";
import type { ServerFrame } from "../protocol/types";
import { addEntry, feedEntry, FEED_LENGTH, type FeedEntry } from "./SolveFeed";

// What other teams and the big screen are told of a rung solved by `team_id`.
function solved(seq: number, team_id: number, rung: number, by_hint = false): ServerFrame {
  return { type: "rung_solved", seq, team_id, rung, by_hint, solved: 1, total: 5, progress: 0.2 };
}

const teams = [
  { id: 1, name: "Red Foxes" },
  { id: 2, name: "Blue Owls" },
];

describe("the big screen's solve feed", () => {
  it("names the team and the rung, counted from the top word as 1", () => {
    const entry = feedEntry(solved(4, 2, 6), teams);
    expect(entry).toMatchObject({ seq: 4, teamId: 2, text: "Blue Owls solved rung 7", kind: "solved" });
  });

  it("says when a hint revealed the rung", () => {
    const entry = feedEntry(solved(5, 1, 2, true), teams);
    expect(entry?.text).toBe("Red Foxes revealed rung 3 with a hint");
  });

  it("tells nothing of other events", () => {
    expect(feedEntry({ type: "guess", seq: 6, team_id: 1 }, teams)).toBeNull();
    const finished: ServerFrame = {
      type: "team_finished",
      seq: 7,
      team_id: 1,
      name: "Red Foxes",
      place: 1,
      finished_at: "2026-11-28T20:00:00.000Z",
      teams: [],
    };
    expect(feedEntry(finished, teams)).toBeNull();
  });

  it("keeps the newest few, newest first, each event once", () => {
    let feed: FeedEntry[] = [];
    for (let seq = 1; seq <= FEED_LENGTH + 2; seq++) {
      feed = addEntry(feed, feedEntry(solved(seq, 1, seq), teams)!);
    }
    const replayed = addEntry(feed, feedEntry(solved(FEED_LENGTH + 2, 1, 9), teams)!);
    expect(replayed).toBe(feed);
    expect(feed.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3]);
  });
});
