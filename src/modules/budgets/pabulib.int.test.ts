/**
 * `pnyx budgets import|export` on real pabulib files (../shared/data/pabulib, read in place, never
 * copied): every file round-trips (its META kept, its projects and ballots counted), the exported file
 * passes the engine's validator (pabulib's checker rules), the official `selected` set is reproduced
 * where the file's rule is one the platform computes, and a file the validator rejects is refused with
 * its line, writing nothing.
 */
import { runCommand } from "../../test/command";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
import { cell, metaValue } from "../../engines/budgeting/pb-model";
import { readPb } from "../../engines/budgeting/pb-read";
import { validatePb } from "../../engines/budgeting/pb-validate";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import "../index";
import { run } from "./cli";

const DATA = process.env.PABULIB_DATA ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/data/pabulib");
// A missing prerequisite stops the tests with what to do, never a silent skip.
if (!existsSync(path.join(DATA, "Netherlands_Assen_2024.pb"))) throw new Error(`The pabulib files are missing at ${DATA}: put the shared folder beside the repository (../shared) or set PABULIB_DATA.`);

let database: TestDatabase;
let handle: Database;
let dir: string;
const SLUG = "pabulib-imports";

beforeAll(async () => {
  database = await createTestDatabase();
  handle = openDatabase(database.url, 2);
  dir = await mkdtemp(path.join(tmpdir(), "pnyx-pabulib-"));
  const space = await createSpace(
    handle.db,
    { id: 0, ip: null },
    "process",
    { slug: SLUG, title: { en: "City budget" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!space.ok) throw new Error("space");
  await setSpacePublished(handle.db, { id: 0, ip: null }, space.value.id, true);
}, 60_000);
afterAll(async () => {
  await handle?.close();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Runs `pnyx budgets ...` on the test database; its exit code, standard output and error. */
const budgets = (argv: string[]) => runCommand(run, argv, database.url);

const count = async (table: "budgets" | "budget_ballots" | "components") => Number((await handle.db.execute<{ n: string }>(sql`select count(*)::text as n from ${sql.identifier(table)}`)).rows[0]?.n);

/** The pabulib rule of a file, as the platform's rule, where the platform computes it. */
const PLATFORM_RULE: Record<string, string> = { greedy: "greedy", "equalshares/add1": "mes-add1" };

const FILES = [
  "Netherlands_Assen_2024.pb",
  "Poland_Swiecie_2023.pb",
  "France_Toulouse_2019.pb",
  "US_Stanford_Dataset_PB_Greensboro_District_4_2016_vote_approvals.pb",
  "checker_example_valid.pb",
  "Poland_Gdansk_2020.pb",
];

describe("pabulib files in and out of the platform", () => {
  it.each(FILES)(
    "%s: imported whole, exported valid with its META, its official selection reproduced where its rule is computed",
    async (name) => {
      const source = path.join(DATA, name);
      const original = readPb(await readFile(source, "utf8")).file;
      const imported = await budgets(["import", source, "--space", SLUG, "--json"]);
      expect(imported.code, imported.err).toBe(0);
      const summary = JSON.parse(imported.out) as Record<string, number>;
      expect(Object.keys(summary)).toEqual(["componentId", "budgetId", "projects", "ballots"]);
      expect(summary.projects).toBe(original.projects.rows.length);
      expect(summary.ballots).toBe(original.votes.rows.length);
      const stored = (await handle.db.execute<{ meta: Record<string, string>; published: boolean; channel: string; refs: number }>(sql`
        select b.meta, c.published_at is not null as published,
          (select min(channel) from budget_ballots where budget_id = b.id) as channel,
          (select count(distinct voter_ref)::int from budget_ballots where budget_id = b.id) as refs
        from budgets b join components c on c.id = b.component_id where b.id = ${summary.budgetId}`)).rows[0];
      expect(stored).toMatchObject({ published: true, channel: "import", refs: original.votes.rows.length });
      expect(stored?.meta).toEqual(Object.fromEntries(original.meta.map((m) => [m.key, m.value])));

      const declared = metaValue(original, "rule") ?? "unknown";
      const rule = PLATFORM_RULE[declared] ?? "greedy";
      const out = path.join(dir, `${name}.${rule}.pb`);
      const exported = await budgets(["export", String(summary.budgetId), "--rule", rule, "--out", out]);
      expect(exported.code, exported.err).toBe(0);
      const text = await readFile(out, "utf8");
      expect(validatePb(text)).toEqual([]);
      const back = readPb(text).file;
      // Every META key the import kept is written back; the platform's own ones carry its figures.
      for (const m of original.meta) {
        if (m.key === "rule") expect(metaValue(back, "rule")).toBe(PLATFORM_RULE[declared] ? declared : "greedy");
        else if (m.key === "comment") expect(metaValue(back, "comment")).toBe(m.value.startsWith("#1: ") ? m.value : `#1: ${m.value}`);
        else expect([m.key, back.meta.find((b) => b.key === m.key)?.value]).toEqual([m.key, m.value]);
      }
      expect(back.votes.rows.map((r) => cell(r, "voter_id"))).toEqual(original.votes.rows.map((r) => cell(r, "voter_id")));
      const votesOf = (f: typeof original) => Object.fromEntries(f.projects.rows.map((r) => [cell(r, "project_id"), [Number(cell(r, "cost")), cell(r, "votes") ?? null]]));
      if (original.projects.columns.includes("votes")) expect(votesOf(back)).toEqual(votesOf(original));
      const selected = (f: typeof original) => f.projects.rows.filter((r) => cell(r, "selected") === "1").map((r) => cell(r, "project_id")).sort();
      if (PLATFORM_RULE[declared] && original.projects.columns.includes("selected")) {
        expect(selected(back)).toEqual(selected(original));
        expect(selected(back).length).toBeGreaterThan(0);
      }
    },
    120_000,
  );

  it("refuses a file pabulib's rules reject, with its line and rule, and writes nothing", async () => {
    const before = await Promise.all([count("components"), count("budgets"), count("budget_ballots")]);
    const refused = await budgets(["import", path.join(DATA, "checker_example_invalid.pb"), "--space", SLUG, "--json"]);
    expect(refused.code).toBe(1);
    const answer = JSON.parse(refused.out) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/checker_example_invalid\.pb:20: META: currency: wrong currency ISO 4217 code/);
    expect(refused.err).toMatch(/checker_example_invalid\.pb:29: VOTES: sex: invalid sex value 'X'/);
    expect(await Promise.all([count("components"), count("budgets"), count("budget_ballots")])).toEqual(before);
  });

  it("refuses an unknown space, and bad usage is exit 2", async () => {
    const unknown = await budgets(["import", path.join(DATA, "Netherlands_Assen_2024.pb"), "--space", "nowhere", "--json"]);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.out)).toMatchObject({ ok: false, error: expect.stringContaining("nowhere") });
    expect((await budgets(["export", "1", "--rule", "lottery", "--out", path.join(dir, "x.pb")])).code).toBe(2);
  });
});
