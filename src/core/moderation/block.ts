/**
 * Blocking a participant organization-wide (organization admins): the account is refused at sign-in
 * with the reason, signed out everywhere, their comments and the resources they wrote are hidden, and
 * they receive the reason by mail in their language. Unblocking shows again what the block hid, and
 * only that: what moderators had hidden before stays hidden.
 *
 * What a block hides gets a moderation row whose `hidden_at` is the block's own time (both are the
 * transaction's `now()`), which is how unblocking finds it.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { destroyUserSessions } from "../accounts/sessions";
import { audit } from "../audit/audit";
import type { AppDeps } from "../http/deps";
import { fail, notFound, ok, type Result } from "../http/result";
import type { Locale } from "../i18n/locales";
import { listResourceKinds } from "../resources/kinds";
import { sendModerationMail } from "./mails";
import { setTargetsHidden, type Actor } from "./service";
import { COMMENT } from "./targets";

interface Person {
  id: number;
  name: string;
  email: string | null;
  locale: Locale | null;
  blocked: boolean;
  reason: string | null;
  deleted: boolean;
}

async function lockPerson(tx: Db, userId: number): Promise<Person | null> {
  const rows = await tx.execute<{ id: string; name: string; email: string | null; locale: Locale | null; blocked: boolean; reason: string | null; deleted: boolean }>(sql`
    select id, name, email, locale, blocked_at is not null as blocked, blocked_reason as reason, deleted_at is not null as deleted from users where id = ${userId} for update`);
  const r = rows.rows[0];
  return r ? { ...r, id: Number(r.id) } : null;
}

interface Owned {
  type: string;
  ids: number[];
  spaceIds: number[];
  componentIds: Array<number | null>;
}

/** Everything the person wrote that moderation can hide: comments, then each kind's resources (one query per kind). */
async function ownedContent(tx: Db, userId: number): Promise<Owned[]> {
  const comments = await tx.execute<{ id: string; space_id: string; component_id: string }>(sql`select id, space_id, component_id from comments where author_id = ${userId} and deleted_at is null`);
  const out: Owned[] = [{ type: COMMENT, ids: comments.rows.map((r) => Number(r.id)), spaceIds: comments.rows.map((r) => Number(r.space_id)), componentIds: comments.rows.map((r) => Number(r.component_id)) }];
  for (const { type, kind } of listResourceKinds()) {
    if (!kind.authoredBy || !kind.setHidden) continue;
    const ids = await kind.authoredBy(tx, userId);
    if (ids.length === 0) continue;
    const facts = [...(await kind.load(tx, ids)).values()];
    out.push({ type, ids: facts.map((f) => f.id), spaceIds: facts.map((f) => f.spaceId), componentIds: facts.map((f) => f.componentId) });
  }
  return out.filter((o) => o.ids.length > 0);
}

/**
 * Marks these things hidden by the block (rows created as needed, reviewed), one statement; returns
 * those it hid now, leaving alone what was hidden before.
 */
async function hideForBlock(tx: Db, actor: Actor, o: Owned): Promise<number[]> {
  const rows = await tx.execute<{ resource_id: string; now_hidden: boolean }>(sql`
    insert into moderations (space_id, component_id, resource_type, resource_id, hidden_at, hidden_by, reviewed_at)
    select s, c, ${o.type}, i, now(), ${actor.id}::bigint, now()
    from unnest(${sql.param(o.spaceIds)}::bigint[], ${sql.param(o.componentIds)}::bigint[], ${sql.param(o.ids)}::bigint[]) as x(s, c, i)
    on conflict (resource_type, resource_id) do update set
      hidden_by = case when moderations.hidden_at is null then excluded.hidden_by else moderations.hidden_by end,
      hidden_at = coalesce(moderations.hidden_at, excluded.hidden_at),
      reviewed_at = now(), updated_at = now()
    returning resource_id, hidden_at = now() as now_hidden`);
  const hidden = rows.rows.filter((r) => r.now_hidden).map((r) => Number(r.resource_id));
  await setTargetsHidden(tx, o.type, hidden, true);
  return hidden;
}

export async function blockParticipant(deps: Pick<AppDeps, "db" | "jobs">, actor: Actor, userId: number, reason: string): Promise<Result<{ name: string }>> {
  if (userId === actor.id) return fail({ _form: { key: "accounts.admin.notSelf" } });
  const done = await deps.db.transaction(async (tx) => {
    const person = await lockPerson(tx, userId);
    if (!person) throw notFound();
    if (person.deleted) return fail({ _form: { key: "accounts.admin.deletedAccount" } });
    if (person.blocked) return fail({ _form: { key: "moderation.block.already" } });
    await tx.execute(sql`update users set blocked_at = now(), blocked_reason = ${reason}, updated_at = now() where id = ${userId}`);
    // Signed out everywhere at once, not at their sessions' expiry.
    await destroyUserSessions(tx, userId);
    const hidden: Record<string, number> = {};
    for (const o of await ownedContent(tx, userId)) hidden[o.type] = (await hideForBlock(tx, actor, o)).length;
    await audit(tx, { actorId: actor.id, action: "user.block", resourceType: "user", resourceId: userId, before: { blocked: false }, after: { blocked: true, reason, hidden }, ip: actor.ip });
    return ok(person);
  });
  if (!done.ok) return done;
  if (done.value.email) await sendModerationMail(deps, done.value.email, done.value.locale, { kind: "blocked", name: done.value.name, reason });
  return ok({ name: done.value.name });
}

export async function unblockParticipant(deps: Pick<AppDeps, "db" | "jobs">, actor: Actor, userId: number): Promise<Result<{ name: string }>> {
  const done = await deps.db.transaction(async (tx) => {
    const person = await lockPerson(tx, userId);
    if (!person) throw notFound();
    if (person.deleted) return fail({ _form: { key: "accounts.admin.deletedAccount" } });
    if (!person.blocked) return fail({ _form: { key: "moderation.block.notBlocked" } });
    const shown: Record<string, number> = {};
    for (const o of await ownedContent(tx, userId)) {
      // What the block hid carries the block's time; what moderators hid earlier does not.
      const rows = await tx.execute<{ resource_id: string }>(sql`
        update moderations m set hidden_at = null, hidden_by = null, reviewed_at = now(), updated_at = now()
        where m.resource_type = ${o.type} and m.resource_id = any(${sql.param(o.ids)}::bigint[])
          and m.hidden_at = (select blocked_at from users where id = ${userId})
        returning m.resource_id`);
      const ids = rows.rows.map((r) => Number(r.resource_id));
      await setTargetsHidden(tx, o.type, ids, false);
      shown[o.type] = ids.length;
    }
    await tx.execute(sql`update users set blocked_at = null, blocked_reason = null, updated_at = now() where id = ${userId}`);
    await audit(tx, { actorId: actor.id, action: "user.unblock", resourceType: "user", resourceId: userId, before: { blocked: true, reason: person.reason }, after: { blocked: false, shown }, ip: actor.ip });
    return ok(person);
  });
  if (!done.ok) return done;
  if (done.value.email) await sendModerationMail(deps, done.value.email, done.value.locale, { kind: "unblocked", name: done.value.name });
  return ok({ name: done.value.name });
}
