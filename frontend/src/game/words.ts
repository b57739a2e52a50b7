// The game's word rules as the browser needs them. They mirror the server's
// (raddle.game.words) so that a guess submits itself exactly when it could match.

export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "");
}

export function letterCount(text: string): number {
  return normalise(text).length;
}

// "(3 4)" or "(4-4)" → 7: the number of letters and digits a guess must have.
export function patternCount(pattern: string): number {
  return (pattern.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0);
}

export function matches(guess: string, answer: string): boolean {
  const folded = normalise(guess);
  return folded.length > 0 && folded === normalise(answer);
}

// The pattern shown for a hidden rung: spaces and hyphens keep their kind of gap.
export function lengthPattern(word: string): string {
  const parts: string[] = [];
  let count = 0;
  for (const ch of word.trim()) {
    if (ch === " " || ch === "-") {
      if (count) parts.push(String(count), ch);
      count = 0;
    } else {
      count += normalise(ch).length;
    }
  }
  if (count) parts.push(String(count));
  else if (parts.length) parts.pop();
  return `(${parts.join("")})`;
}

// Splits a typed guess into boxes that follow the pattern's groups, so a player
// sees "NEW|YORK" filling up as "(3 4)".
export function patternGroups(pattern: string): { size: number; sep: string }[] {
  const groups: { size: number; sep: string }[] = [];
  const re = /(\d+)([ -]?)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pattern)) !== null) groups.push({ size: Number(m[1]), sep: m[2] ?? "" });
  return groups;
}

export function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

// Points as the server stored them (two decimals at most): one number never shows
// as 0.23 in one place and 0.2 in another.
// A team not scored (null: a round from before points were kept) shows 0.
export function formatPoints(points: number | null): string {
  return String(Number((points ?? 0).toFixed(2)));
}

// A hint share (a fraction) as a percentage: 0.35 → "35 %".
export function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(1))} %`;
}

// "1 point", "2 points", "1 player": a count with its noun, singular when it is one.
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count === 1 ? "1" : formatCount(count)} ${count === 1 ? noun : many}`;
}

function formatCount(count: number): string {
  return Number.isInteger(count) ? String(count) : formatPoints(count);
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const total = Math.max(0, Math.round(seconds));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

// A name cut to `max` characters at a word boundary where there is one, without a
// dangling hyphen or space: "Bartholomew Fitzgerald-Smythe" → "Bartholomew".
export function trimName(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trimStart();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max + 1);
  const boundary = Math.max(cut.lastIndexOf(" "), cut.lastIndexOf("-"));
  const kept = boundary > 0 ? cut.slice(0, boundary) : clean.slice(0, max);
  return kept.replace(/[\s-]+$/, "");
}
