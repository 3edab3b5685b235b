/**
 * The archive at each stage: a frozen, read-only snapshot of a text — its current version's blocks with
 * their annotations and comments, the amendments and the orphaned annotations, each annotation and
 * amendment with its own discussion (the comments on it) — stored as rendered data
 * in `text_snapshots`, so later versions, edits and moderation never change it. The editors freeze one
 * ("archive this stage"), and when a step of the space closes the sweep (`archiveClosedSteps`) freezes
 * one for every published text of the space's texts components, once per step.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { Translatable } from "../../core/i18n/locales";
import { textSnapshots, textVersionBlocks, textVersions, texts, type BlockKind } from "./schema";

export interface SnapshotComment {
  id: number;
  parentId: number | null;
  depth: number;
  author: string | null;
  body: string;
  /** 1 in favour, -1 against, 0 neutral. */
  alignment: number;
  createdAt: string;
}

export interface SnapshotAnnotation {
  exact: string;
  start: number;
  end: number;
  note: string;
  author: string | null;
  /** The annotation's discussion (absent from snapshots frozen before discussions were kept). */
  comments?: SnapshotComment[];
}

export interface SnapshotAmendment {
  id: number;
  kind: string;
  blockId: number | null;
  body: string;
  originalBody: string;
  explanation: string;
  status: string;
  author: string | null;
  support: number;
  opposition: number;
  decisionReason: Translatable;
  /** The amendment's discussion (absent from snapshots frozen before discussions were kept). */
  comments?: SnapshotComment[];
}

export interface SnapshotBlock {
  blockId: number;
  kind: BlockKind;
  level: number;
  number: string | null;
  body: string;
  annotations: SnapshotAnnotation[];
  comments: SnapshotComment[];
}

export interface SnapshotData {
  versionNumber: number;
  locale: string;
  stepTitle: Translatable | null;
  blocks: SnapshotBlock[];
  amendments: SnapshotAmendment[];
  orphaned: SnapshotAnnotation[];
}

type CommentRow = { id: string; resource_type: string; resource_id: string; parent_id: string | null; depth: number; author: string | null; body: string; alignment: number; created_at: Date };

const toComment = (c: CommentRow): SnapshotComment => ({
  id: Number(c.id),
  parentId: c.parent_id === null ? null : Number(c.parent_id),
  depth: c.depth,
  author: c.author,
  body: c.body,
  alignment: c.alignment,
  createdAt: new Date(c.created_at).toISOString(),
});

/**
 * Reads everything the snapshot holds, in a fixed number of queries: one after the other, since `db` is the
 * freezing transaction (one connection: queries sent together would only queue on it, which node-postgres
 * deprecates).
 */
