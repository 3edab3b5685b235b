/**
 * "Download my data": the account, its sessions, and whatever other areas hold about the person: the
 * core's areas register an exporter here, components declare `personalData` in their manifest; the
 * rows appear under the area's or component's name.
 */
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { MessageKey } from "../i18n/catalogues";
import { listComponentManifests } from "../components/registry";
import { sessions, users } from "./schema";

export interface PersonalDataExporter {
  /** The key under which this area's data appears in the export (e.g. "petitions.signatures"). */
  name: string;
  /** The person's rows, as plain JSON-serialisable values; never other people's data. */
  collect: (db: Db, userId: number) => Promise<unknown>;
  /** Erases or anonymises these rows in the account's deletion transaction (accounts are soft-deleted: no cascade runs). */
  erase?: (tx: Db, userId: number) => Promise<void>;
  /** What `erase` does, in a sentence shown on the deletion page (like a component's `personalData.erasure`). */
  erasure?: MessageKey;
}

export const personalDataExporters: PersonalDataExporter[] = [];

/** Adds an area's exporter (for areas that prefer a call at start-up to a line in the list). */
export function registerPersonalDataExporter(exporter: PersonalDataExporter): void {
  if (!personalDataExporters.some((e) => e.name === exporter.name)) personalDataExporters.push(exporter);
}

export interface PersonalDataExport {
  format: "pnyx.personal-data/1";
  exportedAt: string;
  account: Record<string, unknown>;
  sessions: Array<Record<string, unknown>>;
  [area: string]: unknown;
}

/** Everything held about `userId`; secrets (password hash, session and token hashes) never leave. */
export async function exportPersonalData(db: Db, userId: number, currentSessionId: string | null): Promise<PersonalDataExport> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`no user ${userId}`);
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt)).limit(1000);
  const out: PersonalDataExport = {
    format: "pnyx.personal-data/1",
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      name: user.name,
      nickname: user.nickname,
      email: user.email,
      emailConfirmedAt: user.emailConfirmedAt,
      pendingEmail: user.unconfirmedEmail,
      locale: user.locale,
      newsletterOptIn: user.newsletterOptIn,
      emailFrequency: user.emailFrequency,
      followByDefault: user.followByDefault,
      termsAcceptedAt: user.termsAcceptedAt,
      organizationAdministrator: user.isAdmin,
      blockedAt: user.blockedAt,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      extra: user.extra,
    },
    sessions: rows.map((s) => ({
      current: s.id === currentSessionId,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      ip: s.ip,
      userAgent: s.userAgent,
    })),
  };
  for (const exporter of personalDataExporters) out[exporter.name] = await exporter.collect(db, userId);
  for (const manifest of listComponentManifests()) if (manifest.personalData) out[manifest.personalData.name] = await manifest.personalData.export(db, userId);
  return out;
}
