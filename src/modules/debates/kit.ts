/**
 * Debates as a resource kind of the participation kit: comments for, against and neutral shown in two
 * columns with neutral below, endorsements, follows, reports and moderation; the "closed" event tells
 * its followers and authors. A debate of a members-only component is `membersOnly`, so the kit's
 * routes, the relay and the lists keep it to the space's members and staff.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";
import type { DebateDetails } from "./queries";
import type { DebateResource } from "./rules";

type FactsRow = {
  id: string;
  component_id: string;
  space_id: string;
  slug: string;
  title: Translatable;
  author_id: string | null;
  closed: boolean;
  hidden: boolean;
  members_only: boolean;
};

/** The facts of these debates, one query (the component's members-only setting included). */
export async function loadDebateFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<FactsRow>(sql`
    select d.id, d.component_id, c.space_id, s.slug, d.title, d.author_id, d.closed_at is not null as closed, d.hidden_at is not null as hidden,
      coalesce((c.settings -> 'global' ->> 'membersOnly')::boolean, false) as members_only
    from debates d join components c on c.id = d.component_id join spaces s on s.id = c.space_id
    where d.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(rows.rows.map((r) => [Number(r.id), factsOf(r)]));
}

function factsOf(r: FactsRow): ResourceFacts {
  const authorIds = r.author_id === null ? [] : [Number(r.author_id)];
  const resource: DebateResource = { id: Number(r.id), authorIds, official: r.author_id === null, closed: r.closed, hidden: r.hidden };
  return {
    type: "debate",
    id: Number(r.id),
    componentId: Number(r.component_id),
    spaceId: Number(r.space_id),
    title: r.title,
    url: componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`),
    authorIds,
    public: !r.hidden,
    membersOnly: r.members_only,
    permissionResource: resource,
  };
}

/** The same facts from a debate a page already loaded (no query). */
export function factsOfDetails(d: DebateDetails, space: { id: number; slug: string }, membersOnly: boolean): ResourceFacts {
  const authorIds = d.authorId === null ? [] : [d.authorId];
  const resource: DebateResource = { id: d.id, authorIds, official: d.official, closed: d.closedAt !== null, hidden: d.hiddenAt !== null };
  return {
    type: "debate",
    id: d.id,
    componentId: d.componentId,
    spaceId: space.id,
    title: d.title,
    url: componentPath(space, d.componentId, `/${d.id}`),
    authorIds,
    public: d.hiddenAt === null,
    membersOnly,
    permissionResource: resource,
  };
}

export const debateResourceKind: ResourceKind = {
  label: "debates.resource.label",
  load: loadDebateFacts,
  comments: { alignment: true, layout: "columns" },
  endorsements: true,
  setHidden: async (tx, ids, hidden) => {
    await tx.execute(sql`update debates set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`}, updated_at = now() where id = any(${sql.param(ids)}::bigint[])`);
  },
  // A moderator's correction replaces the title in the debate's own language.
  setTitle: async (tx, id, title) => {
    await tx.execute(sql`update debates set title = title || jsonb_build_object(language, ${title}::text), updated_at = now() where id = ${id}`);
  },
  authoredBy: async (db, userId) => (await db.execute<{ id: string }>(sql`select id from debates where author_id = ${userId}`)).rows.map((r) => Number(r.id)),
  events: {
    opened: { to: ["spaceFollowers"], message: "debates.notification.opened" },
    closed: { to: ["followers", "authors"], message: "debates.notification.closed" },
    reopened: { to: ["followers", "authors"], message: "debates.notification.reopened" },
  },
};
