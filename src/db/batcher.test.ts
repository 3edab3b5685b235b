/**
 * writeInRounds: repeated keys go to later rounds in order; a failed round is written item by item.
 * Batcher's gathering window: calls arriving while a batch is in flight wait for more rather than take
 * the free slot alone.
 */
import { describe, expect, it } from "vitest";
import { Batcher, unwrapWritten, writeInRounds } from "./batcher";

/** A batcher whose batches are recorded and end only when the test says so. */
function heldBatcher(opts: { maxBatch: number; maxInFlight: number; gatherMs?: number; gatherWhenIdle?: boolean }) {
  const batches: string[][] = [];
  const ends: Array<() => void> = [];
  const batcher = new Batcher<string, string>(
    (items) => new Promise((resolve) => {
      batches.push(items);
      ends.push(() => resolve(items.map((i) => i.toUpperCase())));
    }),
    opts,
  );
  return { batcher, batches, endNext: () => ends.shift()?.() };
}

describe("Batcher", () => {
  it("without a gathering window, a second call takes the free slot alone", () => {
    const { batcher, batches } = heldBatcher({ maxBatch: 10, maxInFlight: 2 });
    for (const x of ["a", "b", "c"]) void batcher.submit(x);
    expect(batches).toEqual([["a"], ["b"]]);
  });

  it("with a gathering window, calls arriving while a batch is in flight go together when it ends", async () => {
    const { batcher, batches, endNext } = heldBatcher({ maxBatch: 10, maxInFlight: 2, gatherMs: 60_000 });
    const answers = ["a", "b", "c"].map((x) => batcher.submit(x));
    expect(batches).toEqual([["a"]]);
    endNext();
    expect(await answers[0]).toBe("A");
    await new Promise((resolve) => setImmediate(resolve)); // the ended batch's slot is freed after its answers
    expect(batches).toEqual([["a"], ["b", "c"]]);
    endNext();
    expect(await Promise.all(answers)).toEqual(["A", "B", "C"]);
  });

  it("with a gathering window, the waiting calls still start when the batch in flight does not end", async () => {
    const { batcher, batches, endNext } = heldBatcher({ maxBatch: 10, maxInFlight: 2, gatherMs: 5 });
    void batcher.submit("a");
    const b = batcher.submit("b");
    const c = batcher.submit("c");
    await new Promise<void>((resolve) => {
      const look = () => (batches.length === 2 ? resolve() : setTimeout(look, 5));
      look();
    });
    expect(batches).toEqual([["a"], ["b", "c"]]);
    endNext();
    endNext();
    expect(await Promise.all([b, c])).toEqual(["B", "C"]);
  });

  it("with gatherWhenIdle, calls that come fast wait for company even when nothing is in flight", async () => {
    const { batcher, batches, endNext } = heldBatcher({ maxBatch: 3, maxInFlight: 2, gatherMs: 60_000, gatherWhenIdle: true });
    const a = batcher.submit("a"); // the first call: no rate known yet, it starts at once
    expect(batches).toEqual([["a"]]);
    const b = batcher.submit("b");
    endNext();
    expect(await a).toBe("A");
    await new Promise((resolve) => setImmediate(resolve));
    // Nothing in flight, but the calls came fast: "b" waits (without the option it would start alone here).
    expect(batches).toEqual([["a"]]);
    const rest = ["c", "d"].map((x) => batcher.submit(x));
    // A full batch does not wait for the window.
    expect(batches).toEqual([["a"], ["b", "c", "d"]]);
    endNext();
    expect(await Promise.all([b, ...rest])).toEqual(["B", "C", "D"]);
  });

  it("with gatherWhenIdle, calls that come slowly start at once", async () => {
    const { batcher, batches, endNext } = heldBatcher({ maxBatch: 10, maxInFlight: 2, gatherMs: 20, gatherWhenIdle: true });
    const a = batcher.submit("a");
    endNext();
    await a;
    await new Promise((resolve) => setTimeout(resolve, 50));
    void batcher.submit("b");
    expect(batches).toEqual([["a"], ["b"]]);
  });

  it("with nothing in flight, a call starts at once", () => {
    const { batcher, batches } = heldBatcher({ maxBatch: 10, maxInFlight: 2, gatherMs: 60_000 });
    void batcher.submit("a");
    expect(batches).toEqual([["a"]]);
  });
});

describe("writeInRounds", () => {
  it("puts an item whose key is already in the round into the next round, in order", async () => {
    const rounds: string[][] = [];
    const out = await writeInRounds(["a1", "b1", "a2", "a3", "c1"], (x) => x[0]!, async (round) => (rounds.push(round), round.map((x) => x !== "c1")), false);
    expect(rounds).toEqual([["a1", "b1", "c1"], ["a2"], ["a3"]]);
    expect(out).toEqual([true, true, true, true, false]);
  });

  it("writes a failed round's items one by one, so only the one at fault fails", async () => {
    const statements: string[][] = [];
    const write = async (round: string[]) => {
      statements.push(round);
      if (round.includes("bad")) throw new Error("bad row");
      return round.map(() => true);
    };
    const out = await writeInRounds(["x", "bad", "y"], (s) => s, write, false);
    expect(statements).toEqual([["x", "bad", "y"], ["x"], ["bad"], ["y"]]);
    expect(out.map((r) => (typeof r === "boolean" ? r : "failed"))).toEqual([true, "failed", true]);
    expect(() => unwrapWritten(out[1]!)).toThrow("bad row");
    expect(unwrapWritten(out[0]!)).toBe(true);
  });

  it("answers the fallback for an item the statement said nothing about", async () => {
    expect(await writeInRounds([1, 2], String, async () => [true], false)).toEqual([true, false]);
  });
});
