/**
 * Session fixation: whatever identifies a browser before sign-in (its session cookie, its CSRF secret,
 * an anonymous conversation identity) is not what identifies it after, on every way in (password,
 * confirmation link after sign-up, password reset link, an anonymous participant becoming an account);
 * a session cookie planted by an attacker is never adopted; signing out ends the session on the server,
 * so a copy of the old cookie no longer works.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathOf } from "../../core/accounts/testing";
import { createUser } from "../../core/accounts/users";
import { listComponentManifests } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { addStatement, createConversation } from "../../modules/conversations/service";
import { IDENTITY_COOKIE } from "../../modules/conversations/identity";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { firstLink } from "../../test/smtp";
import { publishedProcess } from "../../test/spaces";
import { Browser, signedIn } from "./browser";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
}, 60_000);
afterAll(() => p.stop());

const EXPIRED = "This form has expired";

/** Whether the browser is signed in as `email` (its account page shows the address). */
async function signedInAs(b: Browser, email: string): Promise<boolean> {
  const res = await b.get("/account");
  return res.statusCode === 200 && res.body.includes(email);
}

/** Checks what changed at a sign-in: a new session cookie, a new CSRF secret, the old token refused. */
async function expectRenewed(b: Browser, before: { session?: string; csrf?: string; token: string }) {
  const session = b.cookies.get("pnyx_session");
  const csrf = b.cookies.get("pnyx_csrf");
  expect(session).toBeDefined();
  expect(session).not.toBe(before.session);
  expect(csrf).toBeDefined();
  expect(csrf).not.toBe(before.csrf);
  // A token of the secret before sign-in (one an attacker could have learnt) is refused after it.
  const stale = await b.send("POST", "/account/notifications", { _csrf: before.token });
  expect(stale.statusCode).toBe(403);
  expect(stale.body).toContain(EXPIRED);
}

