import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Clue, Direction, GuessRecord, HintRecord, LadderView } from "../protocol/types";
import { errorText } from "../lib/api";
import { formatShare } from "../game/words";
import { ClueText, GuessInput, Ladder, type GuessFn } from "./Ladder";
import { Icon } from "./Icon";

export function DirectionSwitch({
  direction,
  onChange,
  ladder,
}: {
  direction: Direction;
  onChange: (d: Direction) => void;
  ladder: LadderView;
}) {
  const top = ladder.rungs[0]?.word ?? "the top";
  const bottom = ladder.rungs[ladder.rungs.length - 1]?.word ?? "the bottom";
  return (
    <fieldset className="switch">
      <legend className="visually-hidden">Which way are you solving?</legend>
      {(["down", "up"] as const).map((d) => (
        <label key={d} className={direction === d ? "switch-opt switch-on" : "switch-opt"}>
          <input
            type="radio"
            name="direction"
            value={d}
            checked={direction === d}
            onChange={() => onChange(d)}
          />
          <span aria-hidden="true" className="switch-arrow">
            {d === "down" ? "↓" : "↑"}
          </span>
          <span>
            {d === "down" ? "Down" : "Up"}
            <small> from {d === "down" ? top : bottom}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

// The hint the team took for the rung being solved, if any, says which clue fits.
function hintedKeys(ladder: LadderView, direction: Direction): Map<number, HintRecord> {
  const rung = ladder.frontier[direction];
  const keys = new Map<number, HintRecord>();
  for (const hint of ladder.hints) {
    if (hint.level !== 1 || hint.rung !== rung || hint.clue_key === undefined) continue;
    if (hint.direction && hint.direction !== direction) continue;
    keys.set(hint.clue_key, hint);
  }
  return keys;
}

export function ClueList({ ladder, direction, meId }: { ladder: LadderView; direction: Direction; meId?: number }) {
  const clues: Clue[] = ladder.clues[direction] ?? [];
  const open = clues.filter((c) => !c.used);
  const used = clues.filter((c) => c.used);
  const hinted = hintedKeys(ladder, direction);
  return (
    <section className="card clues" aria-labelledby="clues-title">
      <h2 id="clues-title" className="card-title">
        Clues <span className="muted">going {direction} · shuffled</span>
      </h2>
      {open.length === 0 ? (
        <p className="muted">Every clue is used.</p>
      ) : (
        <ul className="clue-list">
          {open.map((clue) => {
            const hint = hinted.get(clue.key);
            return (
              <li key={clue.key} className={hint ? "clue clue-hinted" : "clue"}>
                <ClueText text={clue.text} />
                {hint && (
                  <span className="clue-hint">
                    <Icon name="bulb" /> This one! ({hint.player_id === meId ? "your" : `${hint.player_name}’s`} hint)
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {used.length > 0 && (
        <details className="clues-used">
          <summary>Used clues ({used.length})</summary>
          <ul className="clue-list">
            {used.map((clue) => (
              <li key={clue.key} className="clue clue-used">
                <ClueText text={clue.text} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

const RESULT_ICON: Record<string, { icon: "check" | "cross" | "clock"; label: string }> = {
  correct: { icon: "check", label: "correct" },
  incorrect: { icon: "cross", label: "wrong" },
  already_solved: { icon: "check", label: "already solved" },
  not_frontier: { icon: "clock", label: "too early" },
};

export function GuessFeed({
  guesses,
  hints,
  meId,
  limit = 8,
  title = "Team guesses",
}: {
  guesses: GuessRecord[];
  hints: HintRecord[];
  meId?: number;
  limit?: number;
  title?: string;
}) {
  type Item = { at: string; key: string; node: ReactNode; cls: string };
  const items: Item[] = guesses.map((g, i) => {
    const r = RESULT_ICON[g.result] ?? { icon: "clock", label: g.result };
    return {
      at: g.at,
      key: `g${i}`,
      cls: `feed-item feed-${g.result}`,
      node: (
        <>
          <span className="feed-icon">
            <Icon name={r.icon} label={r.label} />
          </span>
          <span className="feed-who">{g.player_id === meId ? "You" : g.player_name}</span>
          <span className="feed-word">{g.word.toUpperCase()}</span>
          <span className="feed-rung muted">rung {g.rung + 1}</span>
        </>
      ),
    };
  });
  hints.forEach((h, i) =>
    items.push({
      at: "",
      key: `h${i}`,
      cls: "feed-item feed-hint",
      node: (
        <>
          <span className="feed-icon">
            <Icon name="bulb" />
          </span>
          <span className="feed-who">{h.player_id === meId ? "You" : h.player_name}</span>
          <span>
            took a {h.level === 1 ? "“which clue”" : "“reveal word”"} hint for rung {h.rung + 1}
          </span>
        </>
      ),
    }),
  );
  // Guesses carry times; hints do not, so they are placed after the guess they followed.
  const ordered = [...items.filter((i) => i.at)].sort((a, b) => a.at.localeCompare(b.at));
  const hintItems = items.filter((i) => !i.at);
  const shown = [...ordered, ...hintItems].slice(-limit).reverse();
  return (
    <section className="card feed" aria-labelledby="feed-title">
      <h2 id="feed-title" className="card-title">
        {title}
      </h2>
      {shown.length === 0 ? (
        <p className="muted">Nobody has guessed yet. Be the first!</p>
      ) : (
        <ul className="feed-list" aria-live="polite" aria-relevant="additions">
          {shown.map((item) => (
            <li key={item.key} className={item.cls}>
              {item.node}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export type HintFn = (direction: Direction, level: 1 | 2) => Promise<void>;

export function HintBar({
  ladder,
  direction,
  costs,
  onHint,
  practice = false,
}: {
  ladder: LadderView;
  direction: Direction;
  costs: Record<string, number>;
  onHint: HintFn;
  practice?: boolean;
}) {
  const [asking, setAsking] = useState<1 | 2 | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const rung = ladder.frontier[direction];
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    setAsking(null);
    setError(null);
  }, [rung, direction]);
  if (rung === null) return null;
  // A hint without a direction (older servers) counts when the rung is reachable one way only.
  const onlyThisWay = ladder.frontier.down !== ladder.frontier.up;
  const level1Taken = ladder.hints.some(
    (h) => h.level === 1 && h.rung === rung && (h.direction ? h.direction === direction : onlyThisWay),
  );
  // Each hint costs a share of what the team earns this round.
  const cost = (level: 1 | 2) => costs[String(level)] ?? (level === 1 ? 0.1 : 0.25);
  const costText = (level: 1 | 2) => (practice ? "free in practice" : `−${formatShare(cost(level))} of the round’s points`);

  async function take(level: 1 | 2) {
    setBusy(true);
    setError(null);
    try {
      await onHint(direction, level);
      setAsking(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card hints" aria-labelledby="hints-title">
      <h2 id="hints-title" className="card-title">
        Stuck on rung {rung + 1}?
      </h2>
      {asking === null ? (
        <div className="hint-buttons">
          <button type="button" className="btn btn-hint" onClick={() => setAsking(1)} disabled={level1Taken}>
            <Icon name="bulb" /> Which clue?
            <small>{level1Taken ? "already shown" : costText(1)}</small>
          </button>
          <button type="button" className="btn btn-hint" onClick={() => setAsking(2)}>
            <Icon name="unlock" /> Reveal word
            <small>{costText(2)}</small>
          </button>
        </div>
      ) : (
        <div className="hint-confirm" role="group" aria-label="Confirm hint">
          <p>
            {asking === 1 ? "Show which clue leads to" : "Reveal the word on"} rung {rung + 1} for your whole team?{" "}
            {practice ? (
              "In a real game this costs points."
            ) : (
              <strong>It costs your team {formatShare(cost(asking))} of this round’s points.</strong>
            )}
          </p>
          <div className="row">
            <button ref={confirmRef} type="button" className="btn btn-primary" onClick={() => take(asking)} disabled={busy}>
              {busy ? "Taking…" : "Take the hint"}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

// The rung being solved with its input, just above the clues for the same way:
// with a phone's keyboard up (about 470 px left) the word to type, the word it
// comes from and the first clues are on screen together.
function ActiveRung({
  ladder,
  direction,
  onGuess,
  online,
}: {
  ladder: LadderView;
  direction: Direction;
  onGuess: GuessFn;
  online: boolean;
}) {
  const rung = ladder.frontier[direction];
  if (rung === null) return null;
  const from = ladder.rungs[direction === "down" ? rung - 1 : rung + 1];
  const target = ladder.rungs[rung];
  return (
    <section className="active-rung" aria-label={`Rung ${rung + 1}`}>
      <p className="active-from">
        <span className="muted">From</span> <strong>{from?.word}</strong>{" "}
        <span aria-hidden="true">{direction === "down" ? "↓" : "↑"}</span>{" "}
        <span className="muted">
          {direction === "down" ? "down" : "up"} to rung {rung + 1} {target?.pattern}
        </span>
      </p>
      <GuessInput
        key={`${rung}-${direction}`}
        rung={rung}
        pattern={target?.pattern ?? ""}
        direction={direction}
        onGuess={onGuess}
        online={online}
      />
    </section>
  );
}

export function SolveView({
  ladder,
  direction,
  onDirection,
  onGuess,
  onHint,
  hintsOn,
  costs,
  meId,
  practice = false,
  online = true,
  news,
}: {
  ladder: LadderView;
  direction: Direction;
  onDirection: (d: Direction) => void;
  onGuess: GuessFn;
  onHint: HintFn;
  hintsOn: boolean;
  costs: Record<string, number>;
  meId?: number;
  practice?: boolean;
  online?: boolean;
  // Passing news, shown in its own line under the input so it never covers it.
  news?: ReactNode;
}) {
  return (
    <div className="solve">
      <div className="solve-focus">
        <DirectionSwitch direction={direction} onChange={onDirection} ladder={ladder} />
        <ActiveRung ladder={ladder} direction={direction} onGuess={onGuess} online={online} />
        {news}
        <ClueList ladder={ladder} direction={direction} meId={meId} />
        {hintsOn && (
          <HintBar ladder={ladder} direction={direction} costs={costs} onHint={onHint} practice={practice} />
        )}
      </div>
      <div className="solve-main">
        <Ladder ladder={ladder} direction={direction} playing />
      </div>
      <div className="solve-side">
        <GuessFeed
          guesses={ladder.guesses}
          hints={ladder.hints}
          meId={meId}
          title={practice ? "Your guesses" : "Team guesses"}
        />
      </div>
    </div>
  );
}
