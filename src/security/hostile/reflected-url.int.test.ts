/**
 * A refused space form comes back with what was typed; a hero image address that is not one we accept
 * (a `javascript:` or `data:` URL) stays in the text field, escaped, and never becomes an image's
 * source. Found by the hostile-input corpus (tests/e2e/hostile-inputs.e2e.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../core/accounts/users";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { findLeaks } from "./scan";

let p: TestPlatform;
let admin: TestClient;

beforeAll(async () => {
  p = await createTestPlatform();
  await createUser(p.deps.db, { email: "root@hostile.example", password: "correct horse battery", name: "Root", isAdmin: true, confirmed: true, locale: "en" });
  admin = p.client();
  const res = await admin.post("/users/sign-in", { email: "root@hostile.example", password: "correct horse battery" });
  expect(res.statusCode).toBe(303);
});
afterAll(() => p.stop());

describe("a hero image address typed into the space form", () => {
  for (const hero of [" JaVaScRiPt:window.__pnyxXss('pnyxq10')//pnyxq10", "data:image/svg+xml,<svg onload=alert(1)>"]) {
    it(`is refused and shown only as text: ${hero.slice(0, 20)}`, async () => {
      const res = await admin.post("/admin/spaces/new?type=process", { slug: "hostile-hero", "title.en": "Hostile hero", heroImage: hero }, { formPage: "/admin/spaces/new?type=process" });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(`name="heroImage"`);
      expect(res.body).not.toContain('class="admin-thumb"');
      expect(findLeaks(res.body)).toEqual([]);
    });
  }

  it("still shows the thumbnail of an accepted https address", async () => {
    const res = await admin.post("/admin/spaces/new?type=process", { slug: "", "title.en": "Hostile hero", heroImage: "https://example.org/hero.png" }, { formPage: "/admin/spaces/new?type=process" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="admin-thumb" src="https://example.org/hero.png"');
  });
});
