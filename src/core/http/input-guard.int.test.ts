import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, csrfFrom, type TestPlatform } from "../../test/platform";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
}, 120_000);
afterAll(() => p.stop());

const get = (url: string, lang = "en") => p.client().get(url, { "accept-language": lang });

/** An HTML error page in the reader's language, never the framework's JSON nor a server error. */
function expectPage(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, text: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers["content-type"])).toContain("text/html");
  expect(res.body).toContain(text);
}

describe("bad input is a 4xx page, never a 500", () => {
  it("answers a translated 400 page to a NUL byte, a lone surrogate or broken percent-encoding in the path or query", async () => {
    for (const url of ["/petitions/1%00", "/processes/%00", "/search?q=%00", "/petitions?q=%00", "/petitions?q=ok&theme=a%00b&state=published", "/search?q=%ED%A0%80", "/search?q=%E0%A4%A", "/search?q=%uD800"]) {
      const res = await get(url);
      expectPage(res, 400, "The request could not be understood.");
    }
    expectPage(await get("/processes/%00", "fr"), 400, "La requête n’a pas pu être comprise.");
    // The router refuses a path it cannot decode before any hook (see frameworkErrorHandler): a 400 still.
    expect((await get("/processes/%E0%A4%A")).statusCode).toBe(400);
  });

  it("answers a translated 404 page to path parameters that are not what the route expects", async () => {
    for (const url of ["/petitions/abc", "/petitions/1.5", "/petitions/-1", "/petitions/0", "/petitions/abc/confirm/x", "/petitions/99999999999999999999", "/petitions/1/confirm/short"]) {
      const res = await get(url);
      expectPage(res, 404, "Page not found");
    }
    expectPage(await get("/petitions/abc", "de"), 404, "Seite nicht gefunden");
  });

  it("answers a 400 page to a form field with a NUL byte or a lone surrogate, before the route sees it", async () => {
    // The client sends no Accept-Language: the organization's default language (French) answers.
    const c = p.client();
    const csrf = csrfFrom((await c.get("/users/sign-in")).body);
    const refused = "La requête n’a pas pu être comprise.";
    expectPage(await c.post("/users/sign-in", { email: "a\u0000@example.org", password: "whatever password" }, { csrf }), 400, refused);
    // A field name counts too, and a repeated field (an array).
    expectPage(await c.post("/users/sign-in", { "e\u0000": "x", email: "a@example.org", password: "p" }, { csrf }), 400, refused);
    expectPage(await c.post("/users/sign-in", { email: ["a@example.org", "b\u0000"], password: "p" }, { csrf }), 400, refused);
    // A form cannot carry a lone surrogate (it decodes to U+FFFD), JSON can; the guard runs before CSRF.
    const json = await p.app.inject({ method: "POST", url: "/users/sign-in", headers: { "content-type": "application/json", "accept-language": "en" }, payload: '{"email":"a\\ud800@example.org","password":"p"}' });
    expectPage(json, 400, "The request could not be understood.");
    // A normal sign-in attempt still reaches the route.
    const fine = await c.post("/users/sign-in", { email: "nobody@example.org", password: "whatever password" }, { csrf });
    expect(fine.statusCode).toBe(422);
  });

  it("answers a JSON problem under /api/", async () => {
    const res = await get("/api/petitions?q=%00");
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: "invalid_characters", title: "Bad request" });
    const notFound = await get("/api/petitions/abc");
    expect(notFound.statusCode).toBe(404);
    expect(JSON.parse(notFound.body)).toMatchObject({ status: 404, code: "not_found", instance: "/api/petitions/abc" });
  });
});
