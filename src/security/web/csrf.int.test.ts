/**
 * CSRF on every state-changing request. The routes come from the router and the component manifests
 * (`everyRoute`), not from a hand list, so a new route is covered the day it is added. Signed in as an
 * organization admin (authorization is not what refuses), each POST/PUT/PATCH/DELETE is sent (a) with
 * no token and (b) with another session's valid token: both get the translated "form expired" page
 * with 403 and the database does not change; then the same request WITH the right token is shown not
 * to be refused by the CSRF check (so the refusal came from it). Routes that opt out (`csrf: false`)
 * are listed below with the reason, and shown to carry no session authority. Also: the flags of the
 * session and CSRF cookies (HttpOnly, SameSite=Lax, Secure over https).
 */
import { sql } from "drizzle-orm";
import Fastify, { type LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listComponentManifests } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { registerPlugins } from "../../core/http/plugins";
import { everyRoute, type RegisteredRoute } from "../../core/http/route-registry";
import { sessionCookieOptions } from "../../core/accounts/session-cookie";
import { addStatement, createConversation } from "../../modules/conversations/service";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";
import { Browser, signedIn } from "./browser";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Routes without the CSRF check, each with why it is safe: it must carry no ambient authority. */
const WITHOUT_CSRF: Record<string, string> = {
  "POST /conversations/:ref/embed/vote":
    "the embedded vote form is posted from a frame on another site, where the browser sends no cookie; the voter is the signed token in the form (or the site's xid), never the session: a signed-in person's cookie is ignored (checked below)",
};

const key = (r: RegisteredRoute) => `${r.method} ${r.url}`;

let p: TestPlatform;
let admin: Awaited<ReturnType<typeof signedIn>>;
let other: Awaited<ReturnType<typeof signedIn>>;
let space: { id: number; slug: string };
const componentIds = new Map<string, number>();

beforeAll(async () => {
  p = await createTestPlatform();
  admin = await signedIn(p, { isAdmin: true });
  other = await signedIn(p, { isAdmin: true });
  space = await publishedProcess(p, admin.userId, { prefix: "csrf" });
  // One published component of every kind in the space, so component routes reach their own handler.
  for (const m of listComponentManifests()) {
    const c = await addComponent(p.deps.db, { id: admin.userId, ip: null }, space.id, m, { en: m.name }, { published: true });
    componentIds.set(m.name, c.id);
  }
}, 60_000);
afterAll(() => p.stop());

/** The route's URL with real values where the fixture has them (the space, its component of the route's kind). */
function urlOf(r: RegisteredRoute): string {
  const anyComponent = [...componentIds.values()][0] ?? 1;
  return r.url
    .replace(/:(\w+)/g, (_m, name: string) => {
      if (name === "slug") return space.slug;
      if (name === "componentId") return String((r.component && componentIds.get(r.component)) ?? anyComponent);
      if ((name === "id" && r.url.startsWith("/admin/spaces/:id")) || name === "spaceId") return String(space.id);
      if (name === "userId") return String(other.userId);
      return "1";
    })
    .replace(/\*$/, "x");
}

/** The refusal of the CSRF check: 403 and the translated page saying the form expired. */
const isCsrfRefusal = (res: LightMyRequestResponse) => res.statusCode === 403 && res.body.includes("This form has expired");

