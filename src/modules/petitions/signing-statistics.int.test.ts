/**
 * The signatures table's statistics follow a petition that fills it (ADR 48): once the table more than
 * doubled on disk since its statistics were taken, the signing path analyzes it, so that the
 * signing statement's per-address check, planned once per connection, is planned again on the grown table.
 * Autovacuum is off on the table here, so only the signing path can have analyzed it.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { analyzeCount } from "../../test/statistics";
import { until } from "../../test/until";
import { signingInfo } from "./cache";
import { sign } from "./signing";

let p: TestPlatform;
let petitionId: number;
beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  await p.deps.db.execute(sql`alter table petition_signatures set (autovacuum_enabled = false)`);
  const r = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' order by id limit 1`);
  petitionId = Number(r.rows[0]?.id);
}, 120_000);
afterAll(() => p.stop());

const known = async () => Number((await p.deps.db.execute<{ n: string }>(sql`select reltuples::bigint::text as n from pg_class where oid = 'petition_signatures'::regclass`)).rows[0]?.n);

describe("the signatures table's statistics", () => {
  it("are refreshed by the signing path once the signatures outgrew them", async () => {
    await p.deps.db.execute(sql`analyze petition_signatures`);
    const before = Math.max(0, await known());
    const info = await signingInfo(p.deps.db, petitionId);
    if (!info) throw new Error("no signable demo petition");
    // Signatures through the service, 50 at a time (the batcher groups them), until the statistics know
    // the grown table: the path looks every thousand rows (the first look finds some 60 pages where the
    // statistics knew none) and analyzes in the background; never without the watch (autovacuum is off here).
    let n = 0;
    while ((await known()) < before + 1_000 && n < 4_000) {
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () => {
          const i = n++;
          return sign(p.deps, info, { input: { name: `Signer ${i}`, email: `stats-${i}@example.org`, birthDate: "1980-01-01", postalCode: "1000", showName: false }, user: null, ip: null, locale: "en" });
        }),
      );
      expect(outcomes.every((o) => o.ok)).toBe(true);
    }
    expect(await known()).toBeGreaterThanOrEqual(before + 1_000);
    // The explicit analyze above and at least one by the signing path (counted a moment after the size).
    expect(await until(async () => ((await analyzeCount(p.deps.db, "petition_signatures")) >= 2 ? true : null), 30_000)).toBe(true);
  }, 120_000);
});
