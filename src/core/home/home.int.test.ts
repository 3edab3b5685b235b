import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
});
afterAll(() => p.stop());

describe("home and core HTTP behaviour", () => {
  it("renders in the browser's language, else the organization default", async () => {
    const nl = await p.client().get("/", { "accept-language": "nl-BE,nl;q=0.9,en;q=0.5" });
    expect(nl.statusCode).toBe(200);
    expect(nl.body).toContain('<html lang="nl">');
    expect(nl.body).toContain("Naar de hoofdinhoud");
    const unknown = await p.client().get("/", { "accept-language": "es" });
    expect(unknown.body).toContain('<html lang="fr">');
  });

  it("remembers a language chosen with the switcher", async () => {
    const c = p.client();
    const res = await c.get("/locale/de?return_to=%2F");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/");
    expect((await c.get("/")).body).toContain('<html lang="de">');
  });

  it("never redirects off-site from the language switcher", async () => {
    const res = await p.client().get("/locale/en?return_to=%2F%2Fevil.example");
    expect(res.headers.location).toBe("/");
  });

  it("answers unknown pages with a translated 404", async () => {
    const res = await p.client().get("/nowhere", { "accept-language": "en" });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Page not found");
  });

  it("sends a strict CSP without unsafe-inline scripts", async () => {
    const res = await p.client().get("/");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});
