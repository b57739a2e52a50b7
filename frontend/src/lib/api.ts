// REST calls with the contract's error shape turned into an Error a screen can show.

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    public detail: string,
  ) {
    super(detail);
  }
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  // Bytes sent as they are (an uploaded file), instead of a JSON body.
  raw?: Blob;
  token?: string | null;
}

function describe(status: number): string {
  if (status === 0) return "Could not reach the server. Check your connection and try again.";
  if (status === 401) return "Please sign in again.";
  if (status === 404) return "That could not be found.";
  if (status === 429) return "Too many tries at once. Wait a moment and try again.";
  if (status >= 500) return "The server had a problem. Try again in a moment.";
  return "Something went wrong.";
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.raw !== undefined) headers["Content-Type"] = "application/octet-stream";
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError(0, "network", describe(0));
  }
  if (response.status === 204) return undefined as T;
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const body = (payload ?? {}) as { detail?: unknown; code?: unknown };
    // FastAPI's own validation errors put a list in `detail`; keep the first message.
    let detail = describe(response.status);
    if (typeof body.detail === "string" && body.detail) detail = body.detail;
    else {
      const first: unknown = Array.isArray(body.detail) ? body.detail[0] : undefined;
      if (first && typeof first === "object" && "msg" in first && typeof first.msg === "string") detail = first.msg;
    }
    throw new ApiError(response.status, typeof body.code === "string" ? body.code : "error", detail);
  }
  return payload as T;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

// Fetch a file the server offers for download (it needs the host's token, so a
// plain link will not do) and hand it to the browser as a download.
export async function download(path: string, token: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, "network", describe(0));
  }
  if (!response.ok) throw new ApiError(response.status, "error", describe(response.status));
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
