import Fastify from "fastify";
import { afterEach, expect, it } from "vitest";
import { until } from "../../test/until";
import { collectWhenIdle } from "./idle-gc";

const apps: Array<ReturnType<typeof Fastify>> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

it("collects once after a burst of requests followed by quiet, and not again until the next burst", async () => {
  const app = Fastify();
  apps.push(app);
  const lines: string[] = [];
  collectWhenIdle(app, 30, (m) => lines.push(m));
  app.get("/", async () => "ok");
  await app.ready();
  // No request yet: nothing to give back.
  await new Promise((r) => setTimeout(r, 150));
  expect(lines).toEqual([]);
  for (let i = 0; i < 5; i++) expect((await app.inject("/")).statusCode).toBe(200);
  await until(async () => lines.length === 1, 5_000, 10);
  expect(lines[0]).toMatch(/^idle: memory collected \(RSS \d+, heap \d+\/\d+, external \d+ MB → RSS \d+/);
  // Quiet on: no second collection.
  await new Promise((r) => setTimeout(r, 150));
  expect(lines).toHaveLength(1);
  await app.inject("/");
  await until(async () => lines.length === 2, 5_000, 10);
});
