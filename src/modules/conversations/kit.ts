/**
 * Conversations as a resource kind: the core's facts about a conversation (its place, title, address,
 * visibility), so follows, notifications and the moderation queue can name it. No comments: people
 * take part by writing statements.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";

/** The facts of these conversations, one query. An unpublished conversation is not public. */
export async function loadConversationFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ id: string; component_id: string; space_id: string; slug: string; topic: Translatable; published: boolean }>(sql`
    select cv.id, cv.component_id, c.space_id, s.slug, cv.topic, cv.published_at is not null as published
    from conversations cv join components c on c.id = cv.component_id join spaces s on s.id = c.space_id
    where cv.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      {
        type: "conversation",
        id: Number(r.id),
        componentId: Number(r.component_id),
        spaceId: Number(r.space_id),
        title: r.topic,
        url: componentPath({ slug: r.slug }, Number(r.component_id), `/conversations/${r.id}`),
        authorIds: [],
        public: r.published,
      },
    ]),
  );
}

export const conversationResourceKind: ResourceKind = {
  label: "conversations.resource.label",
  load: loadConversationFacts,
};