async function gather(db: Db, textId: number, versionId: number): Promise<Omit<SnapshotData, "versionNumber" | "locale" | "stepTitle">> {
  const blocks = await db
    .select({ blockId: textVersionBlocks.blockId, kind: textVersionBlocks.kind, level: textVersionBlocks.level, number: textVersionBlocks.number, body: textVersionBlocks.body })
    .from(textVersionBlocks)
    .where(eq(textVersionBlocks.versionId, versionId))
    .orderBy(asc(textVersionBlocks.position));
  const annotations = await db.execute<{ id: string; block_id: string | null; exact: string; start: number; end: number; body: string; status: string; author: string | null }>(sql`
      select a.id, a.block_id, a.exact, a.start, a."end", a.body, a.status, u.name as author
      from text_annotations a left join users u on u.id = a.author_id
      where a.text_id = ${textId} and a.hidden_at is null order by a.start, a.id`);
  // The visible comments on the version's blocks and on the text's visible annotations and amendments, threads in order.
  const comments = await db.execute<CommentRow>(sql`
      select c.id, c.resource_type, c.resource_id, c.parent_id, c.depth, u.name as author, c.body, c.alignment, c.created_at
      from comments c left join users u on u.id = c.author_id
      where c.deleted_at is null and c.hidden_at is null and (
        (c.resource_type = 'text_block' and c.resource_id in (select vb.block_id from text_version_blocks vb where vb.version_id = ${versionId}))
        or (c.resource_type = 'text_annotation' and c.resource_id in (select a.id from text_annotations a where a.text_id = ${textId} and a.hidden_at is null))
        or (c.resource_type = 'text_amendment' and c.resource_id in (select a.id from text_amendments a where a.text_id = ${textId} and a.hidden_at is null)))
      order by coalesce(c.root_id, c.id), c.id`);
  const amendments = await db.execute<{ id: string; kind: string; block_id: string | null; body: string; original_body: string; explanation: string; status: string; author: string | null; decision_reason: Translatable; support: number; opposition: number }>(sql`
      select a.id, a.kind, a.block_id, a.body, a.original_body, a.explanation, a.status, u.name as author, a.decision_reason,
        (select count(*)::int from text_amendment_reactions r where r.amendment_id = a.id and r.value > 0) as support,
        (select count(*)::int from text_amendment_reactions r where r.amendment_id = a.id and r.value < 0) as opposition
      from text_amendments a left join users u on u.id = a.author_id
      where a.text_id = ${textId} and a.hidden_at is null order by a.id`);
  // Each resource's comments, in thread order.
  const discussions = new Map<string, SnapshotComment[]>();
  for (const c of comments.rows) {
    const key = `${c.resource_type}:${c.resource_id}`;
    const list = discussions.get(key);
    if (list) list.push(toComment(c));
    else discussions.set(key, [toComment(c)]);
  }
  const discussion = (type: string, id: string | number) => discussions.get(`${type}:${id}`) ?? [];
  const toAnnotation = (a: { id: string; exact: string; start: number; end: number; body: string; author: string | null }): SnapshotAnnotation => ({
    exact: a.exact,
    start: a.start,
    end: a.end,
    note: a.body,
    author: a.author,
    comments: discussion("text_annotation", a.id),
  });
  return {
    blocks: blocks.map((b) => ({
      ...b,
      annotations: annotations.rows.filter((a) => a.status === "anchored" && Number(a.block_id) === b.blockId).map(toAnnotation),
      comments: discussion("text_block", b.blockId),
    })),
    amendments: amendments.rows.map((a) => ({
      id: Number(a.id),
      kind: a.kind,
      blockId: a.block_id === null ? null : Number(a.block_id),
      body: a.body,
      originalBody: a.original_body,
      explanation: a.explanation,
      status: a.status,
      author: a.author,
      support: a.support,
      opposition: a.opposition,
      decisionReason: a.decision_reason,
      comments: discussion("text_amendment", a.id),
    })),
    orphaned: annotations.rows.filter((a) => a.status === "orphaned").map(toAnnotation),
  };
}

/**
 * Freezes the text as it stands now (its current version), for `stepId` (the stage), audited. Null without a
 * published version. With `once` (a closing stage's snapshot: the texts' sweep and the space archive may both
 * ask at the same moment) an existing snapshot of that stage is returned instead of freezing a second one;
 * an advisory lock per text makes the check and the insert one step.
 */
