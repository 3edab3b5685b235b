/** The open-data area's own SQL: the rows of the core's datasets. */
import { sql } from "drizzle-orm";
import type pg from "pg";
import { cursorRows } from "../../db/cursor";
import type { Translatable } from "../i18n/locales";
import { publicSpaceSql } from "../permissions/access";

export type OpenSpaceRow = {
  id: string;
  type: "process" | "assembly";
  slug: string;
  title: Translatable;
  short_description: Translatable;
  start_date: string | null;
  end_date: string | null;
  published_at: Date | string;
  parent_slug: string | null;
};

/**
 * Public spaces only: published, not private (a transparent assembly is public reading). A parent is
 * named only when it is public too. Streamed through a cursor, in batches (constant memory).
 */
export function openSpaceRows(pool: pg.Pool): AsyncGenerator<OpenSpaceRow[]> {
  return cursorRows<OpenSpaceRow>(
    pool,
    sql`
    select s.id, s.type, s.slug, s.title, s.short_description, s.start_date::text, s.end_date::text, s.published_at, p.slug as parent_slug
    from spaces s left join spaces p on p.id = s.parent_id and ${publicSpaceSql("p")}
    where ${publicSpaceSql("s")}
    order by s.type, s.weight, s.id`,
  );
}
