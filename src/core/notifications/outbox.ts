/**
 * `notify(tx, resource, event)`: the one way a component (or the kit) tells people something happened.
 * It writes one row of the event outbox in the caller's transaction, so the event exists exactly when
 * the change does; the relay job (src/core/notifications/relay.ts) fans it out afterwards, outside the
 * request, to the audiences the event declares (followers, authors, mentioned people, the space's
 * admins), in the app always and by mail as each person chose.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ResourceEvent, ResourceRef } from "../resources/kinds";

export interface NotifyOptions {
  /** Who caused it: never told of their own action. */
  actorId?: number | null;
  /** Values for the event's messages besides the resource's `title`. */
  values?: Record<string, string | number>;
  /** People named by the event itself: `mentioned` (@mentions), `parentAuthor` (the comment replied to). */
  recipients?: { mentioned?: number[]; parentAuthor?: number[] };
}

/**
 * Events the kit itself raises on any resource kind (a kind's own `events` take precedence on a
 * name clash, which a kind should avoid).
 */
export const KIT_EVENTS: Record<string, ResourceEvent> = {};

/** Declares a kit event (comments, co-authorship, moderation register theirs at import). */
export function defineKitEvent(name: string, event: ResourceEvent): void {
  KIT_EVENTS[name] = event;
}

/** Records the event in the caller's transaction; the relay delivers it. */
export async function notify(tx: Db, resource: ResourceRef, event: string, options: NotifyOptions = {}): Promise<void> {
  await tx.execute(sql`
    insert into event_outbox (event, resource_type, resource_id, actor_id, values, extra_recipients)
    values (${event}, ${resource.type}, ${resource.id}, ${options.actorId ?? null}, ${JSON.stringify(options.values ?? {})}::jsonb, ${JSON.stringify(options.recipients ?? {})}::jsonb)`);
}
