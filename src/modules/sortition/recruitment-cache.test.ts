/**
 * The public form's copy of a recruitment (recruitment-cache.ts, ADR 0045): at most a second old, reloaded
 * in the background once past half its life, one reload for every caller of the moment, forgotten at once
 * after a write on this instance. The clock is vitest's (the TTL is a second); the loads are real promises.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cachedRecruitment, forgetRecruitment, RECRUITMENT_REFRESH_MS, RECRUITMENT_TTL_MS } from "./recruitment-cache";

interface Row {
  componentId: number;
  title: string;
}

/** A load reading the row as it is when called, answering when the test releases it, counting the calls. */
function loader(componentId = 7) {
  const pending: Array<() => void> = [];
  let title = "first";
  const load = vi.fn(() => {
    const row = { componentId, title };
    return new Promise<Row | null>((resolve) => pending.push(() => resolve(row)));
  });
  return {
    load,
    setTitle: (t: string) => (title = t),
    release: async () => {
      for (const r of pending.splice(0)) r();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

let id = 1000;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-06T12:00:00Z"));
  id++;
});
afterEach(() => vi.useRealTimers());

/** A copy read once (the loader's first row, "first"), then the clock moved on by `ms`. */
async function copyAged(ms: number) {
  const db = {};
  const l = loader();
  const first = cachedRecruitment(db, id, 7, l.load);
  await l.release();
  await first;
  vi.setSystemTime(Date.now() + ms);
  return { db, l };
}

describe("the public form's recruitment copy", () => {
  it("reads the row once for every request of the moment", async () => {
    const db = {};
    const l = loader();
    const answers = Array.from({ length: 20 }, () => cachedRecruitment(db, id, 7, l.load));
    expect(l.load).toHaveBeenCalledTimes(1);
    await l.release();
    for (const a of await Promise.all(answers)) expect(a?.title).toBe("first");
    expect((await cachedRecruitment(db, id, 7, l.load))?.title).toBe("first");
    expect(l.load).toHaveBeenCalledTimes(1);
  });

  it("past half its life serves the copy while one reload runs in the background, then serves the new one", async () => {
    const { db, l } = await copyAged(RECRUITMENT_REFRESH_MS);
    l.setTitle("second");
    // Not waiting: the old copy at once, and a single reload started.
    expect((await cachedRecruitment(db, id, 7, l.load))?.title).toBe("first");
    expect((await cachedRecruitment(db, id, 7, l.load))?.title).toBe("first");
    expect(l.load).toHaveBeenCalledTimes(2);
    await l.release();
    expect((await cachedRecruitment(db, id, 7, l.load))?.title).toBe("second");
    expect(l.load).toHaveBeenCalledTimes(2);
  });

  it("never serves a copy older than the TTL: a quiet second later the request waits for the row", async () => {
    const { db, l } = await copyAged(RECRUITMENT_TTL_MS);
    l.setTitle("closed");
    let answered = false;
    const late = cachedRecruitment(db, id, 7, l.load).then((r) => ((answered = true), r));
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(false);
    await l.release();
    expect((await late)?.title).toBe("closed");
  });

  it("forgets the copy after a write here, and keeps nothing read while that write committed", async () => {
    const { db, l } = await copyAged(RECRUITMENT_REFRESH_MS);
    // A background reload starts, then a write commits here and forgets: the reload's row predates the write.
    l.setTitle("before the write");
    expect((await cachedRecruitment(db, id, 7, l.load))?.title).toBe("first");
    expect(l.load).toHaveBeenCalledTimes(2);
    vi.setSystemTime(Date.now() + 10);
    l.setTitle("after the write");
    forgetRecruitment(id);
    vi.setSystemTime(Date.now() + 10);
    // Neither the old copy nor the reload in flight: a read of its own.
    const after = cachedRecruitment(db, id, 7, l.load);
    expect(l.load).toHaveBeenCalledTimes(3);
    await l.release();
    expect((await after)?.title).toBe("after the write");
    expect((await cachedRecruitment(db, id, 7, l.load))?.title).toBe("after the write");
    expect(l.load).toHaveBeenCalledTimes(3);
  });

  it("answers nothing for another component's recruitment or a missing one, and keeps no missing row", async () => {
    const db = {};
    const l = loader(8);
    const other = cachedRecruitment(db, id, 7, l.load);
    await l.release();
    expect(await other).toBeNull();
    const missing = vi.fn(async () => null);
    expect(await cachedRecruitment(db, id + 500, 7, missing)).toBeNull();
    expect(await cachedRecruitment(db, id + 500, 7, missing)).toBeNull();
    expect(missing).toHaveBeenCalledTimes(2);
  });
});
