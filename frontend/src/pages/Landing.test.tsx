import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { Landing } from "./Landing";
import { seatFor } from "../lib/storage";

// What fetch was asked for, as the address the app wrote.
function urlOf(input: RequestInfo | URL): string {
  return input instanceof Request ? input.url : input.toString();
}

function respond(status: number, body: unknown) {
  return Promise.resolve(new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
}

function renderAt(path: string, code?: string) {
  const location = memoryLocation({ path, record: true });
  render(
    <Router hook={location.hook}>
      <Landing code={code} />
    </Router>,
  );
  return location;
}

describe("Landing", () => {
  it("joins, keeps the token for this lobby, and goes to /play", async () => {
    const fetchMock = vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      const url = urlOf(input);
      if (url === "/api/lobbies/ABC234" && (init?.method ?? "GET") === "GET") return respond(200, { code: "ABC234", name: "Giddy Ladders", phase: "lobby", player_count: 0 });
      if (url === "/api/lobbies/ABC234/players") return respond(201, { player: { id: 3, name: "Ana", team_id: null, connected: false }, token: "tok" });
      return respond(404, { detail: "nope", code: "not_found" });
    });
    const location = renderAt("/join/ABC234", "abc234");
    expect(await screen.findByText("Giddy Ladders")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Your name"), { target: { value: " Ana " } });
    fireEvent.click(screen.getByRole("button", { name: /let’s play/i }));
    await vi.waitFor(() => expect(location.history).toContain("/play"));
    expect(seatFor("ABC234")?.token).toBe("tok");
    const join = fetchMock.mock.calls.find(([u]) => urlOf(u).endsWith("/players"));
    expect(JSON.parse(join?.[1]?.body as string)).toEqual({ name: "Ana" });
  });

  it("explains a taken name in plain words", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation((input) => {
      const url = urlOf(input);
      if (url.endsWith("/players")) return respond(409, { detail: "Someone in this lobby is already called 'Ana'.", code: "name_taken" });
      return respond(200, { code: "ABC234", name: "Giddy Ladders", phase: "lobby", player_count: 1 });
    });
    renderAt("/");
    fireEvent.change(screen.getByLabelText("Lobby code"), { target: { value: "abc234" } });
    fireEvent.change(screen.getByLabelText("Your name"), { target: { value: "Ana" } });
    fireEvent.click(screen.getByRole("button", { name: /let’s play/i }));
    expect(await screen.findByText(/already called “Ana”\. Pick another name\./)).toBeTruthy();
  });

  it("says when a code is unknown", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(() => respond(404, { detail: "There is no lobby with that code.", code: "lobby_not_found" }));
    renderAt("/");
    fireEvent.change(screen.getByLabelText("Lobby code"), { target: { value: "ZZZ999" } });
    fireEvent.change(screen.getByLabelText("Your name"), { target: { value: "Ana" } });
    fireEvent.click(screen.getByRole("button", { name: /let’s play/i }));
    expect(await screen.findByText(/no lobby with the code ZZZ999/)).toBeTruthy();
  });

  it("offers to rejoin with a token that still works", async () => {
    localStorage.setItem("raddle.seat.ABC234", JSON.stringify({ code: "ABC234", token: "tok", name: "Ana", playerId: 3, savedAt: 1 }));
    vi.spyOn(globalThis, "fetch").mockImplementation((input) => {
      if (urlOf(input) === "/api/me")
        return respond(200, {
          player: { id: 3, name: "Ana", team_id: null, connected: false },
          lobby: { code: "ABC234", name: "Giddy Ladders", phase: "lobby", created_at: "", player_count: 1 },
        });
      return respond(404, { detail: "x", code: "x" });
    });
    const location = renderAt("/");
    fireEvent.click(await screen.findByRole("button", { name: "Rejoin as Ana" }));
    expect(location.history).toContain("/play");
  });
});
