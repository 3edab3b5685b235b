/**
 * The hot petition queries read indexes, whatever the size: on a few thousand petitions and tens of
 * thousands of signatures (inserted with SQL, then VACUUM ANALYZE), each list order walks its own index, the
 * public signers come from their partial index, searches read a language's text index, the exports
 * stream in an index's order, and no plan scans the signatures or computes a text vector.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { explainQueries, planNodes, planProblems, type ExplainedQuery, type PlanNode } from "../../test/plans";
import { browsePetitions, openDataQuery, SORTS, type BrowseFilter } from "./browse";
import { foldJournal } from "./counts";
import { loadPetition, signatureExportQuery } from "./queries";
import { searchPetitions } from "./search";
import { addPaperSignatures } from "./workflow";

let p: TestPlatform;
let componentId = 0;
const BIG = { id: 0 };
const FILED = { category: 0, scope: 0 };

beforeAll(async () => {
  p = await createTestPlatform();
  const { db } = p.deps;
  await db.execute(sql`insert into spaces (type, slug, title, published_at) select 'process', 'plans-' || i, '{"en":"Plans"}', now() from generate_series(1, 20) i`);
  await db.execute(sql`insert into components (space_id, manifest, name, published_at) select id, 'petitions', '{"en":"Petitions"}', now() from spaces where slug like 'plans-%'`);
  await db.execute(sql`insert into petition_types (component_id, title, threshold) select id, '{"en":"Petition"}', 1000 from components where manifest = 'petitions'`);
  // Each space's categories: mobility (with cycling under it) and environment; a region's scopes.
  await db.execute(sql`insert into categories (space_id, name, weight) select s.id, n.name, n.w from spaces s, (values ('{"en":"mobility"}'::jsonb, 0), ('{"en":"environment"}'::jsonb, 1)) n(name, w) where s.slug like 'plans-%'`);
  await db.execute(sql`insert into categories (space_id, parent_id, name) select space_id, id, '{"en":"cycling"}' from categories where name ->> 'en' = 'mobility'`);
  await db.execute(sql`insert into scopes (name, code) values ('{"en":"Region"}', 'plans-region')`);
  await db.execute(sql`insert into scopes (parent_id, name, code) select id, jsonb_build_object('en', 'Municipality ' || i), 'plans-m' || i from scopes, generate_series(1, 4) i where code = 'plans-region'`);
  // 3,000 petitions in four languages, most of them public, each language with a word of its own;
  // their category turns every 40, so each component's public petitions fall under all of them.
  await db.execute(sql`
    insert into petitions (component_id, type_id, title, summary, body, language, category_id, scope_id, state, sponsor_token, published_at, signing_ends_at)
    select t.component_id, t.id, 'Petition ' || i, 'Summary ' || i,
      (array['Des arbres dans la rue numéro ', 'Bomen in de straat nummer ', 'Bäume in der Straße Nummer ', 'Trees in the street number '])[1 + i % 4] || i
        || case when i % 250 < 4 then (array[' bibliothèques', ' bibliotheken', ' Büchereien', ' libraries'])[1 + i % 4] else '' end,
      (array['fr', 'nl', 'de', 'en'])[1 + i % 4],
      (select c.id from categories c join components k on k.space_id = c.space_id where k.id = t.component_id and c.name ->> 'en' = (array['mobility', 'cycling', 'environment', null])[1 + (i / 40) % 4]),
      (select id from scopes where code = 'plans-m' || (1 + i % 5)),
      (array['published', 'published', 'threshold_reached', 'answered', 'closed', 'expired', 'draft', 'under_review'])[1 + i % 8],
      md5(i::text), now() - make_interval(mins => i), now() + make_interval(days => i % 300 - 100)
    from generate_series(1, 3000) i join (select id, component_id, row_number() over (order by id) as n from petition_types) t on t.n = 1 + i % 20`);
  const [big] = (await db.execute<{ id: string; component_id: string }>(sql`select id, component_id from petitions where state = 'published' order by id limit 1`)).rows;
  BIG.id = Number(big?.id);
  componentId = Number(big?.component_id);
  const [mobility] = (await db.execute<{ id: string }>(sql`select c.id from categories c join components k on k.space_id = c.space_id where k.id = ${componentId} and c.name ->> 'en' = 'mobility'`)).rows;
  FILED.category = Number(mobility?.id);
  const [region] = (await db.execute<{ id: string }>(sql`select id from scopes where code = 'plans-region'`)).rows;
  FILED.scope = Number(region?.id);
  // 40,000 signatures: 30,000 on one petition, the rest spread; a third show their name.
  await db.execute(sql`
    insert into petition_signatures (petition_id, email, canonical_email, email_domain, name, postal_code, region, show_name, state, confirmed_at)
    select case when i <= 30000 then ${BIG.id} else (select min(id) from petitions) + i % 3000 end,
      's' || i || '@example.org', 's' || i || '@example.org', 'example.org', 'Signer ' || i, '1000', 'BE-BRU', i % 3 = 0,
      case when i % 10 = 0 then 'pending' else 'confirmed' end, now()
    from generate_series(1, 40000) i`);
  await db.execute(sql`insert into petition_count_deltas (petition_id, region, delta) select petition_id, region, 1 from petition_signatures where state = 'confirmed'`);
  await foldJournal(db);
  // VACUUM too: it merges the GIN indexes' pending lists and sets the visibility map (as autovacuum does).
  await db.execute(sql`vacuum analyze`);
}, 180_000);
afterAll(() => p.stop());

const explain = (work: () => Promise<unknown>) => explainQueries(p.deps.pool, work);
/** The query of a browse that reads the page (the other two read counts and the total). */
const pageQuery = (qs: ExplainedQuery[]) => {
  const q = qs.find((x) => x.text.includes("with ordinality"));
  if (!q) throw new Error("no page query");
  return q;
};
const indexes = (q: ExplainedQuery) => new Set(planNodes(q.plan).flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : [])));
/** The nodes above the first node matching `found` (root first), or null when none matches. */
function ancestorsOf(node: PlanNode, found: (n: PlanNode) => boolean): PlanNode[] | null {
  if (found(node)) return [];
  for (const child of node.Plans ?? []) {
    const path = ancestorsOf(child, found);
    if (path) return [node, ...path];
  }
  return null;
}
const problemsOf = (qs: ExplainedQuery[]) => qs.flatMap((q) => planProblems(q, ["petition_signatures"]).map((problem) => `${problem}: ${q.text.slice(0, 120)}`));

