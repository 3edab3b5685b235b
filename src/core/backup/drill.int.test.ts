/**
 * The backup drill (issue 18): a platform with the demo's data (petitions, signatures, comments, budget
 * ballots, conversation votes...) and an uploaded image is backed up with `pnyx backup`; a truncated and
 * an altered archive are refused with nothing changed; the database and the uploads are wiped; `pnyx
 * restore` brings back every table's row count, checksums of key tables' rows and the image's bytes, and
 * a platform started on the restored database serves the petition. On the embedded PostgreSQL 17 here,
 * on Debian's PostgreSQL 15 in CI's second integration run (DATABASE_URL).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../config";
import { restore as restoreRun, run as backupRun } from "../../commands/backup";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
import { signingInfo } from "../../modules/petitions/cache";
import { sign } from "../../modules/petitions/signing";
import { startPlatform, type Platform } from "../../runtime";
import { seedDemo } from "../../seeds";
import { TestClient } from "../../test/platform";
import { runCommand } from "../../test/command";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp";
import { until } from "../../test/until";
import { saveImage, uploadsDir } from "../spaces/uploads";

let database: TestDatabase;
let dir: string;
let dataDir: string;
let smtp: SmtpCapture;

const env = (url: string, data: string) =>
  loadConfig({ NODE_ENV: "test", DATABASE_URL: url, PNYX_DATA_DIR: data, LOG_LEVEL: "silent", PUBLIC_URL: "http://pnyx.test", SESSION_SECRET: "test-secret-test-secret-test-secret-0123", SMTP_URL: smtp.url });

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Every public table's row count, and an md5 of the ordered rows of key tables. */
async function snapshot(): Promise<{ counts: Record<string, number>; sums: Record<string, string | null> }> {
  return withClient(async (c) => {
    const tables = (await c.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public' order by 1")).rows.map((r) => r.t);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await c.query<{ n: string }>(`select count(*)::text as n from public."${t}"`)).rows[0]?.n);
    const sums: Record<string, string | null> = {};
    for (const t of ["users", "petitions", "petition_signatures", "comments", "budget_ballots", "conversation_votes", "spaces", "proposals", "uploaded_images"]) {
      sums[t] = (await c.query<{ s: string | null }>(`select md5(string_agg(x::text, '|' order by x::text)) as s from public."${t}" x`)).rows[0]?.s ?? null;
    }
    sums.migrations = (await c.query<{ s: string }>("select md5(string_agg(hash, ',' order by id)) as s from pnyx_meta.migrations")).rows[0]?.s ?? null;
    return { counts, sums };
  });
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2048)]);

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(tmpdir(), "pnyx-drill-"));
  dataDir = path.join(dir, "data");
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
  await database.drop();
  await fs.rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** `pnyx backup|restore` on the drill's database and data folder, in the operator's `lang`. */
function pnyx(which: "backup" | "restore", argv: string[], lang = "en_GB.UTF-8") {
  vi.stubEnv("PNYX_DATA_DIR", dataDir);
  vi.stubEnv("LC_ALL", "");
  vi.stubEnv("LC_MESSAGES", "");
  vi.stubEnv("LANG", lang);
  return runCommand(which === "backup" ? backupRun : restoreRun, argv, database.url);
}

