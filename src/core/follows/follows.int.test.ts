/**
 * Following from the pages, without JavaScript: POST /follows for any resource kind and for spaces,
 * the space page's button, the confirmation that notices and mails link to (a GET that changes
 * nothing), the account's list of what one follows, and the notification preferences form.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { pathOf, signedInClient } from "../accounts/testing";
import { waitForRelay } from "../notifications/relay";
import { notify } from "../notifications/outbox";
import { registerResourceKind, type ResourceFacts } from "../resources/kinds";
import { autoFollow, isFollowing } from "./service";

const TYPE = "follow-note";
const notes = new Map<number, { componentId: number; spaceId: number; title: string; public: boolean }>();
let nextNote = 1;

registerResourceKind(TYPE, "follows-test", {
  label: "notifications.title",
  load: async (_db, ids) =>
    new Map(
      ids.flatMap((id): Array<[number, ResourceFacts]> => {
        const n = notes.get(id);
        return n ? [[id, { type: TYPE, id, componentId: n.componentId, spaceId: n.spaceId, title: n.title, url: `/follow-notes/${id}`, authorIds: [], public: n.public }]] : [];
      }),
    ),
  events: { changed: { to: ["followers"], message: "petitions.notification.progress" } },
});

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const one = async (query: ReturnType<typeof sql>) => Number((await p.deps.db.execute<{ id: string }>(query)).rows[0]?.id);
async function place(opts: { isPrivate?: boolean } = {}) {
  const slug = `follows-${Math.random().toString(36).slice(2, 10)}`;
  const spaceId = await one(sql`insert into spaces (type, slug, title, published_at, is_private) values ('process', ${slug}, '{"en":"Riverside renewal"}', now(), ${opts.isPrivate ?? false}) returning id`);
  const componentId = await one(sql`insert into components (space_id, manifest, name, published_at) values (${spaceId}, 'petitions', '{"en":"Notes"}', now()) returning id`);
  return { spaceId, componentId, slug };
}
function note(where: { spaceId: number; componentId: number }, title: string, isPublic = true): number {
  const id = nextNote++;
  notes.set(id, { ...where, title, public: isPublic });
  return id;
}

const flashOf = (res: { cookies: Array<{ name: string; value: string }> }) => res.cookies.find((c) => c.name === "pnyx_flash")?.value ?? "";
const followForm = (c: TestClient, fields: Record<string, string>) => c.post("/follows", fields, { formPage: "/account" });
const follows = (userId: number, type: string, id: number) => isFollowing(p.deps.db, userId, { type, id });

describe("following any resource, by a plain form post", () => {
  it("follows and stops following, then goes back with a flash", async () => {
    const where = await place();
    const id = note(where, "Benches along the river");
    const me = await signedInClient(p);
    const on = await followForm(me.client, { resourceType: TYPE, resourceId: String(id), follow: "on", returnTo: `/follow-notes/${id}` });
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe(`/follow-notes/${id}`);
    expect(flashOf(on)).toContain("You follow it now");
    const row = await p.deps.db.execute<{ component_id: string; space_id: string }>(sql`select component_id, space_id from follows where resource_type = ${TYPE} and resource_id = ${id} and user_id = ${me.userId}`);
    expect(row.rows.map((r) => [Number(r.component_id), Number(r.space_id)])).toEqual([[where.componentId, where.spaceId]]);
    const off = await followForm(me.client, { resourceType: TYPE, resourceId: String(id), follow: "off", returnTo: "https://evil.example/" });
    expect(off.statusCode).toBe(303);
    // Never sent elsewhere: a return address off the site goes home.
    expect(off.headers.location).toBe("/");
    expect(flashOf(off)).toContain("You no longer follow it");
    expect(await follows(me.userId, TYPE, id)).toBe(false);
  });

  it("refuses what the person may not see, and what is no resource, with a 404; asks visitors to sign in", async () => {
    const hidden = await place({ isPrivate: true });
    const secret = note(hidden, "A private matter");
    const unpublished = note(await place(), "Not public yet", false);
    const me = await signedInClient(p);
    expect((await followForm(me.client, { resourceType: TYPE, resourceId: String(secret), follow: "on" })).statusCode).toBe(404);
    expect((await followForm(me.client, { resourceType: TYPE, resourceId: String(unpublished), follow: "on" })).statusCode).toBe(404);
    expect((await followForm(me.client, { resourceType: "no-such-kind", resourceId: "1", follow: "on" })).statusCode).toBe(404);
    expect((await followForm(me.client, { resourceType: TYPE, resourceId: "abc", follow: "on" })).statusCode).toBe(404);
    expect((await followForm(me.client, { resourceType: "space", resourceId: String(hidden.spaceId), follow: "on" })).statusCode).toBe(404);
    const rows = await p.deps.db.execute(sql`select 1 from follows where user_id = ${me.userId}`);
    expect(rows.rows).toHaveLength(0);
    const visitor = p.client();
    const res = await visitor.post("/follows", { resourceType: TYPE, resourceId: String(secret), follow: "on" }, { formPage: "/users/sign-in" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain("/users/sign-in");
  });

  it("follows what one takes part in only when the account says so", async () => {
    const where = await place();
    const id = note(where, "Taking part");
    const keen = await signedInClient(p);
    const shy = await signedInClient(p);
    await p.deps.db.execute(sql`update users set follow_by_default = false where id = ${shy.userId}`);
    for (const x of [keen, shy]) await autoFollow(p.deps.db, x.userId, { type: TYPE, id }, where);
    expect(await follows(keen.userId, TYPE, id)).toBe(true);
    expect(await follows(shy.userId, TYPE, id)).toBe(false);
  });
});

describe("following a space", () => {
  it("offers the button on the space's page to signed-in people, and follows the space", async () => {
    const where = await place();
    const me = await signedInClient(p);
    const page = await me.client.get(`/processes/${where.slug}`);
    expect(page.body).toContain("Follow this space");
    expect((await p.client().get(`/processes/${where.slug}`)).body).not.toContain("Follow this space");
    const res = await me.client.post("/follows", { resourceType: "space", resourceId: String(where.spaceId), follow: "on", returnTo: `/processes/${where.slug}` }, { formPage: `/processes/${where.slug}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/processes/${where.slug}`);
    expect(await follows(me.userId, "space", where.spaceId)).toBe(true);
    expect((await me.client.get(`/processes/${where.slug}`)).body).toContain("Stop following this space");
  });
});

describe("stopping from a notification", () => {
  it("links each notice to a confirmation page whose form, not the link, stops following", async () => {
    const where = await place();
    const id = note(where, "Trees on the square");
    const me = await signedInClient(p);
    await followForm(me.client, { resourceType: TYPE, resourceId: String(id), follow: "on" });
    await p.deps.db.execute(sql`update follows set created_at = now() - interval '1 minute' where user_id = ${me.userId}`);
    await p.deps.db.transaction((tx) => notify(tx, { type: TYPE, id }, "changed", { values: { percent: 33 } }));
    await waitForRelay(p.deps, { relay: true, timeoutMs: 15_000 });
    const list = await me.client.get("/notifications");
    expect(list.body).toContain("“Trees on the square” reached 33% of its threshold");
    const link = `/follows/unfollow?type=${TYPE}&amp;id=${id}`;
    expect(list.body).toContain(`href="${link}"`);
    const confirm = await me.client.get(link.replace("&amp;", "&"));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Stop following “Trees on the square”?");
    // Opening the page changed nothing.
    expect(await follows(me.userId, TYPE, id)).toBe(true);
    const stop = await me.client.post("/follows", { resourceType: TYPE, resourceId: String(id), follow: "off", returnTo: `/follow-notes/${id}` }, { formPage: link.replace("&amp;", "&") });
    expect(stop.statusCode).toBe(303);
    expect(await follows(me.userId, TYPE, id)).toBe(false);
    const after = await me.client.get("/notifications");
    expect(after.body).toContain("Trees on the square");
    expect(after.body).not.toContain(`href="${link}"`);
    // The mail's link leads to the same page (and a visitor is asked to sign in first).
    const mail = await p.smtp.waitFor((m) => m.to.includes(me.email));
    const mailLink = /http:\/\/pnyx\.test\/follows\/unfollow\S+/.exec(mail.text)?.[0] ?? "";
    expect(pathOf(mailLink)).toBe(link.replace("&amp;", "&"));
    const visitor = await p.client().get(pathOf(mailLink));
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toContain("/users/sign-in");
  });
});

describe("the account's follows and notification settings", () => {
  it("lists what the person follows, a page at a time, each with a button to stop, hiding what they can no longer see", async () => {
    const open = await place();
    const closed = await place({ isPrivate: true });
    const me = await signedInClient(p);
    const ids = Array.from({ length: 22 }, (_, i) => note(open, `Followed note ${i + 1}`));
    await p.deps.db.execute(sql`insert into follows (resource_type, resource_id, user_id, component_id, space_id, created_at)
      select ${TYPE}, id, ${me.userId}, ${open.componentId}, ${open.spaceId}, now() - make_interval(mins => n::int)
      from unnest(${sql.param(ids)}::bigint[]) with ordinality as x(id, n)`);
    const secret = note(closed, "Behind closed doors");
    await p.deps.db.execute(sql`insert into follows (resource_type, resource_id, user_id, created_at) values (${TYPE}, ${secret}, ${me.userId}, now() - interval '1 hour'), ('space', ${open.spaceId}, ${me.userId}, now() - interval '2 hours')`);
    const first = await me.client.get("/account/follows");
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("Followed note 1<");
    expect(first.body).toContain("Followed note 20<");
    expect(first.body).not.toContain("Followed note 21<");
    expect(first.body.match(/<button[^>]*>Stop following</g)).toHaveLength(20);
    const second = await me.client.get("/account/follows?page=2");
    expect(second.body).toContain("Followed note 22<");
    expect(second.body).toContain("Something you can no longer see");
    expect(second.body).not.toContain("Behind closed doors");
    expect(second.body).toContain("Riverside renewal");
    const stop = await me.client.post("/follows", { resourceType: TYPE, resourceId: String(secret), follow: "off", returnTo: "/account/follows?page=2" }, { formPage: "/account/follows?page=2" });
    expect(stop.headers.location).toBe("/account/follows?page=2");
    expect(await follows(me.userId, TYPE, secret)).toBe(false);
  });

  it("saves how often to mail and whether to follow what one takes part in, from the account page", async () => {
    const me = await signedInClient(p);
    const page = await me.client.get("/account");
    expect(page.body).toContain("<legend>Email me</legend>");
    expect(page.body).toMatch(/<input type="radio" id="field-emailFrequency-realtime" name="emailFrequency" value="realtime" checked/);
    expect(page.body).not.toContain('name="notifyByEmail"');
    const saved = await me.client.post("/account/notifications", { emailFrequency: "weekly" }, { formPage: "/account" });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe("/account#notifications");
    const row = await p.deps.db.execute<{ email_frequency: string; follow_by_default: boolean }>(sql`select email_frequency, follow_by_default from users where id = ${me.userId}`);
    expect(row.rows[0]).toEqual({ email_frequency: "weekly", follow_by_default: false });
    const again = await me.client.get("/account");
    expect(again.body).toMatch(/value="weekly" checked/);
    expect(again.body).not.toMatch(/name="followByDefault" value="on" checked/);
    const bad = await me.client.post("/account/notifications", { emailFrequency: "hourly", followByDefault: "on" }, { formPage: "/account" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-emailFrequency"');
    // What was typed is kept on the form.
    expect(bad.body).toMatch(/name="followByDefault" value="on" checked/);
    const data = JSON.parse((await me.client.get("/account/data")).body) as { account: Record<string, unknown> };
    expect(data.account).toMatchObject({ emailFrequency: "weekly", followByDefault: false });
    expect(data.account).not.toHaveProperty("notifyByEmail");
  });
});
