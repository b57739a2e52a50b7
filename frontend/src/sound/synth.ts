// The game's sounds, made on the spot with the Web Audio API: a few short notes
// and a noise burst, written here, no recorded files. Loaded only when a sound is
// first played, so the first page load does not carry it.

export type Cue = "join" | "correct" | "wrong" | "finished" | "tick" | "finale";

interface Note {
  at: number; // seconds after the cue starts
  freq: number; // Hz
  length: number; // seconds
  type?: OscillatorType;
  gain?: number;
}

const C5 = 523.25;
const E5 = 659.25;
const G5 = 783.99;
const C6 = 1046.5;

const CUES: Record<Cue, Note[]> = {
  join: [
    { at: 0, freq: G5, length: 0.08, type: "triangle" },
    { at: 0.07, freq: C6, length: 0.12, type: "triangle" },
  ],
  correct: [
    { at: 0, freq: C5, length: 0.09, type: "square", gain: 0.12 },
    { at: 0.08, freq: E5, length: 0.09, type: "square", gain: 0.12 },
    { at: 0.16, freq: G5, length: 0.16, type: "square", gain: 0.12 },
  ],
  wrong: [
    { at: 0, freq: 220, length: 0.12, type: "sawtooth", gain: 0.1 },
    { at: 0.11, freq: 185, length: 0.2, type: "sawtooth", gain: 0.1 },
  ],
  finished: [
    { at: 0, freq: C5, length: 0.1, type: "triangle" },
    { at: 0.1, freq: E5, length: 0.1, type: "triangle" },
    { at: 0.2, freq: G5, length: 0.1, type: "triangle" },
    { at: 0.3, freq: C6, length: 0.3, type: "triangle" },
  ],
  tick: [{ at: 0, freq: 1320, length: 0.04, type: "square", gain: 0.08 }],
  finale: [
    { at: 0, freq: G5 / 2, length: 0.15, type: "triangle" },
    { at: 0.15, freq: C5, length: 0.15, type: "triangle" },
    { at: 0.3, freq: E5, length: 0.15, type: "triangle" },
    { at: 0.45, freq: G5, length: 0.2, type: "triangle" },
    { at: 0.7, freq: E5, length: 0.12, type: "triangle" },
    { at: 0.85, freq: C6, length: 0.6, type: "triangle" },
    { at: 0.85, freq: G5, length: 0.6, type: "sine", gain: 0.12 },
  ],
};

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

export function play(cue: Cue): void {
  const ctx = audio();
  if (!ctx) return;
  // Browsers start audio suspended until a tap; a later cue plays once allowed.
  if (ctx.state === "suspended") void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.01;
  for (const note of CUES[cue]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = note.type ?? "sine";
    osc.frequency.value = note.freq;
    const peak = note.gain ?? 0.18;
    const t0 = start + note.at;
    // A quick rise and a smooth fall: no clicks at either end.
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(peak, t0 + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + note.length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + note.length + 0.02);
  }
}
