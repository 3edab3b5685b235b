import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { frameworkErrorHandler } from "./errors";
import { isCleanTarget, isCleanValue, isUnstorable } from "./input-guard";

describe("input guard", () => {
  it("tells NUL bytes and lone surrogates from ordinary text, emoji included", () => {
    expect(isUnstorable("a\u0000b")).toBe(true);
    expect(isUnstorable("\ud800")).toBe(true);
    expect(isUnstorable("x\udc00")).toBe(true);
    expect(isUnstorable("\udc00\ud800")).toBe(true);
    expect(isUnstorable("Bruxelles 🚲 Brussel, ümlaut")).toBe(false);
  });

  it("decodes the path and each query key and value before looking", () => {
    expect(isCleanTarget("/petitions?q=v%C3%A9lo+%F0%9F%9A%B2&state=published")).toBe(true);
    expect(isCleanTarget("/petitions/1%00")).toBe(false);
    expect(isCleanTarget("/search?q=%00")).toBe(false);
    expect(isCleanTarget("/search?a%00=1")).toBe(false);
    expect(isCleanTarget("/search?q=%ED%A0%80")).toBe(false); // a surrogate encoded as UTF-8 is not UTF-8
    expect(isCleanTarget("/search?q=%E0%A4%A")).toBe(false);
    expect(isCleanTarget("/search?q=100%")).toBe(false);
    expect(isCleanTarget("/search?q=a&&b=&=c")).toBe(true);
  });

  it("walks form fields, arrays and JSON, but not uploaded files", () => {
    expect(isCleanValue({ email: "a@example.org", tags: ["x", "y"], nested: { n: 1, ok: true, none: null } })).toBe(true);
    expect(isCleanValue({ tags: ["x", "y\u0000"] })).toBe(false);
    expect(isCleanValue({ "k\ud800": "v" })).toBe(false);
    expect(isCleanValue({ nested: { deeper: ["\u0000"] } })).toBe(false);
    expect(isCleanValue({ file: Buffer.from([0, 0xd8, 0]) })).toBe(true);
    expect(isCleanValue("text\u0000body")).toBe(false);
    expect(isCleanValue(undefined)).toBe(true);
  });
});

describe("framework errors", () => {
  it("answers a path whose percent-encoding does not decode with a translated page, a problem under /api/", async () => {
    const app = Fastify({ frameworkErrors: frameworkErrorHandler });
    app.get("/processes/:slug", async () => "ok");
    app.get("/api/things/:id", async () => "ok");
    const page = await app.inject({ url: "/processes/%E0%A4%A", headers: { "accept-language": "de-BE, fr;q=0.5" } });
    expect(page.statusCode).toBe(400);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain("Die Anfrage konnte nicht verstanden werden.");
    const api = await app.inject({ url: "/api/things/%E0%A4%A" });
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.parse(api.body)).toMatchObject({ status: 400, code: "FST_ERR_BAD_URL", title: "Bad request" });
    await app.close();
  });
});
