/**
 * Migration 0021 turns petitions' free-text themes into categories: written as they were before it
 * (a database migrated up to 0020), then migrated as an upgrade would be.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseMigratedTo, type PartlyMigratedDatabase } from "../../test/migrate-to";

let db: PartlyMigratedDatabase;
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await createDatabaseMigratedTo("0020_proposals");
  const q = async (text: string, values: unknown[] = []) => (await db.client.query<{ id: string }>(text, values)).rows;
  // The organization offers French and Dutch only: each new category is named in those two.
  await q(`insert into organizations (id, name, available_locales) values (1, '{"fr":"Org"}', '["fr","nl"]')`);
  const spaces = await q(`insert into spaces (type, slug, title) values ('process', 'one', '{"fr":"Un"}'), ('process', 'two', '{"fr":"Deux"}') returning id`);
  const [one, two] = [Number(spaces[0]?.id), Number(spaces[1]?.id)];
  // A category the first space already had: the new ones come after it.
  await q(`insert into categories (space_id, name, weight) values ($1, '{"fr":"Existante"}', 4)`, [one]);
  const components = await q(`insert into components (space_id, manifest, name) values ($1, 'petitions', '{"fr":"P"}'), ($1, 'petitions', '{"fr":"Q"}'), ($2, 'petitions', '{"fr":"R"}') returning id`, [one, two]);
  const [c1, c2, c3] = [0, 1, 2].map((i) => Number(components[i]?.id)) as [number, number, number];
  const types = await q(`insert into petition_types (component_id, title, threshold) values ($1, '{"fr":"T"}', 10), ($2, '{"fr":"T"}', 10), ($3, '{"fr":"T"}', 10) returning id`, [c1, c2, c3]);
  const [t1, t2, t3] = [0, 1, 2].map((i) => Number(types[i]?.id)) as [number, number, number];
  const petitions: Array<[string, number, number, string | null]> = [
    ["mobility", c1, t1, "mobility"],
    // Two components of one space share its category; spaces around the text do not make another.
    ["mobility again", c2, t2, "  mobility "],
    ["environment", c1, t1, "environnement"],
    ["other space", c3, t3, "mobility"],
    ["no theme", c1, t1, null],
    ["blank theme", c1, t1, "   "],
  ];
  for (const [key, component, type, theme] of petitions) {
    const [row] = await q(`insert into petitions (component_id, type_id, title, body, language, theme, state, sponsor_token) values ($1, $2, $3, 'body', 'fr', $4, 'published', md5($3)) returning id`, [component, type, key, theme]);
    ids[key] = Number(row?.id);
  }
  ids.one = one;
  ids.two = two;
  await db.migrateRest();
}, 120_000);
afterAll(() => db.drop());

const rows = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await db.client.query<T>(text, values)).rows;

describe("migration 0021: themes become categories", () => {
  it("creates one category per distinct theme in each space, named in the organization's languages, after those it had", async () => {
    const categories = await rows<{ space_id: string; name: Record<string, string>; weight: number; parent_id: string | null }>(`select space_id, name, weight, parent_id from categories order by space_id, weight`);
    expect(categories.map((c) => [Number(c.space_id), c.name, c.weight, c.parent_id])).toEqual([
      [ids.one, { fr: "Existante" }, 4, null],
      [ids.one, { fr: "environnement", nl: "environnement" }, 5, null],
      [ids.one, { fr: "mobility", nl: "mobility" }, 6, null],
      [ids.two, { fr: "mobility", nl: "mobility" }, 0, null],
    ]);
  });

  it("files every petition that had a theme under its space's category, and the others under none", async () => {
    const filed = await rows<{ title: string; space_id: string | null; name: Record<string, string> | null }>(
      `select p.title, c.space_id, c.name from petitions p left join categories c on c.id = p.category_id order by p.id`,
    );
    const byTitle = Object.fromEntries(filed.map((f) => [f.title, f.space_id === null ? null : [Number(f.space_id), f.name?.fr]]));
    expect(byTitle).toEqual({
      mobility: [ids.one, "mobility"],
      "mobility again": [ids.one, "mobility"],
      environment: [ids.one, "environnement"],
      "other space": [ids.two, "mobility"],
      "no theme": null,
      "blank theme": null,
    });
  });

  it("drops the theme column and its index, and rebuilds the list indexes on category and scope", async () => {
    expect(await rows(`select 1 from information_schema.columns where table_name = 'petitions' and column_name = 'theme'`)).toEqual([]);
    const indexes = await rows<{ indexname: string; indexdef: string }>(`select indexname, indexdef from pg_indexes where tablename = 'petitions' and indexname like 'petitions_%_idx' order by indexname`);
    const names = indexes.map((i) => i.indexname);
    expect(names).not.toContain("petitions_theme_idx");
    for (const name of ["petitions_most_signed_idx", "petitions_newest_idx", "petitions_closing_idx"]) {
      const def = indexes.find((i) => i.indexname === name)?.indexdef ?? "";
      expect(def, name).toContain("component_id, state, category_id, scope_id)");
    }
  });
});