describe("session fixation", () => {
  it("password sign-in: new session and CSRF secret; a planted session cookie (valid or made up) is not adopted", async () => {
    const victim = { email: `victim-${Date.now()}@example.org`, password: "a long victim password" };
    await createUser(p.deps.db, { ...victim, name: "Victim", confirmed: true });
    const attacker = await signedIn(p);
    for (const planted of [String(attacker.browser.cookies.get("pnyx_session")), "made-up-session-value-0123456789abcdef"]) {
      const b = new Browser(p);
      const token = await b.token();
      b.cookies.set("pnyx_session", planted);
      const before = { session: planted, csrf: b.cookies.get("pnyx_csrf"), token };
      expect((await b.send("POST", "/users/sign-in", { email: victim.email, password: victim.password, _csrf: token })).statusCode).toBe(303);
      await expectRenewed(b, before);
      expect(await signedInAs(b, victim.email)).toBe(true);
      // The planted value opens nothing of the victim's.
      const holder = new Browser(p);
      holder.cookies.set("pnyx_session", planted);
      expect(await signedInAs(holder, victim.email)).toBe(false);
    }
  });

  it("sign-up then the confirmation link: a new session and CSRF secret", async () => {
    const email = `new-${Date.now()}@example.org`;
    const b = new Browser(p);
    const token = await b.token("/users/sign-up");
    b.cookies.set("pnyx_session", "planted-by-someone-else-0123456789");
    const before = { session: b.cookies.get("pnyx_session"), csrf: b.cookies.get("pnyx_csrf"), token };
    expect((await b.send("POST", "/users/sign-up", { name: "New", email, password: "a long new password", terms: "on", _csrf: token })).statusCode).toBe(303);
    const mail = await p.smtp.waitFor((m) => m.to.includes(email));
    expect((await b.get(pathOf(firstLink(mail)))).statusCode).toBe(303);
    await expectRenewed(b, before);
    expect(await signedInAs(b, email)).toBe(true);
  });

  it("a password reset link: a new session and CSRF secret, and the other sessions end", async () => {
    const someone = await signedIn(p);
    const oldSession = String(someone.browser.cookies.get("pnyx_session"));
    const b = new Browser(p);
    expect((await b.post("/users/password/forgot", { email: someone.email })).statusCode).toBe(303);
    const mail = await p.smtp.waitFor((m) => m.to.includes(someone.email) && m.text.includes("/users/password/reset"));
    const form = await b.get(pathOf(firstLink(mail)));
    const resetToken = /name="token" value="([^"]+)"/.exec(form.body)?.[1];
    expect(resetToken).toBeDefined();
    const token = await b.token();
    const before = { session: b.cookies.get("pnyx_session"), csrf: b.cookies.get("pnyx_csrf"), token };
    expect((await b.send("POST", "/users/password/reset", { token: String(resetToken), password: "another long password", _csrf: token })).statusCode).toBe(303);
    await expectRenewed(b, before);
    expect(await signedInAs(b, someone.email)).toBe(true);
    const old = new Browser(p);
    old.cookies.set("pnyx_session", oldSession);
    expect(await signedInAs(old, someone.email)).toBe(false);
  });

  it("an anonymous conversation identity becoming an account: the identity cookie is spent, a copy of it does not act as the account", async () => {
    const admin = await signedIn(p, { isAdmin: true });
    const space = await publishedProcess(p, admin.userId, { prefix: "fixation" });
    const manifest = listComponentManifests().find((m) => m.name === "conversations");
    if (!manifest) throw new Error("conversations not registered");
    const c = await addComponent(p.deps.db, { id: admin.userId, ip: null }, space.id, manifest, { en: "Talk" }, { published: true });
    const id = await createConversation(p.deps.db, c.id, { topic: { en: "Our square" }, published: true, anonymousAllowed: true });
    const tids: number[] = [];
    for (const text of ["More trees", "Fewer cars"]) tids.push(await addStatement(p.deps.db, id, { text, state: "accepted", isSeed: true }));
    const url = `/spaces/${space.slug}/c/${c.id}/conversations/${id}`;

    const person = { email: `anon-${Date.now()}@example.org`, password: "an anonymous voter's password" };
    const personId = await createUser(p.deps.db, { ...person, name: "Voter", confirmed: true });
    const b = new Browser(p);
    expect((await b.post(`${url}/vote`, { tid: String(tids[0]), vote: "agree" }, url)).statusCode).toBe(303);
    const identity = b.cookies.get(IDENTITY_COOKIE);
    expect(identity).toBeDefined();
    const token = await b.token();
    const before = { session: b.cookies.get("pnyx_session"), csrf: b.cookies.get("pnyx_csrf"), token };
    expect((await b.send("POST", "/users/sign-in", { ...person, _csrf: token })).statusCode).toBe(303);
    await expectRenewed(b, before);
    expect(b.cookies.has(IDENTITY_COOKIE)).toBe(false);
    const owners = await p.deps.db.execute<{ user_id: string | null; token: string | null }>(sql`select user_id, anonymous_token as token from conversation_participants where conversation_id = ${id}`);
    expect(owners.rows).toEqual([{ user_id: String(personId), token: null }]);

    // Someone holding a copy of the old identity cookie votes as a new anonymous participant, not as the account.
    const copy = new Browser(p);
    copy.cookies.set(IDENTITY_COOKIE, String(identity));
    expect((await copy.post(`${url}/vote`, { tid: String(tids[1]), vote: "disagree" }, url)).statusCode).toBe(303);
    const votes = await p.deps.db.execute<{ user_id: string | null; n: number }>(sql`
      select p.user_id, count(*)::int as n from conversation_votes v join conversation_participants p on p.conversation_id = v.conversation_id and p.pid = v.pid
      where v.conversation_id = ${id} group by p.user_id order by p.user_id nulls last`);
    expect(votes.rows).toEqual([{ user_id: String(personId), n: 1 }, { user_id: null, n: 1 }]);
  });

  it("sign-out ends the session on the server: a copy of the old cookie no longer works", async () => {
    const someone = await signedIn(p);
    const cookie = String(someone.browser.cookies.get("pnyx_session"));
    const csrfBefore = someone.browser.cookies.get("pnyx_csrf");
    expect((await someone.browser.post("/users/sign-out")).statusCode).toBe(303);
    expect(someone.browser.cookies.has("pnyx_session")).toBe(false);
    expect(someone.browser.cookies.get("pnyx_csrf")).not.toBe(csrfBefore);
    const copy = new Browser(p);
    copy.cookies.set("pnyx_session", cookie);
    expect(await signedInAs(copy, someone.email)).toBe(false);
    const rows = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${someone.email}`);
    expect(rows.rows[0]?.n).toBe(0);
  });
});
