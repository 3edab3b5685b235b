/**
 * The platform the authorization tests speak to: the demo (every component with content), every space
 * made private, and one signed-in client per role of route-access.ts, each from its own address (rate
 * limits count per address), with its CSRF token. Requests go through `app.inject` and come back as an
 * outcome class.
 */
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { createUser } from "../../core/accounts/users";
import { seedDemo } from "../../seeds";
import { createTestPlatform, csrfFrom, type TestClient, type TestPlatform } from "../../test/platform";
import type { Outcome, Role } from "./route-access";

export interface RoleClient {
  role: Role;
  client: TestClient;
  csrf: string;
  userId: number | null;
}

const PASSWORD = "correct horse battery";

/** A confirmed account signed in on its own client (from `address`), with its CSRF token. */
export async function signIn(p: TestPlatform, email: string, address: string, opts: { isAdmin?: boolean; name?: string } = {}): Promise<{ client: TestClient; csrf: string; userId: number }> {
  const userId = await createUser(p.deps.db, { email, password: PASSWORD, name: opts.name ?? email.split("@")[0] ?? email, confirmed: true, isAdmin: opts.isAdmin ?? false, locale: "en" });
  const client = p.client({ remoteAddress: address });
  await client.get("/locale/en");
  const res = await client.post("/users/sign-in", { email, password: PASSWORD }, { formPage: "/users/sign-in" });
  if (res.statusCode !== 303) throw new Error(`sign-in of ${email} failed with ${res.statusCode}`);
  const csrf = csrfFrom((await client.get("/account")).body);
  return { client, csrf, userId };
}

/** The demo, every space private, and the six roles' clients. */
export async function authorizationPlatform(): Promise<{ p: TestPlatform; roles: RoleClient[] }> {
  const p = await createTestPlatform();
  await seedDemo(p.deps);
  const { db } = p.deps;
  await db.execute(sql`update spaces set is_private = true, is_transparent = false`);
  const anonymous = p.client({ remoteAddress: "10.9.0.1" });
  await anonymous.get("/locale/en");
  const anonCsrf = csrfFrom((await anonymous.get("/users/sign-in")).body);
  const participant = await signIn(p, "participant@authz.example", "10.9.0.2");
  const member = await signIn(p, "member@authz.example", "10.9.0.3");
  const moderator = await signIn(p, "moderator@authz.example", "10.9.0.4");
  const spaceAdmin = await signIn(p, "space-admin@authz.example", "10.9.0.5");
  const orgAdmin = await signIn(p, "org-admin@authz.example", "10.9.0.6", { isAdmin: true });
  await db.execute(sql`insert into space_private_users (space_id, user_id) select id, ${member.userId} from spaces`);
  await db.execute(sql`insert into space_roles (space_id, user_id, role) select id, ${moderator.userId}, 'moderator' from spaces`);
  await db.execute(sql`insert into space_roles (space_id, user_id, role) select id, ${spaceAdmin.userId}, 'admin' from spaces`);
  return {
    p,
    roles: [
      { role: "anonymous", client: anonymous, csrf: anonCsrf, userId: null },
      { role: "participant", ...participant },
      { role: "member", ...member },
      { role: "moderator", ...moderator },
      { role: "spaceAdmin", ...spaceAdmin },
      { role: "orgAdmin", ...orgAdmin },
    ],
  };
}

/** What came back, as an outcome class, or a failure that is no outcome (a 5xx, a refused CSRF token, a rate limit). */
export function classify(res: LightMyRequestResponse): Outcome | `unexpected ${number}` | "csrfRefused" {
  const s = res.statusCode;
  if (s === 401) return "signIn";
  if (s >= 300 && s < 400) return String(res.headers.location ?? "").startsWith("/users/sign-in") ? "signIn" : "ok";
  if (s >= 200 && s < 300) return "ok";
  if (s === 403) return res.body.includes("This form has expired") ? "csrfRefused" : "forbidden";
  if (s === 404) return "hidden";
  // A form error (or a conflict with the object's state) means the request was let in to be validated.
  if (s === 400 || s === 409 || s === 422) return "ok";
  return `unexpected ${s}`;
}

/**
 * Requests a route as this role: GET as is, POST with the role's CSRF token and an empty form. A live
 * stream (`.../events`, server-sent events) never ends: its answer is taken at its head, then closed.
 */
export async function request(p: TestPlatform, rc: RoleClient, method: string, url: string): Promise<LightMyRequestResponse> {
  if (method === "GET" && /\/events(\?|$)/.test(url)) {
    // The client's cookies, as it would send them (TestClient keeps them for its own requests).
    const cookie = (rc.client as unknown as { cookieHeader(): string }).cookieHeader();
    const abort = new AbortController();
    const res = await p.app.inject({ method: "GET", url, headers: { cookie, accept: "text/event-stream" }, remoteAddress: "10.9.1.1", payloadAsStream: true, signal: abort.signal });
    const chunks: Buffer[] = [];
    if (res.statusCode === 200) abort.abort();
    else for await (const chunk of res.stream()) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    return Object.assign(Object.create(res) as LightMyRequestResponse, { body, payload: body });
  }
  return method === "GET" ? rc.client.get(url) : rc.client.post(url, {}, { csrf: rc.csrf });
}
