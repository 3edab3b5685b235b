import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config";
import { startPlatform, type Platform } from "../../runtime";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { publish } from "./bus";

let a: TestPlatform;
let b: Platform;
beforeAll(async () => {
  a = await createTestPlatform();
  // A second instance on the same database, as behind a load balancer.
  b = await startPlatform(loadConfig({ NODE_ENV: "test", DATABASE_URL: a.deps.config.DATABASE_URL, LOG_LEVEL: "silent", SESSION_SECRET: "x".repeat(32) }), () => {});
});
afterAll(async () => {
  await b.close();
  await a.stop();
});

describe("live events across instances", () => {
  it("delivers an event published on one instance to subscribers of another, only after commit", async () => {
    const received: unknown[] = [];
    const unsubscribe = b.deps.bus.subscribe("petition:1", (d) => received.push(d));
    const client = await a.deps.pool.connect();
    try {
      await client.query("begin");
      await publish(client, "petition:1", { count: 41 });
      await new Promise((r) => setTimeout(r, 200));
      expect(received).toEqual([]); // not yet committed
      await client.query("commit");
    } finally {
      client.release();
    }
    await expect.poll(() => received, { timeout: 5_000 }).toEqual([{ count: 41 }]);
    unsubscribe();
  });

  it("does not deliver other topics", async () => {
    const received: unknown[] = [];
    const unsubscribe = b.deps.bus.subscribe("petition:2", (d) => received.push(d));
    await publish(a.deps.pool, "petition:3", { count: 1 });
    await publish(a.deps.pool, "petition:2", { count: 2 });
    await expect.poll(() => received, { timeout: 5_000 }).toEqual([{ count: 2 }]);
    unsubscribe();
  });
});
