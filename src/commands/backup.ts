/**
 * `pnyx backup [--out FILE] [--json]` and `pnyx restore FILE [--yes] [--json]`: the whole platform
 * (database and uploads) in one .tar.gz, and back. Both work on the database of "pnyx start"
 * (DATABASE_URL, else the embedded PostgreSQL, joined when running). ADR 0030 says how and why.
 */
import path from "node:path";
import { createBackup } from "../core/backup/dump";
import { BackupError } from "../core/backup/messages";
import { restoreBackup } from "../core/backup/restore";
import { uploadsDir } from "../core/spaces/uploads";
import { configOrExit, withDatabaseLocation } from "./boot";
import { fail, parseFlags, printJson, UsageError, withUsage } from "./cli-io";

const BACKUP_USAGE = `Usage: pnyx backup [--out <file.tar.gz>] [--json]

Writes the database (one consistent snapshot: the platform may keep running) and the uploads folder
to one archive, by default ./pnyx-backup-<date>.tar.gz.
--json: one JSON object on standard output, {"ok":true,"file":...,"bytes":...,"rows":...}.`;

const RESTORE_USAGE = `Usage: pnyx restore <file.tar.gz> [--yes] [--json]

Checks the archive whole, then restores the database and the uploads of a "pnyx backup". A database
holding data is replaced only with --yes (in one transaction: a failed restore changes nothing).
Stop the platform first.
--json: one JSON object on standard output, {"ok":true,"tables":...,"rows":...,"counts":{...}}.`;

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

export async function run(argv: string[]): Promise<number> {
  return withUsage("backup", BACKUP_USAGE, async () => {
    const { values } = parseFlags(argv, { out: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { positionals: 0 });
    if (values.help) {
      console.log(BACKUP_USAGE);
      return 0;
    }
    const json = values.json === true;
    const config = configOrExit(json);
    if (!config) return 1;
    const out = path.resolve(values.out ?? `pnyx-backup-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`);
    return withDatabaseLocation("backup", json, async (location) => {
      try {
        const summary = await createBackup(location.url, uploadsDir(config.PNYX_DATA_DIR), out);
        if (json) printJson({ ok: true, ...summary });
        else console.log(`backup written to ${summary.file} (${kb(summary.bytes)}): ${summary.tables} tables, ${summary.rows} rows, ${summary.uploads} uploads, PostgreSQL ${summary.serverVersion}`);
        return 0;
      } catch (error) {
        return fail("backup", error, json, { trace: !(error instanceof BackupError) });
      }
    });
  });
}

export async function restore(argv: string[]): Promise<number> {
  return withUsage("restore", RESTORE_USAGE, async () => {
    const { values, positionals } = parseFlags(argv, { yes: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { positionals: 1 });
    if (values.help) {
      console.log(RESTORE_USAGE);
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new UsageError("the backup <file> is required");
    const json = values.json === true;
    const config = configOrExit(json);
    if (!config) return 1;
    return withDatabaseLocation("restore", json, async (location) => {
      try {
        const summary = await restoreBackup(location.url, uploadsDir(config.PNYX_DATA_DIR), path.resolve(file), { replace: values.yes === true });
        if (json) printJson({ ok: true, ...summary });
        else {
          console.log(`restored ${summary.tables} tables, ${summary.rows} rows, ${summary.uploads} uploads${summary.replaced ? " (the database's former content was replaced)" : ""}`);
          for (const [table, n] of Object.entries(summary.counts)) if (n > 0) console.log(`  ${table}: ${n}`);
        }
        return 0;
      } catch (error) {
        return fail("restore", error, json, { trace: !(error instanceof BackupError) });
      }
    });
  });
}
