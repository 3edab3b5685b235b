/**
 * Changing the organization's scopes. Scopes nest to any depth but never in a cycle; a code, when
 * given, is unique. Changes take one transaction-level advisory lock (two admins moving scopes at
 * once cannot close a cycle) and are audited in their transaction. Deleting a scope leaves what
 * concerned it without a scope; one that contains others is refused until they are gone.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { fail, ok, type Result } from "../http/result";
import type { Actor } from "./service";
import type { ScopeInput } from "./inputs";
import { countFiledUnder } from "./queries";
import { scopes } from "./schema";
import { forgetSharedScopes } from "./taxonomy";

export type ScopeRow = typeof scopes.$inferSelect;

const LOCK_ID = 7_370_012; // arbitrary, constant: serialises changes to the scope tree

const lockTree = (tx: Db) => tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ID})`);

function isUniqueViolation(error: unknown): boolean {
  // drizzle wraps the driver's error; look at it and at its cause.
  for (let e: unknown = error, i = 0; e && typeof e === "object" && i < 3; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

const childCount = async (tx: Db, id: number) => Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from scopes where parent_id = ${id}`)).rows[0]?.n ?? 0);

/** The parent must exist and, for an existing scope, be neither itself nor one of the scopes it contains. */
async function checkParent(tx: Db, id: number | null, parentId: number | undefined): Promise<Result<null>> {
  if (parentId === undefined) return ok(null);
  const rows = await tx.execute<{ found: boolean; below: boolean }>(sql`
    select exists (select 1 from scopes where id = ${parentId}) as found,
      ${id === null ? sql`false` : sql`${parentId} in (with recursive d(id) as (select ${id}::bigint union select s.id from scopes s join d on s.parent_id = d.id) select id from d)`} as below`);
  const r = rows.rows[0];
  if (!r?.found) return fail({ parentId: { key: "categories.scopes.validation.parentNotFound" } });
  if (r.below) return fail({ parentId: { key: "categories.scopes.validation.cycle" } });
  return ok(null);
}

async function codeTaken(tx: Db, code: string | undefined, id: number | null): Promise<boolean> {
  if (!code) return false;
  const rows = await tx.execute(sql`select 1 from scopes where code = ${code} and id <> ${id ?? 0}`);
  return rows.rows.length > 0;
}

const columns = (input: ScopeInput) => ({ name: input.name, scopeType: input.scopeType, code: input.code ?? null, parentId: input.parentId ?? null, weight: input.weight });
const taken = fail({ code: { key: "categories.scopes.validation.codeTaken" } });

export async function createScope(db: Db, actor: Actor, input: ScopeInput): Promise<Result<ScopeRow>> {
  try {
    return await db.transaction(async (tx) => {
      await lockTree(tx);
      const parent = await checkParent(tx, null, input.parentId);
      if (!parent.ok) return parent;
      if (await codeTaken(tx, input.code, null)) return taken;
      const [row] = await tx.insert(scopes).values(columns(input)).returning();
      if (!row) throw new Error("scope insert returned nothing");
      await audit(tx, { actorId: actor.id, action: "scope.create", resourceType: "scope", resourceId: row.id, after: row, ip: actor.ip });
      return ok(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  } finally {
    forgetSharedScopes(db);
  }
}

/** Null when there is no such scope. */
export async function updateScope(db: Db, actor: Actor, id: number, input: ScopeInput): Promise<Result<ScopeRow> | null> {
  try {
    return await db.transaction(async (tx) => {
      await lockTree(tx);
      const [before] = await tx.select().from(scopes).where(eq(scopes.id, id));
      if (!before) return null;
      const parent = await checkParent(tx, id, input.parentId);
      if (!parent.ok) return parent;
      if (await codeTaken(tx, input.code, id)) return taken;
      const [after] = await tx.update(scopes).set(columns(input)).where(eq(scopes.id, id)).returning();
      if (!after) throw new Error("scope update returned nothing");
      await audit(tx, { actorId: actor.id, action: "scope.update", resourceType: "scope", resourceId: id, before, after, ip: actor.ip });
      return ok(after);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  } finally {
    forgetSharedScopes(db);
  }
}

/** What deleting a scope would do: the scopes it contains (which refuse it) and what concerns it. */
export async function scopeDeletion(db: Db, id: number): Promise<{ children: number; filed: number }> {
  const [children, filed] = await Promise.all([childCount(db, id), countFiledUnder(db, "scopes", [id])]);
  return { children, filed };
}

/** Null when there is no such scope; refused while it contains others. */
export async function deleteScope(db: Db, actor: Actor, id: number): Promise<Result<{ filed: number }> | null> {
  const result = await db.transaction(async (tx) => {
    await lockTree(tx);
    const [before] = await tx.select().from(scopes).where(eq(scopes.id, id));
    if (!before) return null;
    const children = await childCount(tx, id);
    if (children > 0) return fail({ _form: { key: "categories.scopes.delete.hasChildren", values: { count: children } } });
    const filed = await countFiledUnder(tx, "scopes", [id]);
    await tx.delete(scopes).where(eq(scopes.id, id));
    await audit(tx, { actorId: actor.id, action: "scope.delete", resourceType: "scope", resourceId: id, before, after: { leftWithoutScope: filed }, ip: actor.ip });
    return ok({ filed });
  });
  forgetSharedScopes(db);
  return result;
}
