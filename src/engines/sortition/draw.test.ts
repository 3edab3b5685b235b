import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, csvSha256, drawSeed, PROTOCOL, type DrawInputs } from "./draw";
import { groupTypes } from "./groups";
import { buildPool, parseQuotas } from "./input";
import { expandPanel } from "./lottery";
import { Sha256Ctr } from "./prng";
import { gini } from "./stats";

describe("SHA-256 counter-mode generator", () => {
  it("follows the documented construction", () => {
    const seed = "ab".repeat(32);
    const block = (i: number): Buffer => {
      const ctr = Buffer.alloc(8);
      ctr.writeBigUInt64BE(BigInt(i));
      return createHash("sha256").update(Buffer.from(seed, "hex")).update(ctr).digest();
    };
    const rng = new Sha256Ctr(seed);
    const expected = [...Array(8).keys()].map((j) => block(0).readUInt32BE(4 * j));
    expect([...Array(8).keys()].map(() => rng.nextUint32())).toEqual(expected);
    expect(rng.nextUint32()).toBe(block(1).readUInt32BE(0));
  });
  it("draws integers below n without bias and samples distinct items", () => {
    const rng = new Sha256Ctr("01");
    const counts = new Array<number>(3).fill(0);
    for (let i = 0; i < 3000; i++) {
      const v = rng.below(3);
      counts[v] = (counts[v] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(900);
    const s = rng.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(s).size).toBe(4);
    const f = rng.nextFloat();
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThan(1);
  });
});

describe("seed", () => {
  const inputs: DrawInputs = {
    protocol: PROTOCOL,
    beacon: "dice: 3 1 4 1 5 9",
    poolSha256: csvSha256("id,g\n1,a\n"),
    quotasSha256: csvSha256("category,feature,min,max\ng,a,1,1\n"),
    algorithm: "leximin",
    k: 1,
    householdColumns: [],
    idColumn: "id",
    runs: null,
  };
  it("hashes canonical JSON (sorted keys, no spaces) and ignores CSV line endings", () => {
    expect(canonicalJson({ b: 1, a: [true, "x"] })).toBe('{"a":[true,"x"],"b":1}');
    expect(csvSha256("id,g\r\n1,a\r\n")).toBe(inputs.poolSha256);
    expect(drawSeed(inputs)).toBe(createHash("sha256").update(canonicalJson(inputs)).digest("hex"));
    expect(drawSeed({ ...inputs, beacon: "dice: 3 1 4 1 5 8" })).not.toBe(drawSeed(inputs));
  });
});

describe("lottery expansion", () => {
  it("writes a type-level panel as concrete panels with exact marginals", () => {
    const q = "category,feature,min,max\ng,a,0,5\ng,b,0,5\n";
    const people = "id,g\n" + ["a", "a", "a", "b", "b"].map((g, i) => `${i},${g}`).join("\n");
    const tp = groupTypes(buildPool(parseQuotas(q), people, 3));
    const parts = expandPanel(tp, Int32Array.from([2, 1]), 0.6);
    expect(parts.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(0.6, 12);
    const marginal = new Array<number>(5).fill(0);
    for (const p of parts) {
      expect(p.members).toHaveLength(3);
      for (const m of p.members) marginal[m] = (marginal[m] ?? 0) + p.probability;
    }
    [0.4, 0.4, 0.4, 0.3, 0.3].forEach((v, i) => expect(marginal[i]).toBeCloseTo(v, 12));
  });
  it("Gini is 0 for equal and positive for unequal probabilities", () => {
    expect(gini([0.1, 0.1, 0.1])).toBeCloseTo(0, 12);
    expect(gini([0, 0, 1])).toBeCloseTo(2 / 3, 12);
  });
});
