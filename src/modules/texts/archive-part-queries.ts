/**
 * The texts component's part of the space archive reuses the texts' own stage snapshots: each published
 * text's snapshot for the closing step, frozen now through `freezeSnapshot` when the texts' sweep has not
 * made it yet, then read in one query.
 */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { freezeSnapshot, type SnapshotData } from "./archive";
import { textSnapshots, texts } from "./schema";

export interface ArchivedText {
  textId: number;
  snapshotId: number;
  title: Snapshot["title"];
  data: SnapshotData;
}
type Snapshot = typeof textSnapshots.$inferSelect;

export async function textSnapshotsForStep(db: Db, by: { actorId: number | null; spaceId: number }, componentId: number, stepId: number | null): Promise<ArchivedText[]> {
  const rows = await db
    .select({
      textId: texts.id,
      snapshotId: sql<number | null>`(select x.id from text_snapshots x where x.text_id = ${texts.id} and x.step_id is not distinct from ${stepId}::bigint order by x.id limit 1)`.mapWith((v: unknown) => (v === null ? null : Number(v))),
    })
    .from(texts)
    .where(and(eq(texts.componentId, componentId), eq(texts.published, true), isNotNull(texts.currentVersionId)))
    .orderBy(texts.weight, texts.id)
    .limit(200);
  const ids: number[] = [];
  for (const r of rows) {
    const id = r.snapshotId ?? (await freezeSnapshot(db, { id: by.actorId, ip: null, spaceId: by.spaceId }, r.textId, stepId, { once: true }));
    if (id !== null) ids.push(id);
  }
  if (ids.length === 0) return [];
  const snapshots = await db.select({ id: textSnapshots.id, textId: textSnapshots.textId, title: textSnapshots.title, data: textSnapshots.data }).from(textSnapshots).where(inArray(textSnapshots.id, ids));
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  return ids.flatMap((id) => {
    const s = byId.get(id);
    return s ? [{ textId: s.textId, snapshotId: s.id, title: s.title, data: s.data as SnapshotData }] : [];
  });
}
