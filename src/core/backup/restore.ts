/**
 * `pnyx restore`'s work (ADR 0030): the archive is extracted to a temporary folder and checked whole
 * (every file's size and SHA-256 against the manifest, the migrations known to this Pnyx) before anything
 * is touched; then, in ONE transaction, the database's schemas are dropped, rebuilt by the backup's
 * migrations, filled with `COPY ... FROM STDIN` in foreign-key order (constraints checked, user triggers
 * off so that counters are not counted twice), the sequences set and every table's count compared with
 * the manifest. Any failure rolls the whole transaction back: the database is as it was.
 */
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrationsFolder } from "../../db/migrate";
import { publicTables, quoteIdent } from "./dump";
import { FORMAT, FORMAT_VERSION, isArchiveName, MANIFEST, manifestSchema, type Manifest } from "./manifest";
import { BackupError } from "./messages";
import { ArchiveError, extractTarGz } from "./tar";

/** Extracts `file` into `dir` and checks it whole; resolves to its manifest, or throws BackupError. */
export async function checkArchive(file: string, dir: string): Promise<Manifest> {
  let entries;
  try {
    entries = await extractTarGz(file, dir, isArchiveName);
  } catch (error) {
    if (error instanceof ArchiveError) throw new BackupError("corrupt", { detail: error.message });
    throw error;
  }
  if (!entries.has(MANIFEST)) throw new BackupError("format", { detail: `no ${MANIFEST}` });
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), "utf8"));
  } catch {
    throw new BackupError("corrupt", { detail: `${MANIFEST} is not JSON` });
  }
  const head = raw as { format?: unknown; formatVersion?: unknown };
  if (head?.format !== FORMAT || head.formatVersion !== FORMAT_VERSION) throw new BackupError("format", { detail: `format ${String(head?.format)} ${String(head?.formatVersion)}` });
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError("corrupt", { detail: `${MANIFEST}: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}` });
  const manifest = parsed.data;
  for (const [name, expected] of Object.entries(manifest.files)) {
    const found = entries.get(name);
    if (!found) throw new BackupError("corrupt", { detail: `${name} is missing` });
    if (found.size !== expected.size || found.sha256 !== expected.sha256) throw new BackupError("corrupt", { detail: `${name} does not match its checksum` });
  }
  for (const name of entries.keys()) if (name !== MANIFEST && !manifest.files[name]) throw new BackupError("corrupt", { detail: `${name} is not in the manifest` });
  for (const table of manifest.tables) if (!manifest.files[table.file] || table.file !== `db/${table.name}.copy`) throw new BackupError("corrupt", { detail: `no data for table ${table.name}` });
  return manifest;
}

/** The tables of the public schema holding at least one row. */
export async function tablesWithRows(client: pg.Client): Promise<string[]> {
  const out: string[] = [];
  for (const table of await publicTables(client)) {
    const r = await client.query<{ found: boolean }>(`select exists (select 1 from public.${quoteIdent(table)}) as found`);
    if (r.rows[0]?.found) out.push(table);
  }
  return out;
}

/**
 * Other client connections to the database, after giving those just closed up to 3 s to go (a server
 * process outlives its client's goodbye by a moment).
 */
async function otherSessions(client: pg.Client): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const r = await client.query<{ n: string }>(
      "select count(*)::text as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'",
    );
    const n = Number(r.rows[0]?.n ?? 0);
    if (n === 0 || attempt >= 30) return n;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `tables` ordered so that a table comes after those its foreign keys point to. */
async function dependencyOrder(client: pg.Client, tables: string[]): Promise<string[]> {
  const r = await client.query<{ child: string; parent: string }>(
    "select c.relname as child, p.relname as parent from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and n.nspname = 'public' and k.conrelid <> k.confrelid",
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of r.rows) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: string, trail: string[]) => {
    if (state.get(table) === "done") return;
    if (state.get(table) === "visiting") throw new Error(`foreign keys form a cycle: ${[...trail, table].join(" -> ")}`);
    state.set(table, "visiting");
    for (const parent of parents.get(table) ?? []) if (parents.has(parent)) visit(parent, [...trail, table]);
    state.set(table, "done");
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  uploads: number;
  counts: Record<string, number>;
  replaced: boolean;
}