export async function freezeSnapshot(db: Db, by: { id: number | null; ip: string | null; spaceId: number }, textId: number, stepId: number | null, opts: { once?: boolean } = {}): Promise<number | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('pnyx:text_snapshot'), ${textId}::int)`);
    if (opts.once && stepId !== null) {
      const existing = await tx.execute<{ id: string }>(sql`select id from text_snapshots where text_id = ${textId} and step_id = ${stepId} order by id limit 1`);
      if (existing.rows[0]) return Number(existing.rows[0].id);
    }
    const [t] = await tx
      .select({ title: texts.title, locale: texts.locale, versionId: texts.currentVersionId, versionNumber: textVersions.number })
      .from(texts)
      .innerJoin(textVersions, eq(textVersions.id, texts.currentVersionId))
      .where(eq(texts.id, textId))
      .for("share", { of: texts });
    if (!t?.versionId) return null;
    const step = stepId === null ? [] : await tx.execute<{ title: Translatable }>(sql`select title from steps where id = ${stepId} and space_id = ${by.spaceId}`).then((r) => r.rows);
    const data: SnapshotData = { versionNumber: t.versionNumber, locale: t.locale, stepTitle: step[0]?.title ?? null, ...(await gather(tx, textId, t.versionId)) };
    const [row] = await tx
      .insert(textSnapshots)
      .values({ textId, stepId: step[0] ? stepId : null, versionId: t.versionId, title: t.title, data, frozenBy: by.id })
      .returning({ id: textSnapshots.id });
    if (!row) throw new Error("snapshot insert returned nothing");
    await audit(tx, { actorId: by.id, action: "text_snapshot.create", resourceType: "text", resourceId: textId, spaceId: by.spaceId, after: { snapshotId: row.id, stepId, versionId: t.versionId }, ip: by.ip });
    return row.id;
  });
}

export interface SnapshotSummary {
  id: number;
  stepTitle: Translatable | null;
  versionNumber: number;
  frozenAt: Date;
}

/** A text's snapshots, newest first. */
export async function listSnapshots(db: Db, textId: number): Promise<SnapshotSummary[]> {
  const rows = await db
    .select({ id: textSnapshots.id, data: textSnapshots.data, frozenAt: textSnapshots.frozenAt })
    .from(textSnapshots)
    .where(eq(textSnapshots.textId, textId))
    .orderBy(desc(textSnapshots.frozenAt), desc(textSnapshots.id))
    .limit(200);
  return rows.map((r) => {
    const d = r.data as SnapshotData;
    return { id: r.id, stepTitle: d.stepTitle, versionNumber: d.versionNumber, frozenAt: r.frozenAt };
  });
}

export interface Snapshot {
  id: number;
  title: Translatable;
  frozenAt: Date;
  data: SnapshotData;
}

export async function loadSnapshot(db: Db, textId: number, snapshotId: number): Promise<Snapshot | null> {
  const [r] = await db
    .select({ id: textSnapshots.id, title: textSnapshots.title, frozenAt: textSnapshots.frozenAt, data: textSnapshots.data })
    .from(textSnapshots)
    .where(and(eq(textSnapshots.id, snapshotId), eq(textSnapshots.textId, textId)));
  return r ? { ...r, data: r.data as SnapshotData } : null;
}

/**
 * The sweep after a step change: each `step.activate` of the last `days` days (the core audits every
 * activation, by an administrator or by date) closed the step that was active before it; every published
 * text of a texts component in that space gets one snapshot for that step, unless it has one already.
 */
export async function archiveClosedSteps(db: Db, days = 2): Promise<number> {
  const due = await db.execute<{ text_id: string; space_id: string; step_id: string }>(sql`
    select distinct t.id as text_id, c.space_id, (l.before->>'activeStepId')::bigint as step_id
    from audit_log l
      join components c on c.space_id = l.space_id and c.manifest = 'texts'
      join texts t on t.component_id = c.id and t.published and t.current_version_id is not null
    where l.action = 'step.activate' and l.created_at > now() - make_interval(days => ${days})
      and l.before->>'activeStepId' is not null
      and (l.before->>'activeStepId') <> (l.after->>'activeStepId')
      and exists (select 1 from steps s where s.id = (l.before->>'activeStepId')::bigint)
      and not exists (select 1 from text_snapshots x where x.text_id = t.id and x.step_id = (l.before->>'activeStepId')::bigint)`);
  let made = 0;
  for (const r of due.rows) {
    if ((await freezeSnapshot(db, { id: null, ip: null, spaceId: Number(r.space_id) }, Number(r.text_id), Number(r.step_id), { once: true })) !== null) made += 1;
  }
  return made;
}
