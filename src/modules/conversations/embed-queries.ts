/**
 * The embedded conversation (Pol.is's embed code): which public conversation a `data-conversation_id`
 * names (the platform's id, or the Pol.is id an import kept), and the participant of an embedding
 * site's `xid`.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { publicSpaceSql } from "../../core/permissions/access";
import type { Translatable } from "../../core/i18n/locales";

export interface EmbeddedConversation {
  id: number;
  topic: Translatable;
  spaceId: number;
  spaceSlug: string;
  componentId: number;
  anonymousAllowed: boolean;
}

/** A public conversation by its id or its Pol.is id (one query). */
export async function findEmbedded(db: Db, ref: string): Promise<EmbeddedConversation | null> {
  const byId = /^\d{1,15}$/.test(ref) ? sql`cv.id = ${Number(ref)}` : sql`false`;
  const r = await db.execute<{ id: string; topic: Translatable; space_id: string; slug: string; component_id: string; anonymous_allowed: boolean }>(sql`
    select cv.id, cv.topic, s.id as space_id, s.slug, c.id as component_id, cv.anonymous_allowed
    from conversations cv join components c on c.id = cv.component_id join spaces s on s.id = c.space_id
    where (${byId} or cv.polis_conversation_id = ${ref}) and cv.published_at is not null and c.manifest = 'conversations'
      and c.published_at is not null and ${publicSpaceSql("s")}
    order by (cv.polis_conversation_id = ${ref}) nulls first limit 1`);
  const row = r.rows[0];
  return row ? { id: Number(row.id), topic: row.topic, spaceId: Number(row.space_id), spaceSlug: row.slug, componentId: Number(row.component_id), anonymousAllowed: row.anonymous_allowed } : null;
}

/** The participant of an `xid`, without creating one. */
export async function findXidParticipant(db: Db, conversationId: number, xid: string): Promise<number | null> {
  const r = await db.execute<{ pid: number }>(sql`select pid from conversation_participants where conversation_id = ${conversationId} and xid = ${xid}`);
  return r.rows[0]?.pid ?? null;
}
