/**
 * What a person follows, a page at a time: one query for the page's follows with their spaces and
 * whether the person still sees them, then each kind's `load` once for its resources on the page
 * (bounded by the kinds, never by the items).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { MessageKey } from "../i18n/catalogues";
import type { Translatable } from "../i18n/locales";
import { getResourceKind, type ResourceFacts } from "../resources/kinds";
import { privateMemberSql, seesSpaceSql, staffSql } from "../resources/visibility-sql";
import { spacePath, type SpaceRow } from "../spaces/types";
import { SPACE_TYPE } from "./target";

export const FOLLOWS_PAGE = 20;

export interface FollowedItem {
  type: string;
  id: number;
  /** What kind of thing it is ("petition", "Space"). */
  label: MessageKey | null;
  /** Null when the person can no longer see it (left a private space, hidden by moderation...). */
  title: string | Translatable | null;
  url: string | null;
  since: Date;
}

type Row = {
  resource_type: string;
  resource_id: string;
  created_at: string;
  space_id: string | null;
  space_title: Translatable | null;
  slug: string | null;
  space_type: SpaceRow["type"] | null;
  staff: boolean;
  sees_space: boolean;
  member: boolean;
  component_published: boolean;
};

/** A page (from 1) of what `userId` follows, most recent first; `hasNext` when there is more. */
export async function listFollows(db: Db, userId: number, page: number): Promise<{ items: FollowedItem[]; hasNext: boolean }> {
  const rows = await db.execute<Row>(sql`
    select f.resource_type, f.resource_id, f.created_at, s.id as space_id, s.title as space_title, s.slug, s.type as space_type,
      ${staffSql("u", sql`s.id`)} as staff, coalesce(${seesSpaceSql("s", sql`u.id`)}, false) as sees_space,
      coalesce(${privateMemberSql(sql`u.id`, sql`s.id`)}, false) as member,
      (f.component_id is null or c.published_at is not null) as component_published
    from follows f
    join users u on u.id = f.user_id
    left join spaces s on s.id = case when f.resource_type = ${SPACE_TYPE} then f.resource_id else f.space_id end
    left join components c on c.id = f.component_id
    where f.user_id = ${userId}
    order by f.created_at desc, f.resource_type, f.resource_id
    limit ${FOLLOWS_PAGE + 1} offset ${(page - 1) * FOLLOWS_PAGE}`);
  const pageRows = rows.rows.slice(0, FOLLOWS_PAGE);
  const facts = await loadFacts(db, pageRows);
  const items = pageRows.map((r): FollowedItem => {
    const id = Number(r.resource_id);
    const base = { type: r.resource_type, id, since: new Date(r.created_at) };
    const seen = r.space_id !== null && (r.staff || r.sees_space);
    if (r.resource_type === SPACE_TYPE) {
      return seen && r.slug && r.space_type ? { ...base, label: "follows.list.space", title: r.space_title ?? {}, url: spacePath({ type: r.space_type, slug: r.slug }) } : { ...base, label: "follows.list.space", title: null, url: null };
    }
    const f = facts.get(`${r.resource_type}:${id}`);
    const label = getResourceKind(r.resource_type)?.label ?? null;
    const visible = f && seen && (r.staff || (r.component_published && (!f.membersOnly || r.member) && (f.public || f.authorIds.includes(userId))));
    return visible ? { ...base, label, title: f.title, url: f.url } : { ...base, label, title: null, url: null };
  });
  return { items, hasNext: rows.rows.length > FOLLOWS_PAGE };
}

async function loadFacts(db: Db, rows: Row[]): Promise<Map<string, ResourceFacts>> {
  const byType = new Map<string, number[]>();
  for (const r of rows) if (r.resource_type !== SPACE_TYPE) byType.set(r.resource_type, [...(byType.get(r.resource_type) ?? []), Number(r.resource_id)]);
  const out = new Map<string, ResourceFacts>();
  for (const [type, ids] of byType) {
    const kind = getResourceKind(type);
    if (!kind) continue;
    for (const [id, f] of await kind.load(db, ids)) out.set(`${type}:${id}`, f);
  }
  return out;
}

/** How many people follow each of these resources of one kind (one query). */
export async function countFollowers(db: Db, type: string, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ resource_id: string; n: number }>(sql`
    select resource_id, count(*)::int as n from follows where resource_type = ${type} and resource_id = any(${sql.param(ids)}::bigint[]) group by resource_id`);
  return new Map(r.rows.map((x) => [Number(x.resource_id), x.n]));
}
