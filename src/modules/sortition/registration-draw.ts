/**
 * A draw from a recruitment's registrations: the pool is every registration that is not a duplicate and
 * not withdrawn, in registration order; the quotas default to the strata options' targets (min/max, or
 * 0..k without a target), in the strata order, and the admin may edit them (e.g. proportional to census
 * figures). The registrations are written as the pool file an upload would be (id, name, email,
 * show_name, one column per stratum) and go through the upload's own path (`preparePool`, then
 * `createDraw` with the recruitment's id): the engine checks them the same way, the contacts land in
 * `sortition_pool_contacts`, and the draw then goes on as any other (randomness, worker, record).
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Config } from "../../config";
import { canonicalCsv } from "../../engines/sortition/csv";
import type { Actor } from "../../core/spaces/service";
import { createDraw, type NewDraw } from "./draw-service";
import { preparePool, type PreparedPool } from "./pool";
import { keysFor, type RecruitmentRow, type RegistrationContact } from "./registration-service";
import { sortitionRegistrations, type RecruitmentStratum } from "./schema";
import { unseal } from "./sealed";

/** The quota file the strata's targets give for a panel of k (category,feature,min,max). */
export function strataQuotasCsv(strata: readonly RecruitmentStratum[], k: number): string {
  const rows = strata.flatMap((s) => s.options.map((o) => [s.category, o.value, String(o.target?.min ?? 0), String(o.target?.max ?? k)]));
  return canonicalCsv([["category", "feature", "min", "max"], ...rows]);
}

/** The pool file of the registrations in the pool (registration order; the id column is the registration's id). */
export async function registrationsCsv(db: Db, config: Pick<Config, "SESSION_SECRET">, r: Pick<RecruitmentRow, "id" | "strata">): Promise<string> {
  const keys = keysFor(config);
  const rows = await db
    .select({ id: sortitionRegistrations.id, features: sortitionRegistrations.features, contact: sortitionRegistrations.contactSealed })
    .from(sortitionRegistrations)
    .where(and(eq(sortitionRegistrations.recruitmentId, r.id), isNull(sortitionRegistrations.duplicateOf), isNull(sortitionRegistrations.withdrawnAt)))
    .orderBy(asc(sortitionRegistrations.id));
  const categories = r.strata.map((s) => s.category);
  const lines = rows.map((row) => {
    const c = row.contact ? unseal<RegistrationContact>(keys, row.contact) : null;
    return [String(row.id), c?.name ?? "", c?.email ?? "", c?.showName ? "yes" : "no", ...categories.map((cat) => row.features[cat] ?? "")];
  });
  return canonicalCsv([["id", "name", "email", "show_name", ...categories], ...lines]);
}

/** The draw's pool from the registrations, checked by the engine (throws its SortitionInputError with every problem). */
export async function registrationPool(db: Db, config: Pick<Config, "SESSION_SECRET">, r: Pick<RecruitmentRow, "id" | "strata">, quotasCsv: string, k: number): Promise<PreparedPool> {
  return preparePool(quotasCsv, await registrationsCsv(db, config, r), k);
}

/** Creates the draft draw of these registrations (the upload's path); resolves to its id. */
export async function drawFromRegistrations(
  db: Db,
  actor: Actor,
  place: { spaceId: number; componentId: number },
  r: Pick<RecruitmentRow, "id">,
  d: Omit<NewDraw, "householdColumns" | "recruitmentId">,
): Promise<number> {
  return createDraw(db, actor, place, { ...d, householdColumns: [], recruitmentId: r.id });
}
