import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerPlugins } from "./plugins";

const app = Fastify();
beforeAll(async () => {
  await registerPlugins(app, "test-secret-test-secret-test-secret-0123", false);
});
afterAll(() => app.close());

describe("the site's icon", () => {
  it("is an SVG mark under /assets/, and /favicon.ico leads to it", async () => {
    const ico = await app.inject({ url: "/favicon.ico" });
    expect(ico.statusCode).toBe(301);
    expect(ico.headers.location).toBe("/assets/favicon.svg");
    const svg = await app.inject({ url: "/assets/favicon.svg" });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers["content-type"]).toContain("image/svg+xml");
    expect(svg.body).toContain("<svg");
  });
});
