/** Records an administrative action in the audit log (who, what, on what, before/after). */
import type { Db } from "../../db/client";
import { auditLog } from "./schema";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  resourceType: string;
  resourceId?: string | number | null;
  spaceId?: number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Appends an entry; call it inside the same transaction as the change it records. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId == null ? null : String(entry.resourceId),
    spaceId: entry.spaceId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
  });
}
