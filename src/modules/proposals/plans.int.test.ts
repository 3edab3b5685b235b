/**
 * The hot proposal queries read indexes at the size: 10,000 proposals in one component (in
 * four languages, filed under categories and scopes, some answered, some withdrawn) and 200,000
 * supports, inserted with SQL, then VACUUM ANALYZE. Each public order walks its own index for a page,
 * at page 1 and page 100, filtered or not; searches read the reader's language's text index; similar
 * proposals read the trigram index; a proposal's page and a person's supports read their indexes.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { explainQueries, planNodes, planProblems, type ExplainedQuery } from "../../test/plans";
import { listForAdmin } from "./admin-queries";
import { browseProposals, type BrowseFilter } from "./browse";
import { loadProposal, personSupports, similarProposals } from "./queries";
import { SORTS } from "./settings";
import { listStates } from "./states";

let p: TestPlatform;
let componentId = 0;
const SEEN = { category: 0, scope: 0, state: 0, busy: 0, user: 0 };

beforeAll(async () => {
  p = await createTestPlatform();
  const { db } = p.deps;
  const [space] = (await db.execute<{ id: string }>(sql`insert into spaces (type, slug, title, published_at) values ('process', 'proposal-plans', '{"en":"Plans"}', now()) returning id`)).rows;
  const [component] = (await db.execute<{ id: string }>(sql`insert into components (space_id, manifest, name, published_at) values (${space?.id}, 'proposals', '{"en":"Ideas"}', now()) returning id`)).rows;
  componentId = Number(component?.id);
  const states = await listStates(db, componentId);
  SEEN.state = states.find((s) => s.token === "accepted")?.id ?? 0;
  const [category] = (await db.execute<{ id: string }>(sql`insert into categories (space_id, name) values (${space?.id}, '{"en":"Mobility"}') returning id`)).rows;
  await db.execute(sql`insert into categories (space_id, parent_id, name) values (${space?.id}, ${category?.id}, '{"en":"Cycling"}')`);
  const [scope] = (await db.execute<{ id: string }>(sql`insert into scopes (name, code) values ('{"en":"North"}', 'plans-north') returning id`)).rows;
  SEEN.category = Number(category?.id);
  SEEN.scope = Number(scope?.id);
  await db.execute(sql`insert into users (email, name) select 'supporter' || i || '@example.org', 'Supporter ' || i from generate_series(1, 2000) i`);
  const [user] = (await db.execute<{ id: string }>(sql`select min(id) as id from users`)).rows;
  SEEN.user = Number(user?.id);
  await db.execute(sql`
    insert into proposals (component_id, author_id, title, body, language, category_id, scope_id, published_at, withdrawn_at, state_id, state_published_at, comments_count, follows_count)
    select ${componentId}, ${SEEN.user} + i % 2000,
      jsonb_build_object(l, (array['Des arbres dans la rue ', 'Bomen in de straat ', 'Bäume in der Straße ', 'Trees in the street '])[1 + i % 4] || i
        || case when i % 250 < 4 then (array[' bibliothèques', ' bibliotheken', ' Büchereien', ' libraries'])[1 + i % 4] else '' end),
      jsonb_build_object(l, 'A longer text about proposal ' || i), l,
      case when i % 3 = 0 then ${SEEN.category}::bigint end, case when i % 5 = 0 then ${SEEN.scope}::bigint end,
      now() - make_interval(mins => i), case when i % 50 = 0 then now() end,
      case when i % 7 = 0 then ${SEEN.state}::bigint end, case when i % 14 = 0 then now() end, i % 23, i % 11
    from generate_series(1, 10000) i, lateral (select (array['fr', 'nl', 'de', 'en'])[1 + i % 4] as l) x`);
  // 200,000 supports: each of 2,000 people supports 100 proposals, one of them by everyone.
  const [busy] = (await db.execute<{ id: string }>(sql`select min(id) as id from proposals where component_id = ${componentId} and withdrawn_at is null`)).rows;
  SEEN.busy = Number(busy?.id);
  await db.execute(sql`
    insert into proposal_supports (proposal_id, user_id, component_id)
    select case when k = 0 then ${SEEN.busy}::bigint else ${SEEN.busy}::bigint + 1 + (u.n * 97 + k * 101) % 9000 end, u.id, ${componentId}
    from (select id, row_number() over (order by id) as n from users) u, generate_series(0, 99) k
    on conflict do nothing`);
  await db.execute(sql`update proposals p set supports_count = s.n from (select proposal_id, count(*)::int as n from proposal_supports group by proposal_id) s where s.proposal_id = p.id`);
  await db.execute(sql`vacuum analyze`);
}, 300_000);
afterAll(() => p.stop());

const explain = (work: () => Promise<unknown>) => explainQueries(p.deps.pool, work);
const pageQuery = (qs: ExplainedQuery[]) => {
  const q = qs.find((x) => x.text.includes("with ordinality"));
  if (!q) throw new Error("no page query");
  return q;
};
const indexes = (q: ExplainedQuery) => new Set(planNodes(q.plan).flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : [])));
const problemsOf = (qs: ExplainedQuery[]) => qs.flatMap((q) => planProblems(q, ["proposals", "proposal_supports"]).map((problem) => `${problem}: ${q.text.slice(0, 160)}`));
const reader = { id: null, locale: "en" as const };

const INDEX = {
  random: "proposals_random_idx",
  recent: "proposals_recent_idx",
  most_supported: "proposals_supported_idx",
  most_commented: "proposals_commented_idx",
  most_followed: "proposals_followed_idx",
} as const;

describe("the plans of the hot proposal queries", () => {
  it("has the data the issue's benchmark names", async () => {
    const [row] = (await p.deps.db.execute<{ proposals: number; supports: number }>(sql`select (select count(*) from proposals)::int as proposals, (select count(*) from proposal_supports)::int as supports`)).rows;
    expect(row?.proposals).toBe(10_000);
    expect(row?.supports).toBeGreaterThanOrEqual(199_000);
  });

  it("walks each order's own index for a page, at page 1 and page 100, filtered or not", async () => {
    for (const sort of SORTS) {
      for (const page of [1, 100]) {
        const f: BrowseFilter = { componentId, sort, seed: 1_000_000_000, page };
        const qs = await explain(() => browseProposals(p.deps.db, f, reader));
        expect(problemsOf(qs), `${sort} ${page}`).toEqual([]);
        expect(indexes(pageQuery(qs)), `${sort}, page ${page}`).toContain(INDEX[sort]);
      }
      for (const extra of [{ categoryId: SEEN.category }, { scopeId: SEEN.scope }, { state: String(SEEN.state) }, { state: "not_answered" }, { withdrawn: true }]) {
        const qs = await explain(() => browseProposals(p.deps.db, { componentId, sort, seed: 42, page: 1, ...extra }, reader));
        expect(problemsOf(qs), `${sort} ${JSON.stringify(extra)}`).toEqual([]);
      }
    }
    const { items } = await browseProposals(p.deps.db, { componentId, sort: "most_supported", seed: 0, page: 1 }, reader);
    expect(items[0]?.id).toBe(SEEN.busy);
    expect(items[0]?.supportsCount).toBe(2000);
  });

  it("searches through the reader's language's text index, and finds similar titles through the trigram index", async () => {
    for (const [word, locale] of [["bibliothèque", "fr"], ["libraries", "en"]] as const) {
      const qs = await explain(() => browseProposals(p.deps.db, { componentId, q: word, sort: "recent", seed: 0, page: 1 }, { id: null, locale }));
      expect(problemsOf(qs)).toEqual([]);
      expect([...indexes(pageQuery(qs))].some((i) => i === `proposals_search_${locale}_idx`)).toBe(true);
      const found = await browseProposals(p.deps.db, { componentId, q: word, sort: "recent", seed: 0, page: 1 }, { id: null, locale });
      expect(found.items.length).toBeGreaterThan(0);
    }
    const similar = await explain(() => similarProposals(p.deps.db, componentId, "en", "Trees in the street libraries"));
    expect(problemsOf(similar)).toEqual([]);
    expect([...indexes(similar[0]!)]).toContain("proposals_title_trgm_en_idx");
  });

  it("reads a busy proposal's page, a person's supports and the back office's pages from indexes", async () => {
    expect(problemsOf(await explain(() => loadProposal(p.deps.db, componentId, SEEN.busy, SEEN.user)))).toEqual([]);
    expect(problemsOf(await explain(() => personSupports(p.deps.db, componentId, SEEN.user)))).toEqual([]);
    expect(problemsOf(await explain(() => listForAdmin(p.deps.db, componentId, { sort: "newest", page: 3 })))).toEqual([]);
  });
});
