/**
 * The core's growth watch (growth-statistics.ts, ADR 48): a table that more than doubled on disk since its
 * statistics were taken is analyzed,
 * once, by whichever pool looks first; one that did not is left to autovacuum (off on these tables, so
 * that only the watch analyzes them).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../test/platform";
import { until } from "../test/until";
import { growthWatch } from "./growth-statistics";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
  await p.deps.db.execute(sql`create table growth_watched (id bigserial primary key, n int not null) with (autovacuum_enabled = false)`);
  await p.deps.db.execute(sql`create table growth_companion (id bigserial primary key, n int not null) with (autovacuum_enabled = false)`);
});
afterAll(() => p.stop());

const known = async (table: string) => Number((await p.deps.db.execute<{ n: string }>(sql`select reltuples::bigint::text as n from pg_class where oid = ${table}::regclass`)).rows[0]?.n);

/** `n` rows into both tables, the inserting connection's statistics sent at its commit. */
async function insert(n: number): Promise<void> {
  await p.deps.db.transaction(async (tx) => {
    await tx.execute(sql`insert into growth_watched (n) select g from generate_series(1, ${n}::int) g`);
    await tx.execute(sql`insert into growth_companion (n) select g from generate_series(1, ${n}::int) g`);
    await tx.execute(sql`select pg_stat_force_next_flush()`);
  });
}

describe("the growth watch", () => {
  it("analyzes a table (and its companions) once it outgrew its statistics, and only then", async () => {
    const watch = growthWatch({ table: "growth_watched", alsoAnalyze: ["growth_companion"] });
    await insert(40);
    await p.deps.db.execute(sql`analyze growth_watched, growth_companion`);
    expect(await known("growth_watched")).toBe(40);
    // 90 more: still one page, under twice the known size plus the margin of 8 pages.
    await insert(90);
    expect(await watch.refreshIfOutgrown(p.deps.db)).toBe(false);
    expect(await known("growth_watched")).toBe(40);
    // 5,000 more: some 28 pages.
    await insert(5_000);
    expect(await watch.refreshIfOutgrown(p.deps.db)).toBe(true);
    expect(await known("growth_watched")).toBe(5_130);
    expect(await known("growth_companion")).toBe(5_130);
    expect(await watch.refreshIfOutgrown(p.deps.db)).toBe(false);
  });

  it("lets one of several pools that look at the same time analyze", async () => {
    const watch = growthWatch({ table: "growth_watched" });
    // 15,000 more: from some 28 pages to some 109.
    await insert(15_000);
    const others = [growthWatch({ table: "growth_watched" }), growthWatch({ table: "growth_watched" })];
    const done = await Promise.all([watch, ...others].map((w) => w.refreshIfOutgrown(p.deps.db)));
    // Exactly one: the others found the lock taken, or the table no longer outgrown once it committed.
    expect(done.filter(Boolean)).toHaveLength(1);
    expect(await known("growth_watched")).toBe(20_130);
  });

  it("is looked at by a writing path every `every` rows it wrote", async () => {
    const watch = growthWatch({ table: "growth_watched", every: 100 });
    const before = await known("growth_watched");
    // More than doubled: twice what the statistics know, and some.
    await insert(2 * before + 5_000);
    watch.written(p.deps.db, 99);
    await new Promise((r) => setTimeout(r, 300));
    expect(await known("growth_watched")).toBe(before);
    watch.written(p.deps.db, 1);
    await until(async () => (await known("growth_watched")) > before, 30_000);
  });

  it("never throws from the writing path, even when the table is gone", async () => {
    const watch = growthWatch({ table: "growth_missing", every: 1 });
    expect(() => watch.written(p.deps.db, 5)).not.toThrow();
    await expect(watch.refreshIfOutgrown(p.deps.db)).rejects.toThrow();
  });
});
