import { describe, expect, it } from "vitest";
import { sessionCookieOptions } from "./session-cookie";

describe("session cookie attributes", () => {
  it("are httpOnly and SameSite=Lax, and Secure when the site is served over https", () => {
    expect(sessionCookieOptions("https://participation.example.be")).toEqual({ path: "/", httpOnly: true, sameSite: "lax", secure: true });
    expect(sessionCookieOptions("http://localhost:3000").secure).toBe(false);
  });
});
