import { describe, expect, it } from "vitest";
import { toPolisBlob } from "./presenter";
import { campVotes } from "./test-helpers";
import { computeTick, initialState } from "./tick";
import { computeTickInWorker, startOpinionWorker } from "./worker-client";

describe("the opinion worker", () => {
  it("computes the same tick as the in-process engine", async () => {
    const input = { votes: campVotes(150, 25, 2, 0.5, 21) };
    const local = computeTick(initialState(), input);
    const remote = await computeTickInWorker(initialState(), input);
    expect(toPolisBlob(remote.result)).toEqual(toPolisBlob(local.result));
    expect(remote.state.inConv).toEqual(local.state.inConv);
  }, 30_000);

  it("chains ticks through one worker and reports engine errors as rejections", async () => {
    const w = startOpinionWorker();
    try {
      const first = await w.computeTick(initialState(), { votes: campVotes(80, 15, 2, 0.5, 1) });
      const second = await w.computeTick(first.state, { votes: [{ pid: 500, tid: 3, vote: -1 }] });
      expect(second.result.pids).toContain(500);
      const broken = { ...first.state, matrix: null } as unknown as typeof first.state;
      await expect(w.computeTick(broken, { votes: [] })).rejects.toThrow(/opinion worker/);
    } finally {
      await w.close();
    }
  }, 30_000);
});
