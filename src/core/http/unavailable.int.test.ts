/**
 * While the database cannot be reached (a restart, a failover), a request that needs it is answered 503
 * with `Retry-After` and a translated page saying nothing was saved, not a 500, once it has waited the
 * ride-through (PNYX_DB_RIDE_THROUGH_MS, src/db/ride-through.ts) for the database to come back; once the
 * database answers again the same page is served. An outage shorter than the ride-through is not seen:
 * the page comes late. The connections are really cut (src/test/tcp-cut.ts).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../config";
import type { RideThroughPool } from "../../db/ride-through";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
import { invalidateOrganization } from "../organization/service";
import { startPlatform, type Platform } from "../../runtime";
import { TestClient } from "../../test/platform";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp";
import { startTcpCut, type TcpCut } from "../../test/tcp-cut";
import { until } from "../../test/until";

let database: TestDatabase;
let smtp: SmtpCapture;
let cut: TcpCut;
let platform: Platform;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpCapture();
  cut = await startTcpCut(database.url);
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: cut.url, SMTP_URL: smtp.url, LOG_LEVEL: "silent", PUBLIC_URL: "http://pnyx.test", SESSION_SECRET: "test-secret-test-secret-test-secret-0123", PNYX_DB_RIDE_THROUGH_MS: "3000" });
  platform = await startPlatform(config, () => {});
});
afterAll(async () => {
  await platform?.close();
  await cut?.close();
  await smtp?.close();
  await database?.drop();
});

it("answers 503 with Retry-After while the database is away, in the reader's language, then serves again", async () => {
  const client = new TestClient(platform, { headers: { "accept-language": "fr" } });
  expect((await client.get("/processes")).statusCode).toBe(200);
  // Every connection cut, new ones refused for 10 s: the first request below waits 3 s for the
  // database, the second none (the outage is older than the ride-through); both well under 10 s.
  let over = false;
  const cutting = cut.cut(10_000).then(() => void (over = true));
  const during = await client.get("/processes");
  expect(during.statusCode).toBe(503);
  expect(during.headers["retry-after"]).toBe("5");
  expect(during.body).toContain("Momentanément indisponible");
  expect(during.body).toContain("Rien de ce que vous avez envoyé n’a été enregistré");
  const api = await client.get("/api/petitions");
  expect(api.statusCode).toBe(503);
  expect(api.headers["content-type"]).toContain("application/problem+json");
  expect(over).toBe(false);
  await cutting;
  await until(async () => (await client.get("/processes")).statusCode === 200, 20_000, 200);
});

/**
 * Cuts the database's connections for `ms` and asks for a page once the pool has seen the cut; resolves
 * while the page waits for the database.
 */
async function pageWaitingOut(client: TestClient, ms: number) {
  const pool = platform.deps.pool as RideThroughPool;
  let over = false;
  const cutting = cut.cut(ms).then(() => void (over = true));
  // As a restart does, the cut ends the pool's idle connections; the request comes after the pool saw it.
  await until(async () => pool.totalCount === 0, 5_000, 10);
  const page = client.get("/processes");
  await until(async () => pool.waitingForDatabase > 0, 5_000, 10);
  return { pool, page, cutting, over: () => over };
}

it("serves a page late, not an error, when the database is away for less than the ride-through", async () => {
  const client = new TestClient(platform, { headers: { "accept-language": "fr" } });
  await until(async () => (await client.get("/processes")).statusCode === 200, 20_000, 200);
  const waiting = await pageWaitingOut(client, 2_000);
  // It waits for the database, then gets the page.
  expect(waiting.over()).toBe(false);
  expect((await waiting.page).statusCode).toBe(200);
  expect(waiting.over()).toBe(true);
  await waiting.cutting;
});

it("answers the health check at once while the database is away, while a page waits for it", async () => {
  const client = new TestClient(platform);
  await until(async () => (await client.get("/healthz")).statusCode === 200, 20_000, 200);
  const waiting = await pageWaitingOut(client, 6_000);
  // A load balancer's probe is told at once: the page is still waiting out the ride-through (3 s). With
  // the organization no longer cached (it is kept 2 s), as in any outage longer than that, nothing on
  // the health check's way may read the database.
  invalidateOrganization();
  const health = await client.get("/healthz");
  expect(health.statusCode).toBe(503);
  expect(waiting.pool.waitingForDatabase).toBeGreaterThan(0);
  expect((await waiting.page).statusCode).toBe(503);
  expect(waiting.over()).toBe(false);
  await waiting.cutting;
  await until(async () => (await client.get("/healthz")).statusCode === 200, 20_000, 200);
});
