import { describe, expect, it } from "vitest";
import { kmeans, type Points } from "./kmeans";

const pts = (coords: Array<[number, number]>, names?: number[], w?: number[]): Points => ({
  names: names ?? coords.map((_, i) => i),
  x: Float64Array.from(coords, (c) => c[0]),
  y: Float64Array.from(coords, (c) => c[1]),
  w: Float64Array.from(w ?? coords.map(() => 1)),
});

const byId = (cs: ReturnType<typeof kmeans>) => Object.fromEntries(cs.map((c) => [c.id, { members: [...c.members].sort((a, b) => a - b), center: c.center }]));

describe("k-means", () => {
  it("starts from the first k distinct points, in order, with ids 0..k-1", () => {
    const out = kmeans(pts([[0, 0], [0, 0], [5, 5], [5, 6]]), 2, 100);
    expect(byId(out)).toEqual({ 0: { members: [0, 1], center: [0, 0] }, 1: { members: [2, 3], center: [5, 5.5] } });
  });

  it("gives an exact tie to the later cluster", () => {
    // (1,0) is as close to (0,0) as to (2,0): it joins cluster 1 and pulls its centre to (1.5,0).
    const out = kmeans(pts([[0, 0], [2, 0], [1, 0]]), 2, 1);
    expect(byId(out)).toEqual({ 0: { members: [0], center: [0, 0] }, 1: { members: [1, 2], center: [1.5, 0] } });
  });

  it("uses weights for the centres", () => {
    const out = kmeans(pts([[0, 0], [3, 0], [10, 0]], [0, 1, 2], [1, 2, 1]), 2, 100);
    // Cluster 1 holds (3,0) with weight 2 and (10,0) with weight 1: centre (2·3 + 10)/3.
    expect(byId(out)[1]).toEqual({ members: [1, 2], center: [16 / 3, 0] });
  });

  it("warm-starts on surviving members, merges equal centres and splits off the farthest point", () => {
    const p = pts([[0, 0], [0, 0], [1, 0], [20, 0]], [10, 11, 12, 13]);
    const previous = [
      { id: 4, members: [10, 99], center: [7, 7] as [number, number] }, // 99 is gone
      { id: 6, members: [11], center: [0, 0] as [number, number] }, // same centre as 4 once recentred
      { id: 8, members: [12], center: [1, 0] as [number, number] },
    ];
    const out = kmeans(p, 3, 100, previous);
    // 4 and 6 merge; 13 is new and the farthest point, so it becomes cluster 9 (max id + 1).
    expect(byId(out)).toEqual({ 4: { members: [10, 11], center: [0, 0] }, 8: { members: [12], center: [1, 0] }, 9: { members: [13], center: [20, 0] } });
  });

  it("drops clusters that lose all their members", () => {
    const out = kmeans(pts([[0, 0], [0.1, 0]]), 2, 100, [
      { id: 1, members: [0], center: [0, 0] },
      { id: 2, members: [1], center: [0.1, 0] },
      { id: 3, members: [5], center: [9, 9] },
    ]);
    expect(out.map((c) => c.id).sort()).toEqual([1, 2]);
  });
});
