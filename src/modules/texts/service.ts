/**
 * Texts and their drafts: creating a text from Markdown, saving the draft's Markdown, and writing a
 * version's blocks. A draft's blocks are aligned with the current published version at every save
 * (the engine's `alignBlocks`): a same, moved or changed block reuses that version's block identity (a
 * `text_blocks` row), a new block gets a provisional identity created in the draft, replaced at the next
 * save. So the preview shows what publishing will keep, and publishing (publish.ts) re-aligns once more.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { Translatable } from "../../core/i18n/locales";
import type { Actor } from "../../core/spaces/service";
import { alignBlocks } from "../../engines/texts/align";
import { parseText, type ParsedBlock } from "../../engines/texts/parse";
import { textBlocks, texts, textVersionBlocks, textVersions } from "./schema";

/** A text's structure counts, as `pnyx texts import --json` prints them. */
export interface BlockCounts {
  blocks: number;
  /** Headings: sections and articles. */
  sections: number;
}

export function countBlocks(blocks: readonly { kind: string }[]): BlockCounts {
  return { blocks: blocks.length, sections: blocks.filter((b) => b.kind === "section" || b.kind === "article").length };
}

export interface NewText {
  componentId: number;
  spaceId: number;
  title: Translatable;
  description: Translatable;
  /** The language the text is written in. */
  locale: string;
  markdown: string;
}

/** Creates a text with a draft version (number 1) made of `markdown`'s blocks; audited. */
export async function createText(tx: Db, actor: Actor | null, input: NewText): Promise<{ textId: number; versionId: number } & BlockCounts> {
  const [text] = await tx
    .insert(texts)
    .values({ componentId: input.componentId, title: input.title, description: input.description, locale: input.locale, weight: sql`(select coalesce(max(weight), -1) + 1 from texts where component_id = ${input.componentId})` })
    .returning({ id: texts.id });
  if (!text) throw new Error("texts: insert returned no row");
  const [version] = await tx.insert(textVersions).values({ textId: text.id, number: 1, status: "draft", source: input.markdown, createdBy: actor?.id ?? null }).returning({ id: textVersions.id });
  if (!version) throw new Error("text_versions: insert returned no row");
  const counts = await writeDraftBlocks(tx, text.id, version.id, input.markdown);
  await audit(tx, { actorId: actor?.id ?? null, action: "texts.create", resourceType: "text", resourceId: text.id, spaceId: input.spaceId, after: { title: input.title, versionId: version.id, ...counts }, ip: actor?.ip ?? null });
  return { textId: text.id, versionId: version.id, ...counts };
}

/** A published version's blocks in order (identity and wording), one query. */
export async function versionBlocks(db: Db, versionId: number) {
  return db
    .select({ blockId: textVersionBlocks.blockId, body: textVersionBlocks.body, kind: textVersionBlocks.kind, translations: textVersionBlocks.translations })
    .from(textVersionBlocks)
    .where(eq(textVersionBlocks.versionId, versionId))
    .orderBy(asc(textVersionBlocks.position));
}

/**
 * Replaces the draft `versionId`'s blocks by `markdown`'s, aligned with the text's current published
 * version: identities carried across, translations kept where the wording is unchanged.
 */
