/** The replacement lottery and the rotation's choices: deterministic, closest categories first, households and earlier invitations left out. */
import { describe, expect, it } from "vitest";
import { Sha256Ctr } from "../../engines/sortition/prng";
import { pickReplacement, replacementSeed, replayReplacements } from "./replacement";
import { adjustQuotas, chooseLeavers, rotationCount } from "./rotation-plan";

const SEED = "a".repeat(64);
const pool = [
  { row: 1, features: ["woman", "16-29", "north"], household: null },
  { row: 2, features: ["woman", "16-29", "south"], household: 1 },
  { row: 3, features: ["woman", "16-29", "north"], household: 1 },
  { row: 4, features: ["man", "30-44", "north"], household: null },
  { row: 5, features: ["woman", "16-29", "north"], household: null },
  { row: 6, features: ["woman", "30-44", "south"], household: null },
];

describe("pickReplacement", () => {
  it("draws among those with the same categories, by the round's seeded generator", () => {
    const picked = pickReplacement(SEED, 1, ["woman", "16-29", "north"], pool, new Set([1]));
    // Rows 3 and 5 match all three; index below(2) of the round's generator, in row order.
    const expected = [3, 5][new Sha256Ctr(replacementSeed(SEED, 1)).below(2)];
    expect(picked?.row).toBe(expected);
    expect(pickReplacement(SEED, 1, ["woman", "16-29", "north"], pool, new Set([1]))?.row).toBe(expected);
  });

  it("leaves out everyone invited and their households, then takes the closest", () => {
    // Row 2 invited: row 3 shares its household. Rows 1 and 5 invited too: nobody matches all three.
    const picked = pickReplacement(SEED, 2, ["woman", "16-29", "north"], pool, new Set([1, 2, 5]));
    // Left: 4 (shares "north") and 6 (shares "woman"): one category each, a tie decided by the generator.
    expect([4, 6]).toContain(picked?.row);
    expect(pickReplacement(SEED, 3, ["man", "30-44", "north"], pool, new Set([1, 2, 3, 4, 5, 6]))).toBeNull();
  });

  it("replays rounds in order, each excluding the ones drawn before", () => {
    const rows = replayReplacements(SEED, pool, [1, 4], [
      { round: 2, replacesRow: 4 },
      { round: 1, replacesRow: 1 },
    ]);
    expect(rows).toHaveLength(2);
    expect(new Set(rows).size).toBe(2);
    expect(rows.every((r) => r !== null && r !== 1 && r !== 4)).toBe(true);
  });
});

describe("rotation choices", () => {
  it("replaces a third, at least one", () => {
    expect([0, 1, 2, 3, 12, 40, 45].map(rotationCount)).toEqual([0, 1, 1, 1, 4, 13, 15]);
  });

  it("lets the longest-serving leave, ties by the seeded lottery", () => {
    const sitting = [
      { row: 0, since: "2026-03-01" },
      { row: 1, since: "2026-01-10" },
      { row: 2, since: "2026-03-01" },
      { row: 3, since: "2026-03-01" },
      { row: 4, since: "2026-05-01" },
    ];
    const leaving = chooseLeavers(SEED, 1, sitting, 2);
    expect(leaving[0]).toBe(1);
    expect([0, 2, 3]).toContain(leaving[1]);
    expect(chooseLeavers(SEED, 1, sitting, 2)).toEqual(leaving);
    expect(chooseLeavers(SEED, 1, sitting, 4).sort()).toEqual([0, 1, 2, 3]);
  });

  it("lowers each quota by the staying members with that value, within [0, k]", () => {
    const quotas = [
      { category: "gender", feature: "woman", min: 5, max: 7 },
      { category: "gender", feature: "man", min: 5, max: 7 },
      { category: "age", feature: "young", min: 1, max: 2 },
    ];
    const staying = [["woman", "old"], ["woman", "old"], ["man", "young"], ["man", "young"], ["man", "young"]];
    expect(adjustQuotas(quotas, ["gender", "age"], staying, 4)).toEqual([
      { category: "gender", feature: "woman", min: 3, max: 4 },
      { category: "gender", feature: "man", min: 2, max: 4 },
      { category: "age", feature: "young", min: 0, max: 0 },
    ]);
  });
});