/** Every row of every table but the per-request bookkeeping (sessions' last-seen time, throttles). */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await p.deps.db.execute<{ name: string }>(sql`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions', 'auth_throttles', 'rate_limit_hits', '__drizzle_migrations') order by 1`);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const ident = `"${name.replace(/"/g, '""')}"`;
    const r = await p.deps.db.execute<{ n: number; h: string }>(sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${ident} t`));
    out[name] = `${r.rows[0]?.n}:${r.rows[0]?.h}`;
  }
  return out;
}

/** Signing out and deleting come last: they would end the session or the fixture the others use. */
const order = (r: RegisteredRoute) => (r.url.endsWith("/sign-out") ? 3 : r.url === "/account/delete" ? 2 : r.url.includes("delete") ? 1 : 0);

describe("CSRF on every state-changing route", () => {
  it("refuses each without a token or with another session's token, and changes nothing", async () => {
    const all = everyRoute(p.app).filter((r) => STATE_CHANGING.has(r.method));
    // Component routes are included (their check happens at the dispatcher's route).
    expect(all.some((r) => r.component)).toBe(true);
    const optedOut = all.filter((r) => r.config.csrf === false).map(key).sort();
    // A route without the check that is not listed here (with its reason) fails; so does a stale entry.
    expect(optedOut).toEqual(Object.keys(WITHOUT_CSRF).sort());
    const checked = all.filter((r) => r.config.csrf !== false).sort((a, b) => order(a) - order(b));
    expect(checked.length).toBeGreaterThan(200);

    const otherToken = await other.browser.token();
    const before = await fingerprint();
    const notRefused: string[] = [];
    for (const r of checked) {
      const url = urlOf(r);
      const none = await admin.browser.send(r.method, url, { title: "x", body: "x", email: "x@example.org" });
      const foreign = await admin.browser.send(r.method, url, { title: "x", body: "x", email: "x@example.org", _csrf: otherToken });
      for (const [what, res] of [["no token", none], ["another session's token", foreign]] as const) {
        if (!isCsrfRefusal(res) || !String(res.headers["content-type"]).startsWith("text/html")) notRefused.push(`${key(r)} (${what}): ${res.statusCode}`);
      }
    }
    expect(notRefused).toEqual([]);
    expect(await fingerprint()).toEqual(before);

    // The same requests with the session's own token are not refused by the CSRF check (so it was that check).
    const token = await admin.browser.token();
    const refusedWithToken: string[] = [];
    const serverErrors: string[] = [];
    for (const r of checked) {
      const res = await admin.browser.send(r.method, urlOf(r), { _csrf: token });
      if (isCsrfRefusal(res)) refusedWithToken.push(key(r));
      if (res.statusCode >= 500) serverErrors.push(`${key(r)}: ${res.statusCode}`);
    }
    expect(refusedWithToken).toEqual([]);
    expect(serverErrors).toEqual([]);
    console.log(JSON.stringify({ stateChangingRoutes: all.length, csrfChecked: checked.length, csrfExempt: optedOut.length, componentRoutes: checked.filter((r) => r.component).length }));
  }, 120_000);

  it("the embedded vote (no CSRF check) takes no authority from a signed-in person's session", async () => {
    // A space of its own: the routes above deleted the first one's components.
    const own = await publishedProcess(p, admin.userId, { prefix: "csrf-embed" });
    const manifest = listComponentManifests().find((m) => m.name === "conversations");
    if (!manifest) throw new Error("conversations not registered");
    const c = await addComponent(p.deps.db, { id: admin.userId, ip: null }, own.id, manifest, { en: "Talk" }, { published: true });
    const id = await createConversation(p.deps.db, c.id, { topic: { en: "Our square" }, published: true, anonymousAllowed: true });
    await addStatement(p.deps.db, id, { text: "More trees", state: "accepted", isSeed: true });
    const someone = await signedIn(p, { isAdmin: true });
    const page = await someone.browser.get(`/conversations/${id}/embed?ui_lang=en`);
    const tid = /name="tid" value="(\d+)"/.exec(page.body)?.[1];
    expect(tid).toBeDefined();
    const voted = await someone.browser.send("POST", `/conversations/${id}/embed/vote`, { tid: String(tid), vote: "agree", ui_lang: "en" });
    expect(voted.statusCode).toBe(303);
    const rows = await p.deps.db.execute<{ user_id: string | null; anonymous: boolean }>(sql`
      select p.user_id, p.anonymous_token is not null as anonymous from conversation_votes v join conversation_participants p on p.conversation_id = v.conversation_id and p.pid = v.pid where v.conversation_id = ${id}`);
    // The vote is an anonymous identity's, not the signed-in person's.
    expect(rows.rows).toEqual([{ user_id: null, anonymous: true }]);
  });
});

describe("the refusal page", () => {
  it("is in the visitor's language", async () => {
    for (const [locale, title] of [["fr", "Ce formulaire a expiré"], ["nl", "Dit formulier is verlopen"], ["de", "Dieses Formular ist abgelaufen"]] as const) {
      const b = new Browser(p);
      await b.get(`/locale/${locale}`);
      const res = await b.send("POST", "/users/sign-in", { email: "a@example.org", password: "whatever it is" });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain(title);
    }
  });
});

describe("the account cookies' flags", () => {
  it("session, CSRF and known-browser cookies are HttpOnly and SameSite=Lax (Secure is checked below for https)", async () => {
    const b = new Browser(p);
    const page = await b.get("/users/sign-in");
    const csrf = page.cookies.find((c) => c.name === "pnyx_csrf");
    expect(csrf).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const signIn = await signedIn(p);
    const fresh = new Browser(p);
    const res = await fresh.signIn(signIn.email, signIn.password);
    const session = res.cookies.find((c) => c.name === "pnyx_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(session?.secure).toBeFalsy();
    // The known-browser mark (ADR 0029) too.
    expect(res.cookies.find((c) => c.name === "pnyx_known")).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  });

  it("over https both are Secure", async () => {
    expect(sessionCookieOptions("https://petitions.example")).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true });
    const app = Fastify();
    await registerPlugins(app, "a-secret-a-secret-a-secret-a-secret-0123", true);
    app.get("/form", async (_req, reply) => reply.send(reply.generateCsrf()));
    const res = await app.inject({ method: "GET", url: "/form" });
    expect(res.cookies.find((c) => c.name === "pnyx_csrf")).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
    await app.close();
  });
});