export async function writeDraftBlocks(tx: Db, textId: number, versionId: number, markdown: string): Promise<BlockCounts> {
  const parsed = parseText(markdown).blocks;
  const [current] = await tx.select({ versionId: texts.currentVersionId }).from(texts).where(eq(texts.id, textId));
  const previous = current?.versionId && current.versionId !== versionId ? await versionBlocks(tx, current.versionId) : [];
  const matches = alignBlocks(
    previous.map((b) => b.body),
    parsed.map((b) => b.text),
  );
  await tx.delete(textVersionBlocks).where(eq(textVersionBlocks.versionId, versionId));
  // The draft's own provisional identities, in no version now.
  await tx.execute(sql`delete from text_blocks b where b.created_in_version_id = ${versionId} and not exists (select 1 from text_version_blocks vb where vb.block_id = b.id)`);
  const newCount = matches.filter((m) => m.oldIndex === null).length;
  const fresh = newCount === 0 ? [] : await tx.insert(textBlocks).values(Array.from({ length: newCount }, () => ({ textId, createdInVersionId: versionId }))).returning({ id: textBlocks.id });
  let f = 0;
  const rows = parsed.map((block: ParsedBlock, position) => {
    const m = matches[position];
    const old = m && m.oldIndex !== null ? previous[m.oldIndex] : undefined;
    const blockId = old ? old.blockId : fresh[f++]?.id;
    if (blockId === undefined) throw new Error("texts: alignment gave fewer new blocks than counted");
    const change = m?.change ?? "new";
    return {
      versionId,
      blockId,
      position,
      kind: block.kind,
      level: block.level,
      number: block.number ?? null,
      body: block.text,
      translations: old && (change === "same" || change === "moved") ? old.translations : {},
      change,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(textVersionBlocks).values(rows.slice(i, i + 1000));
  return countBlocks(parsed);
}

/** The text's draft version, or null. */
export async function findDraft(db: Db, textId: number) {
  const [draft] = await db.select().from(textVersions).where(and(eq(textVersions.textId, textId), eq(textVersions.status, "draft")));
  return draft ?? null;
}

/**
 * The text's draft, created from the current published version's source when there is none (numbered
 * after the last version). The caller holds the text's row lock.
 */
export async function ensureDraft(tx: Db, textId: number, actorId: number | null) {
  const existing = await findDraft(tx, textId);
  if (existing) return existing;
  const [base] = await tx.execute<{ source: string | null; next: number }>(sql`
    select (select v.source from text_versions v where v.id = t.current_version_id) as source,
      (select coalesce(max(number), 0) + 1 from text_versions v where v.text_id = t.id)::int as next
    from texts t where t.id = ${textId}`).then((r) => r.rows);
  const source = base?.source ?? "";
  const [draft] = await tx.insert(textVersions).values({ textId, number: base?.next ?? 1, status: "draft", source, createdBy: actorId }).returning();
  if (!draft) throw new Error("text_versions: insert returned no row");
  await writeDraftBlocks(tx, textId, draft.id, source);
  return draft;
}

/** Locks the text's row (one publication or draft save at a time); null when it is not in the component. */
export async function lockText(tx: Db, componentId: number, textId: number) {
  const rows = await tx.select().from(texts).where(and(eq(texts.id, textId), eq(texts.componentId, componentId))).for("update");
  return rows[0] ?? null;
}

/** Saves the draft's Markdown (creating the draft when needed) and its blocks; audited. */
export async function saveDraft(tx: Db, actor: Actor, place: { componentId: number; spaceId: number }, textId: number, markdown: string): Promise<({ versionId: number } & BlockCounts) | null> {
  const text = await lockText(tx, place.componentId, textId);
  if (!text) return null;
  const draft = await ensureDraft(tx, textId, actor.id);
  await tx.update(textVersions).set({ source: markdown }).where(eq(textVersions.id, draft.id));
  const counts = await writeDraftBlocks(tx, textId, draft.id, markdown);
  await tx.update(texts).set({ updatedAt: new Date() }).where(eq(texts.id, textId));
  await audit(tx, { actorId: actor.id, action: "texts.draft.save", resourceType: "text", resourceId: textId, spaceId: place.spaceId, before: { source: draft.source }, after: { versionId: draft.id, ...counts }, ip: actor.ip });
  return { versionId: draft.id, ...counts };
}

/** Finds the space's first texts component, creating it (published) when it has none. */
export async function textsComponentOf(tx: Db, spaceId: number, settings: unknown): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`texts-component:${spaceId}`}, 0))`);
  const existing = await tx.execute<{ id: string }>(sql`select id from components where space_id = ${spaceId} and manifest = 'texts' order by weight, id limit 1`);
  if (existing.rows[0]) return Number(existing.rows[0].id);
  const name: Translatable = { en: "Texts", fr: "Textes", nl: "Teksten", de: "Texte" };
  const comp = await tx.execute<{ id: string }>(sql`
    insert into components (space_id, manifest, name, weight, settings, published_at)
    values (${spaceId}, 'texts', ${JSON.stringify(name)}::jsonb, (select coalesce(max(weight), -1) + 1 from components where space_id = ${spaceId}), ${JSON.stringify(settings)}::jsonb, now())
    returning id`);
  return Number(comp.rows[0]?.id);
}
