import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ResultsDownload, fileName } from "./ResultsDownload";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("fileName", () => {
  it("takes the server's name for the file, or falls back", () => {
    expect(fileName('attachment; filename="raddle-ABC234-rounds-2026-11-28.csv"', "x.csv")).toBe(
      "raddle-ABC234-rounds-2026-11-28.csv",
    );
    expect(fileName(null, "raddle-ABC234-rounds.csv")).toBe("raddle-ABC234-rounds.csv");
  });
});

describe("ResultsDownload", () => {
  it("fetches with the host's token in a header, never the URL, and saves the file", async () => {
    const fetchMock = vi.fn().mockResolvedValue(
      new Response("round,team\r\n1,Owls\r\n", {
        status: 200,
        headers: { "Content-Disposition": 'attachment; filename="raddle-ABC234-rounds-2026-11-28.csv"' },
      }),
    );
    vi.stubGlobal("fetch", fetchMock);
    const createObjectURL = vi.fn().mockReturnValue("blob:results");
    // jsdom has no object URLs; this test file's own environment gets stand-ins.
    Object.defineProperty(URL, "createObjectURL", { value: createObjectURL, configurable: true });
    Object.defineProperty(URL, "revokeObjectURL", { value: vi.fn(), configurable: true });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });

    render(<ResultsDownload code="ABC234" token="host-token" />);
    fireEvent.click(screen.getByRole("button", { name: "Rounds (CSV)" }));

    await waitFor(() => expect(clicked).toEqual(["raddle-ABC234-rounds-2026-11-28.csv"]));
    expect(fetchMock).toHaveBeenCalledWith("/api/admin/lobbies/ABC234/results/rounds.csv", {
      headers: { Authorization: "Bearer host-token" },
    });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });

  it("shows the server's reason when the download is refused", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(
        new Response(JSON.stringify({ detail: "There is no lobby with the code 'ABC234'.", code: "lobby_not_found" }), {
          status: 404,
          headers: { "Content-Type": "application/json" },
        }),
      ),
    );
    render(<ResultsDownload code="ABC234" token="host-token" />);
    fireEvent.click(screen.getByRole("button", { name: "Guess log (CSV)" }));
    expect(await screen.findByText("There is no lobby with the code 'ABC234'.")).toBeTruthy();
  });
});
