/** Reads of conversations for the public routes: visibility and the latest tick. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { publicSpaceSql } from "../../core/permissions/access";

/** Whether the public may read the conversation: it, its component and its space are published and public. */
export async function isPublicConversation(db: Db, id: number): Promise<boolean> {
  const r = await db.execute(sql`
    select 1 from conversations cv join components c on c.id = cv.component_id join spaces s on s.id = c.space_id
    where cv.id = ${id} and cv.published_at is not null and c.manifest = 'conversations' and c.published_at is not null and ${publicSpaceSql("s")}`);
  return r.rows.length > 0;
}

export interface LatestMath {
  mathTick: number;
  /** Null when the caller already holds this tick (`knownTick`), so the blob is not read. */
  pca2: Record<string, unknown> | null;
}

/** The latest tick of a public conversation (null: unknown, private, or no tick yet); one query. */
export async function latestPublicMath(db: Db, id: number, knownTick: number | null): Promise<LatestMath | null> {
  const r = await db.execute<{ math_tick: number; pca2: Record<string, unknown> | null }>(sql`
    select m.math_tick, case when m.math_tick = ${knownTick ?? -1} then null else m.pca2 end as pca2
    from conversation_math m join conversations cv on cv.id = m.conversation_id join components c on c.id = cv.component_id join spaces s on s.id = c.space_id
    where m.conversation_id = ${id} and cv.published_at is not null and c.manifest = 'conversations' and c.published_at is not null and ${publicSpaceSql("s")}`);
  const row = r.rows[0];
  return row ? { mathTick: row.math_tick, pca2: row.pca2 } : null;
}
