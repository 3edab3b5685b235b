/**
 * The back office's people: a searchable, paginated list (two queries whatever its size) and the
 * changes an administrator makes, each audited in the same transaction.
 */
import { and, count, desc, eq, ilike, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { audit } from "../../audit/audit";
import { fail, notFound, ok, type Result } from "../../http/result";
import type { UserFilter } from "../inputs";
import { users } from "../schema";

export const USERS_PAGE_SIZE = 25;

export interface AdminUserRow {
  id: number;
  name: string;
  email: string | null;
  isAdmin: boolean;
  emailConfirmed: boolean;
  blocked: boolean;
  deleted: boolean;
  createdAt: Date;
}

/** `%`, `_` and `\` typed in a search box are literal characters, not patterns. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const FILTERS: Record<UserFilter, SQL | undefined> = {
  all: undefined,
  admins: and(eq(users.isAdmin, true), isNull(users.deletedAt)),
  blocked: and(isNotNull(users.blockedAt), isNull(users.deletedAt)),
  unconfirmed: and(isNull(users.emailConfirmedAt), isNull(users.deletedAt)),
  deleted: isNotNull(users.deletedAt),
};

export async function listUsers(
  db: Db,
  query: { q?: string | undefined; status?: UserFilter | undefined; page?: number | undefined },
): Promise<{ rows: AdminUserRow[]; total: number; page: number; pages: number }> {
  const q = query.q?.trim();
  const search = q ? or(ilike(users.name, `%${escapeLike(q)}%`), ilike(users.email, `%${escapeLike(q)}%`)) : undefined;
  const where: SQL | undefined = and(search, FILTERS[query.status ?? "all"]);
  const [totalRow] = await db.select({ n: count() }).from(users).where(where);
  const total = totalRow?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(USERS_PAGE_SIZE)
    .offset((page - 1) * USERS_PAGE_SIZE);
  return {
    total,
    page,
    pages,
    rows: rows.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      isAdmin: u.isAdmin,
      emailConfirmed: u.emailConfirmedAt !== null,
      blocked: u.blockedAt !== null,
      deleted: u.deletedAt !== null,
      createdAt: u.createdAt,
    })),
  };
}

export type UserAdminAction = "block" | "unblock" | "grant_admin" | "revoke_admin";

/**
 * Grants or revokes the organization administrator role (blocking is moderation's:
 * src/core/moderation/block.ts, with its reason, hidden content and mail). An administrator cannot
 * act on their own account here (no locking oneself out, no last-admin accidents by a slip of the mouse).
 */
export async function applyUserAdminAction(
  db: Db,
  actor: { id: number; ip: string },
  targetId: number,
  action: "grant_admin" | "revoke_admin",
): Promise<Result<{ name: string }>> {
  if (targetId === actor.id) return fail({ _form: { key: "accounts.admin.notSelf" } });
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, targetId)).for("update");
    if (!target) throw notFound();
    if (target.deletedAt) return fail({ _form: { key: "accounts.admin.deletedAccount" } });
    const before = { blocked: target.blockedAt !== null, isAdmin: target.isAdmin };
    const [after] = await tx
      .update(users)
      .set({ isAdmin: action === "grant_admin", updatedAt: new Date() })
      .where(and(eq(users.id, targetId)))
      .returning({ blockedAt: users.blockedAt, isAdmin: users.isAdmin });
    await audit(tx, {
      actorId: actor.id,
      action: `user.${action}`,
      resourceType: "user",
      resourceId: targetId,
      before,
      after: { blocked: after?.blockedAt != null, isAdmin: after?.isAdmin ?? before.isAdmin },
      ip: actor.ip,
    });
    return ok({ name: target.name });
  });
}
