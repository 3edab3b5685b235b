/**
 * Meetings as a resource kind of the participation kit: comments (no for/against), follows, reports
 * and moderation; events tell the space's followers of a new meeting, its followers of its report,
 * and a person waiting that they now have a place.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";
import type { MeetingDetails } from "./queries";

export interface MeetingResource {
  id: number;
  closed: boolean;
}

/** The facts of these meetings, one query. Public once published, unless moderation hid it. */
export async function loadMeetingFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ id: string; component_id: string; space_id: string; slug: string; title: Translatable; public: boolean; closed: boolean }>(sql`
    select m.id, m.component_id, c.space_id, s.slug, m.title, (m.published_at is not null and m.hidden_at is null) as public, m.closed_at is not null as closed
    from meetings m join components c on c.id = m.component_id join spaces s on s.id = c.space_id
    where m.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      { type: "meeting", id: Number(r.id), componentId: Number(r.component_id), spaceId: Number(r.space_id), title: r.title, url: componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`), authorIds: [], public: r.public, permissionResource: { id: Number(r.id), closed: r.closed } },
    ]),
  );
}

/** The same facts from a meeting a page already loaded (no query). */
export function factsOfDetails(m: MeetingDetails, space: { id: number; slug: string }): ResourceFacts {
  return { type: "meeting", id: m.id, componentId: m.componentId, spaceId: space.id, title: m.title, url: componentPath(space, m.componentId, `/${m.id}`), authorIds: [], public: m.publishedAt !== null && m.hiddenAt === null, permissionResource: { id: m.id, closed: m.closedAt !== null } };
}

export const meetingResourceKind: ResourceKind = {
  label: "meetings.resource.label",
  load: loadMeetingFacts,
  comments: true,
  setHidden: async (tx, ids, hidden) => {
    await tx.execute(sql`update meetings set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`}, updated_at = now() where id = any(${sql.param(ids)}::bigint[])`);
  },
  events: {
    published: { to: ["spaceFollowers"], message: "meetings.notification.published" },
    closed: { to: ["followers"], message: "meetings.notification.closed" },
    promoted: { to: ["mentioned"], message: "meetings.notification.promoted" },
  },
};
