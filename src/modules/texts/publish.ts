/**
 * Publishing a text's draft as its next version: its blocks aligned once more with the current version
 * (identities carried, service.ts), who, why and when recorded, every anchored annotation re-anchored
 * by the engine (`reanchorSelectors`: kept, moved with its new selectors, or orphaned with its original
 * quote, never deleted), the accepted amendments it carries out marked as applied in it, followers told, all audited in
 * one transaction under the text's row lock.
 *
 * Refused while the adoption vote is open (`texts.admin.voteOpen`): the vote belongs to the version it
 * opened on, and the text's current version cannot change under it (closing records the result on that
 * version; an editor closes the vote, then publishes).
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type Result } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { notify } from "../../core/notifications/outbox";
import type { Actor } from "../../core/spaces/service";
import { normaliseBlock } from "../../engines/texts/parse";
import { reanchorSelectors } from "../../engines/texts/reanchor";
import { findDraft, lockText, versionBlocks, writeDraftBlocks } from "./service";
import { textAmendments, textAnnotations, texts, textVersions } from "./schema";

export interface PublishOutcome {
  versionId: number;
  number: number;
  reanchor: { kept: number; moved: number; orphaned: number };
}

/** Publishes the draft of `textId` with `reason`; a text without a draft (`texts.admin.noDraft`) or with its adoption vote open (`texts.admin.voteOpen`) is refused. */
export async function publishDraft(db: Db, actor: Actor, place: { componentId: number; spaceId: number }, textId: number, reason: Translatable): Promise<Result<PublishOutcome>> {
  return db.transaction(async (tx) => {
    const text = await lockText(tx, place.componentId, textId);
    if (!text) return fail({ _form: { key: "texts.admin.notFound" } });
    if (text.adoptionStatus === "open") return fail({ _form: { key: "texts.admin.voteOpen" } });
    const draft = await findDraft(tx, textId);
    if (!draft) return fail({ _form: { key: "texts.admin.noDraft" } });
    const counts = await writeDraftBlocks(tx, textId, draft.id, draft.source);
    if (counts.blocks === 0) return fail({ source: { key: "texts.admin.emptyText" } });
    const previousId = text.currentVersionId;
    const summary = previousId ? await reanchorAnnotations(tx, textId, previousId, draft.id) : { kept: 0, moved: 0, orphaned: 0 };
    await tx.update(textVersions).set({ status: "published", reason, publishedBy: actor.id, publishedAt: new Date(), reanchor: summary }).where(eq(textVersions.id, draft.id));
    await tx.update(texts).set({ currentVersionId: draft.id, published: true, updatedAt: new Date() }).where(eq(texts.id, textId));
    const applied = await markAppliedAmendments(tx, textId, draft.id);
    await audit(tx, {
      actorId: actor.id,
      action: "texts.version.publish",
      resourceType: "text",
      resourceId: textId,
      spaceId: place.spaceId,
      before: { versionId: previousId },
      after: { versionId: draft.id, number: draft.number, reason, reanchor: summary, amendmentsApplied: applied, ...counts },
      ip: actor.ip,
    });
    await notify(tx, { type: "text", id: textId }, "versionPublished", { actorId: actor.id });
    return ok({ versionId: draft.id, number: draft.number, reanchor: summary });
  });
}

/**
 * Marks the accepted amendments this version carries out as applied in it: a replacement or insertion
 * whose wording is one of the version's blocks, a deletion whose block is no longer in it. Others stay
 * accepted for a later version. Returns their ids.
 */
async function markAppliedAmendments(tx: Db, textId: number, versionId: number): Promise<number[]> {
  const accepted = await tx
    .select({ id: textAmendments.id, kind: textAmendments.kind, blockId: textAmendments.blockId, body: textAmendments.body })
    .from(textAmendments)
    .where(and(eq(textAmendments.textId, textId), eq(textAmendments.status, "accepted"), isNull(textAmendments.appliedInVersionId)));
  if (accepted.length === 0) return [];
  const blocks = await versionBlocks(tx, versionId);
  const bodies = new Set(blocks.map((b) => normaliseBlock(b.body)));
  const ids = new Set(blocks.map((b) => b.blockId));
  const applied = accepted.filter((a) => (a.kind === "delete" ? a.blockId !== null && !ids.has(a.blockId) : bodies.has(normaliseBlock(a.body)))).map((a) => a.id);
  if (applied.length > 0) await tx.update(textAmendments).set({ appliedInVersionId: versionId, updatedAt: new Date() }).where(inArray(textAmendments.id, applied));
  return applied;
}

/** Re-anchors the text's anchored annotations from version `fromId` to `toId`, storing their new selectors. */
async function reanchorAnnotations(tx: Db, textId: number, fromId: number, toId: number): Promise<PublishOutcome["reanchor"]> {
  const anchored = await tx
    .select({ id: textAnnotations.id, blockId: textAnnotations.blockId, exact: textAnnotations.exact, prefix: textAnnotations.prefix, suffix: textAnnotations.suffix, start: textAnnotations.start, end: textAnnotations.end })
    .from(textAnnotations)
    .where(and(eq(textAnnotations.textId, textId), eq(textAnnotations.status, "anchored")));
  const summary = { kept: 0, moved: 0, orphaned: 0 };
  if (anchored.length === 0) return summary;
  // In turn: one transaction is one connection, which runs one query at a time (pg 9 refuses two at once).
  const oldBlocks = await versionBlocks(tx, fromId);
  const newBlocks = await versionBlocks(tx, toId);
  const results = reanchorSelectors(
    oldBlocks.map((b) => ({ id: String(b.blockId), text: b.body })),
    newBlocks.map((b) => ({ id: String(b.blockId), text: b.body })),
    anchored.map((a) => ({ id: String(a.id), blockId: String(a.blockId ?? ""), exact: a.exact, prefix: a.prefix, suffix: a.suffix, start: a.start, end: a.end })),
  );
  const moved = results.filter((r) => r.status !== "orphaned");
  const orphaned = results.filter((r) => r.status === "orphaned").map((r) => Number(r.id));
  for (const r of results) summary[r.status]++;
  if (moved.length > 0) {
    await tx.execute(sql`
      update text_annotations a set block_id = x.block_id, version_id = ${toId}, start = x.s, "end" = x.e, exact = x.exact, prefix = x.prefix, suffix = x.suffix, updated_at = now()
      from unnest(${sql.param(moved.map((r) => Number(r.id)))}::bigint[], ${sql.param(moved.map((r) => Number(r.blockId)))}::bigint[], ${sql.param(moved.map((r) => r.start ?? 0))}::int[],
        ${sql.param(moved.map((r) => r.end ?? 0))}::int[], ${sql.param(moved.map((r) => r.exact))}::text[], ${sql.param(moved.map((r) => r.prefix))}::text[], ${sql.param(moved.map((r) => r.suffix))}::text[])
        as x(id, block_id, s, e, exact, prefix, suffix)
      where a.id = x.id`);
  }
  // Orphaned: no place in the new version; the original quote and its first block stay for the list of orphans.
  if (orphaned.length > 0) await tx.execute(sql`update text_annotations set status = 'orphaned', original_block_id = coalesce(original_block_id, block_id), original_version_id = coalesce(original_version_id, version_id), block_id = null, version_id = ${toId}, updated_at = now() where id = any(${sql.param(orphaned)}::bigint[])`);
  return summary;
}
