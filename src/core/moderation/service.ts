/**
 * Reports and moderators' decisions. A thing's `moderations` row is created by its first report (or
 * a moderator's hide) and locked by every later change, so reports sent at the same moment neither
 * count twice nor miss the threshold. Past the organization's threshold of reports from different
 * people since the last review, the thing is hidden until a moderator reviews it. Every decision is
 * audited in its transaction, with the moderator's note.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { fail, ok, type Result } from "../http/result";
import { localize } from "../i18n/translator";
import { getResourceKind } from "../resources/kinds";
import { setCommentsHidden } from "./comment-rows";
import type { ReportReason } from "./schema";
import { COMMENT, loadTargets, targetKey, type Target } from "./targets";

export interface Actor {
  id: number;
  ip: string | null;
}

/** The organization's threshold when none is stored (no organization row yet). */
export const DEFAULT_REPORT_THRESHOLD = 3;

export interface ModerationRow {
  id: number;
  spaceId: number;
  componentId: number | null;
  resourceType: string;
  resourceId: number;
  reportCount: number;
  hidden: boolean;
  /** Reported (or hidden automatically) since a moderator last reviewed it. */
  pending: boolean;
}

type RawRow = { id: string; space_id: string; component_id: string | null; resource_type: string; resource_id: string; report_count: number; hidden: boolean; pending: boolean };
/**
 * `reviewed_at` is the last review; every report (and an automatic hide) moves `updated_at`, so a
 * thing waits for review while it was never reviewed or changed since.
 */
export const PENDING = sql`(reviewed_at is null or updated_at > reviewed_at)`;
const COLUMNS = sql`id, space_id, component_id, resource_type, resource_id, report_count, hidden_at is not null as hidden, ${PENDING} as pending`;

function toRow(r: RawRow): ModerationRow {
  return {
    id: Number(r.id),
    spaceId: Number(r.space_id),
    componentId: r.component_id === null ? null : Number(r.component_id),
    resourceType: r.resource_type,
    resourceId: Number(r.resource_id),
    reportCount: r.report_count,
    hidden: r.hidden,
    pending: r.pending,
  };
}

export async function findModeration(db: Db, id: number): Promise<ModerationRow | null> {
  const rows = await db.execute<RawRow>(sql`select ${COLUMNS} from moderations where id = ${id}`);
  const r = rows.rows[0];
  return r ? toRow(r) : null;
}

/** The thing's moderation row, created if needed, locked until the transaction ends. */
async function lockModeration(tx: Db, target: Pick<Target, "type" | "id" | "spaceId" | "componentId">): Promise<ModerationRow> {
  await tx.execute(sql`
    insert into moderations (space_id, component_id, resource_type, resource_id)
    values (${target.spaceId}, ${target.componentId}, ${target.type}, ${target.id})
    on conflict (resource_type, resource_id) do nothing`);
  const rows = await tx.execute<RawRow>(sql`select ${COLUMNS} from moderations where resource_type = ${target.type} and resource_id = ${target.id} for update`);
  const r = rows.rows[0];
  if (!r) throw new Error(`moderation of ${target.type} ${target.id} vanished`);
  return toRow(r);
}

/** Hides or shows again things of one type, in their own tables (a comment, or through its kind). */
export async function setTargetsHidden(tx: Db, type: string, ids: number[], hidden: boolean): Promise<void> {
  if (ids.length === 0) return;
  if (type === COMMENT) return setCommentsHidden(tx, ids, hidden);
  const kind = getResourceKind(type);
  // A kind that cannot hide its resources still has them listed in the queue as hidden.
  await kind?.setHidden?.(tx, ids, hidden);
}

async function reportThreshold(tx: Db): Promise<number> {
  const rows = await tx.execute<{ n: number }>(sql`select report_threshold as n from organizations where id = 1`);
  return rows.rows[0]?.n ?? DEFAULT_REPORT_THRESHOLD;
}

export type ReportOutcome = "reported" | "already";

/**
 * One person's report. A second report of the same thing by the same person changes nothing
 * ("already"). Hidden once the reports from different people since the last review reach the
 * organization's threshold.
 */
