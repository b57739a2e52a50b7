// The live connection to /ws, independent of any UI framework: it authenticates,
// keeps the lobby state current through the pure reducer, notices missed events
// (seq gaps) and asks for a fresh snapshot, reconnects with jittered exponential
// backoff (sending last_seq so the server can replay), pings to find dead
// sockets (a locked phone's socket often dies without a close), and matches
// replies to requests by `ref`. A request marked `resend` (a guess, a hint) that
// was sent while offline, or whose answer the drop swallowed, goes again once the
// socket is back, under the same ref: the server judges a ref once.
import { applyEvent } from "./reducer";
import { CloseCode } from "./generated/socket";
import type { AckFrame, GuessJudgedFrame, GuessAlreadySolvedFrame, GuessNotFrontierFrame, HintResultFrame, PongFrame } from "./generated/socket";
import type { AuthFrame, GameState, Lobby, OutgoingMessage, ServerFrame, Welcome } from "./types";

// What the server answers each kind of request with (an `error` frame rejects instead).
export type Reply<M extends OutgoingMessage> = M extends { type: "guess" }
  ? GuessJudgedFrame | GuessAlreadySolvedFrame | GuessNotFrontierFrame
  : M extends { type: "hint" }
    ? HintResultFrame
    : M extends { type: "ping" }
      ? PongFrame
      : AckFrame;

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "closed";

export interface LiveState {
  status: ConnectionStatus;
  game: GameState | null;
  seq: number | null;
  welcome: Welcome | null;
  // The host dashboard's lobby list (its socket has no lobby and no seq).
  lobbies: Lobby[] | null;
  // Set when the server ended the session for good (kicked, lobby deleted, bad auth).
  closed: { code: number; reason: string } | null;
  // Consecutive failed attempts; shown so a player knows we keep trying.
  attempt: number;
  // Server clock minus ours, so countdowns agree across devices.
  clockOffsetMs: number;
}

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface LiveClientOptions {
  auth: AuthFrame;
  url?: string;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  // How long a resendable request may wait for the connection to come back.
  resendWindowMs?: number;
}

export interface RequestOptions {
  // Send again once, under the same ref, after a reconnect if no answer came.
  resend?: boolean;
}

// Closes that mean "do not come back": reconnecting would only be refused again.
export const FINAL_CLOSE_CODES: ReadonlyMap<number, string> = new Map<CloseCode, string>([
  [CloseCode.UNAUTHORIZED, "The server did not accept these credentials."],
  [CloseCode.LEFT, "You left the lobby."],
  [CloseCode.KICKED, "The host removed you from the lobby."],
  [CloseCode.LOBBY_GONE, "This lobby was closed by the host."],
  [CloseCode.ORIGIN, "This page's address is not allowed to connect."],
]);

const OPEN = 1;

export class RequestError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

type Listener = (state: LiveState) => void;
type FrameListener = (frame: ServerFrame, state: LiveState) => void;

interface Pending {
  resolve: (frame: ServerFrame) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  // Kept for a resendable request: the frame to send again and whether it was.
  frame?: OutgoingMessage & { ref: string };
  resent?: boolean;
}

// A prefix that makes this page's refs its own: a reloaded page counts from 1
// again, and the server would take its first guess for the old page's first.
function refPrefix(random: () => number): string {
  const bytes = new Uint8Array(6);
  if (typeof crypto !== "undefined" && typeof crypto.getRandomValues === "function") {
    crypto.getRandomValues(bytes);
  } else {
    bytes.forEach((_, i) => (bytes[i] = Math.floor(random() * 256)));
  }
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function socketUrl(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === "https:" ? "wss" : "ws"}://${loc.host}/ws`;
}

// Full jitter over the upper half: spreads a room of phones reconnecting after a
// server restart, while never retrying faster than half the nominal delay.
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const nominal = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal / 2 + (random() * nominal) / 2);
}

export class LiveClient {
  private state: LiveState = {
    status: "connecting",
    game: null,
    seq: null,
    welcome: null,
    lobbies: null,
    closed: null,
    attempt: 0,
    clockOffsetMs: 0,
  };
  private socket: SocketLike | null = null;
  private listeners = new Set<Listener>();
  private frameListeners = new Set<FrameListener>();
  private pending = new Map<string, Pending>();
  private nextRef = 1;
  private readonly refs: string;
  private resyncing = false;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly opts: Required<Omit<LiveClientOptions, "url" | "createSocket">> & {
    url: string | undefined;
    createSocket: (url: string) => SocketLike;
  };
  private readonly onWake = () => this.wake();

