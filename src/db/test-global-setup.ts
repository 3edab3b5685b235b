/**
 * Integration tests run against a real PostgreSQL: the server at DATABASE_URL when set (CI also runs
 * them on Debian's PostgreSQL 15), else an embedded server of this run's own (its own folder and free
 * port, so that concurrent runs never touch each other). A template database is migrated once; each
 * test file then gets a fresh copy of it (CREATE DATABASE ... TEMPLATE, a file copy).
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Folders of earlier runs whose process is gone. */
async function removeStaleFolders(root: string): Promise<void> {
  if (!existsSync(root)) return;
  for (const name of await fs.readdir(root)) {
    const pid = Number(/^pg-[a-z0-9]+-(\d+)$/.exec(name)?.[1]);
    if (pid && !isAlive(pid)) await fs.rm(path.join(root, name), { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = `${project.name}_${process.pid}`;
  const template = `pnyx_test_${run}_template`;
  let adminUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const root = path.resolve(".pnyx-test");
    await removeStaleFolders(root);
    const dir = path.join(root, `pg-${project.name}-${process.pid}`);
    const server = await startEmbeddedPostgres(dir, await freePort());
    adminUrl = server.adminUrl;
    stop = async () => {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Databases left by interrupted runs of this server (their process is gone).
    const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'pnyx_test_%'");
    for (const { datname } of stale.rows) {
      const pid = Number(/^pnyx_test_[a-z0-9]+_(\d+)_/.exec(datname)?.[1]);
      if (!pid || !isAlive(pid) || datname === template) await admin.query(`drop database if exists ${datname} with (force)`);
    }
    await admin.query(`create database ${template}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(withDatabase(adminUrl, template));
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${template} with (force)`).catch(() => {});
    await c.end();
    await stop();
  };
}
