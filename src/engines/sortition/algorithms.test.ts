import { describe, expect, it } from "vitest";
import { buildPool, parseQuotas } from "./input";
import { SortitionInputError, type Pool } from "./model";
import { sha256Hex } from "./prng";
import { select, type Selection } from "./select";
import { panelProblems } from "./stats";

/** 40 people: 20 women, 20 men, half of each young; quotas force 3 women and 3 men among 6, at least 2 young. */
function smallPool(k = 6, households = false): Pool {
  const quotas = "category,feature,min,max\ngender,f,3,3\ngender,m,3,3\nage,young,2,6\nage,old,0,6\n";
  const rows = ["id,gender,age,street"];
  for (let i = 0; i < 40; i++) rows.push(`p${i},${i < 20 ? "f" : "m"},${i % 2 === 0 ? "young" : "old"},${households && i < 8 ? "shared" : `street ${i}`}`);
  return buildPool(parseQuotas(quotas), rows.join("\n"), k, households ? { householdColumns: ["street"] } : {});
}

function consistent(pool: Pool, s: Selection): void {
  expect(panelProblems(pool, s.panel)).toEqual([]);
  for (const e of s.lottery) expect(panelProblems(pool, e.members)).toEqual([]);
  expect(s.lottery.reduce((a, e) => a + e.probability, 0)).toBeCloseTo(1, 9);
  const sums = new Float64Array(pool.people.length);
  for (const e of s.lottery) for (const m of e.members) sums[m] = (sums[m] ?? 0) + e.probability;
  sums.forEach((v, i) => expect(v).toBeCloseTo(s.probability[i] ?? 0, 9));
}

const seed = sha256Hex("test");

describe("LP algorithms", () => {
  it("LEXIMIN gives everyone 6/40 when the pool is symmetric", async () => {
    const pool = smallPool();
    const s = await select(pool, { algorithm: "leximin", seed });
    consistent(pool, s);
    for (const p of s.probability) expect(p).toBeCloseTo(6 / 40, 6);
    expect(s.gini).toBeCloseTo(0, 6);
  });

  it("MAXIMIN, LEXIMIN and NASH lotteries meet every quota and add up", async () => {
    const pool = smallPool();
    const mm = await select(pool, { algorithm: "maximin", seed });
    const lx = await select(pool, { algorithm: "leximin", seed });
    const nash = await select(pool, { algorithm: "nash", seed });
    [mm, lx, nash].forEach((s) => consistent(pool, s));
    expect(lx.minProbability).toBeGreaterThanOrEqual(mm.minProbability - 1e-9);
    expect(nash.minProbability).toBeGreaterThan(0);
  });

  it("keeps at most one person per household in every panel", async () => {
    const pool = smallPool(6, true);
    const s = await select(pool, { algorithm: "leximin", seed });
    consistent(pool, s);
    const household = pool.people.slice(0, 8).reduce((a, _, i) => a + (s.probability[i] ?? 0), 0);
    expect(household).toBeLessThanOrEqual(1 + 1e-9);
  });

  it("reports infeasible quotas with a suggested relaxation", async () => {
    const pool = smallPool(7);
    const err = await select(pool, { algorithm: "leximin", seed }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SortitionInputError);
    const message = (err as SortitionInputError).problems[0]?.message ?? "";
    expect(message).toContain("cannot all be met by a panel of 7");
    expect(message).toMatch(/gender\/(f|m): max 3 -> 4/);
  });
});

describe("LEGACY", () => {
  it("draws valid panels and estimates probabilities that sum to k", async () => {
    const pool = smallPool(6, true);
    const s = await select(pool, { algorithm: "legacy", seed, runs: 300 });
    expect(s.estimated).toBe(true);
    consistent(pool, s);
    expect(s.probability.reduce((a, b) => a + b, 0)).toBeCloseTo(6, 6);
  });
});

describe("the draw", () => {
  it("is a function of the seed", async () => {
    const pool = smallPool();
    for (const algorithm of ["leximin", "legacy"] as const) {
      const a = await select(pool, { algorithm, seed, runs: 50 });
      const b = await select(pool, { algorithm, seed, runs: 50 });
      expect(a.panel).toEqual(b.panel);
    }
    const draws = new Set<string>();
    for (let i = 0; i < 8; i++) draws.add((await select(pool, { algorithm: "leximin", seed: sha256Hex(`s${i}`) })).panel.join(","));
    expect(draws.size).toBeGreaterThan(1);
  });
});