export async function report(db: Db, reporter: Actor, target: Target, input: { reason: ReportReason; details?: string | undefined }): Promise<ReportOutcome> {
  return db.transaction(async (tx) => {
    const m = await lockModeration(tx, target);
    const inserted = await tx.execute(sql`
      insert into reports (moderation_id, user_id, reason, details) values (${m.id}, ${reporter.id}, ${input.reason}, ${input.details ?? null})
      on conflict (moderation_id, user_id) do nothing returning id`);
    if (inserted.rows.length === 0) return "already";
    const [counted] = (
      await tx.execute<{ pending: number; hidden: boolean }>(sql`
        update moderations m set report_count = report_count + 1, updated_at = now()
        where id = ${m.id}
        returning (select count(*)::int from reports r where r.moderation_id = m.id and r.created_at > coalesce(m.reviewed_at, '-infinity')) as pending, hidden_at is not null as hidden`)
    ).rows;
    const threshold = await reportThreshold(tx);
    if (counted && !counted.hidden && counted.pending >= threshold) {
      await tx.execute(sql`update moderations set hidden_at = now(), hidden_by = null where id = ${m.id}`);
      await setTargetsHidden(tx, target.type, [target.id], true);
      await audit(tx, { actorId: null, action: "moderation.auto_hide", resourceType: target.type, resourceId: target.id, spaceId: target.spaceId, after: { hidden: true, reports: counted.pending, threshold } });
    }
    return "reported";
  });
}

export type Decision = "hide" | "unhide" | "keep";

/**
 * A moderator's decision on a thing: hide it, show it again, or keep it as it is. Each marks it
 * reviewed: only reports made after it count towards hiding it again.
 */
export async function decide(db: Db, actor: Actor, target: Pick<Target, "type" | "id" | "spaceId" | "componentId">, decision: Decision, note: string | undefined): Promise<ModerationRow> {
  return db.transaction(async (tx) => {
    const before = await lockModeration(tx, target);
    const hide = decision === "keep" ? before.hidden : decision === "hide";
    const rows = await tx.execute<RawRow>(sql`
      update moderations set
        hidden_at = ${hide ? sql`coalesce(hidden_at, now())` : sql`null`},
        hidden_by = ${hide ? sql`case when hidden_at is null then ${actor.id}::bigint else hidden_by end` : sql`null`},
        reviewed_at = now(), updated_at = now()
      where id = ${before.id} returning ${COLUMNS}`);
    if (hide !== before.hidden) await setTargetsHidden(tx, target.type, [target.id], hide);
    await audit(tx, {
      actorId: actor.id,
      action: `moderation.${decision}`,
      resourceType: target.type,
      resourceId: target.id,
      spaceId: target.spaceId,
      before: { hidden: before.hidden },
      after: { hidden: hide, note: note ?? null },
      ip: actor.ip,
    });
    const r = rows.rows[0];
    if (!r) throw new Error("moderation row vanished");
    return toRow(r);
  });
}

/** The target a moderation row is about (null once the thing is gone). */
export async function targetOf(db: Db, m: ModerationRow): Promise<Target | null> {
  return (await loadTargets(db, [{ type: m.resourceType, id: m.resourceId }])).get(targetKey(m.resourceType, m.resourceId)) ?? null;
}

/** Whether moderators may correct this thing's title (comments: never; a kind: when it says how). */
export const canEditTitle = (type: string): boolean => type !== COMMENT && Boolean(getResourceKind(type)?.setTitle);

/** A moderator's correction of a resource's title, with the note saying why (audited, marked reviewed). */
export async function editTitle(db: Db, actor: Actor, m: ModerationRow, title: string, note: string): Promise<Result<{ before: string }>> {
  const kind = m.resourceType === COMMENT ? undefined : getResourceKind(m.resourceType);
  const setTitle = kind?.setTitle;
  if (!kind || !setTitle) return fail({ _form: { key: "moderation.title.notEditable" } });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from moderations where id = ${m.id} for update`);
    const facts = (await kind.load(tx, [m.resourceId])).get(m.resourceId);
    if (!facts) return fail({ _form: { key: "moderation.queue.gone" } });
    const before = typeof facts.title === "string" ? facts.title : localize(facts.title, "en").text;
    await setTitle(tx, m.resourceId, title);
    await tx.execute(sql`update moderations set reviewed_at = now(), updated_at = now() where id = ${m.id}`);
    await audit(tx, { actorId: actor.id, action: "moderation.title", resourceType: m.resourceType, resourceId: m.resourceId, spaceId: m.spaceId, before: { title: before }, after: { title, note }, ip: actor.ip });
    return ok({ before });
  });
}
