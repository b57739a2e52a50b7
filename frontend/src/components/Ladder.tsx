import { Fragment, useEffect, useId, useRef, useState } from "react";
import type { Direction, LadderView, PersonRef, Rung } from "../protocol/types";
import { isRevealed } from "../protocol/reducer";
import { letterCount, normalise, patternCount, patternGroups } from "../game/words";
import { Icon } from "./Icon";
import { errorText } from "../lib/api";

export interface GuessOutcome {
  result: string;
  word?: string;
  solved_by?: PersonRef | null;
}

export type GuessFn = (rung: number, word: string) => Promise<GuessOutcome>;

// Clue text with the unknown word shown as a blank; the server writes the known
// neighbour word in, and may leave the other as "<>" or "{}".
export function ClueText({ text }: { text: string }) {
  const parts = text.split(/(<>|\{\}|_{3,})/);
  return (
    <>
      {parts.map((part, i) =>
        part === "<>" || part === "{}" || /^_{3,}$/.test(part) ? (
          <span key={i} className="blank" aria-label="blank" role="img" />
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

function LetterBoxes({ pattern, value }: { pattern: string; value: string }) {
  const letters = normalise(value).split("");
  let at = 0;
  return (
    <span className="boxes" aria-hidden="true">
      {patternGroups(pattern).map((group, g) => (
        <span className="box-group" key={g}>
          {Array.from({ length: group.size }, (_, i) => {
            const ch = letters[at++] ?? "";
            return (
              <span key={i} className={ch ? "box box-filled" : "box"}>
                {ch}
              </span>
            );
          })}
          {group.sep === "-" && <span className="box-sep">-</span>}
        </span>
      ))}
    </span>
  );
}

export function GuessInput({
  rung,
  pattern,
  direction,
  onGuess,
  online = true,
}: {
  rung: number;
  pattern: string;
  direction: Direction;
  onGuess: GuessFn;
  online?: boolean;
}) {
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState<{ kind: "wrong" | "info" | "error"; text: string } | null>(null);
  const [shaking, setShaking] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const busyRef = useRef(false);
  const count = patternCount(pattern);
  const hintId = useId();

  useEffect(() => {
    // Follow the player's focus from the rung they just solved to the next one,
    // but never steal it from another control.
    const active = document.activeElement;
    if (!active || active === document.body) inputRef.current?.focus({ preventScroll: false });
  }, []);

  // A guess goes only when the player sends it (Enter or the Send button): a full
  // word typed from a remembered direction is not a public wrong guess by accident.
  function send() {
    const n = letterCount(value);
    if (n === 0) {
      setFlash({ kind: "info", text: "Type a word first." });
      return;
    }
    if (count > 0 && n !== count) {
      setFlash({ kind: "info", text: `This word has ${count} letters; you typed ${n}.` });
      return;
    }
    void submit(value);
  }

  async function submit(word: string) {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setFlash(null);
    try {
      const outcome = await onGuess(rung, word);
      if (outcome.result === "incorrect") {
        setFlash({ kind: "wrong", text: `${normalise(word)} is not it. Try again!` });
        setShaking(true);
        setValue("");
      } else if (outcome.result === "already_solved") {
        const who = outcome.solved_by?.name;
        setFlash({ kind: "info", text: who ? `${who} got there first.` : "A teammate got there first." });
        setValue("");
      } else if (outcome.result === "not_frontier") {
        setFlash({ kind: "info", text: "The ladder moved on: this rung is no longer next." });
        setValue("");
      }
    } catch (error) {
      // Keep what was typed: the player can send it again once we are back online.
      setFlash({ kind: "error", text: errorText(error) });
    } finally {
      busyRef.current = false;
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  const full = count > 0 && letterCount(value) === count;
  return (
    <div className={`guess${shaking ? " guess-shake" : ""}`} onAnimationEnd={() => setShaking(false)}>
      <label className="visually-hidden" htmlFor={`guess-${rung}`}>
        Your guess for rung {rung + 1}, going {direction}, {count} letters
      </label>
      <div className="guess-row">
      <input
        ref={inputRef}
        id={`guess-${rung}`}
        className="guess-input"
        type="text"
        inputMode="text"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="characters"
        spellCheck={false}
        enterKeyHint="send"
        maxLength={64}
        value={value}
        readOnly={busy}
        aria-busy={busy}
        aria-describedby={hintId}
        placeholder={`${pattern} type here`}
        onChange={(e) => {
          setValue(e.target.value);
          if (flash) setFlash(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            send();
          } else if (e.key === "Escape") {
            setValue("");
          }
        }}
      />
        <button
          type="button"
          className={full ? "btn btn-primary guess-send guess-send-ready" : "btn btn-primary guess-send"}
          onClick={send}
          disabled={busy}
          // Keep the keyboard up: the tap must not take focus from the input.
          onMouseDown={(e) => e.preventDefault()}
        >
          Send
        </button>
      </div>
      <LetterBoxes pattern={pattern} value={value} />
      <p id={hintId} className={`guess-flash guess-flash-${flash?.kind ?? "none"}`} aria-live="polite">
        {busy ? (online ? "Checking…" : "Offline: your guess goes as soon as you are back.") : (flash?.text ?? "")}
      </p>
    </div>
  );
}

type LadderItem = { kind: "rung"; rung: Rung } | { kind: "gap"; rungs: Rung[] };

// Long ladders fold the hidden rungs between the two frontiers into one row, so
// on a phone the clues stay close to the word being typed.
function foldHidden(ladder: LadderView, fold: boolean): LadderItem[] {
  const items: LadderItem[] = [];
  let run: Rung[] = [];
  const flush = () => {
    if (run.length >= 2) items.push({ kind: "gap", rungs: run });
    else run.forEach((rung) => items.push({ kind: "rung", rung }));
    run = [];
  };
  for (const rung of ladder.rungs) {
    const foldable =
      fold &&
      !isRevealed(ladder, rung.index) &&
      rung.index !== ladder.frontier.down &&
      rung.index !== ladder.frontier.up;
    if (foldable) {
      run.push(rung);
    } else {
      flush();
      items.push({ kind: "rung", rung });
    }
  }
  flush();
  return items;
}

export function Ladder({
  ladder,
  direction,
  onGuess,
  playing = Boolean(onGuess),
  showAnswers = false,
  compact = false,
}: {
  ladder: LadderView;
  direction?: Direction;
  onGuess?: GuessFn;
  // The player is solving: fold the hidden middle and mark the rung being solved,
  // whose input may live elsewhere (above the keyboard, next to the clues).
  playing?: boolean;
  showAnswers?: boolean;
  compact?: boolean;
}) {
  const [unfolded, setUnfolded] = useState(false);
  const last = ladder.rungs.length - 1;
  const active = direction ? ladder.frontier[direction] : null;
  const other = direction ? ladder.frontier[direction === "down" ? "up" : "down"] : null;
  const foldable = playing && !showAnswers;
  const items = foldHidden(ladder, foldable && !unfolded);
  const canFold = foldable && foldHidden(ladder, true).some((item) => item.kind === "gap");
  return (
    <div className="ladder-wrap">
      <ol className={compact ? "ladder ladder-compact" : "ladder"} aria-label={`Ladder: ${ladder.puzzle.title}`}>
        {items.map((item) => {
          if (item.kind === "gap") {
            const first = item.rungs[0].index + 1;
            const lastOfRun = item.rungs[item.rungs.length - 1].index + 1;
            return (
              <li key={`gap-${first}`} className="rung rung-hidden rung-gap">
                <span className="rung-num" aria-hidden="true">
                  ⋮
                </span>
                <span className="rung-body">
                  <span className="gap-text">
                    Rungs {first}–{lastOfRun}:{" "}
                    <span className="gap-patterns">{item.rungs.map((r) => r.pattern).join(" ")}</span>
                  </span>
                  <button type="button" className="btn-link btn-tap" onClick={() => setUnfolded(true)}>
                    Show all
                  </button>
                </span>
              </li>
            );
          }
          const rung = item.rung;
          const revealed = isRevealed(ladder, rung.index);
          const given = rung.index === 0 || rung.index === last;
          const isActive = !revealed && playing && rung.index === active;
          const cls = [
            "rung",
            revealed ? "rung-revealed" : "rung-hidden",
            given ? "rung-given" : "",
            isActive ? "rung-active" : "",
            !revealed && !isActive && (rung.index === ladder.frontier.down || rung.index === ladder.frontier.up)
              ? "rung-frontier"
              : "",
          ]
            .filter(Boolean)
            .join(" ");
          return (
            <li key={rung.index} className={cls} aria-current={isActive ? "step" : undefined}>
              <span className="rung-num" aria-hidden="true">
                {rung.index + 1}
              </span>
              {revealed ? (
                <span className="rung-body">
                  <span className="rung-word">
                    <span className="visually-hidden">Rung {rung.index + 1}: </span>
                    {rung.word}
                  </span>
                  {!given && (
                    <span className={rung.by_hint || !rung.solved_by ? "rung-by rung-by-hint" : "rung-by"}>
                      {rung.by_hint || !rung.solved_by ? (
                        <>
                          <Icon name="bulb" /> hint{rung.solved_by ? ` · ${rung.solved_by.name}` : ""}
                        </>
                      ) : (
                        rung.solved_by.name
                      )}
                    </span>
                  )}
                </span>
              ) : isActive && direction && onGuess ? (
                <GuessInput
                  key={`${rung.index}-${direction}`}
                  rung={rung.index}
                  pattern={rung.pattern}
                  direction={direction}
                  onGuess={onGuess}
                />
              ) : isActive ? (
                <span className="rung-body">
                  <span className="rung-pattern">
                    <span className="visually-hidden">Rung {rung.index + 1}, hidden, </span>
                    {rung.pattern}
                  </span>
                  <span className="rung-hint-dir">solving now</span>
                </span>
              ) : (
                <span className="rung-body">
                  <span className="rung-pattern">
                    <span className="visually-hidden">Rung {rung.index + 1}, hidden, </span>
                    {showAnswers && rung.word ? <span className="rung-answer">{rung.word}</span> : null}
                    {rung.pattern}
                  </span>
                  {rung.index === other && playing && (
                    <span className="rung-hint-dir">{direction === "down" ? "↑ next going up" : "↓ next going down"}</span>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {canFold && unfolded && (
        <button type="button" className="btn-link btn-tap ladder-fold" onClick={() => setUnfolded(false)}>
          Fold the hidden rungs
        </button>
      )}
    </div>
  );
}
