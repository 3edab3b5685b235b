/**
 * The proposals table's statistics follow a wave of supports, or of withdrawals (ADR 48). A support (or a withdrawal) rewrites its proposal's
 * row (the indexed `supports_count` and, through the follows trigger, `follows_count`: no HOT update), so
 * the table grows on disk by dead row versions however few proposals it holds; once it more than doubled
 * since its statistics were taken, the supporting path analyzes it, so that the statements planned once
 * per connection on it (PostgreSQL's foreign-key check of each new support, the follows trigger's update)
 * are planned again instead of keeping the sequential scan a 2-page table made cheap. Autovacuum is off
 * on the table here, so only the supporting path can have analyzed (or vacuumed) it.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { analyzeCount } from "../../test/statistics";
import { until } from "../../test/until";
import { support, unsupport } from "./supports";
import type { Place } from "./workflow";

let p: TestPlatform;
let place: Place;
let proposals: number[] = [];
let people: number[] = [];
beforeAll(async () => {
  p = await createTestPlatform();
  const { db } = p.deps;
  const [space] = (await db.execute<{ id: string }>(sql`insert into spaces (type, slug, title, published_at) values ('process', 'support-statistics', '{"en":"Statistics"}', now()) returning id`)).rows;
  const [component] = (await db.execute<{ id: string }>(sql`insert into components (space_id, manifest, name, published_at) values (${space?.id}, 'proposals', '{"en":"Ideas"}', now()) returning id`)).rows;
  place = { componentId: Number(component?.id), spaceId: Number(space?.id) };
  people = (await db.execute<{ id: string }>(sql`insert into users (email, name) select 'supporter' || i || '@example.org', 'Supporter ' || i from generate_series(1, 300) i returning id`)).rows.map((r) => Number(r.id));
  proposals = (
    await db.execute<{ id: string }>(sql`
      insert into proposals (component_id, author_id, title, body, language, published_at)
      select ${place.componentId}, ${people[0]}, jsonb_build_object('en', 'Proposal number ' || i), '{"en":"A body long enough to be a proposal."}'::jsonb, 'en', now()
      from generate_series(1, 20) i returning id`)
  ).rows.map((r) => Number(r.id));
  await db.execute(sql`alter table proposals set (autovacuum_enabled = false)`);
}, 60_000);
afterAll(() => p.stop());

/** The table's size as its statistics know it (vacuum and analyze set it; writes never do). */
const known = async () => Number((await p.deps.db.execute<{ n: number }>(sql`select relpages as n from pg_class where oid = 'proposals'::regclass`)).rows[0]?.n);
const analyzes = () => analyzeCount(p.deps.db, "proposals");

/**
 * Runs `work` while a reader holds a snapshot, as the many overlapping requests of a real burst do: every
 * counter's row version then stays on the page. Without it, how much of the table PostgreSQL prunes on
 * the way depends on how the test's transactions happen to overlap on the machine (measured here: 25-28
 * pages after the first thousand supports, then 1 or 2 more per thousand).
 */
async function holdingASnapshot(work: () => Promise<void>): Promise<void> {
  const reader = await p.deps.pool.connect();
  try {
    await reader.query("begin isolation level repeatable read");
    await reader.query("select 1");
    await work();
  } finally {
    await reader.query("commit");
    reader.release();
  }
}

describe("the proposals table's statistics", () => {
  it("are refreshed by the supporting path once the counters' row versions outgrew them", async () => {
    await p.deps.db.execute(sql`analyze proposals`);
    const before = await known();
    const rules = { supportLimit: 0, minimumSupportsPerPerson: 0, thresholdPerProposal: 0, canExceedThreshold: false };
    // People supporting every proposal through the service, 50 at a time, until the statistics know the
    // grown table: the path looks every thousand supports (the first look finds some 190 pages where the
    // statistics knew 2) and analyzes in the background; never without the watch (autovacuum is off here).
    await holdingASnapshot(async () => {
      let next = 0;
      while ((await known()) <= before + 8 && next < people.length) {
        const group = people.slice(next, (next += 50));
        const outcomes = await Promise.all(group.flatMap((who, i) => proposals.map((_, j) => support(p.deps.db, who, place, proposals[(i + j) % proposals.length]!, rules))));
        expect(outcomes.every((o) => o.ok && !o.value.provisional)).toBe(true);
      }
    });
    expect(await known()).toBeGreaterThan(before + 8);
    // The explicit analyze above and at least one by the supporting path (the counters are reported a moment later).
    expect(await until(async () => ((await analyzes()) >= 2 ? true : null), 30_000)).toBe(true);
    // Every support counted once.
    const wrong = await p.deps.db.execute(sql`
      select p.id from proposals p where p.component_id = ${place.componentId}
        and p.supports_count <> (select count(*) from proposal_supports s where s.proposal_id = p.id)`);
    expect(wrong.rows).toEqual([]);
  }, 120_000);

  it("are refreshed by a wave of withdrawals too (each rewrites its proposal's counter)", async () => {
    // Everyone supports every proposal (written directly, not through the watched path); then the table is
    // made small again and its statistics taken.
    await p.deps.db.execute(sql`
      insert into proposal_supports (proposal_id, user_id, component_id, provisional)
      select pr.id, u.id, ${place.componentId}, false from proposals pr cross join users u
      where pr.component_id = ${place.componentId} and u.email like 'supporter%' on conflict do nothing`);
    await p.deps.db.execute(sql`update proposals p set supports_count = (select count(*) from proposal_supports s where s.proposal_id = p.id) where p.component_id = ${place.componentId}`);
    await p.deps.db.execute(sql`vacuum full proposals`);
    await p.deps.db.execute(sql`analyze proposals`);
    const before = await known();
    const analyzed = await analyzes();
    const given = (await p.deps.db.execute<{ user_id: string; proposal_id: string }>(sql`select user_id, proposal_id from proposal_supports order by user_id, proposal_id`)).rows;
    expect(given.length).toBe(people.length * proposals.length);
    await holdingASnapshot(async () => {
      let next = 0;
      while ((await known()) <= before + 8 && next < given.length) {
        const batch = given.slice(next, (next += 500));
        const outcomes = await Promise.all(batch.map((g) => unsupport(p.deps.db, Number(g.user_id), place, Number(g.proposal_id), { minimumSupportsPerPerson: 0 })));
        expect(outcomes.every((o) => o.ok)).toBe(true);
      }
    });
    // The watch looks every thousand withdrawals and analyzes in the background: the last look may still be at work.
    expect(await until(async () => ((await known()) > before + 8 ? true : null), 30_000)).toBe(true);
    expect(await until(async () => ((await analyzes()) > analyzed ? true : null), 30_000)).toBe(true);
    const wrong = await p.deps.db.execute(sql`
      select p.id from proposals p where p.component_id = ${place.componentId}
        and p.supports_count <> (select count(*) from proposal_supports s where s.proposal_id = p.id)`);
    expect(wrong.rows).toEqual([]);
  }, 120_000);
});
