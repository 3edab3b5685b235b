/**
 * The authorization matrix: every route the application registers (from the router and the components'
 * manifests, `everyRoute`, never a hand list), requested as each of six roles (anonymous, participant,
 * member of a private space, space moderator, space admin, organization admin), against the table of
 * route-access.ts. A route the table does not cover fails, naming it; so does an outcome other than the
 * table's, a 5xx, a refused CSRF token, or a parameter without a value in the database.
 *
 * Order keeps the fixture whole: every GET first, then the POSTs, those that destroy or end something
 * (delete, withdraw, cancel, sign out...) last and one at a time, their parameters read again before each
 * request so that a role's success does not leave the next role an id that is gone.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../core/accounts/users";
import { everyRoute, type RegisteredRoute } from "../../core/http/route-registry";
import type { TestPlatform } from "../../test/platform";
import { authorizationPlatform, classify, request, signIn, type RoleClient } from "./fixture";
import { fill, MISSING, resolveParams } from "./params";
import { NO_FIXTURE, ROLES, ruleFor } from "./route-access";

let p: TestPlatform;
let roles: RoleClient[];

beforeAll(async () => {
  ({ p, roles } = await authorizationPlatform());
  const { db } = p.deps;
  // Objects the demo has none of, so that their routes have a real id: people to block and unblock, a
  // report under moderation, a draft newsletter, a verification to revoke.
  const throwaway = await Promise.all([1, 2, 3].map((i) => createUser(db, { email: `throwaway${i}@authz.example`, password: "correct horse battery", name: `Throwaway ${i}`, confirmed: true })));
  await db.execute(sql`insert into moderations (space_id, component_id, resource_type, resource_id, report_count) select c.space_id, c.component_id, 'comment', c.id, 1 from comments c where c.deleted_at is null order by c.id limit 3`);
  await db.execute(sql`insert into newsletters (subject, body, status, audience, created_by) values ('{"en":"News"}', '{"en":"Body"}', 'draft', '{}', ${throwaway[0]})`);
  // Five more steps in the space with the most, so that a middle one can move up and down twice each.
  await db.execute(sql`insert into steps (space_id, position, title, description, active)
    select t.space_id, (select max(position) from steps where space_id = t.space_id) + g, t.title, t.description, false
    from (select * from steps where space_id = (select space_id from steps group by space_id order by count(*) desc, space_id limit 1) order by position limit 1) t, generate_series(1, 5) g`);
  // Role holders and private users that a space admin may remove without unseating the six roles.
  await db.execute(sql`insert into space_roles (space_id, user_id, role) select s.id, u.id, 'collaborator' from spaces s, users u where u.email like 'throwaway%'`);
  await db.execute(sql`insert into space_private_users (space_id, user_id) select s.id, u.id from spaces s, users u where u.email like 'throwaway%'`);
  await db.execute(sql`insert into verification_authorizations (user_id, handler, unique_id, metadata) select id, 'email_confirmed', 'u' || id, '{}' from users where email like 'throwaway%'`);
}, 180_000);
afterAll(() => p?.stop());

/** Routes that destroy or end something: run last, one at a time. */
const DESTRUCTIVE = /\/(delete|withdraw|discard|cancel|sign-out|unpublish|close|revoke|end-others|remove|reject|block|unblock|:action|leave|unsign|hide)(\/|$)|personal-data/;

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

