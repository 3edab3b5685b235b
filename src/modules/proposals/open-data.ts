/**
 * Proposals as open data: every published proposal (not hidden) of public proposals components, as
 * CSV, streamed through a cursor (constant memory, the first rows out at once), oldest first. Supports
 * are left empty where the component's current step hides their counts. The last column counts the
 * published amendments (neither withdrawn nor hidden; empty where the step shows amendments only to
 * their amenders). Columns are only ever added at the end: scripts read them by position.
 */
import type pg from "pg";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cursorRows } from "../../db/cursor";
import { currentSettings } from "../../core/components/settings";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { csvLine } from "../../core/open-data/csv";
import { publicSpaceSql } from "../../core/permissions/access";
import type { ComponentSettingsValue } from "../../core/spaces/schema";
import { componentPath } from "../../core/spaces/types";
import { PUBLIC_AMENDMENTS_COUNT } from "./amendments/queries";

const COLUMNS = ["id", "url", "space", "component_id", "title", "language", "official", "category", "scope", "state", "answer", "cost_eur", "published_at", "withdrawn_at", "answered_at", "supports", "comments", "follows", "amendments"];

type Row = {
  id: string;
  component_id: string;
  slug: string;
  space_title: Translatable;
  title: Translatable;
  language: string;
  official: boolean;
  category: Translatable | null;
  scope: Translatable | null;
  state: string | null;
  answer: Translatable | null;
  cost_cents: string | null;
  published_at: Date | null;
  withdrawn_at: Date | null;
  answered_at: Date | null;
  supports_count: number;
  comments_count: number;
  follows_count: number;
  amendments_count: number;
};

/** The public proposals components whose current step hides support counts, and those hiding amendments. */
async function countsHidden(db: Db): Promise<{ supports: Set<number>; amendments: Set<number> }> {
  const rows = await db.execute<{ id: string; manifest: string; settings: ComponentSettingsValue; active_step_id: string | null }>(sql`
    select c.id, c.manifest, c.settings, (select st.id from steps st where st.space_id = s.id and st.active limit 1) as active_step_id
    from components c join spaces s on s.id = c.space_id
    where c.manifest = 'proposals' and c.published_at is not null and ${publicSpaceSql("s")}`);
  const hidden = { supports: new Set<number>(), amendments: new Set<number>() };
  for (const r of rows.rows) {
    const settings = currentSettings({ manifest: r.manifest, settings: r.settings }, { activeStepId: r.active_step_id === null ? null : Number(r.active_step_id) });
    if (settings.step.supportCountsHidden === true) hidden.supports.add(Number(r.id));
    if (settings.step.amendmentsVisibility === "participants") hidden.amendments.add(Number(r.id));
  }
  return hidden;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : "");

export async function* proposalsCsv(db: Db, pool: pg.Pool, base: string, reader: { locale: Locale; fallback: Locale }): AsyncGenerator<string> {
  const hidden = await countsHidden(db);
  const text = (v: Translatable | null) => (v ? localize(v, reader.locale, reader.fallback).text : "");
  yield csvLine(COLUMNS);
  const query = sql`
    select p.id, p.component_id, s.slug, s.title as space_title, p.title, p.language, p.official, cat.name as category, sc.name as scope,
      case when p.state_published_at is not null then st.token end as state, case when p.state_published_at is not null then p.answer end as answer,
      case when p.state_published_at is not null then p.cost_cents end as cost_cents,
      p.published_at, p.withdrawn_at, p.state_published_at as answered_at, p.supports_count, p.comments_count, p.follows_count,
      ${PUBLIC_AMENDMENTS_COUNT} as amendments_count
    from proposals p join components c on c.id = p.component_id join spaces s on s.id = c.space_id
      left join categories cat on cat.id = p.category_id left join scopes sc on sc.id = p.scope_id left join proposal_states st on st.id = p.state_id
    where p.published_at is not null and p.hidden_at is null and c.manifest = 'proposals' and c.published_at is not null and ${publicSpaceSql("s")}
    order by p.id`;
  for await (const rows of cursorRows<Row>(pool, query)) {
    yield rows
      .map((r) =>
        csvLine([
          r.id,
          `${base}${componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`)}`,
          text(r.space_title),
          r.component_id,
          text(r.title),
          r.language,
          r.official ? "yes" : "no",
          text(r.category),
          text(r.scope),
          r.withdrawn_at ? "withdrawn" : (r.state ?? "not_answered"),
          text(r.answer),
          r.cost_cents === null ? "" : (Number(r.cost_cents) / 100).toFixed(2),
          iso(r.published_at),
          iso(r.withdrawn_at),
          iso(r.answered_at),
          hidden.supports.has(Number(r.component_id)) ? "" : r.supports_count,
          r.comments_count,
          r.follows_count,
          hidden.amendments.has(Number(r.component_id)) ? "" : r.amendments_count,
        ]),
      )
      .join("");
  }
}
