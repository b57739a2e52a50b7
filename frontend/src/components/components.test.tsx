import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { GuessInput, Ladder } from "./Ladder";
import { ClueList, HintBar } from "./Solve";
import { QrCode } from "./QrCode";
import { Leaderboard } from "./Results";
import { ladder } from "../test/fixtures";

describe("GuessInput", () => {
  it("sends only when the player says so, with the right number of letters", async () => {
    const onGuess = vi.fn().mockResolvedValue({ result: "correct" });
    render(<GuessInput rung={3} pattern="(3 4)" direction="up" onGuess={onGuess} />);
    const input = screen.getByLabelText(/guess for rung 4, going up, 7 letters/i);
    fireEvent.change(input, { target: { value: "new yo" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(await screen.findByText("This word has 7 letters; you typed 5.")).toBeTruthy();
    // A full word is not sent by itself: a wrong guess is public.
    fireEvent.change(input, { target: { value: "new-york" } });
    expect(onGuess).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(onGuess).toHaveBeenCalledWith(3, "new-york"));
    expect(onGuess).toHaveBeenCalledTimes(1);
  });

  it("tells a player offline that the guess waits for the connection", async () => {
    const onGuess = vi.fn().mockReturnValue(new Promise(() => undefined));
    render(<GuessInput rung={1} pattern="(5)" direction="down" onGuess={onGuess} online={false} />);
    const input = screen.getByRole("textbox");
    fireEvent.change(input, { target: { value: "south" } });
    fireEvent.keyDown(input, { key: "Enter" });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(await screen.findByText(/your guess goes as soon as you are back/i)).toBeTruthy();
  });

  it("says so and clears the box after a wrong guess", async () => {
    const onGuess = vi.fn().mockResolvedValue({ result: "incorrect" });
    render(<GuessInput rung={1} pattern="(5)" direction="down" onGuess={onGuess} />);
    const input = screen.getByRole<HTMLInputElement>("textbox");
    fireEvent.change(input, { target: { value: "month" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(await screen.findByText("MONTH is not it. Try again!")).toBeTruthy();
    expect(input.value).toBe("");
  });

  it("names the teammate who got there first", async () => {
    const onGuess = vi.fn().mockResolvedValue({ result: "already_solved", solved_by: { id: 4, name: "Ben" } });
    render(<GuessInput rung={1} pattern="(5)" direction="down" onGuess={onGuess} />);
    fireEvent.change(screen.getByRole("textbox"), { target: { value: "south" } });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(await screen.findByText("Ben got there first.")).toBeTruthy();
  });

  it("keeps the word when it could not be sent", async () => {
    const onGuess = vi.fn().mockRejectedValue(new Error("Not connected right now."));
    render(<GuessInput rung={1} pattern="(5)" direction="down" onGuess={onGuess} />);
    const input = screen.getByRole<HTMLInputElement>("textbox");
    fireEvent.change(input, { target: { value: "south" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(await screen.findByText("Not connected right now.")).toBeTruthy();
    expect(input.value).toBe("south");
  });
});

describe("Ladder", () => {
  it("shows revealed words, patterns, and the input on the frontier of the chosen direction", () => {
    const l = ladder({
      rungs: ladder().rungs.map((r) => (r.index === 1 ? { ...r, word: "SOUTH", solved_by: { id: 3, name: "Ana" } } : r)),
      frontier: { down: 2, up: 3 },
    });
    render(<Ladder ladder={l} direction="up" onGuess={vi.fn()} />);
    expect(screen.getByText("SOUTH")).toBeTruthy();
    expect(screen.getByText("Ana")).toBeTruthy();
    expect(screen.getByLabelText(/guess for rung 4, going up/i)).toBeTruthy();
    expect(screen.getByText("(5)", { exact: false })).toBeTruthy();
  });

  it("folds the hidden rungs between the frontiers, and unfolds them on request", () => {
    const rungs = Array.from({ length: 7 }, (_, index) => ({
      index,
      word: index === 0 ? "TOP" : index === 6 ? "BOTTOM" : null,
      pattern: `(${index + 2})`,
      solved_by: null,
      by_hint: false,
    }));
    render(<Ladder ladder={ladder({ rungs, frontier: { down: 1, up: 5 } })} direction="down" onGuess={vi.fn()} />);
    expect(screen.getByText("Rungs 3–5:", { exact: false })).toBeTruthy();
    expect(screen.getByText("(4) (5) (6)")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show all" }));
    expect(screen.queryByText("(4) (5) (6)")).toBeNull();
    expect(screen.getByText("(5)", { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Fold the hidden rungs" }));
    expect(screen.getByText("(4) (5) (6)")).toBeTruthy();
  });

  it("shows the host every answer", () => {
    const l = ladder({ rungs: ladder().rungs.map((r) => ({ ...r, word: r.word ?? `ANSWER${r.index}` })) });
    render(<Ladder ladder={l} showAnswers />);
    expect(screen.getByText("ANSWER2")).toBeTruthy();
  });
});

describe("ClueList", () => {
  it("sets used clues apart and marks the hinted one", () => {
    const l = ladder({
      clues: {
        down: [
          { key: 1, text: "Open clue", used: false },
          { key: 0, text: "Done clue", used: true },
        ],
        up: [],
      },
      hints: [{ player_id: 4, player_name: "Ben", level: 1, rung: 1, direction: "down", clue_key: 1 }],
    });
    render(<ClueList ladder={l} direction="down" />);
    expect(screen.getByText("Used clues (1)")).toBeTruthy();
    expect(screen.getByText(/Ben’s hint/)).toBeTruthy();
    const used = screen.getByText("Done clue");
    expect(used.closest("details")).not.toBeNull();
  });
});

describe("HintBar", () => {
  it("asks before spending points, then takes the hint", async () => {
    const onHint = vi.fn().mockResolvedValue(undefined);
    render(<HintBar ladder={ladder()} direction="down" costs={{ "1": 0.1, "2": 0.25 }} onHint={onHint} />);
    fireEvent.click(screen.getByRole("button", { name: /reveal word/i }));
    expect(screen.getByText(/costs your team 25 % of this round’s points\./i)).toBeTruthy();
    expect(onHint).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Take the hint" }));
    });
    expect(onHint).toHaveBeenCalledWith("down", 2);
  });

  it("can be called off", () => {
    const onHint = vi.fn();
    render(<HintBar ladder={ladder()} direction="up" costs={{ "1": 0.1, "2": 0.25 }} onHint={onHint} />);
    fireEvent.click(screen.getByRole("button", { name: /which clue/i }));
    expect(screen.getByText(/10 % of this round’s points/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: /which clue/i })).toBeTruthy();
    expect(onHint).not.toHaveBeenCalled();
  });
});

describe("QrCode and Leaderboard", () => {
  it("draws a QR code as an SVG path", () => {
    render(<QrCode text="http://localhost/join/ABC234" label="Join QR" />);
    const svg = screen.getByRole("img", { name: "Join QR" });
    expect(svg.querySelector("path")?.getAttribute("d")?.length).toBeGreaterThan(100);
  });

  it("ranks teams by points", () => {
    render(
      <Leaderboard
        rows={[
          { team_id: 1, name: "Red Foxes", points: 1, rounds_won: 0, rounds_played: 1 },
          { team_id: 2, name: "Blue Owls", points: 2.5, rounds_won: 1, rounds_played: 1 },
        ]}
        roster={[]}
      />,
    );
    const names = screen.getAllByText(/Foxes|Owls/).map((n) => n.textContent);
    expect(names).toEqual(["Blue Owls", "Red Foxes"]);
  });
});
