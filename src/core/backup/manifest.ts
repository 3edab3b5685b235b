/**
 * What a backup archive holds and how it says so: `manifest.json`, the archive's last entry, lists the
 * migrations the schema was built by, every table's row count and data file, the sequences' values and
 * every file with its size and SHA-256. A restore checks all of it before it touches anything (ADR 0030).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { rootDir } from "../../install-paths";

export const FORMAT = "pnyx-backup";
export const FORMAT_VERSION = 1;
export const MANIFEST = "manifest.json";

/** The archive's entries: the manifest, a table's COPY data, an uploaded file. */
export function isArchiveName(name: string): boolean {
  return name === MANIFEST || /^db\/[a-z0-9_]+\.copy$/.test(name) || /^uploads\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(name);
}

const digest = z.object({ size: z.number().int().nonnegative(), sha256: z.string().regex(/^[a-f0-9]{64}$/) });

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  pnyxVersion: z.string(),
  createdAt: z.string(),
  server: z.object({ version: z.string(), versionNum: z.number().int() }),
  /** The schema's migrations, in order, as pnyx_meta.migrations records them. */
  migrations: z.array(z.object({ hash: z.string(), createdAt: z.number() })),
  tables: z.array(z.object({ name: z.string().regex(/^[a-z0-9_]+$/), columns: z.array(z.string()), rows: z.number().int().nonnegative(), file: z.string() })),
  sequences: z.array(z.object({ name: z.string().regex(/^[a-z0-9_]+$/), lastValue: z.string().nullable(), isCalled: z.boolean() })),
  files: z.record(z.string(), digest),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The running Pnyx's version (package.json). */
export function pnyxVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(rootDir, "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}