describe("the authorization matrix", () => {
  it("lets the admin and moderator of one space into no other space's back office", async () => {
    // A space of their own (a copy of a demo process, with nothing in it), and no role anywhere else.
    const { db } = p.deps;
    const made = await db.execute<{ id: string }>(sql`insert into spaces (type, slug, title, is_private, published_at) select type, 'authz-elsewhere', title, true, now() from spaces order by id limit 1 returning id`);
    const elsewhere = Number(made.rows[0]?.id);
    const other = await signIn(p, "elsewhere-admin@authz.example", "10.9.0.7");
    await db.execute(sql`insert into space_roles (space_id, user_id, role) values (${elsewhere}, ${other.userId}, 'admin'), (${elsewhere}, ${other.userId}, 'moderator'), (${elsewhere}, ${other.userId}, 'evaluator')`);
    const rc: RoleClient = { role: "spaceAdmin", ...other };
    // The moderation queue lists the spaces one moderates (here, only theirs); two pages only redirect to
    // their edit page, which decides (and is requested here too).
    const unscoped = new Set(["GET /admin/moderation", "GET /admin/spaces/:id", "GET /admin/spaces/:id/components/:componentId"]);
    const routes = everyRoute(p.app).filter((r) => r.url.startsWith("/admin/") && !DESTRUCTIVE.test(r.url) && !unscoped.has(`${r.method} ${r.url}`));
    const letIn: string[] = [];
    let asked = 0;
    await pool(routes, 6, async (r) => {
      let bound;
      try {
        bound = await resolveParams(p.deps.db, r);
      } catch {
        return; // The matrix names routes without a value; here they cannot be let in anyway.
      }
      if (bound.id === String(elsewhere) || bound.spaceId === String(elsewhere)) return;
      const res = await request(p, rc, r.method, fill(r.url, bound));
      asked += 1;
      const got = classify(res);
      if (got === "ok" || got.startsWith("unexpected")) letIn.push(`${r.method} ${r.url} [${fill(r.url, bound)}]: ${res.statusCode}`);
    });
    console.log(`another space's back office: ${asked} routes asked`);
    expect(asked, "back-office routes actually requested").toBeGreaterThan(200);
    expect(letIn).toEqual([]);
  }, 300_000);

  it("answers every route, for every role, as the table says", async () => {
    const routes = everyRoute(p.app);
    const uncovered = routes.filter((r) => !ruleFor(r)).map((r) => `${r.method} ${r.url}`);
    const uncoveredReport = uncovered;

    const failures: string[] = [];
    const urlOf = async (r: RegisteredRoute): Promise<string | null> => {
      try {
        return fill(r.url.replace("/*", "/favicon.svg"), await resolveParams(p.deps.db, r));
      } catch (error) {
        // No such object in the fixture: an id that does not exist (of the parameter's shape).
        if (NO_FIXTURE[`${r.method} ${r.url}`]) return fill(r.url, await resolveParams(p.deps.db, r, MISSING));
        failures.push((error as Error).message);
        return null;
      }
    };
    const check = async (r: RegisteredRoute, rc: RoleClient, url: string) => {
      const rule = ruleFor(r);
      if (!rule) return;
      const res = await request(p, rc, r.method, url);
      const got = classify(res);
      const want = rule.expect[rc.role];
      if (got !== want) failures.push(`${r.method} ${r.url} as ${rc.role}: ${got} (${res.statusCode}${res.headers.location ? ` → ${String(res.headers.location)}` : ""}), table says ${want} [${url}]`);
    };

    const gets = routes.filter((r) => r.method === "GET");
    const posts = routes.filter((r) => r.method !== "GET");
    const safe = posts.filter((r) => !DESTRUCTIVE.test(r.url));
    const destructive = posts.filter((r) => DESTRUCTIVE.test(r.url)).sort((a, b) => Number(a.url.includes("sign-out")) - Number(b.url.includes("sign-out")));

    // GETs: all roles, in parallel batches.
    const getJobs: Array<[RegisteredRoute, string]> = [];
    for (const r of gets) {
      const url = await urlOf(r);
      if (url) getJobs.push([r, url]);
    }
    await pool(getJobs.flatMap(([r, url]) => roles.map((rc) => [r, rc, url] as const)), 8, ([r, rc, url]) => check(r, rc, url));

    console.log(`GETs done (${getJobs.length} routes)`);
    // POSTs that change without destroying: each route's roles in turn, least privileged first.
    const postJobs: Array<[RegisteredRoute, string]> = [];
    for (const r of safe) {
      const url = await urlOf(r);
      if (url) postJobs.push([r, url]);
    }
    await pool(postJobs, 4, async ([r, url]) => {
      for (const rc of roles) await check(r, rc, url);
    });

    // Destructive POSTs last, one at a time, ids read again before each role's request.
    for (const r of destructive) {
      for (const rc of roles) {
        const url = await urlOf(r);
        if (url) await check(r, rc, url);
      }
    }

    console.log(`authorization matrix: ${routes.length} routes × ${ROLES.length} roles = ${routes.length * ROLES.length} requests, ${failures.length} failures`);
    expect(uncoveredReport, "routes the table (route-access.ts) does not cover").toEqual([]);
    expect(failures).toEqual([]);
  }, 600_000);
});
