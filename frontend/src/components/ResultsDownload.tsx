// The host's downloads of a lobby's results. The API takes the host's token in a header
// (never in a URL), so each file is fetched first and then handed to the browser to save.
import { useState } from "react";
import { ApiError, errorText } from "../lib/api";
import { Alert } from "./ui";

interface ResultFile {
  key: string;
  label: string;
  path: string;
}

export const RESULT_FILES: ResultFile[] = [
  { key: "rounds", label: "Rounds (CSV)", path: "results/rounds.csv" },
  { key: "players", label: "Players (CSV)", path: "results/players.csv" },
  { key: "guesses", label: "Guess log (CSV)", path: "results/guesses.csv" },
  { key: "leaderboard", label: "Leaderboard (CSV)", path: "results/leaderboard.csv" },
  { key: "json", label: "Everything (JSON)", path: "results" },
];

export function fileName(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? "");
  return match ? match[1] : fallback;
}

async function fetchFile(url: string, token: string, fallback: string): Promise<{ blob: Blob; name: string }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, "network", "Could not reach the server. Check your connection and try again.");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { detail?: unknown; code?: unknown };
    const detail = typeof body.detail === "string" ? body.detail : "The results could not be prepared.";
    throw new ApiError(response.status, typeof body.code === "string" ? body.code : "error", detail);
  }
  return { blob: await response.blob(), name: fileName(response.headers.get("Content-Disposition"), fallback) };
}

function save(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken its copy by the time the click returns; free it a little later.
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function ResultsDownload({ code, token }: { code: string; token: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(file: ResultFile) {
    setBusy(file.key);
    setError(null);
    try {
      const fallback = `raddle-${code}-${file.key}.${file.key === "json" ? "json" : "csv"}`;
      const { blob, name } = await fetchFile(`/api/admin/lobbies/${code}/${file.path}`, token, fallback);
      save(blob, name);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="download-title">
      <h2 id="download-title" className="card-title">
        Download results
      </h2>
      <p className="muted small">
        Every round’s places and points (hint costs shown apart), each player’s guesses and hints, and the whole
        guess log, to keep or open in a spreadsheet.
      </p>
      <div className="row row-wrap">
        {RESULT_FILES.map((file) => (
          <button
            key={file.key}
            type="button"
            className="btn btn-ghost btn-small"
            disabled={busy !== null}
            onClick={() => void download(file)}
          >
            {busy === file.key ? "Preparing…" : file.label}
          </button>
        ))}
      </div>
      {error && (
        <Alert onClose={() => setError(null)}>
          <span>{error}</span>
        </Alert>
      )}
    </section>
  );
}
