/**
 * The PostgreSQL rate-limit store: two Fastify apps on one database stand for two instances behind a
 * load balancer; a limit holds across them, hits sent at once are each counted once, routes count
 * apart, and an ended window starts again.
 */
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
import { until } from "../../test/until";
import { postgresRateLimitStore } from "./store";

let database: TestDatabase;
let pool: pg.Pool;
const apps: FastifyInstance[] = [];

async function instance(): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(fastifyRateLimit, { global: false, store: postgresRateLimitStore(pool) });
  app.get("/a", { config: { rateLimit: { max: 5, timeWindow: "1 minute" } } }, async () => "a");
  app.get("/b", { config: { rateLimit: { max: 5, timeWindow: "1 minute" } } }, async () => "b");
  app.get("/burst", { config: { rateLimit: { max: 10, timeWindow: "1 minute" } } }, async () => "burst");
  app.get("/short", { config: { rateLimit: { max: 2, timeWindow: 1500 } } }, async () => "short");
  const limiter = app.createRateLimit({ max: 3, timeWindow: "1 minute", keyGenerator: (r) => `made:${r.ip}` });
  app.get("/made", async (req, reply) => {
    const verdict = await limiter(req);
    return !verdict.isAllowed && verdict.isExceeded ? reply.code(429).send("no") : "made";
  });
  apps.push(app);
  return app;
}

const status = (app: FastifyInstance, url: string, ip = "198.51.100.1") => app.inject({ method: "GET", url, remoteAddress: ip }).then((r) => r.statusCode);

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 10 });
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await pool?.end();
  await database?.drop();
});

describe("the PostgreSQL rate-limit store", () => {
  it("holds one limit across two instances, per route and per client", async () => {
    const [one, two] = [await instance(), await instance()];
    const seen: number[] = [];
    // Alternating instances, as a round-robin balancer does: 5 pass in all, not 5 on each.
    for (let i = 0; i < 7; i++) seen.push(await status(i % 2 === 0 ? one : two, "/a"));
    expect(seen).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Another route and another client count apart.
    expect(await status(two, "/b")).toBe(200);
    expect(await status(one, "/a", "198.51.100.2")).toBe(200);
    // createRateLimit (the component routes' limiter) counts in the same shared table.
    const made: number[] = [];
    for (let i = 0; i < 4; i++) made.push(await status(i % 2 === 0 ? one : two, "/made"));
    expect(made).toEqual([200, 200, 200, 429]);
  });

  it("counts hits sent at once exactly: each its own count (batched upserts), no read-then-write race", async () => {
    const [one, two] = [await instance(), await instance()];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => status(i % 2 === 0 ? one : two, "/burst", "198.51.100.3")));
    expect(results.filter((s) => s === 200)).toHaveLength(10);
    expect(results.filter((s) => s === 429)).toHaveLength(20);
    const row = await pool.query<{ hits: number }>("select hits from rate_limit_hits where key like '%/burst|198.51.100.3'");
    expect(row.rows[0]?.hits).toBe(30);
  });

  it("keeps its counts in an unlogged table (a hit's commit waits for no WAL flush, ADR 37)", async () => {
    const t = await pool.query<{ relpersistence: string }>("select relpersistence from pg_class where relname = 'rate_limit_hits' and relkind = 'r'");
    expect(t.rows.map((r) => r.relpersistence)).toEqual(["u"]);
  });

  it("starts a window again once it has ended", async () => {
    const one = await instance();
    expect([await status(one, "/short", "198.51.100.4"), await status(one, "/short", "198.51.100.4"), await status(one, "/short", "198.51.100.4")]).toEqual([200, 200, 429]);
    // Polled, not slept: the 1.5 s window ends, and the next hit counts from 1.
    await until(async () => (await status(one, "/short", "198.51.100.4")) === 200, 10_000, 200);
    const row = await pool.query<{ hits: number }>("select hits from rate_limit_hits where key like '%/short|198.51.100.4'");
    expect(row.rows[0]?.hits).toBe(1);
  });
});
