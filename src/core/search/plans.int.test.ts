/**
 * Site-wide search reads stored vectors through their GIN indexes: on a few thousand pages, proposals and
 * spaces (inserted with SQL, then VACUUM ANALYZE), each provider's query finds its matches in the reader's
 * language's index and never computes a text vector while it runs.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchPages } from "../../modules/pages/search";
import { searchProposals } from "../../modules/proposals/search";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { explainQueries, planNodes, planProblems } from "../../test/plans";
import type { Locale } from "../i18n/locales";
import { assemblySearch, processSearch } from "../spaces/search";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
  const { db } = p.deps;
  await db.execute(sql`
    insert into spaces (type, slug, title, short_description, published_at)
    select case when i % 2 = 0 then 'assembly' else 'process' end, 'search-plan-' || i,
      jsonb_build_object('fr', 'Quartier numéro ' || i, 'en', 'Neighbourhood number ' || i),
      jsonb_build_object('fr', case when i % 400 in (1, 2) then 'Des bibliothèques ouvertes le dimanche' else 'Un espace de participation' end),
      now()
    from generate_series(1, 2000) i`);
  await db.execute(sql`insert into components (space_id, manifest, name, published_at) select id, 'pages', '{"en":"Docs"}', now() from spaces where slug like 'search-plan-%' and id % 10 = 0`);
  await db.execute(sql`
    insert into pages (component_id, title, body)
    select c.id, jsonb_build_object('en', 'Page ' || g), jsonb_build_object('en', case when g = 7 and c.id % 5 = 0 then 'Where the libraries are' else 'How the budget works' end)
    from components c, generate_series(1, 20) g where c.manifest = 'pages'`);
  await db.execute(sql`insert into components (space_id, manifest, name, published_at) select id, 'proposals', '{"en":"Proposals"}', now() from spaces where slug like 'search-plan-%' and id % 10 = 1`);
  // Every tenth proposal is a draft and every tenth after it hidden: the provider never finds them.
  await db.execute(sql`
    insert into proposals (component_id, title, body, language, published_at, hidden_at)
    select c.id, jsonb_build_object('en', 'Proposal ' || g), jsonb_build_object('en', case when g in (3, 4, 5) and c.id % 20 = 1 then 'Open the libraries on Sunday' else 'Plant trees' end),
      'en', case when g <> 4 then now() end, case when g = 5 then now() end
    from components c, generate_series(1, 20) g where c.manifest = 'proposals'`);
  // VACUUM too: it merges the GIN indexes' pending lists (as autovacuum does), which ANALYZE leaves.
  await db.execute(sql`vacuum analyze`);
}, 120_000);
afterAll(() => p.stop());

const query = (q: string, locale: Locale) => ({ q, locale, fallback: "fr" as Locale, limit: 20, offset: 0 });

describe("the plans of the search queries", () => {
  it("finds spaces, pages and proposals through the reader's language's index, computing no vector", async () => {
    const cases = [
      { search: () => processSearch.search(p.deps.db, query("bibliothèques", "fr")), index: "spaces_search_fr_idx" },
      { search: () => assemblySearch.search(p.deps.db, query("bibliothèques", "nl")), index: "spaces_search_nl_idx" },
      { search: () => searchPages(p.deps.db, query("libraries", "en")), index: "pages_search_en_idx" },
      { search: () => searchProposals(p.deps.db, query("libraries", "en")), index: "proposals_search_en_idx" },
    ];
    for (const c of cases) {
      const [q, ...more] = await explainQueries(p.deps.pool, c.search);
      expect(more).toEqual([]);
      if (!q) throw new Error("no query");
      expect(planProblems(q, ["spaces", "pages", "proposals"]), c.index).toEqual([]);
      expect(planNodes(q.plan).map((n) => n["Index Name"])).toContain(c.index);
    }
    // The same answers as the words say: stemmed in the reader's language, exact words in every language.
    expect((await processSearch.search(p.deps.db, query("bibliothèque", "fr"))).total).toBe(5);
    expect((await assemblySearch.search(p.deps.db, query("bibliothèques", "nl"))).total).toBe(5);
    expect((await processSearch.search(p.deps.db, query("bibliothèque", "nl"))).total).toBe(0);
    expect((await searchPages(p.deps.db, query("library", "en"))).total).toBeGreaterThan(0);
    const proposals = await searchProposals(p.deps.db, query("library", "en"));
    const listed = await p.deps.db.execute<{ n: string }>(sql`select count(*)::text as n from proposals where body->>'en' like 'Open%' and published_at is not null and hidden_at is null`);
    expect(proposals.total).toBe(Number(listed.rows[0]?.n));
    expect(proposals.total).toBeGreaterThan(0);
    expect(proposals.hits[0]).toMatchObject({ lang: "en", excerpt: "Open the libraries on Sunday", url: expect.stringMatching(/^\/spaces\/search-plan-\d+\/c\/\d+\/\d+$/) });
  });
});
