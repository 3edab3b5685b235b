/**
 * The read side of texts: the component's list, a text with one version's blocks and each block's
 * counts (comments, annotations, amendments: one aggregate query), the versions' history. A page
 * costs a fixed number of queries whatever the number of blocks.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { texts, textVersionBlocks, textVersions, type BlockKind } from "./schema";

export interface TextSummary {
  id: number;
  title: Translatable;
  description: Translatable;
  published: boolean;
  currentVersionId: number | null;
  /** The current published version's number, if any. */
  currentNumber: number | null;
  /** The draft's number, if a draft exists. */
  draftNumber: number | null;
  blocks: number;
}

/** The component's texts, in order; `publicOnly` leaves out those never published. One query. */
export async function listTexts(db: Db, componentId: number, publicOnly: boolean): Promise<TextSummary[]> {
  const rows = await db.execute<{ id: string; title: Translatable; description: Translatable; published: boolean; current_version_id: string | null; current_number: number | null; draft_number: number | null; blocks: number }>(sql`
    select t.id, t.title, t.description, t.published, t.current_version_id,
      (select v.number from text_versions v where v.id = t.current_version_id) as current_number,
      (select v.number from text_versions v where v.text_id = t.id and v.status = 'draft' limit 1) as draft_number,
      (select count(*)::int from text_version_blocks vb where vb.version_id = coalesce(t.current_version_id, (select v.id from text_versions v where v.text_id = t.id and v.status = 'draft' limit 1))) as blocks
    from texts t where t.component_id = ${componentId} ${publicOnly ? sql`and t.published and t.current_version_id is not null` : sql``}
    order by t.weight, t.id`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    description: r.description,
    published: r.published,
    currentVersionId: r.current_version_id === null ? null : Number(r.current_version_id),
    currentNumber: r.current_number,
    draftNumber: r.draft_number,
    blocks: r.blocks,
  }));
}

export type TextRecord = typeof texts.$inferSelect;
export type VersionRecord = typeof textVersions.$inferSelect;

/** A text of the component, or null. */
export async function findText(db: Db, componentId: number, textId: number): Promise<TextRecord | null> {
  const [t] = await db.select().from(texts).where(and(eq(texts.id, textId), eq(texts.componentId, componentId)));
  return t ?? null;
}

/** The text's versions, newest first (drafts included: the caller filters). One query. */
export async function listVersions(db: Db, textId: number): Promise<VersionRecord[]> {
  return db.select().from(textVersions).where(eq(textVersions.textId, textId)).orderBy(desc(textVersions.number));
}

export interface VersionBlock {
  blockId: number;
  position: number;
  kind: BlockKind;
  level: number;
  number: string | null;
  body: string;
  translations: Translatable;
  change: "same" | "changed" | "moved" | "new";
}

/** A version's blocks in order. One query. */
export async function loadVersionBlocks(db: Db, versionId: number): Promise<VersionBlock[]> {
  return db
    .select({
      blockId: textVersionBlocks.blockId,
      position: textVersionBlocks.position,
      kind: textVersionBlocks.kind,
      level: textVersionBlocks.level,
      number: textVersionBlocks.number,
      body: textVersionBlocks.body,
      translations: textVersionBlocks.translations,
      change: textVersionBlocks.change,
    })
    .from(textVersionBlocks)
    .where(eq(textVersionBlocks.versionId, versionId))
    .orderBy(asc(textVersionBlocks.position));
}

export interface BlockCounts {
  comments: number;
  annotations: number;
  amendments: number;
}

/**
 * The public counts of a version's blocks: visible comments (the kit's `text_block`), anchored
 * annotations and amendments neither withdrawn nor hidden; blocks without any are absent. One
 * aggregate query, whatever the number of blocks.
 */
export async function loadBlockCounts(db: Db, textId: number, versionId: number): Promise<Map<number, BlockCounts>> {
  const rows = await db.execute<{ id: string; comments: number; annotations: number; amendments: number }>(sql`
    select id, sum(c)::int as comments, sum(a)::int as annotations, sum(m)::int as amendments from (
      select resource_id as id, count(*) as c, 0 as a, 0 as m from comments
      where resource_type = 'text_block' and resource_id in (select block_id from text_version_blocks where version_id = ${versionId}) and deleted_at is null and hidden_at is null
      group by resource_id
      union all
      select block_id, 0, count(*), 0 from text_annotations where text_id = ${textId} and block_id is not null and status = 'anchored' and hidden_at is null group by block_id
      union all
      select block_id, 0, 0, count(*) from text_amendments where text_id = ${textId} and block_id is not null and status <> 'withdrawn' and hidden_at is null group by block_id
    ) x group by id`);
  return new Map(rows.rows.map((r) => [Number(r.id), { comments: r.comments, annotations: r.annotations, amendments: r.amendments }]));
}

/** The number of orphaned annotations of a text (shown with a link to their list). One query. */
export async function countOrphans(db: Db, textId: number): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(sql`text_annotations`).where(sql`text_id = ${textId} and status = 'orphaned' and hidden_at is null`);
  return r?.n ?? 0;
}

/** A published version of the text by number, or null. */
export async function findPublishedVersion(db: Db, textId: number, number: number): Promise<VersionRecord | null> {
  const [v] = await db.select().from(textVersions).where(and(eq(textVersions.textId, textId), eq(textVersions.number, number), eq(textVersions.status, "published")));
  return v ?? null;
}

/** Versions by id (a page's few), one query. */
export async function versionsById(db: Db, ids: number[]): Promise<VersionRecord[]> {
  if (ids.length === 0) return [];
  return db.select().from(textVersions).where(inArray(textVersions.id, ids));
}

