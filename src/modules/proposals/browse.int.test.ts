/**
 * The list of proposals: filters (answer, category with its sub-categories, scope, mine as author or
 * co-author, withdrawn, words in the reader's language), orders (a random one that stays put while
 * paging and differs between visitors, recent, most supported), pages of twenty, the page in French
 * and in Dutch, and a fixed number of queries whatever the number of proposals.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { listStates } from "./states";
import { proposalsFixture, type ProposalsFixture } from "./testing";

let p: TestPlatform;
let adminId = 0;
let f: ProposalsFixture;
let author: Awaited<ReturnType<typeof signedInClient>>;
const ids: Record<string, number> = {};

async function add(title: string, opts: { language?: string; category?: number | null; scope?: number | null; authorId?: number; minutesAgo?: number; supports?: number } = {}): Promise<number> {
  const language = opts.language ?? "en";
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, title, body, language, category_id, scope_id, published_at, supports_count)
    values (${f.component.id}, ${opts.authorId ?? adminId}, ${JSON.stringify({ [language]: title })}::jsonb, ${JSON.stringify({ [language]: `${title}: the details of it.` })}::jsonb, ${language},
      ${opts.category ?? null}, ${opts.scope ?? null}, now() - make_interval(mins => ${opts.minutesAgo ?? 0}), ${opts.supports ?? 0})
    returning id`);
  return Number(rows.rows[0]?.id);
}

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
  f = await proposalsFixture(p, adminId, { step: { supportsEnabled: true } });
  author = await signedInClient(p);
  const db = p.deps.db;
  const [mobility] = (await db.execute<{ id: string }>(sql`insert into categories (space_id, name) values (${f.space.id}, '{"en":"Mobility","fr":"Mobilité","nl":"Mobiliteit"}') returning id`)).rows;
  const [cycling] = (await db.execute<{ id: string }>(sql`insert into categories (space_id, parent_id, name) values (${f.space.id}, ${mobility?.id}, '{"en":"Cycling"}') returning id`)).rows;
  const [region] = (await db.execute<{ id: string }>(sql`insert into scopes (name, code) values ('{"en":"North district"}', 'browse-north') returning id`)).rows;
  ids.mobility = Number(mobility?.id);
  ids.region = Number(region?.id);
  ids.bus = await add("More buses at night", { category: ids.mobility, supports: 5, minutesAgo: 30 });
  ids.bike = await add("Protected bike lanes everywhere", { category: Number(cycling?.id), scope: ids.region, supports: 9, minutesAgo: 20 });
  ids.park = await add("A new park by the river", { authorId: author.userId, minutesAgo: 10 });
  ids.fr = await add("Des bibliothèques ouvertes le dimanche", { language: "fr", minutesAgo: 5 });
  ids.coauthored = await add("Benches along the canal");
  await db.execute(sql`insert into coauthorships (resource_type, resource_id, user_id, component_id, status) values ('proposal', ${ids.coauthored}, ${author.userId}, ${f.component.id}, 'accepted')`);
  const accepted = (await listStates(db, f.component.id)).find((s) => s.token === "accepted");
  ids.accepted = accepted?.id ?? 0;
  await db.execute(sql`update proposals set state_id = ${ids.accepted}, state_published_at = now() where id = ${ids.bus}`);
});
afterAll(() => p.stop());

const titlesOf = (html: string) => [...html.matchAll(/<h3><a href="[^"]+\/(\d+)"/g)].map((m) => Number(m[1]));

describe("the list of proposals", () => {
  it("filters by answer, category (with sub-categories), scope, mine and words", async () => {
    const c = await englishClient(p);
    const get = async (qs: string) => titlesOf((await c.get(`${f.base}?sort=recent&${qs}`)).body);
    expect(await get(`state=${ids.accepted}`)).toEqual([ids.bus]);
    expect(await get("state=not_answered")).not.toContain(ids.bus);
    expect(new Set(await get(`category=${ids.mobility}`))).toEqual(new Set([ids.bus, ids.bike]));
    expect(await get(`scope=${ids.region}`)).toEqual([ids.bike]);
    expect(await get("q=lanes")).toEqual([ids.bike]);
    // Stemmed in the reader's language: a French reader finds "bibliothèques" by "bibliothèque".
    const fr = await p.client();
    await fr.get("/locale/fr");
    expect(titlesOf((await fr.get(`${f.base}?q=biblioth%C3%A8que`)).body)).toEqual([ids.fr]);
    // Mine: as author and as accepted co-author; a visitor's "mine" is ignored.
    expect(new Set(titlesOf((await author.client.get(`${f.base}?mine=on`)).body))).toEqual(new Set([ids.park, ids.coauthored]));
    expect((await get("mine=on")).length).toBe(5);
    // Sorted by supports.
    expect(titlesOf((await c.get(`${f.base}?sort=most_supported`)).body).slice(0, 2)).toEqual([ids.bike, ids.bus]);
  });

  it("keeps a visitor's random order while paging, and gives another visitor another one", async () => {
    const more: number[] = [];
    for (let i = 0; i < 40; i++) more.push(await add(`Extra idea number ${i} for the district`, { minutesAgo: 100 + i }));
    const visitor = await englishClient(p);
    const first = await visitor.get(`${f.base}?sort=random`);
    const seed = /name="seed" value="(\d+)"/.exec(first.body)?.[1];
    expect(seed).toBeTruthy();
    const page1 = titlesOf(first.body);
    expect(page1.length).toBe(20);
    // The seed is kept for the visitor (a cookie) and carried by the pager's links.
    expect(titlesOf((await visitor.get(`${f.base}?sort=random`)).body)).toEqual(page1);
    const next = /<a href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    expect(next).toContain(`seed=${seed}`);
    const page2 = titlesOf((await visitor.get(next)).body);
    const page3 = titlesOf((await visitor.get(next.replace("page=2", "page=3"))).body);
    const all = [...page1, ...page2, ...page3];
    expect(all.length).toBe(45);
    expect(new Set(all).size).toBe(45);
    // Other seeds start elsewhere.
    const starts = new Set<number>();
    for (const s of [1, 500_000_000, 1_000_000_000, 1_500_000_000, 2_000_000_000]) starts.add(titlesOf((await visitor.get(`${f.base}?sort=random&seed=${s}`)).body)[0] ?? 0);
    expect(starts.size).toBeGreaterThan(1);
  });

  it("speaks French and Dutch", async () => {
    const c = p.client();
    await c.get("/locale/fr");
    const fr = await c.get(f.base);
    expect(fr.body).toContain("Trouver des propositions");
    expect(fr.body).toContain("Mobilité");
    await c.get("/locale/nl");
    const nl = await c.get(`${f.base}/${ids.bike}`);
    expect(nl.body).toContain("Terug naar de voorstellen");
    expect(nl.body).toContain('lang="en"');
  });

  it("runs the same number of queries with a few proposals and with hundreds", async () => {
    const reader: TestClient = author.client;
    const urls = [f.base, `${f.base}?sort=recent&page=2`, `${f.base}?sort=most_commented&category=${ids.mobility}`, `${f.base}?q=idea`, `${f.base}/${ids.bike}`, `${f.adminBase}`];
    const admin = (await signedInClient(p, { isAdmin: true })).client;
    const measure = async () => {
      const out: number[] = [];
      for (const url of urls) {
        const { count, result } = await countQueries(p.deps.pool, () => (url.startsWith("/admin") ? admin : reader).get(url));
        expect(result.statusCode, url).toBe(200);
        out.push(count);
      }
      return out;
    };
    const small = await measure();
    await p.deps.db.execute(sql`
      insert into proposals (component_id, author_id, title, body, language, category_id, published_at, supports_count, comments_count)
      select ${f.component.id}, ${adminId}, jsonb_build_object('en', 'Bulk idea ' || i), '{"en":"A bulk body of text."}', 'en', case when i % 3 = 0 then ${ids.mobility}::bigint end, now() - make_interval(hours => i), i % 17, i % 5
      from generate_series(1, 600) i`);
    await p.deps.db.execute(sql`insert into proposal_supports (proposal_id, user_id, component_id) select id, ${author.userId}, component_id from proposals where component_id = ${f.component.id} and title->>'en' like 'Bulk idea 1%'`);
    const large = await measure();
    expect(large).toEqual(small);
    for (const n of large) expect(n).toBeLessThanOrEqual(16);
  });
});
