/**
 * The moderators' queue: reported and hidden things of some spaces, newest activity first, a page at
 * a time. A fixed number of queries whatever the page holds: the count, the page, its reports, its
 * authors, then the things themselves (comments, and one query per resource kind on the page).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../i18n/locales";
import type { QueueFilter } from "./inputs";
import type { ReportReason } from "./schema";
import { PENDING } from "./service";
import { loadTargets, targetKey, type Target } from "./targets";

export const QUEUE_PAGE_SIZE = 20;
/** Report details shown per reason and thing (the most recent). */
const DETAILS_SHOWN = 5;

/** Which spaces a queue covers: all of them (organization admins) or some. */
export type QueueScope = "all" | number[];

export interface QueueItem {
  id: number;
  spaceId: number;
  spaceTitle: Translatable;
  resourceType: string;
  resourceId: number;
  /** Null once the thing no longer exists. */
  target: Target | null;
  reportCount: number;
  hidden: boolean;
  pending: boolean;
  updatedAt: Date;
  reasons: Array<{ reason: ReportReason; count: number; details: string[] }>;
  authors: Array<{ id: number; name: string; blocked: boolean }>;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  pages: number;
}

const FILTERS: Record<QueueFilter, SQL> = {
  pending: sql`${PENDING}`,
  hidden: sql`hidden_at is not null`,
  all: sql`true`,
};

function scopeSql(scope: QueueScope): SQL {
  return scope === "all" ? sql`true` : sql`space_id = any(${sql.param(scope)}::bigint[])`;
}

/** The spaces a person moderates through a role (admin or moderator): one query. */
export async function moderatedSpaceIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.execute<{ space_id: string }>(sql`select distinct space_id from space_roles where user_id = ${userId} and role in ('admin', 'moderator') order by space_id`);
  return rows.rows.map((r) => Number(r.space_id));
}

export async function listQueue(db: Db, scope: QueueScope, filter: QueueFilter, requestedPage: number): Promise<QueuePage> {
  if (scope !== "all" && scope.length === 0) return { items: [], total: 0, page: 1, pages: 1 };
  const where = sql`${scopeSql(scope)} and ${FILTERS[filter]}`;
  const counted = await db.execute<{ n: number }>(sql`select count(*)::int as n from moderations where ${where}`);
  const total = counted.rows[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(requestedPage, pages);
  const rows = await db.execute<{ id: string; space_id: string; space_title: Translatable; resource_type: string; resource_id: string; report_count: number; hidden: boolean; pending: boolean; updated_at: string }>(sql`
    select m.id, m.space_id, s.title as space_title, m.resource_type, m.resource_id, m.report_count, m.hidden, m.pending, m.updated_at
    from (select id, space_id, resource_type, resource_id, report_count, hidden_at is not null as hidden, ${PENDING} as pending, updated_at
          from moderations where ${where} order by updated_at desc, id desc limit ${QUEUE_PAGE_SIZE} offset ${(page - 1) * QUEUE_PAGE_SIZE}) m
      join spaces s on s.id = m.space_id
    order by m.updated_at desc, m.id desc`);
  const ids = rows.rows.map((r) => Number(r.id));
  const [reasons, targets] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db
          .execute<{ moderation_id: string; reason: ReportReason; n: number; details: string[] | null }>(sql`
          select moderation_id, reason, count(*)::int as n,
            (array_agg(details order by id desc) filter (where details is not null))[1:${sql.raw(String(DETAILS_SHOWN))}] as details
          from reports where moderation_id = any(${sql.param(ids)}::bigint[]) group by moderation_id, reason order by moderation_id, reason`)
          .then((r) => r.rows),
    loadTargets(
      db,
      rows.rows.map((r) => ({ type: r.resource_type, id: Number(r.resource_id) })),
    ),
  ]);
  const authorIds = [...new Set([...targets.values()].flatMap((t) => t.authorIds))];
  const authors =
    authorIds.length === 0
      ? new Map<number, { id: number; name: string; blocked: boolean }>()
      : new Map(
          (await db.execute<{ id: string; name: string; blocked: boolean }>(sql`select id, name, blocked_at is not null as blocked from users where id = any(${sql.param(authorIds)}::bigint[]) and deleted_at is null`)).rows.map((u) => [
            Number(u.id),
            { id: Number(u.id), name: u.name, blocked: u.blocked },
          ]),
        );
  const items = rows.rows.map((r): QueueItem => {
    const target = targets.get(targetKey(r.resource_type, Number(r.resource_id))) ?? null;
    return {
      id: Number(r.id),
      spaceId: Number(r.space_id),
      spaceTitle: r.space_title,
      resourceType: r.resource_type,
      resourceId: Number(r.resource_id),
      target,
      reportCount: r.report_count,
      hidden: r.hidden,
      pending: r.pending,
      updatedAt: new Date(r.updated_at),
      reasons: reasons.filter((x) => Number(x.moderation_id) === Number(r.id)).map((x) => ({ reason: x.reason, count: x.n, details: x.details ?? [] })),
      authors: (target?.authorIds ?? []).flatMap((id) => authors.get(id) ?? []),
    };
  });
  return { items, total, page, pages };
}
