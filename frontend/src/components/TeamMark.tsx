import type { Team } from "../protocol/types";
import { inkOn, teamColour, teamLetter } from "./ui";

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
