import { useEffect, useState } from "react";
import type { RoundSummary } from "../protocol/types";
import { rungOutcomes, shareResult, shareText, type ShareOutcome } from "../game/shareCard";

const SAID: Record<ShareOutcome, string> = {
  shared: "Shared!",
  copied: "Copied: paste it anywhere.",
  cancelled: "",
  failed: "Could not copy here. Select the text above and copy it.",
};

const OUTCOME_LABEL = { solved: "solved", hint: "solved with a hint", revealed: "revealed at the end" };

// The round as a row of squares the player can send to friends. The preview draws the
// squares itself (a TV or an old phone may lack colour emoji); the text sent is emoji.
export function ShareCard({ summary, teamId }: { summary: RoundSummary; teamId: number }) {
  const text = shareText(summary, teamId);
  const [said, setSaid] = useState<ShareOutcome | null>(null);
  useEffect(() => setSaid(null), [summary.round_id]);
  if (!text) return null;
  const ladder = summary.ladders?.find((l) => l.team_id === teamId);
  const outcomes = ladder ? rungOutcomes(ladder) : [];
  const [, , standing] = text.split("\n");
  return (
    <section className="card share" aria-labelledby="share-title">
      <h2 id="share-title" className="card-title">
        Share your result
      </h2>
      <p className="share-standing">{standing}</p>
      <ol className="share-squares" aria-label="Your team’s rungs">
        {outcomes.map((o, i) => (
          <li key={i} className={`share-square share-${o}`}>
            <span className="visually-hidden">
              Rung {i + 1}: {OUTCOME_LABEL[o]}
            </span>
          </li>
        ))}
      </ol>
      <p className="share-key muted small">
        <span className="share-square share-solved" aria-hidden="true" /> solved{" "}
        <span className="share-square share-hint" aria-hidden="true" /> with a hint{" "}
        <span className="share-square share-revealed" aria-hidden="true" /> revealed at the end
      </p>
      <button type="button" className="btn btn-primary btn-block" onClick={async () => setSaid(await shareResult(text))}>
        Share result
      </button>
      <p className="share-said" role="status">
        {said ? SAID[said] : ""}
      </p>
      {said === "failed" && <pre className="share-text">{text}</pre>}
    </section>
  );
}
