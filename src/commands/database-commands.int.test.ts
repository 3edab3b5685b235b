/** `pnyx migrate`, `pnyx admin create` and `pnyx scopes import` on a real database (DATABASE_URL), through boot.ts's runners. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../db/client";
import { createTestDatabase, type TestDatabase } from "../db/test-db";
import { run as admin } from "./admin";
import { run as migrate } from "./migrate";
import { run as scopes } from "./scopes";

let database: TestDatabase;
let handle: Database;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  handle = openDatabase(database.url, 1);
  dir = await mkdtemp(path.join(tmpdir(), "pnyx-commands-"));
});
afterAll(async () => {
  await handle.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Runs a command with `env`, returning its exit code and what it wrote on standard output. */
async function command(run: (argv: string[]) => Promise<number>, argv: string[], env: Record<string, string> = { DATABASE_URL: database.url }) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (out += `${a.join(" ")}\n`));
  vi.spyOn(console, "error").mockImplementation(() => {});
  const code = await run(argv);
  return { code, out };
}

async function file(name: string, text: string): Promise<string> {
  const at = path.join(dir, name);
  await writeFile(at, text);
  return at;
}

describe("commands on the database", () => {
  it("migrate finds the database up to date, and says so in JSON; an unreachable one is exit 1", async () => {
    const total = Number((await handle.db.execute<{ n: string }>(sql`select count(*)::text as n from pnyx_meta.migrations`)).rows[0]?.n);
    const done = await command(migrate, ["--json"]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toEqual({ ok: true, applied: 0, total, database: { embedded: false, alreadyRunning: false } });
    const unreachable = await command(migrate, ["--json"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(unreachable.code).toBe(1);
    expect(JSON.parse(unreachable.out)).toMatchObject({ ok: false });
  });

  it("admin create makes an administrator, then promotes the same address without a second account", async () => {
    const password = await file("password", "correct horse battery staple\n");
    const first = await command(admin, ["create", "--email", "chair@example.org", "--password-file", password, "--json"]);
    expect(first).toEqual({ code: 0, out: '{"ok":true,"email":"chair@example.org","created":true}\n' });
    await handle.db.execute(sql`update users set is_admin = false where email = 'chair@example.org'`);
    const again = await command(admin, ["create", "--email", "chair@example.org", "--password-file", password, "--json"]);
    expect(again).toEqual({ code: 0, out: '{"ok":true,"email":"chair@example.org","created":false}\n' });
    const rows = (await handle.db.execute<{ is_admin: boolean }>(sql`select is_admin from users where email = 'chair@example.org'`)).rows;
    expect(rows).toEqual([{ is_admin: true }]);
  });

  it("scopes import reports what it created; a refused file is exit 1 with {ok:false}; no database is exit 1", async () => {
    const good = await file("scopes.csv", "code,parent,name_fr\n21009,04000,Ixelles\n04000,,Région bruxelloise\n");
    expect(await command(scopes, ["import", good, "--json"])).toEqual({ code: 0, out: '{"ok":true,"created":2,"updated":0}\n' });
    const unknownParent = await file("unknown.csv", "code,parent,name_fr\n21016,99999,Uccle\n");
    const refused = await command(scopes, ["import", unknownParent, "--json"]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toEqual({ ok: false, error: expect.stringContaining("no scope has the code 99999") });
    const unreachable = await command(scopes, ["import", good, "--json"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(unreachable.code).toBe(1);
    expect(JSON.parse(unreachable.out)).toMatchObject({ ok: false });
    expect((await handle.db.execute(sql`select code from scopes order by code`)).rows).toEqual([{ code: "04000" }, { code: "21009" }]);
  });
});
