// Sound on or off for this device, remembered, and a cue player that loads the
// synthesiser only the first time a sound is wanted.
import { useCallback, useEffect, useState } from "react";
import type { Cue } from "./synth";

export type { Cue } from "./synth";

const MUTED = "raddle.muted";
const listeners = new Set<(muted: boolean) => void>();

export function isMuted(): boolean {
  try {
    return localStorage.getItem(MUTED) === "1";
  } catch {
    return false;
  }
}

export function setMuted(muted: boolean): void {
  try {
    localStorage.setItem(MUTED, muted ? "1" : "0");
  } catch {
    // not remembered then; this page still follows the switch
  }
  listeners.forEach((listener) => listener(muted));
}

export function cue(name: Cue): void {
  if (isMuted() || typeof window === "undefined") return;
  void import("./synth").then((synth) => synth.play(name)).catch(() => undefined);
}

export function useMuted(): [boolean, (muted: boolean) => void] {
  const [muted, set] = useState(isMuted);
  useEffect(() => {
    listeners.add(set);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return [muted, useCallback((value: boolean) => setMuted(value), [])];
}
