import { describe, expect, it } from "vitest";
import { formatPoints, formatShare, plural, trimName } from "./words";
import { formatSeconds, lengthPattern, letterCount, matches, normalise, ordinal, patternCount, patternGroups } from "./words";

describe("word rules (the server's, in the browser)", () => {
  it("normalises case, accents and anything that is not a letter or digit", () => {
    expect(normalise("né-w york")).toBe("NEWYORK");
    expect(normalise("Crème brûlée!")).toBe("CREMEBRULEE");
    expect(normalise("rock'n'roll 2")).toBe("ROCKNROLL2");
    expect(normalise(normalise("Ça va"))).toBe(normalise("Ça va"));
  });

  it("matches guesses the way the server does", () => {
    expect(matches("new-york", "NEW YORK")).toBe(true);
    expect(matches("  ", "")).toBe(false);
    expect(matches("NEWARK", "NEW YORK")).toBe(false);
  });

  it("counts letters of a pattern and of a guess alike", () => {
    expect(patternCount("(5)")).toBe(5);
    expect(patternCount("(3 4)")).toBe(7);
    expect(patternCount("(4-4)")).toBe(8);
    expect(letterCount("X-RAY")).toBe(4);
  });

  it("writes length patterns like the server", () => {
    expect(lengthPattern("NEW YORK")).toBe("(3 4)");
    expect(lengthPattern("X-RAY")).toBe("(1-3)");
    expect(lengthPattern("ICE CREAM")).toBe("(3 5)");
    expect(lengthPattern("SOUTH")).toBe("(5)");
    expect(patternGroups("(3 4)")).toEqual([
      { size: 3, sep: " " },
      { size: 4, sep: "" },
    ]);
  });

  it("formats places and times", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual([
      "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd",
    ]);
    expect(formatSeconds(312.4)).toBe("5:12");
    expect(formatSeconds(null)).toBe("—");
  });
});

describe("names and numbers as people read them", () => {
  it("cuts a long name at a word boundary, never leaving a hyphen", () => {
    expect(trimName("Bartholomew Fitzgerald-Smythe", 24)).toBe("Bartholomew Fitzgerald");
    expect(trimName("Anne-Marie-Josephine-Claire", 24)).toBe("Anne-Marie-Josephine");
    expect(trimName("Supercalifragilisticexpialidocious", 24)).toBe("Supercalifragilisticexpi");
    expect(trimName("Ana", 24)).toBe("Ana");
    expect(trimName("Ana ", 24)).toBe("Ana ");
  });

  it("shows points as stored and hint shares as percentages", () => {
    expect(formatPoints(0.23)).toBe("0.23");
    expect(formatPoints(1.3)).toBe("1.3");
    expect(formatPoints(2)).toBe("2");
    expect(formatShare(0.35)).toBe("35 %");
    expect(formatShare(0.1)).toBe("10 %");
  });

  it("says one player, two players", () => {
    expect(plural(1, "player")).toBe("1 player");
    expect(plural(0, "player")).toBe("0 players");
    expect(plural(3, "miss", "misses")).toBe("3 misses");
  });
});
