// The host's puzzle pages: every ladder the server can deal (hide or show each one,
// export it), and an editor to write or import a ladder with live checking.
import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { api, ApiError, download, errorText } from "../lib/api";
import { hostToken } from "../lib/storage";
import { useDocumentTitle } from "../lib/hooks";
import { Alert, ConfirmButton, Logo, Spinner } from "../components/ui";
import {
  accept,
  addRung,
  draftFromPuzzle,
  draftText,
  emptyDraft,
  MAX_RUNGS,
  MIN_RUNGS,
  removeRung,
  unaccept,
  withRung,
  type CheckResult,
  type Draft,
  type LintNote,
  type PuzzleInfo,
} from "../game/puzzleDraft";
import type { Rest } from "../protocol/types";

function HostShell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="app-shell host">
      <header className="topbar">
        <Link href="/host" aria-label="Your lobbies">
          <Logo small />
        </Link>
        <span className="topbar-mid">{title}</span>
        <span className="topbar-end">
          <Link href="/host" className="btn btn-ghost btn-small">
            Lobbies
          </Link>
        </span>
      </header>
      <main className="page" id="main">
        {children}
      </main>
    </div>
  );
}

function NeedsHost() {
  return (
    <main className="page page-narrow" id="main">
      <Logo />
      <div className="card">
        <h1 className="card-title">Sign in first</h1>
        <p>Puzzles are for the host.</p>
        <Link href="/host" className="btn btn-primary">
          Host sign-in
        </Link>
      </div>
    </main>
  );
}

// ------------------------------------------------------------------ the list

export function HostPuzzles() {
  useDocumentTitle("Puzzles");
  const token = hostToken();
  const [puzzles, setPuzzles] = useState<PuzzleInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!token) return;
    api<PuzzleInfo[]>("/api/admin/puzzles", { token })
      .then(setPuzzles)
      .catch((e) => setError(errorText(e)));
  }, [token]);
  useEffect(load, [load]);

  if (!token) return <NeedsHost />;

  async function act(label: string, run: () => Promise<unknown>) {
    setError(null);
    try {
      await run();
      load();
    } catch (e) {
      setError(`${label}: ${errorText(e)}`);
    }
  }

  const mine = (puzzles ?? []).filter((p) => p.origin === "host");
  const bundled = (puzzles ?? []).filter((p) => p.origin !== "host");
  const row = (p: PuzzleInfo) => (
    <li key={p.slug} className={`card puzzle-item${p.hidden ? " puzzle-hidden" : ""}`}>
      <div className="puzzle-item-main">
        <strong>{p.title}</strong>
        <span className="muted small">
          {" "}
          · {p.difficulty} · {p.rungs} rungs{p.author ? ` · by ${p.author}` : ""}
          {p.hidden ? " · hidden from dealing" : ""}
        </span>
      </div>
      <div className="row row-wrap">
        {p.origin === "host" && (
          <Link href={`/host/puzzles/${p.slug}/edit`} className="btn btn-primary btn-small">
            Edit <span className="visually-hidden">{p.title}</span>
          </Link>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-pressed={Boolean(p.hidden)}
          onClick={() =>
            act(p.hidden ? "Show" : "Hide", () =>
              api(`/api/admin/puzzles/${p.slug}/hidden`, { method: "PUT", token, body: { hidden: !p.hidden } }),
            )
          }
        >
          {p.hidden ? "Deal it again" : "Hide"} <span className="visually-hidden">{p.title}</span>
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => act("Export", () => download(`/api/admin/puzzles/${p.slug}/export?format=yaml`, token, `${p.slug}.yaml`))}
        >
          Export <span className="visually-hidden">{p.title}</span> YAML
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => act("Export", () => download(`/api/admin/puzzles/${p.slug}/export?format=json`, token, `${p.slug}.json`))}
        >
          JSON
        </button>
        {p.origin === "host" && (
          <ConfirmButton
            className="btn btn-ghost btn-small"
            question={`Delete “${p.title}”?`}
            confirmLabel="Delete"
            onConfirm={() => act("Delete", () => api(`/api/admin/puzzles/${p.slug}`, { method: "DELETE", token }))}
          >
            Delete <span className="visually-hidden">{p.title}</span>
          </ConfirmButton>
        )}
      </div>
    </li>
  );

  return (
    <HostShell title="Puzzles">
      <h1 className="page-title">Puzzles</h1>
      <div className="row row-wrap">
        <Link href="/host/puzzles/new" className="btn btn-primary">
          Write or import a ladder
        </Link>
      </div>
      {error && <Alert>{error}</Alert>}
      {puzzles === null ? (
        <Spinner />
      ) : (
        <>
          <h2 className="section-title">Your ladders</h2>
          {mine.length === 0 ? (
            <p className="muted-on-dark">None yet: write one with your group’s in-jokes, or import a file.</p>
          ) : (
            <ul className="puzzle-list" aria-label="Your ladders">
              {mine.map(row)}
            </ul>
          )}
          <h2 className="section-title">Bundled ladders</h2>
          <ul className="puzzle-list" aria-label="Bundled ladders">
            {bundled.map(row)}
          </ul>
        </>
      )}
    </HostShell>
  );
}

