/**
 * The session's `last_seen_at` is touched at most once a minute, and touches that arrive together are
 * written in one statement (sessions.ts): each request's touch is committed before its answer, for
 * every session of the batch, and a request a minute after the last touch still writes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { signedInClient } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const lastSeen = async (userId: number): Promise<Date[]> =>
  (await p.deps.pool.query<{ last_seen_at: Date }>("select last_seen_at from sessions where user_id = $1", [userId])).rows.map((r) => r.last_seen_at);

describe("session touches", () => {
  it("are written for every one of many sessions seen at once, and not again within the minute", async () => {
    const people = await Promise.all(Array.from({ length: 12 }, () => signedInClient(p)));
    const ids = people.map((x) => x.userId);
    await p.deps.pool.query("update sessions set last_seen_at = now() - interval '2 minutes' where user_id = any($1::bigint[])", [ids]);
    const before = new Date(Date.now() - 60_000);
    const pages = await Promise.all(people.map((x) => x.client.get("/account")));
    expect(pages.map((r) => r.statusCode)).toEqual(people.map(() => 200));
    for (const id of ids) for (const seen of await lastSeen(id)) expect(seen.getTime()).toBeGreaterThan(before.getTime());
    // Seen within the minute: no touch (a marker in the future reads as just seen; a request leaves it as it is).
    const first = people[0];
    if (!first) throw new Error("no person");
    await p.deps.pool.query("update sessions set last_seen_at = '2030-01-01T00:00:00Z' where user_id = $1", [first.userId]);
    expect((await first.client.get("/account")).statusCode).toBe(200);
    expect((await lastSeen(first.userId)).map((d) => d.toISOString())).toEqual(["2030-01-01T00:00:00.000Z"]);
  });
});
