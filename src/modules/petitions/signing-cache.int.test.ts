/**
 * The signing path's petition cache (cache.ts) under concurrent requests: the requests that miss while
 * a load runs share it (one load, not one per request), and a forget during a load is never undone by
 * that load's older read (a request after a change gets the change).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { forgetSigningInfo, signingInfo } from "./cache";

let p: TestPlatform;
let petitionId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const r = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' limit 1`);
  petitionId = Number(r.rows[0]?.id);
});
afterAll(() => p.stop());

describe("the signing cache", () => {
  it("loads a petition once for requests that miss at the same time, all of them getting it", async () => {
    const { db } = p.deps;
    forgetSigningInfo(db, "all");
    const execute = vi.spyOn(db, "execute");
    try {
      const infos = await Promise.all(Array.from({ length: 20 }, () => signingInfo(db, petitionId)));
      expect(infos.every((i) => i?.id === petitionId)).toBe(true);
      // The petition's row: one statement for the twenty (its space and component are read beside it).
      const petitionReads = execute.mock.calls.filter(([q]) => JSON.stringify(q).includes("signer_fields"));
      expect(petitionReads).toHaveLength(1);
    } finally {
      execute.mockRestore();
    }
  });

  it("keeps no read from before a forget: the request after a change gets the change", async () => {
    const { db } = p.deps;
    forgetSigningInfo(db, petitionId);
    const before = signingInfo(db, petitionId);
    await db.execute(sql`update petitions set title = 'Renamed while loading' where id = ${petitionId}`);
    forgetSigningInfo(db, petitionId);
    const after = await signingInfo(db, petitionId);
    await before;
    expect(after?.title).toBe("Renamed while loading");
    // The earlier load, whatever it read, did not overwrite the cache after the forget.
    expect((await signingInfo(db, petitionId))?.title).toBe("Renamed while loading");
  });
});
