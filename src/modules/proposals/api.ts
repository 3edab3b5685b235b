/**
 * The proposals JSON API's data: a public space's published proposals (every public proposals
 * component of it, newest first, twenty a page) and one proposal, as `proposalJson` presents them.
 * Supports are null where the component's current step hides their counts; amendments (published ones,
 * neither withdrawn nor hidden) are null where the step shows them only to their amenders.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { currentSettings } from "../../core/components/settings";
import { publicSpaceSql } from "../../core/permissions/access";
import type { ComponentSettingsValue } from "../../core/spaces/schema";
import { componentPath, type SpaceRecord } from "../../core/spaces/types";
import { findSpaceById } from "../../core/spaces/queries";
import { PUBLIC_AMENDMENTS_COUNT } from "./amendments/queries";

export const API_PAGE_SIZE = 20;

export interface ApiProposal {
  id: number;
  componentId: number;
  slug: string;
  title: Translatable;
  official: boolean;
  authors: string[];
  withdrawn: boolean;
  state: string | null;
  answer: Translatable | null;
  answeredAt: Date | null;
  supports: number | null;
  comments: number;
  amendments: number | null;
  publishedAt: Date | null;
}

type Row = {
  id: string;
  component_id: string;
  title: Translatable;
  official: boolean;
  authors: string[];
  withdrawn: boolean;
  state: string | null;
  answer: Translatable | null;
  answered_at: string | null;
  supports_count: number;
  comments_count: number;
  amendments_count: number;
  published_at: string | null;
};

// Display names: an account deleted since shows as null and is left out (its proposal stays).
const COLUMNS = sql`p.id, p.component_id, p.title, p.official, p.withdrawn_at is not null as withdrawn,
  array_remove(array[(select case when u.deleted_at is null then u.name end from users u where u.id = p.author_id)]
    || array(select cu.name from coauthorships ca join users cu on cu.id = ca.user_id where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.status = 'accepted' and cu.deleted_at is null order by ca.created_at), null) as authors,
  case when p.state_published_at is not null then st.token end as state,
  case when p.state_published_at is not null then p.answer end as answer,
  p.state_published_at as answered_at, p.supports_count, p.comments_count, p.published_at,
  ${PUBLIC_AMENDMENTS_COUNT} as amendments_count`;

const toApi = (r: Row, slug: string, { hidden, amendmentsHidden }: Hidden): ApiProposal => ({
  id: Number(r.id),
  componentId: Number(r.component_id),
  slug,
  title: r.title,
  official: r.official,
  authors: r.authors,
  withdrawn: r.withdrawn,
  state: r.state,
  answer: r.answer,
  answeredAt: r.answered_at === null ? null : new Date(r.answered_at),
  supports: hidden.has(Number(r.component_id)) ? null : r.supports_count,
  comments: r.comments_count,
  amendments: amendmentsHidden.has(Number(r.component_id)) ? null : r.amendments_count,
  publishedAt: r.published_at === null ? null : new Date(r.published_at),
});

/** Components whose current step hides support counts, and those that show amendments only to their amenders. */
interface Hidden {
  hidden: Set<number>;
  amendmentsHidden: Set<number>;
}

/** The space's public proposals components, and what their current steps hide. */
async function publicComponents(db: Db, space: SpaceRecord): Promise<{ ids: number[] } & Hidden> {
  const rows = await db.execute<{ id: string; manifest: string; settings: ComponentSettingsValue }>(sql`
    select c.id, c.manifest, c.settings from components c where c.space_id = ${space.id} and c.manifest = 'proposals' and c.published_at is not null`);
  const hidden = new Set<number>();
  const amendmentsHidden = new Set<number>();
  for (const r of rows.rows) {
    const settings = currentSettings({ manifest: r.manifest, settings: r.settings }, space);
    if (settings.step.supportCountsHidden === true) hidden.add(Number(r.id));
    if (settings.step.amendmentsVisibility === "participants") amendmentsHidden.add(Number(r.id));
  }
  return { ids: rows.rows.map((r) => Number(r.id)), hidden, amendmentsHidden };
}

/** One page of the space's published proposals (not hidden), newest first, with the total. */
export async function listApiProposals(db: Db, space: SpaceRecord, page: number): Promise<{ items: ApiProposal[]; total: number }> {
  const { ids, ...hidden } = await publicComponents(db, space);
  if (ids.length === 0) return { items: [], total: 0 };
  const where = sql`p.component_id = any(${sql.param(ids)}::bigint[]) and p.published_at is not null and p.hidden_at is null`;
  const offset = (Math.max(1, page) - 1) * API_PAGE_SIZE;
  // The page's ids: each component's newest (read in the order of its index, proposals_recent_idx, up to
  // what this page needs), then merged; not a sort of every proposal of the space.
  const pageIds = sql`
    select x.id from unnest(${sql.param(ids)}::bigint[]) as c(id) cross join lateral (
      select p.id, p.published_at from proposals p
      where p.component_id = c.id and p.published_at is not null and p.hidden_at is null
      order by p.published_at desc, p.id desc limit ${offset + API_PAGE_SIZE}) x
    order by x.published_at desc, x.id desc limit ${API_PAGE_SIZE} offset ${offset}`;
  const [rows, counted] = await Promise.all([
    db.execute<Row>(sql`
      select ${COLUMNS} from proposals p left join proposal_states st on st.id = p.state_id
      where p.id = any(array(${pageIds})) order by p.published_at desc, p.id desc`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from proposals p where ${where}`),
  ]);
  return { items: rows.rows.map((r) => toApi(r, space.slug, hidden)), total: counted.rows[0]?.n ?? 0 };
}

/** One published proposal of a public space's published component, or null. */
export async function findApiProposal(db: Db, id: number): Promise<ApiProposal | null> {
  const [placed] = (
    await db.execute<{ space_id: string }>(sql`
      select c.space_id from proposals p join components c on c.id = p.component_id join spaces s on s.id = c.space_id
      where p.id = ${id} and p.published_at is not null and p.hidden_at is null and c.published_at is not null and ${publicSpaceSql("s")}`)
  ).rows;
  const space = placed ? await findSpaceById(db, Number(placed.space_id)) : null;
  if (!space) return null;
  const [{ hidden, amendmentsHidden }, rows] = await Promise.all([publicComponents(db, space), db.execute<Row>(sql`select ${COLUMNS} from proposals p left join proposal_states st on st.id = p.state_id where p.id = ${id}`)]);
  const row = rows.rows[0];
  return row ? toApi(row, space.slug, { hidden, amendmentsHidden }) : null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** What the API answers for a proposal. */
export function proposalJson(base: string, p: ApiProposal) {
  return {
    id: p.id,
    url: `${base}${componentPath({ slug: p.slug }, p.componentId, `/${p.id}`)}`,
    title: p.title,
    official: p.official,
    authors: p.authors,
    state: p.withdrawn ? "withdrawn" : (p.state ?? "not_answered"),
    answer: p.state === null ? null : { text: p.answer ?? {}, publishedAt: iso(p.answeredAt) },
    supports: p.supports,
    comments: p.comments,
    publishedAt: iso(p.publishedAt),
    componentId: p.componentId,
    amendments: p.amendments,
  };
}
