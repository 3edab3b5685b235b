/**
 * `pnyx budgets import`: a pabulib election into a new, published budgets component of a space. The file
 * must pass the engine's validator (pabulib's checker rules) or nothing is written. One budget (total,
 * currency, vote type and ballot rules from META), its projects (pabulib ids, names, costs; the other
 * columns in `extra`), and every vote as a checked-out ballot of channel "import" whose `voter_ref` is the
 * file's voter id; the whole META is kept. One transaction; ballots and their items go in with a few
 * array inserts (`unnest`) per 5,000 votes, so 100,000 votes take seconds.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ballotsWritten } from "./ballot-tables-planner";
import { audit } from "../../core/audit/audit";
import { LOCALES, type Locale, type Translatable } from "../../core/i18n/locales";
import { cell, metaValue, splitList, type PbFile, type Problem } from "../../engines/budgeting/pb-model";
import { readPb } from "../../engines/budgeting/pb-read";
import { validatePb } from "../../engines/budgeting/pb-validate";
import type { BallotRules, VoteType } from "./schema";
import { budgetSettings, budgetStepSettings } from "./settings";

export type ImportOutcome =
  | { ok: true; componentId: number; budgetId: number; projects: number; ballots: number }
  | { ok: false; reason: "invalid"; problems: Problem[] }
  | { ok: false; reason: "space" };

const BATCH = 5_000;
const PROJECT_OWN = new Set(["project_id", "cost", "votes", "score", "name", "selected"]);
const VOTE_OWN = new Set(["voter_id", "vote", "points"]);

/** The budget's vote type and ballot rules from a file's META (pabulib has no knapsack: approval with max_sum_cost is one). */
export function ballotKindOf(file: PbFile): { voteType: VoteType; rules: BallotRules } {
  const int = (k: string): number | undefined => {
    const v = metaValue(file, k);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const rules: BallotRules = {};
  const set = <K extends keyof BallotRules>(k: K, v: number | undefined) => {
    if (v !== undefined) rules[k] = v;
  };
  const vt = metaValue(file, "vote_type") ?? "approval";
  if (vt === "cumulative" || vt === "scoring") {
    set("maxPoints", int("max_sum_points"));
    set("maxPointsPerProject", int("max_points"));
    set("minProjects", int("min_length"));
    set("maxProjects", int("max_length"));
    return { voteType: "cumulative", rules };
  }
  if (vt === "ordinal") {
    set("minProjects", int("min_length"));
    set("maxLength", int("max_length"));
    return { voteType: "ordinal", rules };
  }
  set("minProjects", int("min_length"));
  set("maxProjects", vt === "choose-1" ? 1 : int("max_length"));
  const budget = Number(metaValue(file, "budget") ?? "0");
  const minSum = Number(metaValue(file, "min_sum_cost") ?? "0");
  if (metaValue(file, "max_sum_cost") !== undefined) {
    if (budget > 0 && minSum > 0) rules.minPercent = Math.round((minSum / budget) * 10_000) / 100;
    return { voteType: "knapsack", rules };
  }
  return { voteType: "approval", rules };
}

/** A text in every language of the platform (a pabulib file has one language; the admin may translate it later). */
const everywhere = (text: string, first: Locale): Translatable => Object.fromEntries([first, ...LOCALES.filter((l) => l !== first)].map((l) => [l, text]));

/** The non-empty other cells of a row, by column. */
function others(cells: Map<string, string | null>, own: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of cells) if (!own.has(k) && v !== null && v !== "") out[k] = v;
  return out;
}

