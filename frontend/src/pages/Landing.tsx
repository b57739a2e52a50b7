import { useEffect, useId, useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { api, ApiError } from "../lib/api";
import { allSeats, forgetSeat, saveSeat, setCurrent, type PlayerSeat } from "../lib/storage";
import { useDocumentTitle } from "../lib/hooks";
import type { Lobby, Player, Rest } from "../protocol/types";
import { Alert, Logo } from "../components/ui";
import { trimName } from "../game/words";

// The server's limit on a player's name (raddle.game.names.PLAYER_NAME_MAX).
const NAME_MAX = 24;
const CODE_ALPHABET = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/;

export function cleanCode(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 6);
}

function joinError(error: unknown, code: string, name: string): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return `There is no lobby with the code ${code}. Check the code on the big screen.`;
    if (error.status === 409 && error.code === "name_taken") {
      return `Someone in this lobby is already called “${name}”. Pick another name.`;
    }
    if (error.status === 422) return `That name will not work: ${error.detail}`;
    return error.detail;
  }
  return "Something went wrong. Try again.";
}

interface Rejoin {
  seat: PlayerSeat;
  lobby: Lobby;
  player: Player;
}

export function Landing({ code: routeCode }: { code?: string }) {
  useDocumentTitle(routeCode ? `Join ${routeCode.toUpperCase()}` : "");
  const [, navigate] = useLocation();
  const [code, setCode] = useState(cleanCode(routeCode ?? ""));
  const [name, setName] = useState("");
  const [trimmed, setTrimmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lobbyName, setLobbyName] = useState<string | null>(null);
  const [rejoins, setRejoins] = useState<Rejoin[]>([]);
  const codeId = useId();
  const nameId = useId();

  // Offer to come back as a player whose token still works.
  useEffect(() => {
    let live = true;
    const seats = allSeats().slice(0, 4);
    void Promise.all(
      seats.map(async (seat) => {
        try {
          const me = await api<Rest<"Me">>("/api/me", { token: seat.token });
          return { seat, lobby: me.lobby, player: me.player };
        } catch (e) {
          if (e instanceof ApiError && (e.status === 401 || e.status === 404)) forgetSeat(seat.code);
          return null;
        }
      }),
    ).then((found) => {
      if (live) setRejoins(found.filter((r): r is Rejoin => r !== null));
    });
    return () => {
      live = false;
    };
  }, []);

  // A join link names the lobby: greet the player with its name.
  useEffect(() => {
    if (!routeCode) return;
    const c = cleanCode(routeCode);
    if (!CODE_ALPHABET.test(c)) return;
    let live = true;
    api<Rest<"LobbySummary">>(`/api/lobbies/${c}`)
      .then((lobby) => live && setLobbyName(lobby.name))
      .catch((e) => {
        if (live && e instanceof ApiError && e.status === 404) setError(`There is no lobby with the code ${c}. Check the code on the big screen.`);
      });
    return () => {
      live = false;
    };
  }, [routeCode]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const c = cleanCode(code);
    const n = name.trim();
    if (!CODE_ALPHABET.test(c)) {
      setError("A lobby code has 6 letters and digits, like ABC234.");
      return;
    }
    if (n.length < 1 || n.length > NAME_MAX) {
      setError(`Pick a name of 1 to ${NAME_MAX} characters.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api<Rest<"LobbySummary">>(`/api/lobbies/${c}`);
      const joined = await api<Rest<"JoinResult">>(`/api/lobbies/${c}/players`, {
        method: "POST",
        body: { name: n },
      });
      saveSeat({ code: c, token: joined.token, name: joined.player.name, playerId: joined.player.id, savedAt: Date.now() });
      navigate("/play");
    } catch (e) {
      setError(joinError(e, c, n));
      setBusy(false);
    }
  }

  const matching = rejoins.filter((r) => !routeCode || r.seat.code === cleanCode(routeCode));

  return (
    <main className="page page-narrow landing" id="main">
      <header className="landing-head">
        <Logo />
        <p className="tagline">Climb word ladders together. Race the other teams.</p>
      </header>

      {matching.map((r) => (
        <div className="card rejoin" key={r.seat.code}>
          <p>
            You are already in <strong>{r.lobby.name}</strong> <span className="code-chip">{r.lobby.code}</span>
          </p>
          <button
            type="button"
            className="btn btn-primary btn-block"
            onClick={() => {
              setCurrent(r.seat.code);
              navigate("/play");
            }}
          >
            Rejoin as {r.player.name}
          </button>
        </div>
      ))}

      <form className="card join-form" onSubmit={onSubmit} noValidate aria-labelledby="join-title">
        <h1 id="join-title" className="card-title big-title">
          {lobbyName ? (
            <>
              Join <span className="accent">{lobbyName}</span>
            </>
          ) : (
            "Join a game"
          )}
        </h1>
        <div className="field">
          <label htmlFor={codeId}>Lobby code</label>
          <input
            id={codeId}
            className="input input-code"
            value={code}
            onChange={(e) => setCode(cleanCode(e.target.value))}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            inputMode="text"
            placeholder="ABC234"
            maxLength={8}
            aria-describedby={`${codeId}-help`}
            required
          />
          <small id={`${codeId}-help`} className="muted">
            Shown on the big screen.
          </small>
        </div>
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            className="input"
            value={name}
            onChange={(e) => {
              // A pasted long name is cut at a word and the player is told, not cut silently.
              const next = trimName(e.target.value, NAME_MAX);
              setTrimmed(next !== e.target.value.replace(/\s+/g, " ").trimStart());
              setName(next);
            }}
            autoComplete="nickname"
            placeholder="e.g. Ana"
            required
            aria-describedby={`${nameId}-count`}
            autoFocus={Boolean(routeCode)}
          />
          <small id={`${nameId}-count`} className="muted" aria-live="polite">
            {name.trim().length}/{NAME_MAX}
            {trimmed ? ` · shortened to ${NAME_MAX} characters at a word` : ""}
          </small>
        </div>
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="btn btn-primary btn-block btn-big" disabled={busy}>
          {busy ? "Joining…" : "Let’s play!"}
        </button>
      </form>

      <nav className="landing-links" aria-label="More">
        <Link href="/tutorial" className="link-card">
          <span aria-hidden="true">🎓</span> New to word ladders? <strong>Try the tutorial</strong>
        </Link>
        <Link href="/host" className="link-quiet">
          Hosting a game? Host login
        </Link>
      </nav>
    </main>
  );
}