  constructor(options: LiveClientOptions) {
    this.opts = {
      auth: options.auth,
      url: options.url,
      createSocket: options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      random: options.random ?? Math.random,
      // A ping every 2 s answered within 2.5 s: a dead connection shows within 5 s.
      pingIntervalMs: options.pingIntervalMs ?? 2_000,
      pongTimeoutMs: options.pongTimeoutMs ?? 2_500,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 15_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      resendWindowMs: options.resendWindowMs ?? 60_000,
    };
    this.refs = refPrefix(this.opts.random);
  }

  getState = (): LiveState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  // Every frame, after the state has taken it in: for passing notices (a teammate's
  // wrong guess, a finished team) that are not state.
  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.onWake);
      window.addEventListener("offline", this.onWake);
      document.addEventListener("visibilitychange", this.onWake);
    }
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.onWake);
      window.removeEventListener("offline", this.onWake);
      document.removeEventListener("visibilitychange", this.onWake);
    }
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(1000, "bye");
    }
    this.failPending(new RequestError("closed", "The connection was closed."));
    this.set({ status: "closed" });
  }

  // Fire-and-forget; false when there is no open socket to carry it.
  send(frame: OutgoingMessage & { ref?: string }): boolean {
    if (!this.socket || this.socket.readyState !== OPEN || this.state.status !== "open") return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  // Sends with a fresh `ref` and resolves with the reply that echoes it. An `error`
  // reply rejects with a RequestError carrying the server's code and words. With
  // `resend`, an offline request waits for the connection instead of failing.
  request<M extends OutgoingMessage>(frame: M, options: RequestOptions = {}): Promise<Reply<M>> {
    const ref = `${this.refs}-${this.nextRef++}`;
    const message = { ...frame, ref };
    const sent = this.send(message);
    if (!sent && !options.resend) {
      return Promise.reject(new RequestError("offline", "Not connected right now."));
    }
    return new Promise<Reply<M>>((resolve, reject) => {
      const timeoutMs = options.resend ? this.opts.resendWindowMs : this.opts.requestTimeoutMs;
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(new RequestError("timeout", "The server did not answer in time."));
      }, timeoutMs);
      this.pending.set(ref, {
        // The server answers a message under its ref with that message's reply.
        resolve: resolve as (f: ServerFrame) => void,
        reject,
        timer,
        // Not sent yet: its first send after the reconnect is not a re-send.
        ...(options.resend ? { frame: message, resent: !sent ? false : undefined } : {}),
      });
    });
  }

  // Whether a resendable request is waiting for the connection to come back.
  get waiting(): number {
    return [...this.pending.values()].filter((p) => p.frame).length;
  }

  resync(): void {
    this.resyncing = true;
    this.send({ type: "resync" });
  }

  // Called when the phone wakes or the network returns: a waiting retry happens
  // now, and an "open" socket is made to prove it is still alive.
  wake(): void {
    if (this.stopped) return;
    if (typeof document !== "undefined" && document.visibilityState === "hidden") return;
    if (this.state.status === "reconnecting") {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.connect();
    } else if (this.state.status === "open") {
      this.ping();
    }
  }

  private set(change: Partial<LiveState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener(this.state);
  }

  private connect(): void {
    if (this.stopped) return;
    const url = this.opts.url ?? socketUrl();
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.resyncing = false;
    if (this.state.status !== "open" && this.state.attempt === 0) this.set({ status: "connecting" });
    socket.onopen = () => {
      if (socket !== this.socket) return;
      const auth: AuthFrame = { ...this.opts.auth };
      if (this.state.game && this.state.seq !== null) auth.last_seq = this.state.seq;
      socket.send(JSON.stringify(auth));
    };
    socket.onmessage = (ev) => {
      if (socket !== this.socket) return;
      this.receive(ev.data);
    };
    socket.onclose = (ev) => {
      if (socket !== this.socket) return;
      this.dropped(ev.code, ev.reason);
    };
    socket.onerror = () => {
      // A close event always follows; that is where the retry is decided.
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== "string") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    if (!isFrame(parsed)) return;
    const frame = parsed;
    // Any frame proves the socket alive.
    if (this.pongTimer) {
      clearTimeout(this.pongTimer);
      this.pongTimer = null;
    }
    this.handle(frame);
    if ("ref" in frame && typeof frame.ref === "string") this.settle(frame, frame.ref);
    for (const listener of [...this.frameListeners]) listener(frame, this.state);
  }

  private handle(frame: ServerFrame): void {
    switch (frame.type) {
      case "welcome": {
        const serverTime = Date.parse(frame.server_time);
        this.set({
          welcome: frame,
          status: "open",
          attempt: 0,
          clockOffsetMs: Number.isFinite(serverTime) ? serverTime - Date.now() : this.state.clockOffsetMs,
        });
        this.startPinging();
        this.sendWaiting();
        return;
      }
      case "snapshot": {
        this.resyncing = false;
        this.set({ game: frame.state, seq: frame.seq });
        return;
      }
      case "lobbies": {
        this.set({ lobbies: frame.lobbies });
        return;
      }
      default:
        break;
    }
    // Only lobby events are numbered; a socket's own frames are not.
    if (!("seq" in frame)) return;
    const { game, seq } = this.state;
    if (!game || seq === null) return; // replay without a base: the snapshot will follow
    if (frame.seq <= seq) return; // already applied (a replay overlapping what we had)
    if (this.resyncing) return; // the coming snapshot includes this
    if (frame.seq !== seq + 1) {
      this.resync();
      return;
    }
    this.set({ game: applyEvent(game, frame), seq: frame.seq });
  }

  private settle(frame: ServerFrame, ref: string): void {
    const pending = this.pending.get(ref);
    if (!pending) return;
    this.pending.delete(ref);
    clearTimeout(pending.timer);
    if (frame.type === "error") {
      pending.reject(new RequestError(frame.code || "error", frame.detail || "Something went wrong."));
    } else {
      pending.resolve(frame);
    }
  }

  // After a reconnect: each resendable request without an answer goes once more.
  private sendWaiting(): void {
    for (const [ref, pending] of this.pending) {
      if (!pending.frame) continue;
      if (pending.resent === true) {
        clearTimeout(pending.timer);
        this.pending.delete(ref);
        pending.reject(new RequestError("disconnected", "The connection dropped twice; try again."));
        continue;
      }
      // undefined: it went out before the drop, so this is its one re-send;
      // false: it never went out, so this is its first send and it keeps one re-send.
      pending.resent = pending.resent === undefined;
      this.send(pending.frame);
    }
  }

  private dropped(code: number, reason: string): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) detach(socket);
    this.stopPinging();
    this.failPending(new RequestError("disconnected", "The connection dropped."), true);
    if (this.stopped) return;
    const final = FINAL_CLOSE_CODES.get(code);
    if (final) {
      this.stopped = true;
      this.failPending(new RequestError("closed", final));
      this.set({ status: "closed", closed: { code, reason: reason || final } });
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const attempt = this.state.attempt + 1;
    const delay = backoffDelay(attempt, this.opts.baseDelayMs, this.opts.maxDelayMs, this.opts.random);
    this.set({ status: "reconnecting", attempt });
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private ping(): void {
    if (!this.send({ type: "ping" })) return;
    if (this.pongTimer) return;
    this.pongTimer = setTimeout(() => {
      this.pongTimer = null;
      // Silence after a ping: the socket is dead even if the browser has not noticed.
      const socket = this.socket;
      if (socket) {
        detach(socket);
        try {
          socket.close(4000, "no answer to ping");
        } catch {
          // closing a dead socket may throw in some browsers; it is gone either way
        }
      }
      this.dropped(1006, "no answer to ping");
    }, this.opts.pongTimeoutMs);
  }

  private startPinging(): void {
    this.stopPinging();
    this.pingTimer = setInterval(() => this.ping(), this.opts.pingIntervalMs);
  }

  private stopPinging(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pingTimer = null;
    this.pongTimer = null;
  }

  private clearTimers(): void {
    this.stopPinging();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private failPending(error: Error, keepResendable = false): void {
    for (const [ref, pending] of this.pending) {
      if (keepResendable && pending.frame && !this.stopped) continue;
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(ref);
    }
  }
}

// A parsed frame the client can read: an object with a `type`. Its fields are the
// server's to keep right (the contract tests check them there); a type this client
// does not know passes through the reducer unchanged.
function isFrame(value: unknown): value is ServerFrame {
  return typeof value === "object" && value !== null && "type" in value && typeof value.type === "string";
}

function detach(socket: SocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
