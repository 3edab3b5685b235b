import { describe, expect, it } from "vitest";
import { databaseUnavailable } from "./unavailable";

describe("databaseUnavailable", () => {
  it("recognises a server going away, refusing connections, or a connection lost, also wrapped by Drizzle", () => {
    expect(databaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(databaseUnavailable(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe(true);
    expect(databaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(databaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    const wrapped = new Error("Failed query: select 1", { cause: new Error("Connection terminated due to connection timeout") });
    expect(databaseUnavailable(wrapped)).toBe(true);
  });

  it("leaves every other error to be a 500 (or what it is)", () => {
    expect(databaseUnavailable(Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" }))).toBe(false);
    expect(databaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(databaseUnavailable(null)).toBe(false);
    const loop: { cause?: unknown; message: string } = { message: "x" };
    loop.cause = loop;
    expect(databaseUnavailable(loop)).toBe(false);
  });
});
