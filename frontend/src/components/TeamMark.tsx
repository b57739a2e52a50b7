import type { Team } from "../protocol/types";
import { teamColour, teamLetter } from "./ui";

// A team's colour with its letter on it: the letter tells teams apart for anyone
// who cannot tell the colours apart.
export function TeamMark({
  teamId,
  roster,
  name,
}: {
  teamId: number | null | undefined;
  roster: Pick<Team, "id" | "name">[];
  name?: string;
}) {
  const colour = teamColour(teamId, roster, name);
  return (
    <span className="swatch team-mark" style={{ background: colour, color: inkOn(colour) }} aria-hidden="true">
      {teamLetter(teamId, roster)}
    </span>
  );
}

// Black or white, whichever reads better on `colour` (#rrggbb).
export function inkOn(colour: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) return "#fff";
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05; they meet near L = 0.179.
  return luminance > 0.179 ? "#111" : "#fff";
}
