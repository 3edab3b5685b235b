/**
 * A discussion's cached counts are forgotten on every instance when one announces a change: two
 * platforms on one database stand for two instances; the second forgets its entry once the first's
 * announcement (made on commit, as posting, deleting and hiding do) reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config";
import { startPlatform, type Platform } from "../../runtime";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { until } from "../../test/until";
import { CHANNEL } from "../realtime/bus";
import { COUNTS_TOPIC, discussionCounts } from "./counts-cache";
import { publishOnCommit } from "./store";

let one: TestPlatform;
let two: Platform;

beforeAll(async () => {
  one = await createTestPlatform();
  const url = one.deps.config.DATABASE_URL;
  if (!url) throw new Error("the test platform has no DATABASE_URL");
  two = await startPlatform(loadConfig({ NODE_ENV: "test", DATABASE_URL: url, LOG_LEVEL: "silent", PUBLIC_URL: "http://pnyx.test", SESSION_SECRET: one.deps.config.SESSION_SECRET }), () => {});
});

afterAll(async () => {
  await two?.close();
  await one?.stop();
});

describe("a discussion's cached counts across instances", () => {
  it("are forgotten on the other instance when a change is announced", async () => {
    const ref = { type: "test-note", id: 4242 };
    // Instance two reads (and keeps) the discussion's counts.
    const keptAt = Date.now();
    const kept = discussionCounts(two.deps.db, ref);
    expect(discussionCounts(two.deps.db, ref)).toBe(kept);
    // Instance one announces a change of the first on commit; instance two hears it.
    let heard = false;
    const stop = two.deps.bus.subscribe(COUNTS_TOPIC, (data) => {
      if ((data as { id?: number }).id === ref.id) heard = true;
    });
    try {
      await one.deps.db.transaction((tx) => publishOnCommit(tx, CHANNEL, COUNTS_TOPIC, ref));
      await until(async () => heard, 10_000, 20);
    } finally {
      stop();
    }
    // Read again, not served from the entry it kept. Past the entry's 2 s this would prove nothing: say so.
    const again = discussionCounts(two.deps.db, ref);
    expect(Date.now() - keptAt, "inconclusive: the entry could have aged out").toBeLessThan(2_000);
    expect(again).not.toBe(kept);
  });
});
