/**
 * Comments as open data (`/open-data/comments.csv`): every public comment, streamed through a cursor.
 * Public means: in a space anyone may read, in a published component, about a resource the public may
 * see (its kind's facts), not hidden by moderation nor written by a blocked account. Deleted comments
 * keep their row (replies point to them) without their text. Authors are never named.
 */
import { sql } from "drizzle-orm";
import type pg from "pg";
import type { Db } from "../../db/client";
import { cursorRows } from "../../db/cursor";
import { csvLine } from "../open-data/csv";
import { publicSpaceSql } from "../permissions/access";
import { getResourceKind } from "../resources/kinds";

type CsvRow = {
  id: string;
  resource_type: string;
  resource_id: string;
  parent_id: string | null;
  root_id: string | null;
  depth: number;
  alignment: number;
  up_votes: number;
  down_votes: number;
  created_at: Date | string;
  edited_at: Date | string | null;
  deleted: boolean;
  locale: string | null;
  body: string;
};

export const COMMENTS_CSV_COLUMNS = ["id", "resource_type", "resource_id", "resource_url", "parent_id", "root_id", "depth", "alignment", "up_votes", "down_votes", "created_at", "edited_at", "deleted", "locale", "body"] as const;

const ALIGNMENT = (n: number) => (n > 0 ? "in_favour" : n < 0 ? "against" : "neutral");
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Which resources of one batch the public may see, with their address: each kind's `load` once per batch. */
async function publicResources(db: Db, rows: CsvRow[]): Promise<Map<string, string>> {
  const byType = new Map<string, Set<number>>();
  for (const r of rows) {
    const ids = byType.get(r.resource_type) ?? new Set<number>();
    ids.add(Number(r.resource_id));
    byType.set(r.resource_type, ids);
  }
  const visible = new Map<string, string>();
  for (const [type, ids] of byType) {
    const kind = getResourceKind(type);
    if (!kind) continue;
    for (const facts of (await kind.load(db, [...ids])).values()) if (facts.public && !facts.membersOnly) visible.set(`${type}:${facts.id}`, facts.url);
  }
  return visible;
}

/** The CSV, a line at a time (the header first). */
export async function* commentCsvLines(pool: pg.Pool, db: Db, publicUrl: string): AsyncGenerator<string> {
  yield csvLine([...COMMENTS_CSV_COLUMNS]);
  const batches = cursorRows<CsvRow>(
    pool,
    sql`
    select c.id, c.resource_type, c.resource_id, c.parent_id, c.root_id, c.depth, c.alignment, c.up_votes, c.down_votes, c.created_at, c.edited_at,
      c.deleted_at is not null as deleted, c.locale, case when c.deleted_at is null then c.body else '' end as body
    from comments c
    join spaces s on s.id = c.space_id
    join components co on co.id = c.component_id
    where ${publicSpaceSql("s")} and co.published_at is not null and c.hidden_at is null
      and not exists (select 1 from users b where b.id = c.author_id and b.blocked_at is not null)
    order by c.id`,
  );
  for await (const rows of batches) {
    const visible = await publicResources(db, rows);
    const out: string[] = [];
    for (const r of rows) {
      const url = visible.get(`${r.resource_type}:${r.resource_id}`);
      if (url === undefined) continue;
      out.push(
        csvLine([r.id, r.resource_type, r.resource_id, `${publicUrl}${url}`, r.parent_id, r.root_id ?? r.id, r.depth, ALIGNMENT(r.alignment), r.up_votes, r.down_votes, iso(r.created_at), iso(r.edited_at), r.deleted ? "true" : "false", r.locale, r.body]),
      );
    }
    if (out.length > 0) yield out.join("");
  }
}
