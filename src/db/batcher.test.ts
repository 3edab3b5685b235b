/** writeInRounds: repeated keys go to later rounds in order; a failed round is written item by item. */
import { describe, expect, it } from "vitest";
import { unwrapWritten, writeInRounds } from "./batcher";

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
