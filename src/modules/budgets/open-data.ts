/**
 * What the public may read of a budget's outcome: the published outcome of a budget whose component is
 * published in a public space (the results API), and the budget's pabulib file with the published rule
 * (open data: its SHA-256 is the outcome's digest while the counted ballots are unchanged, so anyone can
 * check it and recompute the outcome with any pabulib tool). Nothing before publication.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { csvLine } from "../../core/open-data/csv";
import { publicSpaceSql } from "../../core/permissions/access";
import { componentPath } from "../../core/spaces/types";
import { budgetPbText } from "./pabulib-file";
import { loadBudgetExport } from "./pabulib-queries";
import type { OutcomeResult, OutcomeRule } from "./schema";

export interface PublicOutcome {
  budgetId: number;
  rule: OutcomeRule;
  threshold: number | null;
  inputsDigest: string | null;
  result: OutcomeResult;
  publishedAt: Date;
}

/** The path of a budget's pabulib file (open data). */
export const budgetFilePath = (budgetId: number): string => `/open-data/budgets/${budgetId}.pb`;

/** The budget's published outcome, or null (no such budget, not public, or nothing published). */
export async function findPublicOutcome(db: Db, budgetId: number): Promise<PublicOutcome | null> {
  const rows = await db.execute<{ rule: OutcomeRule; options: { threshold?: number }; inputs_digest: string | null; result: OutcomeResult; published_at: string | Date }>(sql`
    select o.rule, o.options, o.inputs_digest, o.result, o.published_at
    from budget_outcomes o join budgets b on b.id = o.budget_id join components c on c.id = b.component_id join spaces s on s.id = c.space_id
    where o.budget_id = ${budgetId} and o.published_at is not null and o.status = 'done' and o.result is not null
      and c.manifest = 'budgets' and c.published_at is not null and ${publicSpaceSql("s")}
    order by o.published_at desc, o.id desc limit 1`);
  const r = rows.rows[0];
  if (!r) return null;
  return { budgetId, rule: r.rule, threshold: r.options.threshold ?? r.result.threshold ?? null, inputsDigest: r.inputs_digest, result: r.result, publishedAt: new Date(r.published_at) };
}

/** The budget's pabulib file declaring its published rule, or null when nothing public is published. */
export async function publicBudgetFile(db: Db, budgetId: number): Promise<string | null> {
  const outcome = await findPublicOutcome(db, budgetId);
  if (!outcome) return null;
  const data = await loadBudgetExport(db, budgetId);
  if (!data) return null;
  return budgetPbText(data, { rule: outcome.rule, ...(outcome.threshold === null ? {} : { threshold: outcome.threshold }) }).text;
}

/**
 * The list of budgets with a published outcome (public spaces only), as CSV in the reader's language:
 * each with its rule, the inputs' digest and where its pabulib file and its results page are.
 */
export async function budgetsCsv(db: Db, base: string, reader: { locale: Locale; fallback: Locale }): Promise<string> {
  const rows = await db.execute<{ id: string; component_id: string; slug: string; space_title: Translatable; title: Translatable; currency: string; total: string; rule: OutcomeRule; inputs_digest: string | null; published_at: string | Date }>(sql`
    select distinct on (b.id) b.id, b.component_id, s.slug, s.title as space_title, b.title, b.currency, b.total::text as total, o.rule, o.inputs_digest, o.published_at
    from budget_outcomes o join budgets b on b.id = o.budget_id join components c on c.id = b.component_id join spaces s on s.id = c.space_id
    where o.published_at is not null and o.status = 'done' and c.manifest = 'budgets' and c.published_at is not null and ${publicSpaceSql("s")}
    order by b.id, o.published_at desc, o.id desc`);
  const text = (v: Translatable) => localize(v, reader.locale, reader.fallback).text;
  const lines = [csvLine(["budget_id", "space", "component_id", "title", "total", "currency", "rule", "inputs_digest", "published_at", "pabulib_file", "results"])];
  for (const r of rows.rows) {
    const id = Number(r.id);
    lines.push(
      csvLine([id, text(r.space_title), r.component_id, text(r.title), Number(r.total), r.currency, r.rule, r.inputs_digest, new Date(r.published_at).toISOString(), `${base}${budgetFilePath(id)}`, `${base}${componentPath({ slug: r.slug }, Number(r.component_id), `/budgets/${id}/results`)}`]),
    );
  }
  return lines.join("");
}
