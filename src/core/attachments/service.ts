/**
 * Attachments of any resource kind: checking an upload (type from its bytes, size, title, the limit
 * per resource), storing it under a random name, listing and removing. Access is the caller's: routes
 * reach a resource through `resolveResource`, and the file route does too (routes.ts).
 */
import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { fail, ok, type FieldErrors, type Result } from "../http/result";
import type { ResourceRef } from "../resources/kinds";
import { detectFile, type AttachmentRules, type AttachmentType } from "./files";

export const TITLE_MAX = 150;

/** Form field names, shared by the fields (views.tsx) and the parsing here. */
export const FIELDS = { file: "attachmentFile", title: "attachmentTitle", remove: "removeAttachments" } as const;

export interface Attachment {
  id: number;
  title: string;
  /** Its address: /attachments/<random name>. */
  url: string;
  type: AttachmentType;
  contentType: string;
  sizeBytes: number;
}

export interface Upload {
  file: Buffer | null;
  title: string;
  /** Ids of the resource's attachments to remove. */
  remove: number[];
}

/** The attachment fields of a form body (multipart or not): an empty file part means "no file". */
export function readUpload(body: unknown): Upload {
  const b = (body ?? {}) as Record<string, unknown>;
  const file = b[FIELDS.file];
  const title = b[FIELDS.title];
  const raw = b[FIELDS.remove];
  const remove = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string" && /^\d{1,15}$/.test(v)).map(Number);
  return { file: Buffer.isBuffer(file) && file.length > 0 ? file : null, title: typeof title === "string" ? title.trim() : "", remove };
}

/**
 * The upload's errors, or null: a type the kind takes (read from the bytes), a size within its
 * limit, a title, and room left on the resource (`held` attachments kept, `limit` at most).
 */
export function checkUpload(upload: Upload, rules: AttachmentRules, held: number, limit: number): FieldErrors | null {
  if (!upload.file) return upload.title ? { [FIELDS.file]: { key: "attachments.validation.fileMissing" } } : null;
  if (held >= limit) return { [FIELDS.file]: { key: "attachments.validation.tooMany", values: { max: limit } } };
  if (upload.file.length > rules.maxBytes) return { [FIELDS.file]: { key: "attachments.validation.tooLarge", values: { max: Math.floor(rules.maxBytes / (1024 * 1024)) } } };
  const kind = detectFile(upload.file);
  if (!kind || !rules.types.includes(kind.type)) return { [FIELDS.file]: { key: rules.types.includes("pdf") ? "attachments.validation.type" : "attachments.validation.imageType" } };
  if (!upload.title) return { [FIELDS.title]: { key: "attachments.validation.titleRequired" } };
  if (upload.title.length > TITLE_MAX) return { [FIELDS.title]: { key: "validation.tooLong", values: { max: TITLE_MAX } } };
  return null;
}

const toAttachment = (r: { id: string; title: string; stored_name: string; content_type: string; size_bytes: number }): Attachment => ({
  id: Number(r.id),
  title: r.title,
  url: `/attachments/${r.stored_name}`,
  type: r.content_type === "application/pdf" ? "pdf" : "image",
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
});

type AttachmentJson = { id: string | number; title: string; stored_name: string; content_type: string; size_bytes: number };

/**
 * A resource's attachments as a JSON column of the caller's statement (a page that already reads its
 * resource gets them without one more query): `${attachmentsColumn("proposal", sql\`p.id\`)} as attachments`,
 * then `attachmentsFromJson(row.attachments)`.
 */
export function attachmentsColumn(type: string, id: SQL): SQL {
  return sql`(select coalesce(json_agg(json_build_object('id', a.id, 'title', a.title, 'stored_name', a.stored_name, 'content_type', a.content_type, 'size_bytes', a.size_bytes) order by a.position, a.id), '[]'::json)
    from attachments a where a.resource_type = ${type} and a.resource_id = ${id})`;
}