/**
 * Restores `file` into the database at `url` and the uploads into `uploadsDir`. A database holding rows
 * is replaced only with `replace` (else BackupError "notEmpty"); nothing is changed when the archive fails
 * its checks, and the database is left as it was when any step of the load fails.
 */
export async function restoreBackup(url: string, uploadsDir: string, file: string, options: { replace: boolean }): Promise<RestoreSummary> {
  const staging = await fs.mkdtemp(path.join(tmpdir(), "pnyx-restore-"));
  const client = new pg.Client({ connectionString: url });
  let connected = false;
  try {
    const manifest = await checkArchive(file, staging);
    const local = readMigrationFiles({ migrationsFolder });
    manifest.migrations.forEach((m, i) => {
      if (local[i]?.hash !== m.hash) throw new BackupError("newer", { version: `${i + 1} (${m.hash.slice(0, 12)})` });
    });
    await client.connect();
    connected = true;
    // A running platform would keep writing to (and pg-boss polling) the schemas dropped below.
    const others = await otherSessions(client);
    if (others > 0) throw new BackupError("inUse", { sessions: others });
    const occupied = await tablesWithRows(client);
    if (occupied.length > 0 && !options.replace) throw new BackupError("notEmpty", { tables: occupied.length });

    // Uploads first: their names are random and never reused, so files written here are harmless if the
    // database step fails, and a restored database never points at a missing file.
    const uploads = Object.keys(manifest.files).filter((n) => n.startsWith("uploads/"));
    for (const name of uploads) {
      const target = path.join(uploadsDir, name.slice("uploads/".length));
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.copyFile(path.join(staging, name), target);
    }

    await client.query("begin");
    try {
      // A running platform holds locks: fail clearly rather than wait behind it.
      await client.query("set local lock_timeout = '15s'");
      await client.query("drop schema if exists pnyx_jobs cascade");
      await client.query("drop schema if exists pnyx_meta cascade");
      await client.query("drop schema if exists public cascade");
      await client.query("create schema public");
      for (const migration of local.slice(0, manifest.migrations.length)) for (const statement of migration.sql) if (statement.trim()) await client.query(statement);
      await client.query("create schema pnyx_meta");
      await client.query("create table pnyx_meta.migrations (id serial primary key, hash text not null, created_at bigint)");
      for (const m of manifest.migrations) await client.query("insert into pnyx_meta.migrations (hash, created_at) values ($1, $2)", [m.hash, m.createdAt]);

      const present = new Set(await publicTables(client));
      for (const t of manifest.tables) if (!present.has(t.name)) throw new BackupError("corrupt", { detail: `table ${t.name} is not in the schema of its migrations` });
      const byName = new Map(manifest.tables.map((t) => [t.name, t]));
      const triggered = await client.query<{ name: string }>(
        "select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace where not g.tgisinternal and n.nspname = 'public'",
      );
      for (const { name } of triggered.rows) await client.query(`alter table public.${quoteIdent(name)} disable trigger user`);
      const counts: Record<string, number> = {};
      for (const name of await dependencyOrder(client, [...byName.keys()])) {
        const table = byName.get(name);
        if (!table) continue;
        const columns = table.columns.map(quoteIdent).join(", ");
        await pipeline(createReadStream(path.join(staging, table.file)), client.query(copyFrom(`copy public.${quoteIdent(name)} (${columns}) from stdin`)));
        const found = Number((await client.query<{ n: string }>(`select count(*)::text as n from public.${quoteIdent(name)}`)).rows[0]?.n ?? 0);
        if (found !== table.rows) throw new BackupError("countMismatch", { table: name, found, expected: table.rows });
        counts[name] = found;
      }
      for (const { name } of triggered.rows) await client.query(`alter table public.${quoteIdent(name)} enable trigger user`);
      for (const s of manifest.sequences) {
        if (s.lastValue !== null) await client.query("select setval($1::regclass, $2::bigint, $3)", [`public.${quoteIdent(s.name)}`, s.lastValue, s.isCalled]);
      }
      await client.query("commit");
      return { tables: manifest.tables.length, rows: Object.values(counts).reduce((a, b) => a + b, 0), uploads: uploads.length, counts, replaced: occupied.length > 0 };
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
  } finally {
    if (connected) await client.end().catch(() => {});
    await fs.rm(staging, { recursive: true, force: true });
  }
}
