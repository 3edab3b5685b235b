import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

/** return_to values a phishing mail could carry: browsers drop the tab or newline and go to //evil.example. */
const HOSTILE = ["%2F%09%2Fevil.example%2Fphish", "%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example", "%2F%0B%2Fevil.example", "%2F%0C%2Fevil.example", "%2F%E3%80%80%2Fevil.example", "%2F%5Cevil.example", "%2F%2Fevil.example"];

describe("nobody is sent off-site by a return_to link", () => {
  it("changes the language and stays on this site, never with a 500", async () => {
    const c = p.client();
    for (const value of HOSTILE) {
      const res = await c.get(`/locale/en?return_to=${value}`);
      expect(res.statusCode, value).toBe(303);
      expect(res.headers.location, value).toBe("/");
    }
    const fine = await c.get(`/locale/en?return_to=${encodeURIComponent("/petitions?q=vélo")}`);
    expect(fine.headers.location).toBe("/petitions?q=v%C3%A9lo");
  });

  it("sends a signed-in person on to the same site only", async () => {
    const { client } = await signedInClient(p);
    for (const value of HOSTILE) {
      const res = await client.get(`/users/sign-in?return_to=${value}`);
      expect(res.statusCode, value).toBe(303);
      expect(res.headers.location, value).toBe("/");
    }
    expect((await client.get("/users/sign-in?return_to=%2Faccount")).headers.location).toBe("/account");
  });
});
