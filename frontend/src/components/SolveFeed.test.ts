import { describe, expect, it } from "vitest";
import { addEntry, feedEntry, FEED_LENGTH, type FeedEntry } from "./SolveFeed";

const teams = [
  { id: 1, name: "Red Foxes" },
  { id: 2, name: "Blue Owls" },
];

describe("the big screen's solve feed", () => {
  it("names the team and the rung, counted from the top word as 1", () => {
    const entry = feedEntry({ type: "rung_solved", seq: 4, team_id: 2, rung: 6, by_hint: false, solved: 3 }, teams);
    expect(entry).toMatchObject({ seq: 4, teamId: 2, text: "Blue Owls solved rung 7", kind: "solved" });
  });

  it("says when a hint revealed the rung", () => {
    const entry = feedEntry({ type: "rung_solved", seq: 5, team_id: 1, rung: 2, by_hint: true }, teams);
    expect(entry?.text).toBe("Red Foxes revealed rung 3 with a hint");
  });

  it("tells nothing of other events", () => {
    expect(feedEntry({ type: "guess", seq: 6, team_id: 1 }, teams)).toBeNull();
    expect(feedEntry({ type: "team_finished", seq: 7, team_id: 1, place: 1 }, teams)).toBeNull();
  });

  it("keeps the newest few, newest first, each event once", () => {
    let feed: FeedEntry[] = [];
    for (let seq = 1; seq <= FEED_LENGTH + 2; seq++) {
      feed = addEntry(feed, feedEntry({ type: "rung_solved", seq, team_id: 1, rung: seq }, teams)!);
    }
    const replayed = addEntry(feed, feedEntry({ type: "rung_solved", seq: FEED_LENGTH + 2, team_id: 1, rung: 9 }, teams)!);
    expect(replayed).toBe(feed);
    expect(feed.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3]);
  });
});
