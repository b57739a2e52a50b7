import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../lib/api";
import { useDocumentTitle } from "../lib/hooks";
import type { Direction, LadderView } from "../protocol/types";
import {
  FALLBACK_PRACTICE,
  parsePractice,
  practiceGuess,
  practiceHint,
  practiceLadder,
  startPractice,
  type Practice,
  type PracticeState,
} from "../game/practice";
import { Logo, Spinner } from "../components/ui";
import { SolveView } from "../components/Solve";
import { Ladder, type GuessOutcome } from "../components/Ladder";

// The coach walks a new player through the practice ladder in the order they meet
// things: one clear first clue going down, working up from the bottom (where a clue
// may put the lower word first), then a last rung where it offers a hint and points
// out the anagram.
function coachText(ladder: LadderView, state: PracticeState, triedUp: boolean): { title: string; body: string } {
  const top = ladder.rungs[0].word ?? "";
  const bottom = ladder.rungs[ladder.rungs.length - 1].word ?? "";
  const solved = state.solvedBy.filter(Boolean).length + state.hints.filter((h) => h.level === 2).length;
  const wrong = state.guesses.filter((g) => g.result === "incorrect").length;
  const hidden = ladder.rungs.filter((r) => r.word === null).length;
  const hinted = state.hints.length > 0;
  if (ladder.finished_at) {
    return {
      title: "You climbed the whole ladder! 🎉",
      body: "That is the game. In a real round your team races other teams, every guess is shared live, and the first team to finish wins the most points.",
    };
  }
  if (solved === 0 && wrong === 0) {
    return {
      title: "Welcome to word ladders!",
      body: `The top word ${top} and the bottom word ${bottom} are given. Each clue links two neighbouring words, but they are shuffled. Going down, every clue is shown with ${top} written in: find the one that makes sense, and type the word it leads to in the glowing rung. It sends itself once it has enough letters.`,
    };
  }
  if (solved === 0) {
    return {
      title: "Not quite: try again!",
      body: "Wrong guesses cost nothing, but your team sees them. Try another clue: only one of them really fits the word you know. The boxes show how many letters the answer has.",
    };
  }
  if (!triedUp) {
    return {
      title: "Nice one!",
      body: `You can also work up from the bottom. Switch to “Up”: the clues now show ${bottom}, and the right one leads to the word above it. Read closely: a clue may put the word you know first, as in “${bottom}___”. Teammates often split up: some go down, some go up.`,
    };
  }
  if (hidden > 1) {
    return {
      title: "Keep climbing",
      body: "Going up, each clue shows the word below the glowing rung; the blank is the word you are looking for. Find the clue that makes sense and type its missing word.",
    };
  }
  if (!hinted) {
    return {
      title: "One rung left",
      body: "You can reach it from either side now. Some clues play with letters: “Rearrange the letters” asks for an anagram, the same letters in another order (switch to “Down” to see it with the word above). Not sure which clue is yours? Tap “Which clue?”: it lights up the right one. In a real game that hint costs your team half a point.",
    };
  }
  return {
    title: "That's the clue",
    body: "The lit clue is the one for this rung. “Reveal word” would fill it in for a whole point, so try it yourself first: hints are there when the whole team is stuck.",
  };
}

export function Tutorial() {
  useDocumentTitle("Tutorial");
  const [practice, setPractice] = useState<Practice | null>(null);
  const [state, setState] = useState<PracticeState | null>(null);
  const [direction, setDirectionState] = useState<Direction>("down");
  const [triedUp, setTriedUp] = useState(false);
  const setDirection = useCallback((d: Direction) => {
    setDirectionState(d);
    if (d === "up") setTriedUp(true);
  }, []);

  useEffect(() => {
    let live = true;
    void api<unknown>("/api/tutorial")
      .then((raw) => parsePractice(raw))
      .catch(() => null)
      .then((parsed) => {
        if (!live) return;
        const p = parsed ?? parsePractice(FALLBACK_PRACTICE);
        setPractice(p);
        if (p) setState(startPractice(p));
      });
    return () => {
      live = false;
    };
  }, []);

  const onGuess = useCallback(
    (rung: number, word: string): Promise<GuessOutcome> => {
      if (!practice || !state) return Promise.resolve({ result: "not_frontier" });
      const outcome = practiceGuess(practice, state, rung, word);
      setState(outcome.state);
      return Promise.resolve({ result: outcome.result });
    },
    [practice, state],
  );
  const onHint = useCallback(
    (d: Direction, level: 1 | 2): Promise<void> => {
      if (practice && state) setState(practiceHint(practice, state, d, level).state);
      return Promise.resolve();
    },
    [practice, state],
  );

  if (!practice || !state) {
    return (
      <main className="page page-narrow" id="main">
        <Logo />
        <Spinner label="Setting up the practice ladder…" />
      </main>
    );
  }
  const ladder = practiceLadder(practice, state);
  const effective: Direction =
    ladder.frontier[direction] === null ? (direction === "down" ? "up" : "down") : direction;
  const coach = coachText(ladder, state, triedUp);
  return (
    <div className="app-shell">
      <header className="topbar">
        <Link href="/" aria-label="Raddle Teams home">
          <Logo small />
        </Link>
        <span className="topbar-mid">Tutorial</span>
        <span className="topbar-end">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => {
              setState(startPractice(practice));
              setDirectionState("down");
              setTriedUp(false);
            }}
          >
            Start over
          </button>
        </span>
      </header>
      <main className="page" id="main">
        <section className="card coach" aria-live="polite" aria-labelledby="coach-title">
          <h1 id="coach-title" className="card-title">
            {coach.title}
          </h1>
          <p>{coach.body}</p>
          {ladder.finished_at && (
            <div className="row row-wrap">
              <Link href="/" className="btn btn-primary">
                Join a game
              </Link>
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => {
                  setState(startPractice(practice));
                  setDirectionState("down");
                  setTriedUp(false);
                }}
              >
                Play it again
              </button>
            </div>
          )}
        </section>
        {ladder.finished_at ? (
          <section className="card">
            <h2 className="card-title">{ladder.puzzle.title}</h2>
            <Ladder ladder={ladder} compact />
          </section>
        ) : (
          <SolveView
            ladder={ladder}
            direction={effective}
            onDirection={setDirection}
            onGuess={onGuess}
            onHint={onHint}
            hintsOn
            costs={{ "1": 0.5, "2": 1 }}
            meId={-1}
            practice
          />
        )}
      </main>
    </div>
  );
}
