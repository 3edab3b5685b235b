/**
 * The space archive (ADR 20): when a phase closes — the space's active step changes, by an
 * administrator or by date, or an administrator closes the phase explicitly — the space's published
 * components are frozen into one snapshot for that (space, step). The unique index on (space, step)
 * makes it once: a second close racing the first waits on the index, then finds it. Each component
 * freezes its own part through its manifest's `archive` hook, in the snapshot's transaction, and the
 * core stores the part rendered in every language; nothing in a snapshot is read from live tables again.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { getComponentManifest } from "../components/registry";
import { getOrganization } from "../organization/service";
import { findSpaceById, listComponents } from "../spaces/queries";
import { spaces, steps } from "../spaces/schema";
import { makeActive } from "../spaces/steps-service";
import { renderInLanguages } from "./render";
import { spaceSnapshotParts, spaceSnapshots } from "./schema";

export const ARCHIVE_JOB = "archive.closed-phases";
/** Every minute: a phase closed by date or by a step change is archived within a minute or two. */
export const ARCHIVE_CRON = "* * * * *";

export interface ArchiveActor {
  actorId: number | null;
  ip: string | null;
}

/**
 * The snapshot of `spaceId` at the close of `stepId`: made now with every published component's part,
 * or the one that exists (`created: false`). Null when the step is not the space's.
 */
export async function archivePhase(db: Db, by: ArchiveActor, spaceId: number, stepId: number): Promise<{ id: number; created: boolean } | null> {
  return db.transaction(async (tx) => {
    // One query at a time: a transaction's connection runs them in turn anyway.
    const [step] = await tx.select({ title: steps.title }).from(steps).where(and(eq(steps.id, stepId), eq(steps.spaceId, spaceId)));
    const space = step ? await findSpaceById(tx, spaceId) : null;
    if (!step || !space) return null;
    const inserted = await tx.execute<{ id: string }>(sql`
      insert into space_snapshots (space_id, step_id, step_title, created_by)
      values (${spaceId}, ${stepId}, ${JSON.stringify(step.title)}::jsonb, ${by.actorId})
      on conflict (space_id, step_id) where step_id is not null do nothing
      returning id`);
    const row = inserted.rows[0];
    if (!row) {
      const [existing] = await tx.select({ id: spaceSnapshots.id }).from(spaceSnapshots).where(and(eq(spaceSnapshots.spaceId, spaceId), eq(spaceSnapshots.stepId, stepId)));
      if (!existing) throw new Error("snapshot conflict without a snapshot");
      return { id: existing.id, created: false };
    }
    const snapshotId = Number(row.id);
    const org = await getOrganization(tx);
    const parts: Array<typeof spaceSnapshotParts.$inferInsert> = [];
    for (const component of await listComponents(tx, spaceId, false)) {
      const hook = getComponentManifest(component.manifest)?.archive;
      if (!hook) continue;
      const part = await hook(tx, { space, component, stepId, actorId: by.actorId });
      if (!part) continue;
      parts.push({ snapshotId, componentId: component.id, manifest: component.manifest, title: component.name, html: renderInLanguages(org, part), position: parts.length });
    }
    if (parts.length > 0) await tx.insert(spaceSnapshotParts).values(parts);
    await audit(tx, {
      actorId: by.actorId,
      action: "space_snapshot.create",
      resourceType: "space",
      resourceId: spaceId,
      spaceId,
      after: { snapshotId, stepId, parts: parts.map((p) => p.manifest) },
      ip: by.ip,
    });
    return { id: snapshotId, created: true };
  });
}

/**
 * The administrator's "close this phase and archive": the next phase becomes current (audited as any
 * activation), then the closed one is archived. The last phase stays current and is archived all the
 * same. Null when the space has no current phase.
 */
export async function closePhaseAndArchive(db: Db, by: { actorId: number; ip: string | null }, spaceId: number): Promise<{ snapshotId: number; stepId: number } | null> {
  const closed = await db.transaction(async (tx) => {
    await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, spaceId)).for("update");
    const list = await tx.select({ id: steps.id, active: steps.active }).from(steps).where(eq(steps.spaceId, spaceId)).orderBy(asc(steps.position), asc(steps.id));
    const i = list.findIndex((s) => s.active);
    const current = list[i];
    if (!current) return null;
    const next = list[i + 1];
    if (next) await makeActive(tx, { actorId: by.actorId, ip: by.ip }, spaceId, next.id);
    return current.id;
  });
  if (closed === null) return null;
  const snapshot = await archivePhase(db, by, spaceId, closed);
  return snapshot ? { snapshotId: snapshot.id, stepId: closed } : null;
}

/**
 * The sweep: every step activation of the last `days` days (the core audits each one, by an
 * administrator or by date) closed the step active before it; each such (space, step) without a
 * snapshot gets one, attributed to whoever changed the step.
 */
export async function archiveClosedPhases(db: Db, days = 2): Promise<number> {
  const due = await db.execute<{ space_id: string; step_id: string; actor_id: string | null }>(sql`
    select distinct on (l.space_id, (l.before->>'activeStepId')::bigint) l.space_id, (l.before->>'activeStepId')::bigint as step_id, l.actor_id
    from audit_log l
    where l.action = 'step.activate' and l.created_at > now() - make_interval(days => ${days})
      and l.before->>'activeStepId' is not null
      and (l.before->>'activeStepId') <> (l.after->>'activeStepId')
      and exists (select 1 from steps s where s.id = (l.before->>'activeStepId')::bigint and s.space_id = l.space_id)
      and not exists (select 1 from space_snapshots x where x.space_id = l.space_id and x.step_id = (l.before->>'activeStepId')::bigint)
    order by l.space_id, (l.before->>'activeStepId')::bigint, l.created_at
    limit 100`);
  let made = 0;
  for (const r of due.rows) {
    const done = await archivePhase(db, { actorId: r.actor_id === null ? null : Number(r.actor_id), ip: null }, Number(r.space_id), Number(r.step_id));
    if (done?.created) made += 1;
  }
  return made;
}
