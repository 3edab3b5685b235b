import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { firstLink } from "../../test/smtp";
import { sessions, users } from "./schema";
import { englishClient, pathOf } from "./testing";
import { createUser } from "./users";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

/** A page without what changes between two renders (CSRF token, CSP nonce), to compare answers. */
const stable = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, "").replace(/nonce="[^"]*"/g, "");

describe("registering, confirming by mail, signing in and out", () => {
  it("walks the whole story with the real mail", async () => {
    const c = await englishClient(p);
    const form = await c.get("/users/sign-up");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Create an account");

    const res = await c.post("/users/sign-up", { name: "Ada Lovelace", email: "Ada@Example.org", password: "analytical engine", terms: "on", newsletter: "on" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/users/sign-up/sent");
    expect((await c.get("/users/sign-up/sent")).body).toContain("Check your mail");

    const [user] = await p.deps.db.select().from(users).where(eq(users.email, "ada@example.org"));
    expect(user?.emailConfirmedAt).toBeNull();
    expect(user?.newsletterOptIn).toBe(true);
    expect(user?.termsAcceptedAt).not.toBeNull();

    // Not confirmed yet: the right password is not enough.
    const early = await c.post("/users/sign-in", { email: "ada@example.org", password: "analytical engine" });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain("Please confirm your email address first");

    const mail = await p.smtp.waitFor((m) => m.to.includes("ada@example.org") && m.subject.includes("Confirm your email address"));
    const link = firstLink(mail);
    expect(link.startsWith("http://pnyx.test/users/confirm?token=")).toBe(true);
    const confirmed = await c.get(pathOf(link));
    expect(confirmed.statusCode).toBe(303);
    const cookie = confirmed.cookies.find((k) => k.name === "pnyx_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.secure).toBeFalsy();
    const home = await c.get("/");
    expect(home.body).toContain("Your email address is confirmed");
    expect(home.body).toContain("My account");

    // The link works once.
    const again = await p.client().get(pathOf(link));
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe("/users/sign-in");

    const out = await c.post("/users/sign-out", {}, { formPage: "/" });
    expect(out.statusCode).toBe(303);
    expect(await p.deps.db.select().from(sessions).where(eq(sessions.userId, user?.id ?? 0))).toHaveLength(0);
    const guarded = await c.get("/account");
    expect(guarded.statusCode).toBe(303);
    expect(guarded.headers.location).toBe("/users/sign-in?return_to=%2Faccount");

    const back = await c.post("/users/sign-in", { email: "ADA@example.org", password: "analytical engine", return_to: "/account" }, { formPage: "/users/sign-in?return_to=%2Faccount" });
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe("/account");
    expect((await c.get("/account")).body).toContain("ada@example.org");
  });

  it("never sends anyone off-site after signing in", async () => {
    await createUser(p.deps.db, { email: "grace@example.org", password: "cobol compiler", name: "Grace", confirmed: true });
    const c = await englishClient(p);
    const res = await c.post("/users/sign-in", { email: "grace@example.org", password: "cobol compiler", return_to: "//evil.example/x" }, { formPage: "/users/sign-in" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/");
  });

  it("confirms from another browser (or a mail scanner) without signing it in, and ignores HEAD", async () => {
    const c = await englishClient(p);
    await c.post("/users/sign-up", { name: "Hedy", email: "hedy@example.org", password: "frequency hopping", terms: "on" });
    const mail = await p.smtp.waitFor((m) => m.to.includes("hedy@example.org"));
    const path = pathOf(firstLink(mail));
    expect((await p.app.inject({ method: "HEAD", url: path })).statusCode).toBe(200);
    const scanner = p.client();
    const res = await scanner.get(path);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/users/sign-in");
    expect(res.cookies.find((k) => k.name === "pnyx_session")).toBeUndefined();
    const [hedy] = await p.deps.db.select().from(users).where(eq(users.email, "hedy@example.org"));
    expect(hedy?.emailConfirmedAt).not.toBeNull();
    expect(await p.deps.db.select().from(sessions).where(eq(sessions.userId, hedy?.id ?? 0))).toHaveLength(0);
  });

  it("resends the confirmation link", async () => {
    const c = await englishClient(p);
    await c.post("/users/sign-up", { name: "Alan", email: "alan@example.org", password: "enigma machine", terms: "on" });
    // Wait for the first mail, so the two arrive in a known order.
    await p.smtp.waitFor((m) => m.to.includes("alan@example.org"));
    const res = await c.post("/users/confirm/resend", { email: "alan@example.org" });
    expect(res.statusCode).toBe(303);
    await expect.poll(() => p.smtp.messages.filter((m) => m.to.includes("alan@example.org")).length, { timeout: 10_000 }).toBe(2);
    const links = p.smtp.messages.filter((m) => m.to.includes("alan@example.org")).map(firstLink);
    // The new link replaces the old one.
    expect((await c.get(pathOf(links[0] ?? ""))).statusCode).toBe(303);
    const [alan] = await p.deps.db.select().from(users).where(eq(users.email, "alan@example.org"));
    expect(alan?.emailConfirmedAt).toBeNull();
    expect((await c.get(pathOf(links[1] ?? ""))).headers.location).toBe("/");
  });

  it("re-renders a bad form with 422, an error summary and field errors", async () => {
    const c = await englishClient(p);
    const res = await c.post("/users/sign-up", { name: "", email: "not-an-address", password: "short" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain("There is a problem");
    expect(res.body).toContain("Enter an email address like name@example.org.");
    expect(res.body).toContain("Enter at least 10 characters.");
    expect(res.body).toContain("Accept the terms of use to create an account.");
    expect(res.body).toContain('href="#field-password"');
    expect(res.body).toContain('aria-invalid="true"');
    // The typed address comes back, the password never does.
    expect(res.body).toContain('value="not-an-address"');
    expect(res.body).not.toContain('value="short"');
  });

  it("refuses a form sent without its CSRF token", async () => {
    const res = await p.app.inject({ method: "POST", url: "/users/sign-in", payload: "email=a%40b.org&password=whatever1234", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(res.statusCode).toBe(403);
  });
});

describe("no user enumeration", () => {
  it("answers sign-in identically for a wrong password and an unknown address", async () => {
    await createUser(p.deps.db, { email: "known@example.org", password: "the right one!", name: "Known", confirmed: true, locale: "en" });
    const c = await englishClient(p);
    const wrong = await c.post("/users/sign-in", { email: "known@example.org", password: "not the right one" });
    const unknown = await c.post("/users/sign-in", { email: "nobody@example.org", password: "not the right one" });
    expect(wrong.statusCode).toBe(422);
    expect(unknown.statusCode).toBe(422);
    expect(wrong.body).toContain("The email address or the password is not correct.");
    expect(stable(wrong.body.replace("known@example.org", "X"))).toBe(stable(unknown.body.replace("nobody@example.org", "X")));
  });

  it("answers a forgotten password identically, and mails each address what fits it", async () => {
    const c = await englishClient(p);
    const known = await c.post("/users/password/forgot", { email: "known@example.org" });
    const unknown = await c.post("/users/password/forgot", { email: "stranger@example.org" });
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    const reset = await p.smtp.waitFor((m) => m.to.includes("known@example.org") && m.subject.includes("Choose a new password"));
    expect(firstLink(reset)).toContain("/users/password/reset?token=");
    const none = await p.smtp.waitFor((m) => m.to.includes("stranger@example.org"));
    expect(none.text).not.toContain("token=");
  });

  it("registers an existing address like a new one, and tells its owner instead", async () => {
    const c = await englishClient(p);
    const existing = await c.post("/users/sign-up", { name: "Impostor", email: "known@example.org", password: "another password", terms: "on" });
    const fresh = await c.post("/users/sign-up", { name: "Fresh", email: "fresh@example.org", password: "another password", terms: "on" });
    expect(existing.statusCode).toBe(303);
    expect(existing.headers.location).toBe(fresh.headers.location);
    const notice = await p.smtp.waitFor((m) => m.to.includes("known@example.org") && m.subject.includes("Someone tried to create an account"));
    expect(notice.text).toContain("http://pnyx.test/users/sign-in");
    // The existing account is untouched.
    const [known] = await p.deps.db.select().from(users).where(eq(users.email, "known@example.org"));
    expect(known?.name).toBe("Known");
  });
});

describe("throttling", () => {
  // Failed sign-ins per account and address (growing delays, never a lock-out): sign-in-throttle.int.test.ts.
  it("answers over the per-IP limit with a translated 429 page", async () => {
    const c = await englishClient(p);
    let last = 0;
    let body = "";
    for (let i = 0; i < 25 && last !== 429; i++) {
      const res = await c.post("/users/confirm/resend", { email: `flood${i}@example.org` }, { formPage: "/users/confirm/resend" });
      last = res.statusCode;
      body = res.body;
    }
    expect(last).toBe(429);
    expect(body).toContain("Too many attempts");
  });

  it("locks an IP address after many failures on many accounts, in PostgreSQL", async () => {
    const c = await englishClient(p);
    await p.deps.pool.query("insert into auth_throttles (key, hits, window_started_at, locked_until) values ('signin:ip:127.0.0.1', 100, now(), now() + interval '10 minutes') on conflict (key) do update set hits = 100, locked_until = now() + interval '10 minutes'");
    const res = await c.post("/users/sign-in", { email: "grace@example.org", password: "cobol compiler" }, { formPage: "/users/sign-in" });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain("signing in is paused for 10 minutes");
    await p.deps.pool.query("delete from auth_throttles where key = 'signin:ip:127.0.0.1'");
  });
});