export const attachmentsFromJson = (rows: AttachmentJson[] | null): Attachment[] => (rows ?? []).map((r) => toAttachment({ ...r, id: String(r.id) }));

/** The resource's attachments, in their order (one query, never the bytes). */
export async function listAttachments(db: Db, ref: ResourceRef): Promise<Attachment[]> {
  const rows = await db.execute<{ id: string; title: string; stored_name: string; content_type: string; size_bytes: number }>(sql`
    select id, title, stored_name, content_type, size_bytes from attachments
    where resource_type = ${ref.type} and resource_id = ${ref.id} order by position, id`);
  return rows.rows.map(toAttachment);
}

/**
 * Removes the listed attachments of the resource, then stores the upload (if any) after them, in the
 * caller's transaction. The count is checked again under a lock on the resource, so two tabs cannot
 * pass the limit together.
 */
export async function saveAttachments(tx: Db, target: { ref: ResourceRef; componentId: number; userId: number | null }, upload: Upload, rules: AttachmentRules, limit: number): Promise<Result<{ added: number | null; removed: number }>> {
  const { ref } = target;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`attachments:${ref.type}:${ref.id}`}, 0))`);
  const removed = upload.remove.length === 0 ? 0 : ((await tx.execute(sql`delete from attachments where resource_type = ${ref.type} and resource_id = ${ref.id} and id = any(${sql.param(upload.remove)}::bigint[])`)).rowCount ?? 0);
  if (!upload.file) return ok({ added: null, removed });
  const held = await tx.execute<{ n: number; next: number }>(sql`
    select count(*)::int as n, coalesce(max(position) + 1, 0)::int as next from attachments where resource_type = ${ref.type} and resource_id = ${ref.id}`);
  const errors = checkUpload(upload, rules, held.rows[0]?.n ?? 0, limit);
  const kind = detectFile(upload.file);
  if (errors || !kind) return fail(errors ?? { [FIELDS.file]: { key: "attachments.validation.type" } });
  const name = `${randomBytes(16).toString("hex")}.${kind.ext}`;
  const inserted = await tx.execute<{ id: string }>(sql`
    insert into attachments (resource_type, resource_id, component_id, title, stored_name, content_type, size_bytes, position, uploaded_by)
    values (${ref.type}, ${ref.id}, ${target.componentId}, ${upload.title}, ${name}, ${kind.contentType}, ${upload.file.length}, ${held.rows[0]?.next ?? 0}, ${target.userId})
    returning id`);
  const id = Number(inserted.rows[0]?.id);
  await tx.execute(sql`insert into attachment_contents (attachment_id, data) values (${id}, ${upload.file})`);
  return ok({ added: id, removed });
}

/** Every attachment of the resource (with it, or when the kit forgets it). */
export async function forgetAttachments(tx: Db, ref: ResourceRef): Promise<void> {
  await tx.execute(sql`delete from attachments where resource_type = ${ref.type} and resource_id = ${ref.id}`);
}

export interface StoredFile {
  ref: ResourceRef;
  title: string;
  contentType: string;
}

/** The attachment served under this name (without its bytes: access is checked first). */
export async function findStored(db: Db, name: string): Promise<(StoredFile & { id: number }) | null> {
  const rows = await db.execute<{ id: string; resource_type: string; resource_id: string; title: string; content_type: string }>(sql`
    select id, resource_type, resource_id, title, content_type from attachments where stored_name = ${name}`);
  const r = rows.rows[0];
  return r ? { id: Number(r.id), ref: { type: r.resource_type, id: Number(r.resource_id) }, title: r.title, contentType: r.content_type } : null;
}

export async function readContent(db: Db, id: number): Promise<Buffer | null> {
  const rows = await db.execute<{ data: Buffer }>(sql`select data from attachment_contents where attachment_id = ${id}`);
  return rows.rows[0]?.data ?? null;
}