// ------------------------------------------------------------------ the editor

function where(rung: number | null): string {
  return rung === null ? "" : `Rung ${rung}: `;
}

function LintItem({ note, onAccept }: { note: LintNote; onAccept?: () => void }) {
  return (
    <li className={`lint lint-${note.severity}`}>
      <span className="lint-tag">{note.severity === "error" ? "Must fix" : "Check"}</span> {where(note.rung)}
      {note.message}
      {onAccept && (
        <button type="button" className="btn btn-ghost btn-small" onClick={onAccept}>
          Accept
        </button>
      )}
    </li>
  );
}

export function PuzzleEditor({ slug }: { slug?: string }) {
  useDocumentTitle(slug ? "Edit ladder" : "New ladder");
  const token = hostToken();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<Draft | null>(slug ? null : emptyDraft());
  const [result, setResult] = useState<CheckResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sequence = useRef(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), author: useId(), note: useId(), difficulty: useId(), file: useId() };

  useEffect(() => {
    if (!slug || !token) return;
    api<Rest<"PuzzleDetail">>(`/api/admin/puzzles/${slug}`, { token })
      .then((detail) => setDraft(draftFromPuzzle(detail.puzzle)))
      .catch((e) => setError(errorText(e)));
  }, [slug, token]);

  // Check the draft as the host types: a short pause after the last change, and
  // only the newest answer is shown.
  const text = draft ? draftText(draft) : null;
  useEffect(() => {
    if (text === null || !token) return;
    const mine = ++sequence.current;
    setChecking(true);
    const timer = setTimeout(() => {
      api<CheckResult>("/api/admin/puzzles/check", { method: "POST", token, body: { text, format: "json" } })
        .then((r) => mine === sequence.current && setResult(r))
        .catch((e) => mine === sequence.current && setError(errorText(e)))
        .finally(() => mine === sequence.current && setChecking(false));
    }, 400);
    return () => clearTimeout(timer);
  }, [text, token]);

  if (!token) return <NeedsHost />;
  if (!draft) {
    return (
      <HostShell title="Edit ladder">
        {error ? <Alert>{error}</Alert> : <Spinner label="Opening the ladder…" />}
      </HostShell>
    );
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file || !token) return;
    setError(null);
    try {
      const checked = await api<CheckResult>(`/api/admin/puzzles/import?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        token,
        raw: file,
      });
      if (checked.puzzle) setDraft(draftFromPuzzle(checked.puzzle));
      else setResult(checked);
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft || !token) return;
    setBusy(true);
    setError(null);
    try {
      const body = { text: draftText(draft), format: "json" };
      if (slug) await api(`/api/admin/puzzles/${slug}`, { method: "PUT", token, body });
      else await api("/api/admin/puzzles", { method: "POST", token, body });
      navigate("/host/puzzles");
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? "Please sign in again." : errorText(e));
      setBusy(false);
    }
  }

  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const last = draft.rungs.length - 1;
  const errors = result?.errors ?? [];
  const lint = result?.lint ?? [];
  const mustFix = errors.length + lint.filter((n) => n.severity === "error").length;

  return (
    <HostShell title={slug ? "Edit ladder" : "New ladder"}>
      <h1 className="page-title">{slug ? "Edit ladder" : "Write a ladder"}</h1>
      <form className="editor" onSubmit={save} noValidate>
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title" className="card-title">
            About it
          </h2>
          {!slug && (
            <div className="row row-wrap">
              <label htmlFor={ids.file} className="btn btn-ghost btn-small">
                Import a YAML or JSON file
              </label>
              <input
                id={ids.file}
                ref={fileInput}
                className="visually-hidden"
                type="file"
                accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                onChange={importFile}
              />
            </div>
          )}
          <div className="row row-wrap">
            <div className="field grow">
              <label htmlFor={ids.title}>Title</label>
              <input
                id={ids.title}
                className="input"
                value={draft.title}
                maxLength={100}
                onChange={(e) => set({ title: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.difficulty}>Difficulty</label>
              <select
                id={ids.difficulty}
                className="input"
                value={draft.difficulty}
                onChange={(e) => set({ difficulty: e.target.value as Draft["difficulty"] })}
              >
                <option value="easy">Easy</option>
                <option value="medium">Medium</option>
                <option value="hard">Hard</option>
              </select>
            </div>
          </div>
          <div className="row row-wrap">
            <div className="field grow">
              <label htmlFor={ids.author}>Author (optional)</label>
              <input
                id={ids.author}
                className="input"
                value={draft.author}
                maxLength={100}
                onChange={(e) => set({ author: e.target.value })}
              />
            </div>
            <div className="field grow">
              <label htmlFor={ids.note}>Note shown when the round ends (optional)</label>
              <input
                id={ids.note}
                className="input"
                value={draft.note}
                maxLength={200}
                onChange={(e) => set({ note: e.target.value })}
              />
            </div>
          </div>
        </section>

        <section className="card" aria-labelledby="rungs-title">
          <h2 id="rungs-title" className="card-title">
            Rungs
          </h2>
          <p className="muted small">
            Each clue leads from its word to the next one: write <code>&lt;&gt;</code> for the word above and{" "}
            <code>{"{}"}</code> for the word below, e.g. “A &lt;&gt; {"{}"} is thrown in winter”.
          </p>
          <ol className="rung-editor">
            {draft.rungs.map((rung, index) => (
              <li key={index} className="rung-edit">
                <div className="row row-wrap">
                  <div className="field">
                    <label htmlFor={`word-${index}`}>Word {index + 1}</label>
                    <input
                      id={`word-${index}`}
                      className="input input-word"
                      value={rung.word}
                      maxLength={30}
                      autoCapitalize="characters"
                      onChange={(e) => setDraft(withRung(draft, index, { word: e.target.value.toUpperCase() }))}
                    />
                  </div>
                  {index < last && (
                    <div className="field grow">
                      <label htmlFor={`clue-${index}`}>Clue from word {index + 1} to word {index + 2}</label>
                      <input
                        id={`clue-${index}`}
                        className="input"
                        value={rung.clue}
                        maxLength={200}
                        onChange={(e) => setDraft(withRung(draft, index, { clue: e.target.value }))}
                      />
                    </div>
                  )}
                  {index > 0 && index < last && draft.rungs.length > MIN_RUNGS && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() => setDraft(removeRung(draft, index))}
                    >
                      Remove <span className="visually-hidden">word {index + 1}</span>
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setDraft(addRung(draft))}
            disabled={draft.rungs.length >= MAX_RUNGS}
          >
            Add a rung
          </button>
        </section>

        <section className="card" aria-labelledby="check-title" aria-live="polite">
          <h2 id="check-title" className="card-title">
            Checks {checking && <span className="muted small">checking…</span>}
          </h2>
          {result && mustFix === 0 && lint.length === 0 && <p className="lint-ok">Fair and ready to deal.</p>}
          {lint.some((n) => n.kind === "competitor") && (
            <p className="muted small">
              The number after a word says how common it is: 3 is about once in a million words, 6 an everyday word.
              Say what the answer means in the clue to rule the others out.
            </p>
          )}
          {(errors.length > 0 || lint.length > 0) && (
            <ul className="lint-list">
              {errors.map((e, i) => (
                <li key={`e${i}`} className="lint lint-error">
                  <span className="lint-tag">Must fix</span> {where(e.rung)}
                  {e.message}
                </li>
              ))}
              {lint.map((n) => (
                <LintItem
                  key={n.key + n.message}
                  note={n}
                  onAccept={n.severity === "warning" && n.kind !== "stale-accept" ? () => setDraft(accept(draft, n.key)) : undefined}
                />
              ))}
            </ul>
          )}
          {draft.accept.length > 0 && (
            <details className="accepted">
              <summary>Accepted after review ({draft.accept.length})</summary>
              <ul>
                {draft.accept.map((key) => (
                  <li key={key}>
                    <code>{key}</code>{" "}
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => setDraft(unaccept(draft, key))}>
                      Undo
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {error && <Alert>{error}</Alert>}
          <div className="row row-wrap editor-actions">
            <button type="submit" className="btn btn-primary btn-big" disabled={busy || !result?.ready || checking}>
              {busy ? "Saving…" : slug ? "Save changes" : "Save ladder"}
            </button>
            <Link href="/host/puzzles" className="btn btn-ghost">
              Cancel
            </Link>
          </div>
        </section>
      </form>
    </HostShell>
  );
}
