// Where credentials live in the browser. A player's token is kept per lobby in
// localStorage so a reload, a locked phone or a closed tab comes back as the same
// player; the host's token lives in sessionStorage so it ends with the tab.

export interface PlayerSeat {
  code: string;
  token: string;
  name: string;
  playerId: number;
  savedAt: number;
}

const SEAT_PREFIX = "raddle.seat.";
const CURRENT = "raddle.current";
const HOST = "raddle.host";

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    // Private modes may refuse storage; the game still works for this page's life.
    return fallback;
  }
}

export function saveSeat(seat: PlayerSeat): void {
  safe(() => {
    localStorage.setItem(SEAT_PREFIX + seat.code.toUpperCase(), JSON.stringify(seat));
    localStorage.setItem(CURRENT, seat.code.toUpperCase());
  }, undefined);
}

export function seatFor(code: string): PlayerSeat | null {
  return safe(() => {
    const raw = localStorage.getItem(SEAT_PREFIX + code.toUpperCase());
    return raw ? (JSON.parse(raw) as PlayerSeat) : null;
  }, null);
}

export function allSeats(): PlayerSeat[] {
  return safe(() => {
    const seats: PlayerSeat[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key || !key.startsWith(SEAT_PREFIX)) continue;
      try {
        seats.push(JSON.parse(localStorage.getItem(key) ?? "") as PlayerSeat);
      } catch {
        localStorage.removeItem(key);
      }
    }
    return seats.sort((a, b) => b.savedAt - a.savedAt);
  }, []);
}

export function forgetSeat(code: string): void {
  safe(() => {
    localStorage.removeItem(SEAT_PREFIX + code.toUpperCase());
    if (localStorage.getItem(CURRENT) === code.toUpperCase()) localStorage.removeItem(CURRENT);
  }, undefined);
}

export function currentSeat(): PlayerSeat | null {
  const code = safe(() => localStorage.getItem(CURRENT), null);
  return code ? seatFor(code) : null;
}

export function setCurrent(code: string): void {
  safe(() => localStorage.setItem(CURRENT, code.toUpperCase()), undefined);
}

export function hostToken(): string | null {
  return safe(() => sessionStorage.getItem(HOST), null);
}

export function setHostToken(token: string | null): void {
  safe(() => {
    if (token) sessionStorage.setItem(HOST, token);
    else sessionStorage.removeItem(HOST);
  }, undefined);
}
