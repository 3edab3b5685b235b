import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerErrorHandlers } from "./errors";
import { problemSchema } from "./problem";
import { AppError, InvalidQuery } from "./result";

const app = Fastify();
beforeAll(async () => {
  registerErrorHandlers(app);
  app.get("/api/boom", async () => {
    throw new Error("database on fire");
  });
  app.get("/api/limited", async () => {
    throw Object.assign(new Error("Rate limit exceeded"), { statusCode: 429 });
  });
  app.get("/api/bad-query", async () => {
    throw new InvalidQuery(["page", "state"]);
  });
  app.get("/api/bad-characters", async () => {
    throw new AppError("invalid_characters", 400);
  });
  app.get("/api/things/:id", async () => {
    throw new AppError("not_found", 404);
  });
  await app.ready();
});
afterAll(() => app.close());

async function problem(url: string, lang = "en") {
  const res = await app.inject({ url: `${url}?secret=1`, headers: { "accept-language": lang } });
  expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
  return { res, body: problemSchema.strict().parse(JSON.parse(res.body)) };
}

describe("problem details under /api/", () => {
  it("answers an unknown address and a missing resource with a 404 problem", async () => {
    const { res, body } = await problem("/api/nothing-here");
    expect(res.statusCode).toBe(404);
    // The query is not echoed back.
    expect(body).toEqual({ type: "/api/docs#problem-not-found", title: "Not found", status: 404, detail: "Nothing public exists at this address.", instance: "/api/nothing-here", code: "not_found" });
    expect((await problem("/api/things/7")).body.instance).toBe("/api/things/7");
  });

  it("translates the title and detail into the reader's language", async () => {
    const fr = await problem("/api/nothing-here", "fr-BE, en;q=0.5");
    expect(fr.body).toMatchObject({ title: "Introuvable", detail: "Rien de public n’existe à cette adresse." });
    const de = await problem("/api/bad-query", "de");
    expect(de.body.detail).toBe("Diese Abfrageparameter sind ungültig: page, state.");
  });

  it("names the query parameters at fault in a 400", async () => {
    const { res, body } = await problem("/api/bad-query");
    expect(res.statusCode).toBe(400);
    expect(body).toMatchObject({ type: "/api/docs#problem-bad-request", title: "Bad request", status: 400, code: "invalid_query" });
    expect(body.invalidParams).toEqual([
      { name: "page", in: "query", reason: "Not a valid value for this parameter (see the API description)." },
      { name: "state", in: "query", reason: "Not a valid value for this parameter (see the API description)." },
    ]);
    const chars = await problem("/api/bad-characters", "nl");
    expect(chars.body).toMatchObject({ status: 400, code: "invalid_characters", title: "Ongeldig verzoek" });
  });

  it("answers 429 with Retry-After and 500 with a reference, never the error's message", async () => {
    const limited = await problem("/api/limited");
    expect(limited.res.statusCode).toBe(429);
    expect(limited.res.headers["retry-after"]).toBe("60");
    expect(limited.body).toMatchObject({ type: "/api/docs#problem-rate-limited", title: "Too many requests", code: "rate_limited" });
    const boom = await problem("/api/boom");
    expect(boom.res.statusCode).toBe(500);
    expect(boom.body).toMatchObject({ type: "/api/docs#problem-server-error", title: "Server error", status: 500, code: "internal" });
    expect(boom.body.ref).toMatch(/^[0-9a-f]{8}$/);
    expect(boom.body.detail).toContain(boom.body.ref);
    expect(boom.res.body).not.toContain("database on fire");
  });
});
