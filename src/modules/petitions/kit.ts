/**
 * Petitions as a resource kind of the participation kit: people comment on a petition (for, against
 * or neutral), follow it, report it; moderation hides it; its events reach its followers.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { MessageKey } from "../../core/i18n/catalogues";
import type { ResourceEvent, ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { STATE_LABELS } from "./labels";
import { ALL_STATES, isPetitionState, PUBLIC_STATES } from "./states";
import type { PetitionState } from "./schema";

/** The milestones of progress towards the threshold the author is told of (percent). */
export const MILESTONES = [33, 66, 100] as const;

/**
 * What a petition tells (`notify(tx, { type: "petition", id }, name, { values })`): each new state
 * (`state.<state>`, values `{ state }`) to its author and followers; each milestone (`progress.<percent>`,
 * values `{ percent }`) to its author only. The notification kinds stay `petition.state.<state>` and
 * `petition.progress.<percent>`, as before the kit.
 */
export const petitionEvents: Record<string, ResourceEvent> = {
  ...Object.fromEntries(
    ALL_STATES.map((state) => [
      `state.${state}`,
      {
        to: ["authors", "followers"],
        message: "petitions.notification.state",
        keyedValues: (values): Record<string, MessageKey> => (typeof values.state === "string" && isPetitionState(values.state) ? { state: STATE_LABELS[values.state] } : {}),
        mail: { subject: "petitions.mail.stateSubject", body: "petitions.mail.stateBody" },
      } satisfies ResourceEvent,
    ]),
  ),
  ...Object.fromEntries(
    MILESTONES.map((percent) => [
      `progress.${percent}`,
      { to: ["authors"], message: "petitions.notification.progress", mail: { subject: "petitions.mail.progressSubject", body: "petitions.mail.progressBody" } } satisfies ResourceEvent,
    ]),
  ),
};

/** A petition's facts from what a page has already read of it (no query). */
export function petitionFacts(p: { id: number; componentId: number; spaceId: number; title: string; authorId: number | null; state: PetitionState; hidden: boolean }): ResourceFacts {
  return {
    type: "petition",
    id: p.id,
    componentId: p.componentId,
    spaceId: p.spaceId,
    title: p.title,
    url: `/petitions/${p.id}`,
    authorIds: p.authorId === null ? [] : [p.authorId],
    public: PUBLIC_STATES.includes(p.state) && !p.hidden,
    permissionResource: { authorId: p.authorId, state: p.state },
  };
}

/** The facts of these petitions, one query. */
export async function loadPetitionFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ id: string; component_id: string; space_id: string; title: string; author_id: string | null; state: PetitionState; hidden: boolean }>(sql`
    select p.id, p.component_id, c.space_id, p.title, p.author_id, p.state, p.hidden_at is not null as hidden
    from petitions p join components c on c.id = p.component_id
    where p.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      petitionFacts({
        id: Number(r.id),
        componentId: Number(r.component_id),
        spaceId: Number(r.space_id),
        title: r.title,
        authorId: r.author_id === null ? null : Number(r.author_id),
        state: r.state,
        hidden: r.hidden,
      }),
    ]),
  );
}

export const petitionResourceKind: ResourceKind = {
  label: "petitions.resource.label",
  load: loadPetitionFacts,
  comments: { alignment: true },
  setHidden: async (tx, ids, hidden) => {
    await tx.execute(sql`update petitions set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`}, updated_at = now() where id = any(${sql.param(ids)}::bigint[])`);
  },
  setTitle: async (tx, id, title) => {
    await tx.execute(sql`update petitions set title = ${title}, updated_at = now() where id = ${id}`);
  },
  events: petitionEvents,
  authoredBy: async (db, userId) => (await db.execute<{ id: string }>(sql`select id from petitions where author_id = ${userId}`)).rows.map((r) => Number(r.id)),
};
