/**
 * Saving themes. A theme whose text/background pairs fall below WCAG AA is refused, naming each failing
 * pair; a space's overrides are checked as they will be seen, on top of the organization's theme.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { fail, ok, type FieldErrors, type Result } from "../http/result";
import { organizations } from "../organization/schema";
import { invalidateOrganization } from "../organization/service";
import { spaces } from "../spaces/schema";
import { failingPairs, type ContrastFailure, AA_NORMAL_TEXT } from "./contrast";
import { resolveTheme, type ThemeTokens } from "./tokens";

/**
 * One error per failing pair, on the field to change: the foreground, or the background when the
 * foreground already carries another pair's error (text on background and text on surface).
 */
export function contrastErrors(failures: ContrastFailure[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of failures) {
    const field = errors[f.foreground] ? f.background : f.foreground;
    errors[field] ??= { key: "theme.contrastFails", values: { pair: f.id, ratio: f.ratio.toFixed(2), min: AA_NORMAL_TEXT.toFixed(1) } };
  }
  return errors;
}

interface Actor {
  id: number;
  ip?: string | null;
}

export async function saveOrganizationTheme(db: Db, actor: Actor, theme: ThemeTokens): Promise<Result<ThemeTokens>> {
  const failures = failingPairs(theme);
  if (failures.length) return fail(contrastErrors(failures));
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ theme: organizations.theme }).from(organizations).where(eq(organizations.id, 1)).for("update");
    if (row) await tx.update(organizations).set({ theme, updatedAt: new Date() }).where(eq(organizations.id, 1));
    else await tx.insert(organizations).values({ id: 1, name: { en: "Pnyx" }, theme });
    await audit(tx, { actorId: actor.id, action: "theme.organization.update", resourceType: "organization", resourceId: 1, before: row?.theme ?? {}, after: theme, ip: actor.ip ?? null });
  });
  invalidateOrganization();
  return ok(theme);
}

export async function saveSpaceTheme(db: Db, actor: Actor, spaceId: number, orgTheme: Partial<ThemeTokens>, overrides: Partial<ThemeTokens>): Promise<Result<Partial<ThemeTokens>> | null> {
  const failures = failingPairs(resolveTheme(orgTheme, overrides));
  if (failures.length) return fail(contrastErrors(failures));
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ theme: spaces.theme }).from(spaces).where(eq(spaces.id, spaceId)).for("update");
    if (!row) return null;
    await tx.update(spaces).set({ theme: overrides, updatedAt: new Date() }).where(eq(spaces.id, spaceId));
    await audit(tx, { actorId: actor.id, action: "theme.space.update", resourceType: "space", resourceId: spaceId, spaceId, before: row.theme, after: overrides, ip: actor.ip ?? null });
    return ok(overrides);
  });
}
