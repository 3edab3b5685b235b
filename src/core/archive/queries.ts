/** Reading the archive: a space's snapshots (bounded), one snapshot with its parts' titles, one part. */
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../i18n/locales";
import { spaceSnapshotParts, spaceSnapshots } from "./schema";

/** The most snapshots a space's archive lists (a space has a handful of phases). */
export const ARCHIVE_LIST_LIMIT = 100;

export interface SnapshotSummary {
  id: number;
  stepId: number | null;
  stepTitle: Translatable;
  createdAt: Date;
}

export interface SnapshotPartSummary {
  id: number;
  manifest: string;
  title: Translatable;
}

/** A space's snapshots, oldest phase first (one query). */
export async function listSpaceSnapshots(db: Db, spaceId: number, limit = ARCHIVE_LIST_LIMIT): Promise<SnapshotSummary[]> {
  return db
    .select({ id: spaceSnapshots.id, stepId: spaceSnapshots.stepId, stepTitle: spaceSnapshots.stepTitle, createdAt: spaceSnapshots.createdAt })
    .from(spaceSnapshots)
    .where(eq(spaceSnapshots.spaceId, spaceId))
    .orderBy(asc(spaceSnapshots.createdAt), asc(spaceSnapshots.id))
    .limit(limit);
}

/** One snapshot of the space with its parts (titles only), or null (two queries). */
export async function findSpaceSnapshot(db: Db, spaceId: number, snapshotId: number): Promise<(SnapshotSummary & { parts: SnapshotPartSummary[] }) | null> {
  const [s] = await db
    .select({ id: spaceSnapshots.id, stepId: spaceSnapshots.stepId, stepTitle: spaceSnapshots.stepTitle, createdAt: spaceSnapshots.createdAt })
    .from(spaceSnapshots)
    .where(and(eq(spaceSnapshots.id, snapshotId), eq(spaceSnapshots.spaceId, spaceId)));
  if (!s) return null;
  const parts = await db
    .select({ id: spaceSnapshotParts.id, manifest: spaceSnapshotParts.manifest, title: spaceSnapshotParts.title })
    .from(spaceSnapshotParts)
    .where(eq(spaceSnapshotParts.snapshotId, s.id))
    .orderBy(asc(spaceSnapshotParts.position), asc(spaceSnapshotParts.id));
  return { ...s, parts };
}

/** One part of a snapshot with its stored HTML, or null. */
export async function findSnapshotPart(db: Db, snapshotId: number, partId: number): Promise<(SnapshotPartSummary & { html: Translatable }) | null> {
  const [p] = await db
    .select({ id: spaceSnapshotParts.id, manifest: spaceSnapshotParts.manifest, title: spaceSnapshotParts.title, html: spaceSnapshotParts.html })
    .from(spaceSnapshotParts)
    .where(and(eq(spaceSnapshotParts.id, partId), eq(spaceSnapshotParts.snapshotId, snapshotId)))
    .orderBy(desc(spaceSnapshotParts.id));
  return p ?? null;
}
