/**
 * The visitor cache (src/core/http/visitor-cache.ts) on the demo: a public page is rendered once and
 * served again to the next visitors, each with their own CSRF token and CSP nonce; never to a signed-in
 * person, never while a flash waits, per language, and only for as long as its lifetime.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, csrfFrom, TestClient, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";

let p: TestPlatform;
let short: TestPlatform;
let petition = "";

beforeAll(async () => {
  p = await createTestPlatform({ PNYX_VISITOR_CACHE_MS: "60000" });
  await seedDemo(p.deps);
  const list = JSON.parse((await new TestClient(p).get("/api/petitions")).body) as { data: Array<{ id: number }> };
  petition = `/petitions/${list.data[0]?.id}`;
  short = await createTestPlatform({ PNYX_VISITOR_CACHE_MS: "150" });
}, 120_000);

afterAll(async () => {
  await p?.stop();
  await short?.stop();
});

const styleNonce = (html: string) => /<style nonce="([^"]+)"/.exec(html)?.[1];
/** The nonce the CSP header allows for styles. */
const cspNonce = (csp: unknown) => /style-src[^;]*'nonce-([^']+)'/.exec(String(csp))?.[1];

describe("the visitor cache", () => {
  it("renders a public page once and serves it again to the next visitor, with that visitor's own CSRF token and nonce", async () => {
    const first = await new TestClient(p).get(petition);
    expect(first.statusCode).toBe(200);
    expect(first.headers["x-pnyx-cache"]).toBe("miss");
    const visitor = new TestClient(p);
    const again = await visitor.get(petition);
    expect(again.statusCode).toBe(200);
    expect(again.headers["x-pnyx-cache"]).toBe("hit");
    expect(again.headers["content-type"]).toMatch(/^text\/html/);
    // Each response's style nonce is the one its CSP header allows, and not the first visitor's.
    expect(styleNonce(again.body)).toBe(cspNonce(again.headers["content-security-policy"]));
    expect(styleNonce(again.body)).not.toBe(styleNonce(first.body));
    // The signing form carries a token of this visitor: it passes the CSRF check; the first visitor's does not.
    const mine = csrfFrom(again.body);
    expect(mine).not.toBe(csrfFrom(first.body));
    const signed = await visitor.post(`${petition}/sign`, { name: "Ana Test", email: "ana@example.org" }, { csrf: mine });
    expect(signed.statusCode).not.toBe(403);
    const forged = await new TestClient(p).post(`${petition}/sign`, { name: "Ana Test", email: "ana@example.org" }, { csrf: mine });
    expect(forged.statusCode).toBe(403);
    // Apart from those, the very same page.
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, "").replace(/nonce="[^"]+"/g, "");
    expect(strip(again.body)).toBe(strip(first.body));
  });

  it("renders the page anew for a hard reload (Cache-Control: no-cache), which then replaces the copy", async () => {
    await new TestClient(p).get("/search?q=budget");
    const reload = await new TestClient(p).get("/search?q=budget", { "cache-control": "no-cache" });
    expect(reload.headers["x-pnyx-cache"]).toBe("miss");
    expect((await new TestClient(p).get("/search?q=budget")).headers["x-pnyx-cache"]).toBe("hit");
  });

  it("keeps one copy per language", async () => {
    const fr = await new TestClient(p).get("/petitions", { "accept-language": "fr" });
    const nl = await new TestClient(p).get("/petitions", { "accept-language": "nl" });
    expect(nl.headers["x-pnyx-cache"]).toBe("miss");
    expect(fr.body).toContain('lang="fr"');
    expect(nl.body).toContain('lang="nl"');
    const nlAgain = await new TestClient(p).get("/petitions", { "accept-language": "nl" });
    expect(nlAgain.headers["x-pnyx-cache"]).toBe("hit");
    expect(nlAgain.body).toContain('lang="nl"');
  });

  it("never serves a signed-in person from it, nor a visitor with a flash message waiting", async () => {
    await new TestClient(p).get("/processes");
    const { client: person } = await signedInClient(p, { email: "cache-reader@example.org" });
    const page = await person.get("/processes");
    expect(page.statusCode).toBe(200);
    expect(page.headers["x-pnyx-cache"]).toBeUndefined();
    const flashed = await new TestClient(p).get("/processes", { cookie: "pnyx_flash=anything" });
    expect(flashed.headers["x-pnyx-cache"]).toBeUndefined();
  });

  it("keeps pages that are not declared the same for every visitor out of it", async () => {
    await new TestClient(p).get("/users/sign-in");
    const again = await new TestClient(p).get("/users/sign-in");
    expect(again.headers["x-pnyx-cache"]).toBeUndefined();
  });

  it("renders the page anew once its lifetime is over", async () => {
    const first = await new TestClient(short).get("/processes");
    expect(first.headers["x-pnyx-cache"]).toBe("miss");
    expect((await new TestClient(short).get("/processes")).headers["x-pnyx-cache"]).toBe("hit");
    await new Promise((r) => setTimeout(r, 300));
    expect((await new TestClient(short).get("/processes")).headers["x-pnyx-cache"]).toBe("miss");
  });

  it("renders an expired page once while the other visitors get the expired copy meanwhile", async () => {
    await new TestClient(short).get("/assemblies");
    await new Promise((r) => setTimeout(r, 300));
    const both = await Promise.all([new TestClient(short).get("/assemblies"), new TestClient(short).get("/assemblies")]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(both.map((r) => String(r.headers["x-pnyx-cache"])).sort()).toEqual(["hit", "miss"]);
  });
});
