import { describe, expect, it } from "vitest";
import { getHighs } from "./highs";
import { groupTypes, type TypePanel, type TypedPool } from "./groups";
import { buildPool, parseQuotas } from "./input";
import { lpLottery, typeProbabilities, type TypeLottery } from "./lp-lottery";
import { PanelOracle } from "./oracle";
import { peel } from "./peel";
import { decompose } from "./decompose";
import { PanelSet } from "./panel-set";
import { relaxedLeximin } from "./relaxed-leximin";
import { syntheticPool } from "./synthetic";

function typedPool(seed: string, people: number, k: number, selfSelection: number, sharedAddressRate = 0, equalFirst = false): TypedPool {
  const g = syntheticPool({ people, k, values: [2, 3, 3, 4], margin: 1, seed, selfSelection, sharedAddressRate, equalFirst });
  return groupTypes(buildPool(parseQuotas(g.quotasCsv), g.peopleCsv, k, sharedAddressRate > 0 ? { householdColumns: ["address"] } : {}));
}

/** k seats, every quota, at most one per household, no more of a type than it has members. */
function panelIsValid(tp: TypedPool, panel: TypePanel): boolean {
  const fill = new Array<number>(tp.pool.quotas.length).fill(0);
  let seats = 0;
  for (let t = 0; t < panel.length; t++) {
    const c = panel[t] ?? 0;
    if (c < 0 || c > (tp.types[t]?.members.length ?? 0)) return false;
    seats += c;
    for (const f of tp.types[t]?.features ?? []) fill[f] = (fill[f] ?? 0) + c;
  }
  const households = tp.households.every((h) => h.reduce((s, t) => s + (panel[t] ?? 0), 0) <= 1);
  return seats === tp.pool.k && households && tp.pool.quotas.every((q, i) => (fill[i] ?? 0) >= q.min && (fill[i] ?? 0) <= q.max);
}

