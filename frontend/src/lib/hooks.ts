import { useEffect, useMemo, useRef, useState } from "react";
import { LiveClient, type LiveState } from "../protocol/client";
import type { AuthFrame } from "../protocol/types";

// One live connection for as long as the component lives and the auth frame is
// the same; null auth means "not yet" (e.g. still checking a token).
export function useLive(auth: AuthFrame | null): { state: LiveState | null; client: LiveClient | null } {
  const key = auth ? JSON.stringify(auth) : "";
  // Keyed on the frame's content, so a re-render with an equal object keeps the socket.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `auth`'s content
  const client = useMemo(() => (auth ? new LiveClient({ auth }) : null), [key]);
  const [state, setState] = useState<LiveState | null>(client ? client.getState() : null);
  useEffect(() => {
    if (!client) {
      setState(null);
      return;
    }
    setState(client.getState());
    const unsubscribe = client.subscribe(setState);
    client.start();
    return () => {
      unsubscribe();
      client.stop();
    };
  }, [client]);
  return { state, client };
}

// The current time, refreshed every `intervalMs` (for clocks and "ago" labels).
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, active]);
  return now;
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Raddle Teams` : "Raddle Teams";
  }, [title]);
}

// Keeps the latest value of something in a ref, for callbacks that must not
// re-subscribe on every render.
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

// State kept in this browser's localStorage under `key`, so a choice (a host's round
// settings) survives the component going away and coming back, and a reload.
export function useRemembered<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(key);
      return stored === null ? initial : (JSON.parse(stored) as T);
    } catch {
      return initial;
    }
  });
  const remember = (next: T) => {
    setValue(next);
    try {
      localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // private modes may refuse storage; the choice lasts for this page then
    }
  };
  return [value, remember];
}

interface WakeLockHandle {
  release(): Promise<void>;
}

// Keeps the screen on while `active` (the TV all evening, a phone during a round),
// where the browser offers the Screen Wake Lock API. The lock drops when the page
// is hidden, so it is taken again when the page comes back.
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: "screen"): Promise<WakeLockHandle> } })
      .wakeLock;
    if (!active || !wakeLock) return;
    let lock: WakeLockHandle | null = null;
    let live = true;
    const take = () => {
      if (document.visibilityState !== "visible") return;
      wakeLock
        .request("screen")
        .then((handle) => {
          if (live) lock = handle;
          else void handle.release();
        })
        .catch(() => undefined); // refused (battery saver, no permission): the game goes on
    };
    take();
    document.addEventListener("visibilitychange", take);
    return () => {
      live = false;
      document.removeEventListener("visibilitychange", take);
      void lock?.release().catch(() => undefined);
    };
  }, [active]);
}
