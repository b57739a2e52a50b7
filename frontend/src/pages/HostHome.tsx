import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { api, ApiError, errorText } from "../lib/api";
import { hostToken, setHostToken } from "../lib/storage";
import { useDocumentTitle, useLive } from "../lib/hooks";
import { CloseCode } from "../protocol/types";
import type { AuthFrame, Lobby, Rest } from "../protocol/types";
import { Alert, ConnectionBadge, Logo, Spinner } from "../components/ui";

export function HostHome() {
  const [token, setToken] = useState<string | null>(() => hostToken());
  const logOut = useCallback(() => {
    setHostToken(null);
    setToken(null);
  }, []);
  if (!token) {
    return (
      <HostLogin
        onToken={(t) => {
          setHostToken(t);
          setToken(t);
        }}
      />
    );
  }
  return <HostDashboard token={token} onLogout={logOut} />;
}

function HostLogin({ onToken }: { onToken: (token: string) => void }) {
  useDocumentTitle("Host login");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setError("Type the host password.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api<Rest<"AdminToken">>("/api/admin/session", { method: "POST", body: { password } });
      onToken(session.token);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? "That password is not right. Try again." : errorText(e));
      setBusy(false);
    }
  }
  return (
    <main className="page page-narrow" id="main">
      <header className="landing-head">
        <Logo />
      </header>
      <form className="card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title" className="card-title big-title">
          Host a game
        </h1>
        <div className="field">
          <label htmlFor={id}>Host password</label>
          <input
            id={id}
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
        </div>
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="btn btn-primary btn-block btn-big" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <nav className="landing-links">
        <Link href="/" className="link-quiet">
          ← Join as a player instead
        </Link>
      </nav>
    </main>
  );
}

function phaseLabel(phase: string): string {
  return phase === "playing" ? "Round on" : phase === "results" ? "Results" : "In lobby";
}

function HostDashboard({ token, onLogout }: { token: string; onLogout: () => void }) {
  useDocumentTitle("Host");
  const [, navigate] = useLocation();
  const auth = useMemo<AuthFrame>(() => ({ type: "auth", token }), [token]);
  const { state } = useLive(auth);
  const [listed, setListed] = useState<Lobby[] | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();

  useEffect(() => {
    let live = true;
    api<Rest<"Lobby">[]>("/api/admin/lobbies", { token })
      .then((list) => live && setListed(list))
      .catch((e) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) onLogout();
        else setError(errorText(e));
      });
    return () => {
      live = false;
    };
  }, [token, onLogout]);

  useEffect(() => {
    if (state?.closed?.code === CloseCode.UNAUTHORIZED) onLogout();
  }, [state?.closed, onLogout]);

  const lobbies = state?.lobbies ?? listed;

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const lobby = await api<Rest<"Lobby">>("/api/admin/lobbies", {
        method: "POST",
        token,
        body: name.trim() ? { name: name.trim() } : {},
      });
      navigate(`/host/${lobby.code}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onLogout();
      setError(errorText(e));
      setBusy(false);
    }
  }

  async function logOut() {
    try {
      await api("/api/admin/session", { method: "DELETE", token });
    } catch {
      // The token is forgotten here either way.
    }
    onLogout();
  }

  return (
    <div className="app-shell host">
      <header className="topbar">
        <Logo small />
        <span className="topbar-mid">Host</span>
        <span className="topbar-end">
          {state && <ConnectionBadge status={state.status} attempt={state.attempt} />}
          <button type="button" className="btn btn-ghost btn-small" onClick={logOut}>
            Sign out
          </button>
        </span>
      </header>
      <main className="page" id="main">
        <h1 className="page-title">Your lobbies</h1>
        <nav className="row row-wrap" aria-label="Host tools">
          <Link href="/host/puzzles" className="btn btn-ghost">
            Puzzles: write, import, hide
          </Link>
        </nav>
        <form className="card create-lobby" onSubmit={create} aria-labelledby="create-title">
          <h2 id="create-title" className="card-title">
            New lobby
          </h2>
          <div className="row row-wrap">
            <div className="field grow">
              <label htmlFor={nameId}>Name (optional)</label>
              <input
                id={nameId}
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="We’ll make up a fun one"
                maxLength={60}
              />
            </div>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Creating…" : "Create lobby"}
            </button>
          </div>
          {error && <Alert>{error}</Alert>}
        </form>
        {lobbies === null ? (
          <Spinner />
        ) : lobbies.length === 0 ? (
          <p className="muted">No lobbies yet. Create one to get the party started.</p>
        ) : (
          <ul className="lobby-list" aria-label="Lobbies">
            {lobbies.map((lobby) => (
              <li key={lobby.code} className="card lobby-item">
                <div className="lobby-item-main">
                  <span className="code-chip code-chip-big">{lobby.code}</span>
                  <span>
                    <strong>{lobby.name}</strong>
                    <span className="muted small">
                      {" "}
                      · {phaseLabel(String(lobby.phase))} · {lobby.player_count} player{lobby.player_count === 1 ? "" : "s"}
                      {lobby.team_count ? ` · ${lobby.team_count} teams` : ""}
                    </span>
                  </span>
                </div>
                <div className="row">
                  <Link href={`/host/${lobby.code}`} className="btn btn-primary btn-small">
                    Open <span className="visually-hidden">{lobby.code}</span>
                  </Link>
                  <a href={`/screen/${lobby.code}`} target="_blank" rel="noopener" className="btn btn-ghost btn-small">
                    Big screen <span className="visually-hidden">for {lobby.code}</span>
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
