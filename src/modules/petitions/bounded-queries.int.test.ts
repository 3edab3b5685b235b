/**
 * The petition pages and the API run the same few queries with a handful of petitions and with
 * hundreds more (and twenty thousand signatures on one of them).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { englishClient } from "../../core/accounts/testing";
import { createCategory } from "../../core/categories/service";
import { createScope } from "../../core/categories/scopes-service";
import { forgetSharedCategories, forgetSharedScopes } from "../../core/categories/taxonomy";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { forgetTotals } from "./browse";

let p: TestPlatform;
let client: TestClient;
let openId = 0;
/** The demo's "Environment" category (its sub-category "Trees and green spaces" holds the petitions) and the region's scope. */
const FILED = { environment: 0, trees: 0, region: 0 };

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  client = await englishClient(p);
  const [open] = (await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' order by id limit 1`)).rows;
  openId = Number(open?.id);
  const named = async (en: string) => Number((await p.deps.db.execute<{ id: string }>(sql`select id from categories where name ->> 'en' = ${en} order by id limit 1`)).rows[0]?.id);
  FILED.environment = await named("Environment");
  FILED.trees = await named("Trees and green spaces");
  FILED.region = Number((await p.deps.db.execute<{ id: string }>(sql`select id from scopes where code = '04000'`)).rows[0]?.id);
}, 120_000);
afterAll(() => p.stop());

/** `n` more public petitions in the demo's component, and signatures on the open one. */
async function grow(n: number, signatures: number) {
  await p.deps.db.execute(sql`
    insert into petitions (component_id, type_id, title, summary, body, language, category_id, scope_id, state, sponsor_token, published_at, signing_ends_at)
    select t.component_id, t.id, 'More trees number ' || i, 'Summary ' || i, 'Trees along every street, number ' || i, 'en', ${FILED.trees}::bigint, ${FILED.region}::bigint,
      (array['published', 'answered', 'closed'])[1 + i % 3], md5(random()::text), now() - make_interval(mins => i), now() + make_interval(days => 30)
    from generate_series(1, ${n}) i, (select id, component_id from petition_types order by id limit 1) t`);
  await p.deps.db.execute(sql`
    insert into petition_signatures (petition_id, email, canonical_email, email_domain, name, postal_code, region, show_name, state, confirmed_at)
    select ${openId}, 'bulk' || i || '.' || ${signatures} || '@example.org', 'bulk' || i || '.' || ${signatures} || '@example.org', 'example.org', 'Signer ' || i, '1000', 'BE-BRU', true, 'confirmed', now()
    from generate_series(1, ${signatures}) i`);
  await p.deps.db.execute(sql`analyze`);
}

const URLS = () => [
  "/petitions",
  "/petitions?page=2&sort=newest",
  `/petitions?sort=closing_soon&category=${FILED.environment}`,
  `/petitions?scope=${FILED.region}&page=2`,
  `/petitions/${openId}`,
  "/api/petitions?page=3",
  `/api/petitions?category=${FILED.environment}&theme=environment`,
  "/search?q=trees",
  "/",
];

const forgetAll = () => {
  forgetTotals();
  forgetSharedCategories(p.deps.db);
  forgetSharedScopes(p.deps.db);
};

async function countsFor(urls: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const url of urls) {
    // Every run counts the total and reads the category choices and the scopes (the pages keep them five
    // and two seconds, which would make this depend on timing).
    const { count, result } = await countQueries(p.deps.pool, () => (forgetAll(), client.get(url)));
    expect(result.statusCode, url).toBe(200);
    out[url] = count;
  }
  return out;
}

describe("petition pages run a bounded number of queries", () => {
  it("the same number with 70 petitions and with 600 more", async () => {
    // Enough for every page asked to have petitions on it (an empty page skips reading counts).
    await grow(70, 100);
    const small = await countsFor(URLS());
    await grow(600, 20_000);
    const large = await countsFor(URLS());
    expect(large).toEqual(small);
    for (const [url, n] of Object.entries(large)) expect(n, url).toBeLessThanOrEqual(url.startsWith("/search") ? 12 : 10);
    // The list is paged: twenty a page, and a link to the next one.
    const list = await client.get("/petitions");
    expect(list.body.match(/class="petition-card"/g)?.length).toBe(20);
    expect(list.body).toContain("page=2");
  });

  it("reads the site-wide list's category choices and the scopes once per two seconds per instance, and at once after one changes", async () => {
    const listCount = async () => (await countQueries(p.deps.pool, () => (forgetTotals(), client.get("/petitions")))).count;
    // Only Date is frozen, then moved: the server's timers run as usual.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      const read = (await countQueries(p.deps.pool, () => (forgetAll(), client.get("/petitions")))).count;
      // Within the two seconds: neither is read again.
      expect(await listCount()).toBe(read - 2);
      // Two seconds later: both read again.
      expect((await countQueries(p.deps.pool, async () => (vi.setSystemTime(Date.now() + 2_001), forgetTotals(), await client.get("/petitions")))).count).toBe(read);
      const [ids] = (await p.deps.db.execute<{ space_id: string; admin_id: string }>(sql`select c.space_id, (select id from users where is_admin order by id limit 1) as admin_id from components c where c.manifest = 'petitions' order by c.id limit 1`)).rows;
      const actor = { id: Number(ids?.admin_id), ip: null };
      // A category or a scope written on this instance shows at once (read again, then kept).
      expect((await createCategory(p.deps.db, actor, Number(ids?.space_id), { name: { en: "Night buses" }, description: {}, weight: 9 })).ok).toBe(true);
      expect((await client.get("/petitions")).body).toMatch(/<option value="\d+">[^<]*Night buses<\/option>/);
      expect((await createScope(p.deps.db, actor, { name: { en: "Harbour district" }, scopeType: {}, code: undefined, weight: 9 })).ok).toBe(true);
      expect((await client.get("/petitions")).body).toMatch(/<option value="\d+">[^<]*Harbour district<\/option>/);
      expect(await listCount()).toBe(read - 2);
    } finally {
      vi.useRealTimers();
    }
  });
});
