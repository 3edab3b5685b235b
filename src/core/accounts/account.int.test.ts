import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { firstLink } from "../../test/smtp";
import { purgeAccountData } from "./maintenance";
import { personalDataExporters } from "./personal-data";
import { accountTokens, sessions, users } from "./schema";
import { englishClient, pathOf, signedInClient } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const sessionCount = async (userId: number) => (await p.deps.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

describe("forgotten password", () => {
  it("resets by mail with a single-use link, signs in and ends the other sessions", async () => {
    const { client: elsewhere, userId, email } = await signedInClient(p, { email: "forgetful@example.org", password: "old password 1" });
    const c = await englishClient(p);
    expect((await c.post("/users/password/forgot", { email: "Forgetful@Example.org" })).statusCode).toBe(303);
    const mail = await p.smtp.waitFor((m) => m.to.includes(email) && firstLink(m).includes("/users/password/reset"));
    const link = pathOf(firstLink(mail));
    const [token] = await p.deps.db.select().from(accountTokens).where(eq(accountTokens.userId, userId));
    // Only the hash is stored.
    expect(link).not.toContain(token?.tokenHash ?? "-");

    const form = await c.get(link);
    expect(form.statusCode).toBe(200);
    const token1 = new URL(link, "http://x").searchParams.get("token") ?? "";
    const short = await c.post("/users/password/reset", { token: token1, password: "short" }, { formPage: link });
    expect(short.statusCode).toBe(422);
    const done = await c.post("/users/password/reset", { token: token1, password: "brand new password" }, { formPage: link });
    expect(done.statusCode).toBe(303);
    expect((await c.get("/account")).statusCode).toBe(200);
    // The session on the other browser is gone.
    expect((await elsewhere.get("/account")).statusCode).toBe(303);
    expect(await sessionCount(userId)).toBe(1);
    // The link works once.
    expect((await p.client().get(link)).statusCode).toBe(400);

    const fresh = await englishClient(p);
    expect((await fresh.post("/users/sign-in", { email, password: "old password 1" }, { formPage: "/users/sign-in" })).statusCode).toBe(422);
    expect((await fresh.post("/users/sign-in", { email, password: "brand new password" }, { formPage: "/users/sign-in" })).statusCode).toBe(303);
  });
});

describe("the account page", () => {
  it("changes name, language and newsletter", async () => {
    const { client, userId } = await signedInClient(p);
    const res = await client.post("/account/profile", { name: "New Name", locale: "nl", newsletter: "on" }, { formPage: "/account" });
    expect(res.statusCode).toBe(303);
    const [u] = await p.deps.db.select().from(users).where(eq(users.id, userId));
    expect(u).toMatchObject({ name: "New Name", locale: "nl", newsletterOptIn: true });
    const page = await client.get("/account");
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toContain("Uw profiel is opgeslagen.");
  });

  it("changes the address only once the new one is confirmed by mail, and tells the old one", async () => {
    const { client, userId, email, password } = await signedInClient(p, { email: "mover@example.org" });
    const wrong = await client.post("/account/email", { new_email: "moved@example.org", email_password: "not my password" }, { formPage: "/account" });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("The password is not correct.");

    const res = await client.post("/account/email", { new_email: "Moved@example.org", email_password: password }, { formPage: "/account" });
    expect(res.statusCode).toBe(303);
    let [u] = await p.deps.db.select().from(users).where(eq(users.id, userId));
    expect(u?.email).toBe(email);
    expect(u?.unconfirmedEmail).toBe("moved@example.org");
    expect((await client.get("/account")).body).toContain("Waiting for confirmation: moved@example.org");

    const mail = await p.smtp.waitFor((m) => m.to.includes("moved@example.org"));
    const confirmed = await client.get(pathOf(firstLink(mail)));
    expect(confirmed.statusCode).toBe(303);
    [u] = await p.deps.db.select().from(users).where(eq(users.id, userId));
    expect(u?.email).toBe("moved@example.org");
    expect(u?.unconfirmedEmail).toBeNull();
    const notice = await p.smtp.waitFor((m) => m.to.includes(email));
    expect(notice.text).toContain("moved@example.org");
    expect((await client.get(pathOf(firstLink(mail)))).statusCode).toBe(400);
  });

  it("does not reveal that a new address belongs to someone else", async () => {
    const other = await signedInClient(p, { email: "taken@example.org" });
    const { client, userId, password } = await signedInClient(p);
    const res = await client.post("/account/email", { new_email: "taken@example.org", email_password: password }, { formPage: "/account" });
    expect(res.statusCode).toBe(303);
    await p.smtp.waitFor((m) => m.to.includes("taken@example.org"));
    const [u] = await p.deps.db.select().from(users).where(eq(users.id, userId));
    expect(u?.unconfirmedEmail).toBeNull();
    expect(other.email).toBe("taken@example.org");
  });

  it("changes the password with the current one, ending the other sessions", async () => {
    const first = await signedInClient(p);
    const second = await englishClient(p);
    await second.post("/users/sign-in", { email: first.email, password: first.password }, { formPage: "/users/sign-in" });
    expect(await sessionCount(first.userId)).toBe(2);
    const bad = await first.client.post("/account/password", { current_password: "wrong password", new_password: "a new password" }, { formPage: "/account" });
    expect(bad.statusCode).toBe(422);
    const res = await first.client.post("/account/password", { current_password: first.password, new_password: "a new password" }, { formPage: "/account" });
    expect(res.statusCode).toBe(303);
    expect(await sessionCount(first.userId)).toBe(1);
    expect((await first.client.get("/account")).statusCode).toBe(200);
    expect((await second.get("/account")).statusCode).toBe(303);
  });

  it("lists where I am signed in and signs out the other browsers", async () => {
    const me = await signedInClient(p);
    const phone = await englishClient(p);
    await phone.post("/users/sign-in", { email: me.email, password: me.password }, { formPage: "/users/sign-in" });
    const page = await me.client.get("/account");
    expect(page.body).toContain("Where you are signed in");
    expect(page.body).toContain("(this browser)");
    const res = await me.client.post("/account/sessions/end-others", {}, { formPage: "/account" });
    expect(res.statusCode).toBe(303);
    expect(await sessionCount(me.userId)).toBe(1);
    expect((await phone.get("/account")).statusCode).toBe(303);
    expect((await me.client.get("/account")).statusCode).toBe(200);
  });

  it("downloads my data as a JSON attachment, with what other areas registered", async () => {
    personalDataExporters.push({ name: "test.area", collect: async (_db, userId) => [{ userId, note: "from another area" }] });
    const { client, userId, email } = await signedInClient(p);
    const res = await client.get("/account/data");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(res.body) as { account: Record<string, unknown>; sessions: Array<Record<string, unknown>>; "test.area": unknown };
    expect(data.account.email).toBe(email);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0]?.current).toBe(true);
    expect(data["test.area"]).toEqual([{ userId, note: "from another area" }]);
    expect(res.body).not.toContain("argon2");
    expect(res.body).not.toContain("passwordHash");
    personalDataExporters.pop();
  });

  it("deletes the account: confirmed with the password, content kept, person anonymised", async () => {
    const { client, userId, email, password } = await signedInClient(p, { name: "Leaving Person" });
    const bad = await client.post("/account/delete", { current_password: "not it at all" }, { formPage: "/account/delete" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('class="error-summary"');
    const res = await client.post("/account/delete", { current_password: password }, { formPage: "/account/delete" });
    expect(res.statusCode).toBe(303);
    const [u] = await p.deps.db.select().from(users).where(eq(users.id, userId));
    // The row stays (content points at it), but says nothing about who it was.
    expect(u).toMatchObject({ email: null, passwordHash: null, unconfirmedEmail: null, locale: null, newsletterOptIn: false });
    expect(u?.name).toBe("Participant·e supprimé·e");
    expect(u?.deletedAt).not.toBeNull();
    expect(await sessionCount(userId)).toBe(0);
    expect((await client.get("/account")).statusCode).toBe(303);
    const again = await englishClient(p);
    const signIn = await again.post("/users/sign-in", { email, password }, { formPage: "/users/sign-in" });
    expect(signIn.statusCode).toBe(422);
  });
});

describe("the last administrator", () => {
  it("cannot delete their account", async () => {
    await p.deps.pool.query("update users set is_admin = false");
    const admin = await signedInClient(p, { isAdmin: true });
    const res = await admin.client.post("/account/delete", { current_password: admin.password }, { formPage: "/account/delete" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("You are the only administrator");
    const other = await signedInClient(p, { isAdmin: true });
    expect((await admin.client.post("/account/delete", { current_password: admin.password }, { formPage: "/account/delete" })).statusCode).toBe(303);
    expect(other.userId).toBeGreaterThan(0);
  });
});

describe("housekeeping", () => {
  it("purges expired sessions, old tokens and spent counters, and keeps live ones", async () => {
    const { userId } = await signedInClient(p);
    await p.deps.pool.query("insert into account_tokens (user_id, purpose, token_hash, email, expires_at) values ($1, 'reset_password', 'old-hash', 'a@b.org', now() - interval '8 days'), ($1, 'reset_password', 'live-hash', 'a@b.org', now() + interval '1 hour')", [userId]);
    await p.deps.pool.query("insert into auth_throttles (key, hits, window_started_at) values ('spent', 3, now() - interval '2 days'), ('live', 3, now())");
    await purgeAccountData(p.deps.db);
    const tokens = await p.deps.pool.query("select token_hash from account_tokens where token_hash in ('old-hash', 'live-hash')");
    expect(tokens.rows).toEqual([{ token_hash: "live-hash" }]);
    const counters = await p.deps.pool.query("select key from auth_throttles where key in ('spent', 'live')");
    expect(counters.rows).toEqual([{ key: "live" }]);
    expect(await sessionCount(userId)).toBe(1);
  });
});
