/** Reading the audit log: filtered, newest first, one page at a time, actors and spaces joined (one query). */
import { and, desc, eq, like, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { users } from "../accounts/schema";
import type { Translatable } from "../i18n/locales";
import { spaces } from "../spaces/schema";
import { auditLog } from "./schema";

export const AUDIT_PAGE_SIZE = 50;
const MAX_PAGE = 1000;

export const auditFilter = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  resource: z.string().trim().max(100).optional(),
  resourceId: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export interface AuditRow {
  id: number;
  createdAt: Date;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  spaceId: number | null;
  spaceTitle: Translatable | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** `like` patterns match what the admin typed literally: %, _ and \ are escaped. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(f: AuditFilter): SQL[] {
  const out: SQL[] = [];
  if (f.actor) {
    // An id ("12") or an email address; an email matches case-insensitively.
    out.push(/^\d+$/.test(f.actor) ? eq(auditLog.actorId, Number(f.actor)) : eq(sql`lower(${users.email})`, f.actor.toLowerCase()));
  }
  if (f.action) out.push(like(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.resource) out.push(eq(auditLog.resourceType, f.resource));
  if (f.resourceId) out.push(eq(auditLog.resourceId, f.resourceId));
  return out;
}

/** One page of entries; `hasNext` says whether an older page exists (one row more is read to know). */
export async function listAudit(db: Db, filter: AuditFilter): Promise<{ rows: AuditRow[]; hasNext: boolean }> {
  const where = conditions(filter);
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorEmail: users.email,
      action: auditLog.action,
      resourceType: auditLog.resourceType,
      resourceId: auditLog.resourceId,
      spaceId: auditLog.spaceId,
      spaceTitle: spaces.title,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(spaces, eq(spaces.id, auditLog.spaceId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasNext: rows.length > AUDIT_PAGE_SIZE };
}
