/**
 * The security headers worked out once (security-headers.ts) are exactly those @fastify/helmet sent with
 * the configuration Pnyx gave it until ADR 0042, nonces aside; each response gets nonces of its own.
 */
import fastifyHelmet from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { nonce, registerSecurityHeaders } from "./security-headers";

/** Helmet as plugins.ts registered it before ADR 0042. */
async function withHelmet(https: boolean): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "https:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: https,
  });
  app.get("/", async (_req, reply) => ({ nonces: reply.cspNonce }));
  return app;
}

async function withOurs(https: boolean): Promise<FastifyInstance> {
  const app = Fastify();
  registerSecurityHeaders(app, https);
  app.get("/", async (_req, reply) => ({ nonces: reply.cspNonce }));
  return app;
}

const apps: FastifyInstance[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

/** A response's headers with its nonces replaced by a mark (and the per-response date and length dropped). */
async function headersOf(app: FastifyInstance): Promise<{ headers: Record<string, unknown>; nonces: { script: string; style: string } }> {
  apps.push(app);
  const res = await app.inject({ url: "/" });
  const { nonces } = res.json<{ nonces: { script: string; style: string } }>();
  const headers: Record<string, unknown> = { ...res.headers };
  delete headers.date;
  delete headers["content-length"];
  headers["content-security-policy"] = String(headers["content-security-policy"]).replace(nonces.script, "<script>").replace(nonces.style, "<style>");
  return { headers, nonces };
}

describe("security headers", () => {
  for (const https of [false, true]) {
    it(`are helmet's, nonces in the same places (${https ? "https" : "http"})`, async () => {
      const ours = await headersOf(await withOurs(https));
      const helmet = await headersOf(await withHelmet(https));
      expect(ours.headers).toEqual(helmet.headers);
      expect(ours.headers["content-security-policy"]).toContain("style-src 'self' 'nonce-<style>'");
      expect("strict-transport-security" in ours.headers).toBe(https);
    });
  }

  it("gives every response nonces of its own: 32 hex digits, never repeated", async () => {
    const app = await withOurs(false);
    apps.push(app);
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const res = await app.inject({ url: "/" });
      const { nonces } = res.json<{ nonces: { script: string; style: string } }>();
      expect(String(res.headers["content-security-policy"])).toContain(`'nonce-${nonces.style}'`);
      seen.add(nonces.script).add(nonces.style);
    }
    // Past the pool's refill (4096 bytes = 256 nonces) too.
    for (let i = 0; i < 600; i++) seen.add(nonce());
    expect(seen.size).toBe(700);
    for (const n of seen) expect(n).toMatch(/^[0-9a-f]{32}$/);
  });
});
