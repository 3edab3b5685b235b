/**
 * The debates JSON API's data: the debates of a public space's published debates components (members-only
 * discussion areas and hidden debates left out), newest first, twenty a page, and one debate, as
 * `debateJson` presents them. Each page is three queries whatever its size (components, page, total).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { publicSpaceSql } from "../../core/permissions/access";
import { componentPath, type SpaceRecord } from "../../core/spaces/types";

export const API_PAGE_SIZE = 20;

export interface ApiDebate {
  id: number;
  componentId: number;
  slug: string;
  title: Translatable;
  description: Translatable;
  language: string;
  author: string | null;
  official: boolean;
  startAt: Date | null;
  endAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  conclusion: Translatable;
  comments: { total: number; inFavour: number; against: number; neutral: number };
  follows: number;
}

type Row = {
  id: string;
  component_id: string;
  slug: string;
  title: Translatable;
  description: Translatable;
  language: string;
  author: string | null;
  official: boolean;
  start_at: string | null;
  end_at: string | null;
  created_at: string;
  closed_at: string | null;
  conclusion: Translatable;
  total: number;
  in_favour: number;
  against: number;
  neutral: number;
  follows: number;
};

/** A published debates component of a public space, open to everyone (not a members-only area): `c` and `s`. */
const PUBLIC_COMPONENT = sql`c.manifest = 'debates' and c.published_at is not null and ${publicSpaceSql("s")}
  and not coalesce((c.settings -> 'global' ->> 'membersOnly')::boolean, false)`;

// The author's display name (null for the organization's debates and deleted accounts); comments as the
// open data counts them (top-level ones by alignment).
const SELECT = sql`select d.id, d.component_id, s.slug, d.title, d.description, d.language, case when u.deleted_at is null then u.name end as author,
    d.author_id is null as official, d.start_at, d.end_at, d.created_at, d.closed_at, d.conclusion,
    coalesce(cm.total, 0) as total, coalesce(cm.in_favour, 0) as in_favour, coalesce(cm.against, 0) as against, coalesce(cm.neutral, 0) as neutral,
    (select count(*)::int from follows f where f.resource_type = 'debate' and f.resource_id = d.id) as follows
  from debates d join components c on c.id = d.component_id join spaces s on s.id = c.space_id left join users u on u.id = d.author_id
    left join lateral (
      select count(*)::int as total, (count(*) filter (where x.alignment > 0 and x.depth = 0))::int as in_favour,
        (count(*) filter (where x.alignment < 0 and x.depth = 0))::int as against, (count(*) filter (where x.alignment = 0 and x.depth = 0))::int as neutral
      from comments x where x.resource_type = 'debate' and x.resource_id = d.id and x.deleted_at is null and x.hidden_at is null
    ) cm on true`;

const date = (v: string | null) => (v === null ? null : new Date(v));

const toApi = (r: Row): ApiDebate => ({
  id: Number(r.id),
  componentId: Number(r.component_id),
  slug: r.slug,
  title: r.title,
  description: r.description,
  language: r.language,
  author: r.author,
  official: r.official,
  startAt: date(r.start_at),
  endAt: date(r.end_at),
  createdAt: new Date(r.created_at),
  closedAt: date(r.closed_at),
  conclusion: r.conclusion,
  comments: { total: r.total, inFavour: r.in_favour, against: r.against, neutral: r.neutral },
  follows: r.follows,
});

/** One page of the space's public debates (not hidden), newest first, with the total. */
export async function listApiDebates(db: Db, space: SpaceRecord, page: number): Promise<{ items: ApiDebate[]; total: number }> {
  const components = await db.execute<{ id: string }>(sql`select c.id from components c join spaces s on s.id = c.space_id where c.space_id = ${space.id} and ${PUBLIC_COMPONENT}`);
  const ids = components.rows.map((r) => Number(r.id));
  if (ids.length === 0) return { items: [], total: 0 };
  const offset = (Math.max(1, page) - 1) * API_PAGE_SIZE;
  // The page's ids: each component's newest, read in the order of its index (debates_listed_idx) up to
  // what this page needs, then merged; not a sort of every debate of the space.
  const pageIds = sql`
    select x.id from unnest(${sql.param(ids)}::bigint[]) as k(id) cross join lateral (
      select d.id, d.created_at from debates d where d.component_id = k.id and d.hidden_at is null
      order by d.created_at desc, d.id desc limit ${offset + API_PAGE_SIZE}) x
    order by x.created_at desc, x.id desc limit ${API_PAGE_SIZE} offset ${offset}`;
  const [rows, counted] = await Promise.all([
    db.execute<Row>(sql`${SELECT} where d.id = any(array(${pageIds})) order by d.created_at desc, d.id desc`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from debates d where d.component_id = any(${sql.param(ids)}::bigint[]) and d.hidden_at is null`),
  ]);
  return { items: rows.rows.map(toApi), total: counted.rows[0]?.n ?? 0 };
}

/** One public debate, or null. */
export async function findApiDebate(db: Db, id: number): Promise<ApiDebate | null> {
  const rows = await db.execute<Row>(sql`${SELECT} where d.id = ${id} and d.hidden_at is null and ${PUBLIC_COMPONENT}`);
  const row = rows.rows[0];
  return row ? toApi(row) : null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** What the API answers for a debate. */
export function debateJson(base: string, d: ApiDebate) {
  return {
    id: d.id,
    url: `${base}${componentPath({ slug: d.slug }, d.componentId, `/${d.id}`)}`,
    title: d.title,
    description: d.description,
    language: d.language,
    official: d.official,
    author: d.author,
    startAt: iso(d.startAt),
    endAt: iso(d.endAt),
    createdAt: d.createdAt.toISOString(),
    closedAt: iso(d.closedAt),
    conclusion: d.closedAt === null ? null : d.conclusion,
    comments: d.comments,
    follows: d.follows,
    componentId: d.componentId,
  };
}