describe("the plans of the hot petition queries", () => {
  it("keeps each petition's sort key in the count job and with paper entries", async () => {
    const rows = await p.deps.db.execute<{ signatures_total: number }>(sql`select signatures_total from petitions where id = ${BIG.id}`);
    expect(rows.rows[0]?.signatures_total).toBe(27_000);
    const first = await browsePetitions(p.deps.db, { sort: "most_signed" });
    expect(first.items[0]?.id).toBe(BIG.id);
    expect(first.items[0]?.counts.total).toBe(27_000);
    // Paper signatures count in the sort key too, in the entry's own transaction.
    expect((await addPaperSignatures(p.deps.db, { id: 1, ip: null }, BIG.id, "BE-BRU", 5)).ok).toBe(true);
    const after = await p.deps.db.execute<{ signatures_total: number }>(sql`select signatures_total from petitions where id = ${BIG.id}`);
    expect(after.rows[0]?.signatures_total).toBe(27_005);
  });

  it("walks each order's own index for a page of the list, filtered or not, at any page", async () => {
    const index = { most_signed: "petitions_most_signed_idx", newest: "petitions_newest_idx", closing_soon: "petitions_closing_idx" } as const;
    for (const sort of SORTS) {
      for (const page of [1, 5]) {
        const qs = await explain(() => browsePetitions(p.deps.db, { sort, page }, { total: "exact" }));
        expect(problemsOf(qs)).toEqual([]);
        expect(indexes(pageQuery(qs)), `${sort}, page ${page}`).toContain(index[sort]);
        expect(planNodes(pageQuery(qs).plan).filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "petitions")).toEqual([]);
      }
      const filters: BrowseFilter[] = [{ categoryId: FILED.category }, { scopeId: FILED.scope }, { theme: "mobility" }, { state: "answered" }, { componentId }, { region: "BE-BRU" }];
      for (const f of filters) expect(problemsOf(await explain(() => browsePetitions(p.deps.db, { ...f, sort })))).toEqual([]);
      // Filtered by category (with its sub-categories) or scope (with those it contains), a page still
      // walks the order's index, reading category_id and scope_id from it; with every filter at once
      // (a few rows) the planner may read another index, but never scans petitions.
      for (const f of [{ categoryId: FILED.category }, { scopeId: FILED.scope }, { categoryId: FILED.category, scopeId: FILED.scope, componentId }]) {
        const qs = await explain(() => browsePetitions(p.deps.db, { ...f, sort }, { total: "exact" }));
        if (!("componentId" in f)) expect(indexes(pageQuery(qs)), `${sort} ${JSON.stringify(f)}`).toContain(index[sort]);
        expect(planNodes(pageQuery(qs).plan).filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "petitions")).toEqual([]);
      }
      const filed = await browsePetitions(p.deps.db, { categoryId: FILED.category, sort });
      expect(new Set(filed.items.map((x) => x.category?.name.en))).toEqual(new Set(["mobility", "cycling"]));
    }
  });

  it("searches each language through its own text index, never computing a vector", async () => {
    for (const [word, lang] of [["bibliothèque", "fr"], ["bibliotheken", "nl"], ["libraries", "en"]] as const) {
      for (const sort of [undefined, "newest"] as const) {
        const qs = await explain(() => browsePetitions(p.deps.db, { q: word, sort }));
        expect(problemsOf(qs)).toEqual([]);
        expect(indexes(pageQuery(qs))).toContain(`petitions_search_${lang}_idx`);
      }
      const found = await browsePetitions(p.deps.db, { q: word });
      expect(found.items.length).toBeGreaterThan(0);
      expect(found.items.every((x) => x.language === lang)).toBe(true);
    }
    const provider = await explain(() => searchPetitions(p.deps.db, { q: "libraries", locale: "fr", fallback: "fr", limit: 3, offset: 0 }));
    expect(problemsOf(provider)).toEqual([]);
  });

  it("reads the public signers of a big petition from their index", async () => {
    const qs = await explain(() => loadPetition(p.deps.db, BIG.id));
    expect(problemsOf(qs)).toEqual([]);
    // The names are a subquery of the petition's statement: the only way it reads the signatures is that index, index-only.
    const signers = qs.find((q) => q.text.includes("show_name"));
    const onSignatures = signers ? planNodes(signers.plan).filter((n) => n["Relation Name"] === "petition_signatures" || n["Index Name"]?.startsWith("petition_signatures")) : [];
    expect(onSignatures.map((n) => [n["Node Type"], n["Index Name"]])).toEqual([["Index Only Scan", "petition_signatures_public_idx"]]);
  });

  it("streams the exports in an index's order: no sort before the first row", async () => {
    const exports = [
      [signatureExportQuery(BIG.id), "petition_signatures_list_idx"],
      [openDataQuery(), "petitions_newest_idx"],
    ] as const;
    for (const [query, index] of exports) {
      // Planned as the export runs it: a cursor (db/cursor.ts), which asks for its first rows fast.
      const r = await p.deps.db.execute<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(sql`explain (format json) declare export_rows no scroll cursor for ${query}`);
      const plan = r.rows[0]?.["QUERY PLAN"][0]?.Plan;
      if (!plan) throw new Error("no plan");
      const q = { text: "export", values: [], plan, ms: 0 };
      expect(planProblems(q, ["petition_signatures", "petitions"])).toEqual([]);
      // Nothing sorts the rows read from the index (not even an incremental sort, which would still
      // read a whole group before the first row): the index's order is the export's.
      const above = ancestorsOf(plan, (n) => n["Index Name"] === index);
      expect(above, index).not.toBeNull();
      expect(above?.filter((n) => /Sort/.test(n["Node Type"]))).toEqual([]);
    }
  });
});
