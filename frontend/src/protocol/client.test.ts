import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, LiveClient, RequestError, socketUrl } from "./client";
import { CloseCode } from "./types";
import { FakeSocket } from "../test/fakeSocket";
import { game, round } from "../test/fixtures";

function makeClient(extra: Partial<ConstructorParameters<typeof LiveClient>[0]> = {}) {
  return new LiveClient({
    auth: { type: "auth", token: "secret" },
    url: "ws://test/ws",
    createSocket: (url) => new FakeSocket(url),
    random: () => 0.5,
    ...extra,
  });
}

// Opens the newest socket and plays the server's greeting.
function greet(socket: FakeSocket, seq = 10, state = game()) {
  socket.open();
  socket.receive({ type: "welcome", role: "player", lobby: "ABC234", player_id: 3, server_time: new Date().toISOString() });
  socket.receive({ type: "snapshot", seq, state });
}

const joined = (seq: number, id: number) => ({
  type: "player_joined",
  seq,
  player: { id, name: `P${id}`, team_id: null, connected: true, ready: false },
});

beforeEach(() => {
  FakeSocket.reset();
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("LiveClient", () => {
  it("sends auth as the first frame and becomes live on welcome and snapshot", () => {
    const client = makeClient();
    client.start();
    const socket = FakeSocket.last();
    expect(socket.url).toBe("ws://test/ws");
    expect(client.getState().status).toBe("connecting");
    socket.open();
    expect(socket.sent).toEqual([{ type: "auth", token: "secret" }]);
    greet(socket, 10);
    const state = client.getState();
    expect(state.status).toBe("open");
    expect(state.seq).toBe(10);
    expect(state.game?.lobby.code).toBe("ABC234");
    client.stop();
  });

  it("applies events in seq order and ignores ones it already has", () => {
    const client = makeClient();
    client.start();
    greet(FakeSocket.last(), 10);
    FakeSocket.last().receive(joined(11, 7));
    FakeSocket.last().receive(joined(11, 7));
    FakeSocket.last().receive(joined(9, 8));
    expect(client.getState().seq).toBe(11);
    expect(client.getState().game?.players.map((p) => p.id)).toEqual([3, 4, 7]);
    client.stop();
  });

  it("asks for a snapshot when it sees a gap, and waits for it", () => {
    const client = makeClient();
    client.start();
    const socket = FakeSocket.last();
    greet(socket, 10);
    socket.receive(joined(12, 7)); // 11 went missing
    expect(socket.sentOfType("resync")).toHaveLength(1);
    expect(client.getState().seq).toBe(10);
    socket.receive(joined(13, 8)); // still waiting: no second resync, nothing applied
    expect(socket.sentOfType("resync")).toHaveLength(1);
    expect(client.getState().seq).toBe(10);
    socket.receive({ type: "snapshot", seq: 13, state: game({ round: round() }) });
    expect(client.getState().seq).toBe(13);
    expect(client.getState().game?.round?.id).toBe(9);
    socket.receive({ type: "timer_started", seq: 14, ends_at: "2026-11-26T23:00:00.000Z" });
    expect(client.getState().game?.round?.ends_at).toBe("2026-11-26T23:00:00.000Z");
    client.stop();
  });

  it("reconnects after a drop, sends last_seq and applies the replayed events", () => {
    const client = makeClient({ baseDelayMs: 1000 });
    client.start();
    const first = FakeSocket.last();
    greet(first, 10);
    first.drop(1006);
    expect(client.getState().status).toBe("reconnecting");
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(749); // attempt 1: 1000 ms nominal, jittered to 750 with random 0.5
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent[0]).toEqual({ type: "auth", token: "secret", last_seq: 10 });
    second.receive({ type: "welcome", role: "player", lobby: "ABC234", player_id: 3, server_time: new Date().toISOString() });
    second.receive(joined(11, 7));
    second.receive(joined(12, 8));
    expect(client.getState().status).toBe("open");
    expect(client.getState().seq).toBe(12);
    expect(client.getState().game?.players.map((p) => p.id)).toEqual([3, 4, 7, 8]);
    client.stop();
  });

  it("backs off exponentially up to a cap, and starts over once connected", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffDelay(a, 500, 8000, () => 1));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
    expect(backoffDelay(3, 500, 8000, () => 0)).toBe(1000);

    const client = makeClient({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 });
    client.start();
    FakeSocket.last().drop();
    expect(client.getState().attempt).toBe(1);
    vi.advanceTimersByTime(100);
    FakeSocket.last().drop();
    expect(client.getState().attempt).toBe(2);
    vi.advanceTimersByTime(199);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    greet(FakeSocket.last());
    expect(client.getState().attempt).toBe(0);
    client.stop();
  });

  it("stays closed after a final close code such as a kick", () => {
    const client = makeClient();
    client.start();
    greet(FakeSocket.last());
    FakeSocket.last().drop(4003, "Kicked by the host.");
    expect(client.getState().status).toBe("closed");
    expect(client.getState().closed).toEqual({ code: 4003, reason: "Kicked by the host." });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("stays away after each close that would only be refused again, and retries after the others", () => {
    const final: number[] = [CloseCode.UNAUTHORIZED, CloseCode.LEFT, CloseCode.KICKED, CloseCode.LOBBY_GONE, CloseCode.ORIGIN];
    const passing = [CloseCode.RESTART, CloseCode.TRY_AGAIN, CloseCode.FLOOD, CloseCode.SLOW, CloseCode.TOO_MANY];
    for (const code of [...final, ...passing]) {
      FakeSocket.reset();
      const client = makeClient({ baseDelayMs: 100, maxDelayMs: 100 });
      client.start();
      greet(FakeSocket.last());
      FakeSocket.last().drop(code, "");
      vi.advanceTimersByTime(1_000);
      const expected = final.includes(code) ? 1 : 2;
      expect({ code, sockets: FakeSocket.all.length }).toEqual({ code, sockets: expected });
      // The reason shown is the client's own words when the server gave none.
      if (expected === 1) expect(client.getState().closed?.reason).toBeTruthy();
      client.stop();
    }
  });

  it("reconnects when the server restarts (1012)", () => {
    const client = makeClient();
    client.start();
    greet(FakeSocket.last());
    FakeSocket.last().drop(1012, "restarting");
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
    client.stop();
  });

  it("pings every 2 seconds and shows a dead socket within 5 seconds", () => {
    const client = makeClient();
    client.start();
    const socket = FakeSocket.last();
    greet(socket);
    vi.advanceTimersByTime(2000);
    expect(socket.sentOfType("ping")).toHaveLength(1);
    socket.receive({ type: "pong", ref: null });
    vi.advanceTimersByTime(2000);
    expect(client.getState().status).toBe("open");
    expect(socket.sentOfType("ping")).toHaveLength(2);
    // The network goes; nothing answers from here on.
    vi.advanceTimersByTime(2500);
    expect(client.getState().status).toBe("reconnecting");
    expect(socket.closedWith).not.toBeNull();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
    client.stop();
  });

  it("checks the connection at once when the browser says it is offline", () => {
    const client = makeClient();
    client.start();
    const socket = FakeSocket.last();
    greet(socket);
    window.dispatchEvent(new Event("offline"));
    expect(socket.sentOfType("ping")).toHaveLength(1);
    vi.advanceTimersByTime(2500);
    expect(client.getState().status).toBe("reconnecting");
    client.stop();
  });

  it("sends a guess made offline once the socket is back, under the same ref", async () => {
    const client = makeClient();
    client.start();
    greet(FakeSocket.last());
    FakeSocket.last().drop(1006);
    const guess = client.request({ type: "guess", rung: 1, word: "SOUTH" }, { resend: true });
    vi.advanceTimersByTime(1000);
    const socket = FakeSocket.last();
    greet(socket, 12);
    const [sent] = socket.sentOfType("guess");
    expect(sent).toMatchObject({ rung: 1, word: "SOUTH" });
    socket.receive({ type: "guess_result", ref: sent.ref, result: "correct", rung: 1, word: "SOUTH" });
    await expect(guess).resolves.toMatchObject({ result: "correct" });
    client.stop();
  });

  it("re-sends once a guess whose answer the drop swallowed, then gives up", async () => {
    const client = makeClient();
    client.start();
    const first = FakeSocket.last();
    greet(first);
    const guess = client.request({ type: "guess", rung: 1, word: "SOUTH" }, { resend: true });
    const ref = first.sentOfType("guess")[0].ref;
    first.drop(1006);
    vi.advanceTimersByTime(1000);
    const second = FakeSocket.last();
    greet(second, 12);
    expect(second.sentOfType("guess").map((f) => f.ref)).toEqual([ref]);
    second.drop(1006);
    vi.advanceTimersByTime(2000);
    greet(FakeSocket.last(), 12);
    expect(FakeSocket.last().sentOfType("guess")).toHaveLength(0);
    await expect(guess).rejects.toMatchObject({ code: "disconnected" });
    client.stop();
  });

  it("gives refs no other page of the same player would use", () => {
    const pages = [makeClient(), makeClient()];
    const refs = pages.map((client) => {
      client.start();
      greet(FakeSocket.last());
      void client.request({ type: "guess", rung: 1, word: "X" }).catch(() => undefined);
      const ref = FakeSocket.last().sentOfType("guess")[0].ref;
      client.stop();
      return ref;
    });
    expect(refs[0]).not.toBe(refs[1]);
  });

  it("matches replies to requests by ref", async () => {
    const client = makeClient();
    client.start();
    const socket = FakeSocket.last();
    greet(socket);
    const first = client.request({ type: "guess", rung: 1, word: "SOUTH" });
    const second = client.request({ type: "guess", rung: 1, word: "MOUTH" });
    const [a, b] = socket.sentOfType("guess");
    expect(a.ref).not.toBe(b.ref);
    socket.receive({ type: "guess_result", ref: b.ref, result: "incorrect", rung: 1, word: "MOUTH" });
    socket.receive({ type: "guess_result", ref: a.ref, result: "correct", rung: 1, word: "SOUTH" });
    await expect(first).resolves.toMatchObject({ result: "correct" });
    await expect(second).resolves.toMatchObject({ result: "incorrect" });
    client.stop();
  });

  it("rejects a request with the server's error, and when offline or dropped", async () => {
    const client = makeClient();
    client.start();
    const socket = FakeSocket.last();
    await expect(client.request({ type: "hint", direction: "down", level: 1 })).rejects.toMatchObject({ code: "offline" });
    greet(socket);
    const hint = client.request({ type: "hint", direction: "down", level: 1 });
    const ref = socket.sentOfType("hint")[0].ref;
    socket.receive({ type: "error", ref, code: "hints_off", detail: "Hints are off for this round." });
    await expect(hint).rejects.toBeInstanceOf(RequestError);
    await expect(hint).rejects.toMatchObject({ code: "hints_off", message: "Hints are off for this round." });
    const guess = client.request({ type: "guess", rung: 1, word: "X" });
    socket.drop(1006);
    await expect(guess).rejects.toMatchObject({ code: "disconnected" });
    client.stop();
  });

  it("tries again at once when the phone wakes up", () => {
    const client = makeClient({ baseDelayMs: 10_000 });
    client.start();
    greet(FakeSocket.last());
    FakeSocket.last().drop();
    expect(FakeSocket.all).toHaveLength(1);
    document.dispatchEvent(new Event("visibilitychange"));
    expect(FakeSocket.all).toHaveLength(2);
    client.stop();
  });

  it("notifies subscribers and frame listeners", () => {
    const client = makeClient();
    const statuses: string[] = [];
    const frames: string[] = [];
    client.subscribe((s) => statuses.push(s.status));
    client.onFrame((f) => frames.push(f.type));
    client.start();
    greet(FakeSocket.last());
    expect(statuses).toContain("open");
    expect(frames).toEqual(["welcome", "snapshot"]);
    client.stop();
    expect(client.getState().status).toBe("closed");
  });

  it("keeps the dashboard's lobby list", () => {
    const client = makeClient();
    client.start();
    FakeSocket.last().open();
    FakeSocket.last().receive({ type: "welcome", role: "admin" });
    FakeSocket.last().receive({ type: "lobbies", lobbies: [{ code: "ABC234", name: "x", phase: "lobby", created_at: "", player_count: 0 }] });
    expect(client.getState().lobbies).toHaveLength(1);
    client.stop();
  });
});

describe("socketUrl", () => {
  it("matches the page's scheme", () => {
    expect(socketUrl({ protocol: "https:", host: "game.example:8443" })).toBe("wss://game.example:8443/ws");
    expect(socketUrl({ protocol: "http:", host: "localhost:8000" })).toBe("ws://localhost:8000/ws");
  });
});
