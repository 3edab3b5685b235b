import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { convexHull, groupLabel, mapOfBlob, paddedHull, pointOfParticipant } from "./map-model";
import { groupOfCluster, mapSummary } from "./map-summary";
import { MapSvg } from "./map-svg";

const BLOB = {
  "base-clusters": { id: [0, 1, 2, 3], members: [[0, 1], [2], [3, 4, 5], [6]], x: [-1, -0.8, 1, 0.9], y: [0.2, 0.1, -0.3, 0.5], count: [2, 1, 3, 1] },
  "group-clusters": [
    { id: 0, members: [0, 1], center: [-0.9, 0.15] },
    { id: 1, members: [2, 3], center: [0.95, 0.1] },
  ],
  "in-conv": [0, 1, 2, 3, 4, 5, 6],
  tids: [4, 7],
  pca: { "comment-projection": [[0.5, -0.5], [0.1, 0.2]] },
  repness: { "0": [{ tid: 4, "n-success": 3, "n-trials": 3, "repful-for": "agree" }], "1": [{ tid: 7, "n-success": 2, "n-trials": 3, "repful-for": "disagree" }] },
  consensus: { agree: [], disagree: [] },
};

describe("the opinion map model", () => {
  it("reads groups, sizes, projections and repness from the blob", () => {
    const map = mapOfBlob(3, BLOB);
    expect(map.participants).toBe(7);
    expect(map.groups.map((g) => [g.label, g.size])).toEqual([
      ["A", 3],
      ["B", 4],
    ]);
    expect(map.statements).toEqual([
      { tid: 4, x: 0.5, y: 0.1 },
      { tid: 7, x: -0.5, y: 0.2 },
    ]);
    expect(map.repness.get(1)).toEqual([{ tid: 7, direction: "disagree", nSuccess: 2, nTrials: 3, percent: 67 }]);
    expect(pointOfParticipant(BLOB, 4)).toBe(2);
    expect(pointOfParticipant(BLOB, 99)).toBeNull();
    expect(mapOfBlob(1, {}).groups).toEqual([]);
  });

  it("reads the same map from the tick's summary, and each participant's base cluster from its array", () => {
    const blob = { ...BLOB, "user-vote-counts": { "0": 2 }, "group-votes": { "0": {} } };
    const { summary, clusters } = mapSummary(blob);
    expect(mapOfBlob(3, summary)).toEqual(mapOfBlob(3, blob));
    expect(summary).not.toHaveProperty("user-vote-counts");
    expect(summary["base-clusters"]).not.toHaveProperty("members");
    expect(clusters).toEqual([0, 0, 1, 2, 2, 2, 3]);
    expect(groupOfCluster(summary, clusters![4]!)).toBe(1);
    expect(groupOfCluster(summary, null)).toBeNull();
    // Participants missing from the math have no cluster; ids too sparse for an array give none at all.
    expect(mapSummary({ ...BLOB, "base-clusters": { ...BLOB["base-clusters"], members: [[0], [3], [], []] } }).clusters).toEqual([0, null, null, 1]);
    expect(mapSummary({ ...BLOB, "base-clusters": { ...BLOB["base-clusters"], members: [[0], [5_000_000], [], []] } }).clusters).toBeNull();
  });

  it("names groups A..Z then AA", () => {
    expect([0, 1, 25, 26, 27].map(groupLabel)).toEqual(["A", "B", "Z", "AA", "AB"]);
  });

  it("computes convex hulls, and padded hulls that are polygons even for one point", () => {
    const hull = convexHull([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0.5, 0.5],
    ]);
    expect(hull).toHaveLength(4);
    expect(hull).not.toContainEqual([0.5, 0.5]);
    expect(paddedHull([[0, 0]], 1).length).toBeGreaterThanOrEqual(4);
  });

  it("draws one hull per group, the own marker, and statements only on request", () => {
    const map = mapOfBlob(3, BLOB);
    const props = { map, own: 2, title: "Map", description: "Groups", youLabel: "You", groupName: (id: number) => `Group ${groupLabel(id)}` };
    const html = render(<MapSvg {...props} showStatements={false} />);
    expect(html.match(/class="conversation-hull"/g)).toHaveLength(2);
    expect(html.match(/class="conversation-you"/g)).toHaveLength(1);
    expect(html).not.toContain("conversation-statement-mark");
    expect(html).toContain('role="img"');
    expect(render(<MapSvg {...props} own={null} showStatements />).match(/class="conversation-statement-mark"/g)).toHaveLength(2);
    expect(render(<MapSvg {...props} own={null} showStatements />)).not.toContain("conversation-you");
  });
});
