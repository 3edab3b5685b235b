/** The installation's organization: read once per request from a small cache, written by admins. */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Locale, Translatable } from "../i18n/locales";
import type { ThemeTokens } from "../theme/tokens";
import { organizations } from "./schema";

export interface Organization {
  name: Translatable;
  description: Translatable;
  host: string;
  defaultLocale: Locale;
  availableLocales: Locale[];
  theme: Partial<ThemeTokens>;
  termsOfUse: Translatable;
  /** The longest comment, unless a component sets its own. */
  commentMaxLength: number;
}

const FALLBACK: Organization = {
  name: { fr: "Pnyx", nl: "Pnyx", en: "Pnyx", de: "Pnyx" },
  description: {},
  host: "localhost",
  defaultLocale: "fr",
  availableLocales: ["fr", "nl", "en", "de"],
  theme: {},
  termsOfUse: {},
  commentMaxLength: 1000,
};

let cached: { value: Organization; at: number } | null = null;
const TTL_MS = 2_000;

/** The organization (or a neutral default before the first seed); cached for two seconds. */
export async function getOrganization(db: Db): Promise<Organization> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const [row] = await db.select().from(organizations).where(eq(organizations.id, 1));
  const value: Organization = row
    ? { name: row.name, description: row.description, host: row.host, defaultLocale: row.defaultLocale, availableLocales: row.availableLocales, theme: row.theme, termsOfUse: row.termsOfUse, commentMaxLength: row.commentMaxLength }
    : FALLBACK;
  cached = { value, at: Date.now() };
  return value;
}

/** Forgets the cached organization (after an admin changed it). */
export function invalidateOrganization(): void {
  cached = null;
}

/** Creates or replaces the organization row. */
export async function saveOrganization(db: Db, org: Omit<Organization, "commentMaxLength"> & { commentMaxLength?: number }): Promise<void> {
  await db
    .insert(organizations)
    .values({ id: 1, ...org })
    .onConflictDoUpdate({ target: organizations.id, set: { ...org, updatedAt: new Date() } });
  invalidateOrganization();
}
