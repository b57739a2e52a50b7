import { useEffect, useState } from "react";
import type { LiveClient } from "../protocol/client";
import type { ServerFrame, Team } from "../protocol/types";
import { TeamMark } from "./TeamMark";

export interface FeedEntry {
  seq: number;
  teamId: number;
  name: string;
  text: string;
  kind: "solved" | "hint";
}

// How long the big screen's feed is: the newest few, the rest scroll away.
export const FEED_LENGTH = 5;

// One line of the feed from a rung_solved event, or null for any other event. Rungs are
// counted from the top word as 1, as the phones' guess boxes count them.
export function feedEntry(frame: ServerFrame, teams: Pick<Team, "id" | "name">[]): FeedEntry | null {
  // A team's finish has its own line under the race; other events are not solves.
  if (frame.type !== "rung_solved") return null;
  const teamId = frame.team_id;
  const name = teams.find((t) => t.id === teamId)?.name ?? "A team";
  // Other teams and the big screen are told how; a team's own view shows the guess.
  const byHint = "by_hint" in frame ? frame.by_hint : frame.guess == null;
  const rung = `rung ${frame.rung + 1}`;
  return {
    seq: frame.seq,
    teamId,
    name,
    text: byHint ? `${name} revealed ${rung} with a hint` : `${name} solved ${rung}`,
    kind: byHint ? "hint" : "solved",
  };
}

// Newest first, each event once (a reconnect may replay what was already shown).
export function addEntry(feed: FeedEntry[], entry: FeedEntry): FeedEntry[] {
  if (feed.some((e) => e.seq === entry.seq)) return feed;
  return [entry, ...feed].sort((a, b) => b.seq - a.seq).slice(0, FEED_LENGTH);
}

// The live solve feed of one round, kept from the events as they come.
export function useSolveFeed(client: LiveClient | null, roundId: number | undefined): FeedEntry[] {
  const [feed, setFeed] = useState<FeedEntry[]>([]);
  useEffect(() => setFeed([]), [roundId]);
  useEffect(() => {
    if (!client) return;
    return client.onFrame((frame, live) => {
      const entry = feedEntry(frame, live.game?.teams ?? []);
      if (entry) setFeed((feed) => addEntry(feed, entry));
    });
  }, [client]);
  return feed;
}

export function SolveFeed({ feed, roster }: { feed: FeedEntry[]; roster: Team[] }) {
  return (
    <section className="feed-panel" aria-labelledby="feed-title">
      <h2 id="feed-title" className="feed-title">
        Just now
      </h2>
      {feed.length === 0 ? (
        <p className="feed-empty">The first rung is up for grabs…</p>
      ) : (
        <ol className="solve-feed" aria-live="polite">
          {feed.map((entry) => (
            <li key={entry.seq} className={`solve-feed-item feed-${entry.kind}`}>
              <TeamMark teamId={entry.teamId} roster={roster} name={entry.name} />
              <span>{entry.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
