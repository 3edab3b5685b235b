/**
 * While the database cannot be reached (a restart, a failover), a request that needs it is answered 503
 * with `Retry-After` and a translated page saying nothing was saved, not a 500; once the database
 * answers again the same page is served. The connections are really cut (src/test/tcp-cut.ts).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../config";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
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
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: cut.url, SMTP_URL: smtp.url, LOG_LEVEL: "silent", PUBLIC_URL: "http://pnyx.test", SESSION_SECRET: "test-secret-test-secret-test-secret-0123" });
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
  // Every connection cut, new ones refused for 10 s: the two requests below take well under that.
  const cutting = cut.cut(10_000);
  const during = await client.get("/processes");
  expect(during.statusCode).toBe(503);
  expect(during.headers["retry-after"]).toBe("5");
  expect(during.body).toContain("Momentanément indisponible");
  expect(during.body).toContain("Rien de ce que vous avez envoyé n’a été enregistré");
  const api = await client.get("/api/petitions");
  expect(api.statusCode).toBe(503);
  expect(api.headers["content-type"]).toContain("application/problem+json");
  await cutting;
  await until(async () => (await client.get("/processes")).statusCode === 200, 20_000, 200);
});
