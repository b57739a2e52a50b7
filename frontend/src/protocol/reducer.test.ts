import { describe, expect, it } from "vitest";
import { applyEvent, isRevealed, ladderCounts, screenOf } from "./reducer";
import type { RoundSummary, ServerEvent } from "./types";
import { deepFreeze, game, ladder, round } from "../test/fixtures";

describe("applyEvent", () => {
  it("replaces the roster from a team event and keeps `me` current", () => {
    const before = deepFreeze(game());
    const after = applyEvent(before, {
      type: "team_created",
      seq: 5,
      team_id: 2,
      teams: [
        { id: 1, name: "Red Foxes", player_ids: [] },
        { id: 2, name: "Blue Owls", player_ids: [3, 4] },
      ],
      players: [
        { id: 3, name: "Ana", team_id: 2, connected: true, ready: false },
        { id: 4, name: "Ben", team_id: 2, connected: true, ready: false },
        { id: 5, name: "Cleo", team_id: null, connected: false, ready: false },
      ],
    });
    expect(after.me?.team_id).toBe(2);
    expect(after.players).toHaveLength(3);
    expect(after.lobby.player_count).toBe(3);
    expect(after.lobby.team_count).toBe(2);
    expect(before.me?.team_id).toBe(1);
  });

  it("takes the host's switches from lobby_updated and leaves the rest of the lobby be", () => {
    const before = deepFreeze(game());
    const after = applyEvent(before, { type: "lobby_updated", seq: 5, locked: true, family_friendly: false, code_hidden: true });
    expect(after.lobby.locked).toBe(true);
    expect(after.lobby.code_hidden).toBe(true);
    expect(after.lobby.family_friendly).toBe(false);
    expect(after.lobby.name).toBe(before.lobby.name);
  });

  it("applies one player's change when an event carries only that player", () => {
    const before = deepFreeze(game());
    const joined = applyEvent(before, {
      type: "player_joined",
      seq: 5,
      player: { id: 9, name: "Zed", team_id: null, connected: false, ready: false },
    });
    expect(joined.players.map((p) => p.name)).toContain("Zed");
    expect(joined.lobby.player_count).toBe(before.players.length + 1);
    const moved = applyEvent(joined, { type: "player_moved", seq: 6, player_id: 9, team_id: 2 });
    expect(moved.players.find((p) => p.id === 9)?.team_id).toBe(2);
    expect(moved.teams.find((t) => t.id === 2)?.player_ids).toContain(9);
    const ready = applyEvent(moved, { type: "player_ready", seq: 7, player_id: 9, ready: true });
    expect(ready.players.find((p) => p.id === 9)?.ready).toBe(true);
    const online = applyEvent(ready, { type: "player_connected", seq: 8, player_id: 9 });
    expect(online.players.find((p) => p.id === 9)?.connected).toBe(true);
    const away = applyEvent(online, { type: "player_disconnected", seq: 9, player_id: 9 });
    expect(away.players.find((p) => p.id === 9)?.connected).toBe(false);
    const gone = applyEvent(online, { type: "player_kicked", seq: 9, player_id: 9, name: "Zed", team_id: 2 });
    expect(gone.players.find((p) => p.id === 9)).toBeUndefined();
    expect(gone.teams.some((t) => t.player_ids.includes(9))).toBe(false);
  });

  it("renames a team in the round's progress too", () => {
    const before = deepFreeze(game({ round: round() }));
    const after = applyEvent(before, {
      type: "team_renamed",
      seq: 5,
      team_id: 2,
      name: "Night Owls",
      teams: [
        { id: 1, name: "Red Foxes", player_ids: [3] },
        { id: 2, name: "Night Owls", player_ids: [4] },
      ],
      players: before.players,
      leaderboard: [],
    });
    expect(after.round?.teams.find((t) => t.team_id === 2)?.name).toBe("Night Owls");
  });

  it("takes the leaderboard a team event brings", () => {
    const before = deepFreeze(game());
    const board = [{ team_id: null, name: "Red Foxes", points: 3, rounds_won: 1, rounds_played: 1 }];
    const after = applyEvent(before, {
      type: "team_removed",
      seq: 9,
      team_id: 1,
      name: "Red Foxes",
      teams: before.teams.filter((t) => t.id !== 1),
      players: before.players,
      leaderboard: board,
    });
    expect(after.leaderboard).toEqual(board);
  });

  it("puts the last round away when the host goes back to the lobby", () => {
    const before = deepFreeze({ ...game(), round: round(), lobby: { ...game().lobby, phase: "results" } });
    const after = applyEvent(before, { type: "phase_changed", seq: 9, phase: "lobby" });
    expect(after.round).toBeNull();
    expect(after.lobby.phase).toBe("lobby");
    expect(after.leaderboard).toBe(before.leaderboard);
  });

  it("starts a new game's leaderboard from the phase change that announces it", () => {
    const board = [{ team_id: 1, name: "Red Foxes", points: 2, rounds_won: 1, rounds_played: 1 }];
    const before = deepFreeze({ ...game(), leaderboard: board, lobby: { ...game().lobby, phase: "results" } });
    const after = applyEvent(before, { type: "phase_changed", seq: 10, phase: "lobby", game: 2, leaderboard: [] });
    expect(after.leaderboard).toEqual([]);
    expect(after.lobby).toMatchObject({ phase: "lobby", game: 2 });
    expect(after.teams).toBe(before.teams);
  });

  it("starts a round, takes the roster it brings and switches the lobby to playing", () => {
    const before = deepFreeze(game({ players: game().players.map((p) => ({ ...p, ready: true })) }));
    const players = before.players.map((p) => ({ ...p, ready: false }));
    const after = applyEvent(before, { type: "round_started", seq: 2, round: round(), teams: before.teams, players });
    expect(after.round?.number).toBe(1);
    expect(after.players.every((p) => !p.ready)).toBe(true);
    expect(screenOf(after)).toBe("playing");
  });

  it("appends a teammate's guess to the player's own ladder", () => {
    const before = deepFreeze(game({ round: round() }));
    const guess = { player_id: 4, player_name: "Ben", rung: 1, word: "NORTH", result: "incorrect", at: "t" };
    const after = applyEvent(before, { type: "guess", seq: 3, team_id: 1, guess });
    expect(after.round?.ladder?.guesses).toEqual([guess]);
    expect(before.round?.ladder?.guesses).toEqual([]);
  });

  it("ignores another team's guess (it carries no details)", () => {
    const before = deepFreeze(game({ round: round() }));
    expect(applyEvent(before, { type: "guess", seq: 3, team_id: 2 })).toBe(before);
  });

  it("takes the ladder from rung_solved and recomputes the team's progress", () => {
    const before = deepFreeze(game({ round: round() }));
    const solved = ladder({
      rungs: ladder().rungs.map((r) => (r.index === 1 ? { ...r, word: "SOUTH", solved_by: { id: 3, name: "Ana" } } : r)),
      frontier: { down: 2, up: 3 },
      clues: { down: [], up: [] },
    });
    const after = applyEvent(before, {
      type: "rung_solved",
      seq: 4,
      team_id: 1,
      rung: 1,
      word: "SOUTH",
      solved_by: { id: 3, name: "Ana" },
      guess: null,
      ladder: { ...solved, clues: { down: [], up: [] } },
    });
    expect(after.round?.ladder?.rungs[1].word).toBe("SOUTH");
    const mine = after.round?.teams.find((t) => t.team_id === 1);
    expect(mine).toMatchObject({ solved: 1, total: 3 });
    expect(mine?.progress).toBeCloseTo(1 / 3);
  });

  it("updates only the counts when another team solves a rung", () => {
    const before = deepFreeze(game({ round: round() }));
    const after = applyEvent(before, { type: "rung_solved", seq: 4, team_id: 2, rung: 1, by_hint: false, solved: 2, total: 3, progress: 0.667 });
    expect(after.round?.teams.find((t) => t.team_id === 2)).toMatchObject({ solved: 2, progress: 0.667 });
    expect(after.round?.ladder).toBe(before.round?.ladder);
  });

  it("keeps the host's ladders per team", () => {
    const hostRound = round({ ladder: undefined, ladders: { "1": ladder(), "2": ladder({ team_id: 2 }) } });
    const before = deepFreeze(game({ me: undefined, round: hostRound }));
    const hint = { player_id: 4, player_name: "Ben", level: 1, rung: 1, direction: "down", clue_key: 0 };
    const after = applyEvent(before, { type: "hint_taken", seq: 5, team_id: 2, hint, cost: 0.1 });
    expect(after.round?.ladders?.["2"].hints).toEqual([hint]);
    expect(after.round?.ladders?.["1"].hints).toEqual([]);
  });

  it("records a team's finish, its place and the progress list", () => {
    const before = deepFreeze(game({ round: round() }));
    const teams = [
      { team_id: 1, name: "Red Foxes", puzzle: "Cold Snap", solved: 3, total: 3, progress: 1, finished_at: "t", place: 1 },
      { team_id: 2, name: "Blue Owls", puzzle: "Cold Snap", solved: 1, total: 3, progress: 0.33, finished_at: null, place: null },
    ];
    const after = applyEvent(before, { type: "team_finished", seq: 6, team_id: 1, name: "Red Foxes", place: 1, finished_at: "t", teams });
    expect(after.round?.teams).toEqual(teams);
    expect(after.round?.ladder?.place).toBe(1);
    expect(after.round?.ladder?.finished_at).toBe("t");
  });

  it("starts the clock", () => {
    const after = applyEvent(deepFreeze(game({ round: round() })), {
      type: "timer_started",
      seq: 7,
      round_id: 9,
      ends_at: "2026-11-26T23:00:00.000Z",
    });
    expect(after.round?.ends_at).toBe("2026-11-26T23:00:00.000Z");
  });

  it("ends a round with its summary and the leaderboard", () => {
    const summary: RoundSummary = {
      round_id: 9,
      number: 1,
      reason: "host",
      started_at: "a",
      ended_at: "b",
      teams: [
        { team_id: 1, name: "Red Foxes", puzzle: "Cold Snap", author: null, note: null, place: 1, finished: true, seconds: 30, solved: 3, total: 3, progress: 1, hints: 0, place_points: 2, hint_share: 0, wrong_guesses: 0, points: 2 },
      ],
      ladders: [],
      players: [],
      awards: [],
    };
    const leaderboard = [{ team_id: 1, name: "Red Foxes", points: 2, rounds_won: 1, rounds_played: 1 }];
    const ended = round({
      status: "ended",
      ended_at: "b",
      teams: round().teams.map((t) => (t.team_id === 1 ? { ...t, solved: 3, progress: 1, finished_at: "b", place: 1 } : t)),
    });
    const after = applyEvent(deepFreeze(game({ round: round(), lobby: { ...game().lobby, phase: "playing" } })), {
      type: "round_ended",
      seq: 8,
      summary,
      leaderboard,
      round: { ...ended, ladder: ended.ladder ? { ...ended.ladder, clues: { down: [], up: [] } } : null },
    });
    expect(after.round?.status).toBe("ended");
    expect(after.round?.teams[0].place).toBe(1);
    expect(after.last_summary).toEqual(summary);
    expect(after.leaderboard).toEqual(leaderboard);
    expect(screenOf(after)).toBe("results");
  });

  it("leaves the state alone for the socket's own frames and a deleted lobby", () => {
    const before = deepFreeze(game());
    expect(applyEvent(before, { type: "pong", ref: null })).toBe(before);
    expect(applyEvent(before, { type: "ack", ref: "r-1" })).toBe(before);
    expect(applyEvent(before, { type: "lobby_deleted", seq: 9, code: "ABC234" })).toBe(before);
  });

  it("leaves the state alone for a type it does not know, such as the retired lobby_phase", () => {
    const before = deepFreeze(game({ round: round() }));
    // A newer (or older) server's frame: the client passes on whatever it parsed.
    const unknown = { type: "lobby_phase", seq: 3, phase: "lobby" } as unknown as ServerEvent;
    expect(applyEvent(before, unknown)).toBe(before);
  });
});

describe("ladder helpers", () => {
  it("reads revealed rungs from the frontier, not from the words", () => {
    const l = ladder({ frontier: { down: 2, up: 2 } });
    expect([0, 1, 2, 3, 4].map((i) => isRevealed(l, i))).toEqual([true, true, false, true, true]);
    expect(ladderCounts(l)).toEqual({ solved: 2, total: 3, progress: 2 / 3 });
    expect(isRevealed(ladder({ frontier: { down: null, up: null } }), 2)).toBe(true);
  });
});
