import { describe, expect, it } from "vitest";
import { nextStatement } from "./next-statement";

const statements = [0, 1, 2, 3].map((tid) => ({ tid, text: `S${tid}`, language: null }));

/** A fixed sequence of draws in [0, 1). */
const draws = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};

describe("nextStatement", () => {
  it("never shows a statement already voted on or skipped, and null when none is left", () => {
    const priorities = new Map([[0, 1], [1, 1], [2, 1], [3, 1]]);
    for (const x of [0, 0.3, 0.6, 0.99]) expect(nextStatement(statements, new Set([0, 2]), priorities, draws(x))?.tid).toBeOneOf([1, 3]);
    expect(nextStatement(statements, new Set([0, 1, 2, 3]), priorities)).toBeNull();
  });

  it("draws in proportion to the comment priorities", () => {
    const priorities = new Map([[0, 0], [1, 3], [2, 1], [3, 0]]);
    // Total 4: [0, 3) is statement 1, [3, 4) statement 2; zero-priority statements are never drawn.
    expect(nextStatement(statements, new Set(), priorities, draws(0.1))?.tid).toBe(1);
    expect(nextStatement(statements, new Set(), priorities, draws(0.74))?.tid).toBe(1);
    expect(nextStatement(statements, new Set(), priorities, draws(0.76))?.tid).toBe(2);
  });

  it("gives a statement newer than the last tick the highest priority known", () => {
    const priorities = new Map([[0, 1], [1, 1], [2, 8]]);
    // Weights 1, 1, 8 and 8 for the new statement 3: the last 8/18 of the draws.
    expect(nextStatement(statements, new Set(), priorities, draws(0.99))?.tid).toBe(3);
    expect(nextStatement(statements, new Set(), priorities, draws(0.5))?.tid).toBe(2);
    // Before any tick, every statement is equally likely.
    expect(nextStatement(statements, new Set(), new Map(), draws(0.3))?.tid).toBe(1);
  });
});
