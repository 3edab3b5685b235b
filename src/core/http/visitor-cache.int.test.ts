/**
 * The visitor cache (src/core/http/visitor-cache.ts) on the demo: a public page is rendered once and
 * served again to the next visitors, each with their own CSRF token and CSP nonce; never to a signed-in
 * person, never while a flash waits, per language, and only for as long as its lifetime.
 */
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
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
  // A petition open for signatures (its page carries the signing form with a CSRF token).
  const list = JSON.parse((await new TestClient(p).get("/api/petitions")).body) as { data: Array<{ id: number; state: string }> };
  const open = list.data.find((x) => x.state === "published");
  if (!open) throw new Error("the demo has no petition open for signatures");
  petition = `/petitions/${open.id}`;
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

  it("gzips a hit for a browser that takes it: the same page, with that visitor's own nonce", async () => {
    const first = await new TestClient(p).get("/petitions?page=1");
    const zipped = await new TestClient(p).get("/petitions?page=1", { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.headers["x-pnyx-cache"]).toBe("hit");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(String(zipped.headers.vary)).toMatch(/accept-encoding/i);
    const html = gunzipSync(zipped.rawPayload).toString("utf8");
    expect(styleNonce(html)).toBe(cspNonce(zipped.headers["content-security-policy"]));
    expect(strip(html)).toBe(strip(first.body));
    const refused = await new TestClient(p).get("/petitions?page=1", { "accept-encoding": "gzip;q=0, identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(strip(refused.body)).toBe(strip(first.body));
  });

  it("gzips a hit that carries a form: the visitor's own CSRF token, sent apart from the kept pieces, passes the check", async () => {
    await new TestClient(p).get(petition);
    const visitor = new TestClient(p);
    const zipped = await visitor.get(petition, { "accept-encoding": "gzip" });
    expect(zipped.headers["x-pnyx-cache"]).toBe("hit");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    // gunzip checks the trailer's CRC-32 and length over the whole page.
    const html = gunzipSync(zipped.rawPayload).toString("utf8");
    expect(styleNonce(html)).toBe(cspNonce(zipped.headers["content-security-policy"]));
    const mine = csrfFrom(html);
    const signed = await visitor.post(`${petition}/sign`, { name: "Ana Test", email: "ana.gzip@example.org" }, { csrf: mine });
    expect(signed.statusCode).not.toBe(403);
    // A second gzip hit: the kept pieces again, with another visitor's token.
    const other = await new TestClient(p).get(petition, { "accept-encoding": "gzip" });
    const otherHtml = gunzipSync(other.rawPayload).toString("utf8");
    expect(csrfFrom(otherHtml)).not.toBe(mine);
    expect(strip(otherHtml)).toBe(strip(html));
  });

  it("keeps a page sent as bytes (a text's page) and gzips it for a signed-in reader too", async () => {
    const row = await p.deps.db.execute<{ slug: string; component_id: string; id: string }>(sql`
      select s.slug, t.component_id, t.id from texts t join components c on c.id = t.component_id join spaces s on s.id = c.space_id where t.published limit 1`);
    const r = row.rows[0];
    if (!r) throw new Error("the demo has no published text");
    const url = `/spaces/${r.slug}/c/${r.component_id}/texts/${r.id}`;
    const first = await new TestClient(p).get(url, { "accept-language": "en" });
    expect(first.headers["x-pnyx-cache"]).toBe("miss");
    expect(first.body).toContain('class="text-toc"');
    const again = await new TestClient(p).get(url, { "accept-language": "en", "accept-encoding": "gzip" });
    expect(again.headers["x-pnyx-cache"]).toBe("hit");
    expect(strip(gunzipSync(again.rawPayload).toString("utf8"))).toBe(strip(first.body));
    const { client: reader } = await signedInClient(p, { email: "text-reader@example.org" });
    const own = await reader.get(url, { "accept-encoding": "gzip" });
    expect(own.headers["x-pnyx-cache"]).toBeUndefined();
    expect(own.headers["content-encoding"]).toBe("gzip");
    const html = gunzipSync(own.rawPayload).toString("utf8");
    expect(styleNonce(html)).toBe(cspNonce(own.headers["content-security-policy"]));
    // The same text and counts as a visitor sees (the frame differs: the reader is signed in).
    const main = (page: string) => page.slice(page.indexOf('<article class="text-page">'), page.indexOf("</article>"));
    expect(main(html)).toContain("text-block-meta");
    expect(main(html)).toBe(main(first.body));
  });
});

/** A page without its per-response secrets (CSRF tokens, nonces). */
const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, "").replace(/nonce="[^"]+"/g, "");