function isLottery(tp: TypedPool, lot: TypeLottery): void {
  for (const p of lot.panels) expect(panelIsValid(tp, p)).toBe(true);
  expect(lot.lambda.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  expect(Math.min(...lot.lambda)).toBeGreaterThan(0);
  typeProbabilities(tp, lot.panels, lot.lambda).forEach((p, t) => expect(p).toBeCloseTo(lot.typeProbability[t] ?? 0, 12));
}

describe("LEXIMIN through the relaxation", () => {
  const cases = [
    { seed: "relax-a", people: 150, k: 15, s: 3, shared: 0, levels: 3 },
    { seed: "relax-b", people: 200, k: 20, s: 4, shared: 0, levels: 3 },
    { seed: "relax-c", people: 120, k: 12, s: 4, shared: 0.25, levels: 3 },
    { seed: "relax-d", people: 160, k: 16, s: 1, shared: 0, levels: 2, equalFirst: true },
  ];
  for (const c of cases) {
    it(`matches the level-by-level column generation (${c.seed}: ${c.people} people, k = ${c.k}, self-selection ${c.s}${c.shared ? ", households" : ""}${c.equalFirst ? ", equal seats for the first category" : ""})`, async () => {
      const tp = typedPool(c.seed, c.people, c.k, c.s, c.shared, c.equalFirst);
      const fast = await lpLottery(tp, "leximin");
      const reference = await lpLottery(tp, "leximin", {}, undefined, false);
      isLottery(tp, fast);
      isLottery(tp, reference);
      // The relaxed LEXIMIN bounds every lottery's levels from above: the fast lottery must reach it
      // (REACH_TOL), which certifies it; the LEXIMIN vector is unique, so type by type both methods
      // agree up to their tolerances (the level-by-level pricing tolerance is 2e-5; a shortfall of ε
      // on every type leaves up to ε·n/size_t of excess on a few).
      const bound = relaxedLeximin(await getHighs(), tp)?.typeProbability ?? new Float64Array();
      fast.typeProbability.forEach((p, t) => expect(p).toBeGreaterThanOrEqual((bound[t] ?? 0) - 1e-7));
      reference.typeProbability.forEach((p, t) => expect(p).toBeLessThanOrEqual((bound[t] ?? 0) + 1e-5));
      fast.typeProbability.forEach((p, t) => expect(Math.abs(p - (reference.typeProbability[t] ?? 0))).toBeLessThan(1e-5));
      expect(fast.levels).toBe(reference.levels);
      expect(fast.levels).toBeGreaterThanOrEqual(c.levels);
    }, 120_000);
  }

  it("falls back to the levels when the relaxation overestimates (an odd cycle of quotas)", async () => {
    // Any two of a, b, c break a quota, but the relaxation can take half of each: LEXIMIN gives them 1/3, not 0.4.
    const quotas = "category,feature,min,max\nC1,f,0,1\nC1,g,0,5\nC2,f,0,1\nC2,g,0,5\nC3,f,0,1\nC3,g,0,5\n";
    const people = "id,C1,C2,C3\na,f,g,f\nb,f,f,g\nc,g,f,f\nd1,g,g,g\nd2,g,g,g\n";
    const tp = groupTypes(buildPool(parseQuotas(quotas), people, 2));
    const relaxed = relaxedLeximin(await getHighs(), tp);
    expect(Math.min(...(relaxed?.typeProbability ?? []))).toBeCloseTo(0.4, 9);
    const lot = await lpLottery(tp, "leximin");
    isLottery(tp, lot);
    const byId = (id: string): number => lot.typeProbability[tp.typeOf[tp.pool.people.findIndex((p) => p.id === id)] ?? 0] ?? 0;
    for (const id of ["a", "b", "c"]) expect(byId(id)).toBeCloseTo(1 / 3, 6);
    expect(byId("d1")).toBeCloseTo(0.5, 6);
  });
});

/** Probabilities of a known lottery over four real panels (so the target is reachable). */
function mixtureTarget(tp: TypedPool, oracle: PanelOracle): Float64Array {
  const T = tp.types.length;
  const mixture: TypePanel[] = [];
  for (let i = 0; i < 4; i++) {
    const found = oracle.best(Float64Array.from({ length: T }, (_, t) => ((t * 7 + i * 13) % 11) - 5));
    if (found) mixture.push(found.panel);
  }
  expect(mixture.length).toBe(4);
  return typeProbabilities(tp, mixture, [0.4, 0.3, 0.2, 0.1]);
}

describe("lottery for a target", () => {
  it("column generation from no panels reaches a reachable target", async () => {
    const tp = typedPool("decompose", 150, 15, 3);
    const oracle = new PanelOracle(await getHighs(), tp);
    try {
      const target = mixtureTarget(tp, oracle);
      const panels = new PanelSet();
      const d = decompose(await getHighs(), oracle, panels, target, { tolerance: 1e-9 }, {});
      expect(d.reached).toBe(true);
      expect(d.iterations).toBeGreaterThan(0);
      const total = d.lambda.reduce((s, v) => s + v, 0);
      expect(total).toBeCloseTo(1, 9);
      typeProbabilities(tp, panels.panels, d.lambda).forEach((p, t) => expect(p).toBeGreaterThanOrEqual((target[t] ?? 0) - 1e-7));
      // With no pricing round allowed it stops at once, short of the target.
      const capped = decompose(await getHighs(), oracle, new PanelSet(), target, { tolerance: 1e-9, maxRounds: 0 }, {});
      expect(capped.reached).toBe(false);
      expect(capped.epsilon).toBeGreaterThan(1e-3);
    } finally {
      oracle.dispose();
    }
  });

  it("peeling writes a mixture of real panels back as a lottery with the same probabilities", async () => {
    const tp = typedPool("peel", 150, 15, 3);
    const oracle = new PanelOracle(await getHighs(), tp);
    try {
      const target = mixtureTarget(tp, oracle);
      const peeled = peel(oracle, target);
      expect(peeled.remaining).toBeLessThan(1e-9);
      for (const p of peeled.panels) expect(panelIsValid(tp, p)).toBe(true);
      typeProbabilities(tp, peeled.panels, peeled.weights).forEach((p, t) => expect(p).toBeCloseTo(target[t] ?? 0, 9));
    } finally {
      oracle.dispose();
    }
  });
});
