import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyVotes, applyVotesTracked, emptyMatrix, nnz } from "./matrix";

const rowsOf = (m: ReturnType<typeof emptyMatrix>): Array<Array<[number, number]>> =>
  m.pids.map((_, r) => Array.from({ length: m.rowPtr[r + 1]! - m.rowPtr[r]! }, (_, i) => [m.tids[m.cols[m.rowPtr[r]! + i]!]!, m.vals[m.rowPtr[r]! + i]!]));

describe("vote matrix", () => {
  it("keeps rows and columns in the order first seen, and the last vote on a cell", () => {
    const m = applyVotes(emptyMatrix(), [
      { pid: 7, tid: 3, vote: -1 },
      { pid: 2, tid: 1, vote: 1 },
      { pid: 7, tid: 1, vote: 0 },
      { pid: 7, tid: 3, vote: 1 },
    ]);
    expect(m.pids).toEqual([7, 2]);
    expect(m.tids).toEqual([3, 1]);
    expect(rowsOf(m)).toEqual([[[3, 1], [1, 0]], [[1, 1]]]);
    expect(nnz(m)).toBe(3);
  });

  it("merges a later batch into an existing matrix without touching it", () => {
    const a = applyVotes(emptyMatrix(), [
      { pid: 1, tid: 10, vote: -1 },
      { pid: 1, tid: 11, vote: -1 },
      { pid: 2, tid: 11, vote: 1 },
    ]);
    const b = applyVotes(a, [
      { pid: 2, tid: 10, vote: -1 },
      { pid: 1, tid: 11, vote: 1 },
      { pid: 3, tid: 12, vote: 0 },
    ]);
    expect(rowsOf(a)).toEqual([[[10, -1], [11, -1]], [[11, 1]]]);
    expect(b.pids).toEqual([1, 2, 3]);
    expect(b.tids).toEqual([10, 11, 12]);
    expect(rowsOf(b)).toEqual([[[10, -1], [11, 1]], [[10, -1], [11, 1]], [[12, 0]]]);
  });

  it("returns the same matrix when there are no votes", () => {
    const m = emptyMatrix();
    expect(applyVotes(m, [])).toBe(m);
  });

  it("equals a naive last-vote-wins map, in any batching (property)", () => {
    const vote = fc.record({ pid: fc.integer({ min: -3, max: 30 }), tid: fc.nat(12), vote: fc.constantFrom(-1, 0, 1) });
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 4 }), (votes, cuts) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), votes.length];
        let m = emptyMatrix();
        for (let b = 0; b + 1 < bounds.length; b++) {
          const batch = votes.slice(bounds[b], bounds[b + 1]);
          const next = applyVotesTracked(m, batch);
          // Touched rows: those with a vote in the batch, ascending.
          const rows = [...new Set(batch.map((v) => next.matrix.pids.indexOf(v.pid)))].sort((x, y) => x - y);
          expect(Array.from(next.touchedRows)).toEqual(rows);
          m = next.matrix;
        }
        const cells = new Map<string, number>();
        const pids: number[] = [];
        const tids: number[] = [];
        for (const v of votes) {
          if (!pids.includes(v.pid)) pids.push(v.pid);
          if (!tids.includes(v.tid)) tids.push(v.tid);
          cells.set(`${v.pid}|${v.tid}`, v.vote);
        }
        expect(m.pids).toEqual(pids);
        expect(m.tids).toEqual(tids);
        const expected = pids.map((p) =>
          tids
            .map((t, c): [number, number, number | undefined] => [c, t, cells.get(`${p}|${t}`)])
            .filter(([, , v]) => v !== undefined)
            .map(([, t, v]) => [t, v]),
        );
        expect(rowsOf(m)).toEqual(expected);
      }),
    );
  });
});
