/**
 * `pnyx backup`'s work: one REPEATABLE READ, READ ONLY snapshot of the database (the platform keeps
 * running), each table of the public schema copied out with `COPY ... TO STDOUT` (PostgreSQL's own text
 * format, the one pg_dump uses), the sequences' values, the migrations' list, then the uploads folder,
 * all in one .tar.gz with a manifest. No pg_dump: the embedded server is PostgreSQL 17 and Debian's
 * client is 15 (ADR 0030).
 */
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { FORMAT, FORMAT_VERSION, MANIFEST, pnyxVersion, type Manifest } from "./manifest";
import { TarGzWriter } from "./tar";

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the public schema (plain and partitioned roots), by name. */
export async function publicTables(client: pg.Client): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname",
  );
  return r.rows.map((x) => x.name);
}

/** A table's stored columns (generated columns are recomputed by the server), in order. */
export async function storedColumns(client: pg.Client, table: string): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    "select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum",
    [`public.${quoteIdent(table)}`],
  );
  return r.rows.map((x) => x.name);
}

/** Every regular file under `dir`, as paths relative to it (none when it does not exist). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [];
    throw e;
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  uploads: number;
  migrations: number;
  serverVersion: string;
}

/** Writes the backup of the database at `url` and of `uploadsDir` to `out`. */
export async function createBackup(url: string, uploadsDir: string, out: string): Promise<BackupSummary> {
  const staging = await fs.mkdtemp(path.join(tmpdir(), "pnyx-backup-"));
  const partial = `${out}.partial`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const writer = new TarGzWriter(partial);
    const files: Manifest["files"] = {};
    const tables: Manifest["tables"] = [];
    const sequences: Manifest["sequences"] = [];
    let migrations: Manifest["migrations"];
    let server: Manifest["server"];
    await client.query("begin isolation level repeatable read, read only");
    try {
      const version = await client.query<{ v: string; n: string }>("select current_setting('server_version') as v, current_setting('server_version_num') as n");
      server = { version: version.rows[0]?.v ?? "", versionNum: Number(version.rows[0]?.n ?? 0) };
      const m = await client.query<{ hash: string; created_at: string }>("select hash, created_at::text from pnyx_meta.migrations order by id");
      migrations = m.rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
      for (const table of await publicTables(client)) {
        const columns = await storedColumns(client, table);
        const count = await client.query<{ n: string }>(`select count(*)::text as n from public.${quoteIdent(table)}`);
        const staged = path.join(staging, `${table}.copy`);
        await pipeline(client.query(copyTo(`copy public.${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) to stdout`)), createWriteStream(staged));
        const file = `db/${table}.copy`;
        tables.push({ name: table, columns, rows: Number(count.rows[0]?.n ?? 0), file });
        files[file] = await writer.addFile(file, staged);
        await fs.rm(staged);
      }
      const seqs = await client.query<{ name: string }>("select sequencename as name from pg_sequences where schemaname = 'public' order by sequencename");
      for (const { name } of seqs.rows) {
        const s = await client.query<{ last_value: string | null; is_called: boolean }>(`select last_value::text, is_called from public.${quoteIdent(name)}`);
        const row = s.rows[0];
        sequences.push({ name, lastValue: row?.last_value ?? null, isCalled: row?.is_called ?? false });
      }
    } finally {
      await client.query("commit").catch(() => {});
    }
    // Uploads are written once under random names and never changed: read after the snapshot.
    const uploads = await filesUnder(uploadsDir);
    for (const name of uploads) files[`uploads/${name}`] = await writer.addFile(`uploads/${name}`, path.join(uploadsDir, name));
    const manifest: Manifest = { format: FORMAT, formatVersion: FORMAT_VERSION, pnyxVersion: pnyxVersion(), createdAt: new Date().toISOString(), server, migrations, tables, sequences, files };
    await writer.addBuffer(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await writer.finish();
    await fs.rename(partial, out);
    const { size } = await fs.stat(out);
    return { file: out, bytes: size, tables: tables.length, rows: tables.reduce((n, t) => n + t.rows, 0), uploads: uploads.length, migrations: migrations.length, serverVersion: server.version };
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
    await fs.rm(staging, { recursive: true, force: true });
  }
}