/** Validates and imports `text` into a new budgets component of the space `slug`. */
export async function importPabulib(db: Db, text: string, slug: string): Promise<ImportOutcome> {
  const problems = validatePb(text);
  if (problems.length > 0) return { ok: false, reason: "invalid", problems };
  const { file } = readPb(text);
  const { voteType, rules } = ballotKindOf(file);
  const meta = Object.fromEntries(file.meta.map((m) => [m.key, m.value]));
  const title = metaValue(file, "description") ?? "Budget";
  const currency = metaValue(file, "currency") ?? "EUR";
  const total = Number((metaValue(file, "budget") ?? "0").replace(",", "."));
  const outcome = await db.transaction(async (tx) => {
    const found = await tx.execute<{ id: string; locale: Locale | null }>(sql`
      select s.id, (select o.default_locale from organizations o order by o.id limit 1) as locale from spaces s where s.slug = ${slug}`);
    const space = found.rows[0];
    if (!space) return { ok: false, reason: "space" } as const;
    const spaceId = Number(space.id);
    const name = everywhere(title, space.locale ?? "fr");
    const settings = { global: budgetSettings.parse({}), defaultStep: budgetStepSettings.parse({}), steps: {} };
    const comp = await tx.execute<{ id: string }>(sql`
      insert into components (space_id, manifest, name, weight, settings, published_at)
      values (${spaceId}, 'budgets', ${JSON.stringify(name)}::jsonb, (select coalesce(max(weight), -1) + 1 from components where space_id = ${spaceId}), ${JSON.stringify(settings)}::jsonb, now())
      returning id`);
    const componentId = Number(comp.rows[0]?.id);
    const bud = await tx.execute<{ id: string }>(sql`
      insert into budgets (component_id, title, total, currency, vote_type, rules, meta)
      values (${componentId}, ${JSON.stringify(name)}::jsonb, ${total}, ${currency}, ${voteType}, ${JSON.stringify(rules)}::jsonb, ${JSON.stringify(meta)}::jsonb)
      returning id`);
    const budgetId = Number(bud.rows[0]?.id);
    const rows = file.projects.rows;
    const projectIds = new Map<string, number>();
    for (let i = 0; i < rows.length; i += BATCH) {
      const part = rows.slice(i, i + BATCH);
      const ids = part.map((r) => cell(r, "project_id") ?? "");
      const inserted = await tx.execute<{ id: string; external_id: string }>(sql`
        insert into budget_projects (budget_id, component_id, external_id, title, cost, extra, weight)
        select ${budgetId}, ${componentId}, x.external_id, x.title::jsonb, x.cost, x.extra::jsonb, x.weight
        from unnest(${sql.param(ids)}::text[], ${sql.param(part.map((r) => JSON.stringify(everywhere(cell(r, "name") ?? cell(r, "project_id") ?? "", space.locale ?? "fr"))))}::text[],
          ${sql.param(part.map((r) => (cell(r, "cost") ?? "0").replace(",", ".")))}::numeric[], ${sql.param(part.map((r) => JSON.stringify(others(r.cells, PROJECT_OWN))))}::text[],
          ${sql.param(part.map((_, k) => i + k))}::int[]) as x(external_id, title, cost, extra, weight)
        returning id, external_id`);
      for (const p of inserted.rows) projectIds.set(p.external_id, Number(p.id));
    }
    const votes = file.votes.rows;
    const points = voteType === "cumulative";
    const ordinal = voteType === "ordinal";
    for (let i = 0; i < votes.length; i += BATCH) {
      const part = votes.slice(i, i + BATCH);
      const refs = part.map((r) => cell(r, "voter_id") ?? "");
      const extras = part.map((r) => {
        const o = others(r.cells, VOTE_OWN);
        return Object.keys(o).length === 0 ? null : JSON.stringify(o);
      });
      const ballots = await tx.execute<{ id: string; voter_ref: string }>(sql`
        insert into budget_ballots (budget_id, channel, voter_ref, checked_out_at, extra)
        select ${budgetId}, 'import', x.ref, now(), x.extra::jsonb from unnest(${sql.param(refs)}::text[], ${sql.param(extras)}::text[]) as x(ref, extra)
        returning id, voter_ref`);
      const ballotIds = new Map(ballots.rows.map((b) => [b.voter_ref, b.id]));
      const items: { ballot: string[]; project: number[]; points: number[]; rank: (number | null)[] } = { ballot: [], project: [], points: [], rank: [] };
      for (const r of part) {
        const ballot = ballotIds.get(cell(r, "voter_id") ?? "") ?? "";
        const pts = splitList(cell(r, "points"));
        splitList(cell(r, "vote")).forEach((pid, k) => {
          items.ballot.push(ballot);
          items.project.push(projectIds.get(pid) ?? 0);
          items.points.push(points ? Number(pts[k] ?? "0") : 1);
          items.rank.push(ordinal ? k + 1 : null);
        });
      }
      await tx.execute(sql`
        insert into budget_ballot_items (ballot_id, project_id, points, rank)
        select * from unnest(${sql.param(items.ballot)}::bigint[], ${sql.param(items.project)}::bigint[], ${sql.param(items.points)}::int[], ${sql.param(items.rank)}::int[])`);
    }
    await audit(tx, { actorId: null, action: "budgets.import", resourceType: "budget", resourceId: budgetId, spaceId, after: { componentId, projects: rows.length, ballots: votes.length, meta } });
    return { ok: true, componentId, budgetId, projects: rows.length, ballots: votes.length } as const;
  });
  // A big import onto a small table: the ballot tables' statistics follow (ADR 43, ADR 48).
  if (outcome.ok) ballotsWritten(db, outcome.ballots);
  return outcome;
}