describe("the backup drill", () => {
  it("backs up, refuses damaged archives, restores a wiped platform to the same rows and files, and serves them", async () => {
    // A platform with data.
    let platform: Platform = await startPlatform(env(database.url, dataDir), () => {});
    await seedDemo(platform.deps);
    const petition = (await platform.deps.db.execute<{ id: string; title: string; component_id: string; slug: string }>(sql`
      select p.id, p.title, p.component_id, s.slug from petitions p join components c on c.id = p.component_id join spaces s on s.id = c.space_id
      where p.state = 'published' order by p.id limit 1`)).rows[0];
    if (!petition) throw new Error("the demo has no published petition");
    const info = await signingInfo(platform.deps.db, Number(petition.id));
    if (!info) throw new Error("no signing info");
    for (const n of [1, 2, 3]) {
      const signed = await sign(platform.deps, info, { input: { name: `Signer ${n}`, email: `signer${n}@example.org`, birthDate: "1980-02-03", postalCode: "1000", showName: true }, user: null, ip: "192.0.2.1", locale: "fr" });
      expect(signed.ok).toBe(true);
    }
    await until(async () => Number((await platform.deps.db.execute<{ n: string }>(sql`select count(*)::text as n from petition_signatures where petition_id = ${petition.id}`)).rows[0]?.n) === 3);
    // A hero image saved now (in the database) and one an earlier version left in the data folder.
    const image = await saveImage(platform.deps.db, PNG, "image");
    if (!image.ok) throw new Error("image refused");
    const imageName = `${"0123456789abcdef".repeat(2)}.png`;
    await fs.mkdir(uploadsDir(dataDir), { recursive: true });
    await fs.writeFile(path.join(uploadsDir(dataDir), imageName), PNG);
    // The platform may keep running during a backup, but a restore under it is refused.
    const archive = path.join(dir, "pnyx.tar.gz");
    const live = await pnyx("backup", ["--out", archive, "--json"]);
    expect(live.code, live.err).toBe(0);
    const underPlatform = await pnyx("restore", [archive, "--yes", "--json"]);
    expect(underPlatform.code).toBe(1);
    expect(JSON.parse(underPlatform.out)).toMatchObject({ ok: false, error: expect.stringContaining("stop Pnyx") });
    await platform.close();

    const before = await snapshot();
    expect(before.counts.petition_signatures).toBeGreaterThanOrEqual(3);
    expect(before.counts.comments).toBeGreaterThan(0);
    expect(before.counts.budget_ballots).toBeGreaterThan(0);

    // The backup of the stopped platform (the same file, written again).
    const backup = await pnyx("backup", ["--out", archive, "--json"]);
    expect(backup.code).toBe(0);
    const written = JSON.parse(backup.out) as { ok: boolean; file: string; bytes: number; rows: number; uploads: number };
    expect(written).toMatchObject({ ok: true, file: archive, uploads: 1, rows: Object.values(before.counts).reduce((a, b) => a + b, 0) });
    expect(written.bytes).toBe((await fs.stat(archive)).size);

    // A database holding data is not replaced without --yes.
    const refused = await pnyx("restore", [archive]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("--yes");

    // A truncated archive, and one with a byte changed, are refused: nothing changes.
    const bytes = await fs.readFile(archive);
    const truncated = path.join(dir, "truncated.tar.gz");
    await fs.writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const altered = path.join(dir, "altered.tar.gz");
    const changed = Buffer.from(bytes);
    const middle = Math.floor(changed.length / 2);
    changed[middle] = (changed[middle] ?? 0) ^ 0xff;
    await fs.writeFile(altered, changed);
    for (const bad of [truncated, altered]) {
      const r = await pnyx("restore", [bad, "--yes", "--json"]);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: expect.stringContaining("nothing was changed") });
    }
    expect(await snapshot()).toEqual(before);
    // In the operator's language.
    const inFrench = await pnyx("restore", [truncated, "--yes"], "fr_BE.UTF-8");
    expect(inFrench.code).toBe(1);
    expect(inFrench.err).toContain("rien n'a été modifié");

    // Wipe: the schemas and the uploads go.
    await withClient((c) => c.query("drop schema public cascade; drop schema pnyx_meta cascade; drop schema if exists pnyx_jobs cascade; create schema public"));
    await fs.rm(uploadsDir(dataDir), { recursive: true });
    expect((await withClient((c) => c.query("select tablename from pg_tables where schemaname in ('public', 'pnyx_meta')"))).rowCount).toBe(0);

    // Restore into the empty database: no --yes needed.
    const restored = await pnyx("restore", [archive, "--json"]);
    expect(restored.code, restored.err).toBe(0);
    expect(JSON.parse(restored.out)).toMatchObject({ ok: true, uploads: 1, rows: written.rows, replaced: false });
    expect(await snapshot()).toEqual(before);
    expect((await fs.readFile(path.join(uploadsDir(dataDir), imageName))).equals(PNG)).toBe(true);

    // Restoring again over the restored data with --yes replaces it, in one go, to the same state.
    const again = await pnyx("restore", [archive, "--yes", "--json"]);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ ok: true, replaced: true });
    expect(await snapshot()).toEqual(before);

    // The platform starts on the restored database and serves the petition, its signatures and the image.
    platform = await startPlatform(env(database.url, dataDir), () => {});
    try {
      const client = new TestClient(platform);
      const page = await client.get(`/spaces/${petition.slug}/c/${petition.component_id}/${petition.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(petition.title);
      for (const address of [image.value, `/uploads/${imageName}`]) {
        const served = await client.get(address);
        expect(served.statusCode).toBe(200);
        expect(served.rawPayload.equals(PNG)).toBe(true);
      }
      // New rows take fresh ids (sequences restored): another signature is accepted.
      const next = await sign(platform.deps, info, { input: { name: "Signer 4", email: "signer4@example.org", birthDate: "1980-02-03", postalCode: "1000", showName: true }, user: null, ip: "192.0.2.1", locale: "fr" });
      expect(next.ok).toBe(true);
      await until(async () => Number((await platform.deps.db.execute<{ n: string }>(sql`select count(*)::text as n from petition_signatures where petition_id = ${petition.id}`)).rows[0]?.n) === 4);
    } finally {
      await platform.close();
    }
  }, 120_000);
});
