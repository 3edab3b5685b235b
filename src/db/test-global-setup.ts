/**
 * Integration tests run against a real PostgreSQL: the server at DATABASE_URL when set (CI also runs
 * them on Debian's PostgreSQL 15), else an embedded one started here. A template database is migrated
 * once; each test file then gets a fresh copy of it (CREATE DATABASE ... TEMPLATE, a file copy).
 */
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";

export const TEMPLATE_DB = "pnyx_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    // Each test project gets its own server, so projects can run in one vitest invocation.
    const offset = project.name === "e2e" ? 1 : 0;
    const port = Number(process.env.PNYX_TEST_PG_PORT ?? 54339) + offset;
    const server = await startEmbeddedPostgres(path.resolve(`.pnyx-test/pg-${project.name}`), port);
    adminUrl = server.adminUrl;
    stop = server.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Leftovers of an interrupted earlier run.
    const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'pnyx_test_%'");
    for (const { datname } of stale.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("pgAdminUrl", adminUrl);
  return stop;
}
