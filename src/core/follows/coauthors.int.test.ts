/**
 * Co-authorship on a resource kind declared by a test component's manifest alone (test-kind.tsx):
 * invite, accept (the co-author is an author), decline, withdraw, leave, the kind's maximum, who may
 * see and do what; and endorsements and co-authorships in the person's data download and erased with
 * the account.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { englishClient, signedInClient } from "../accounts/testing";
import { resolveResource } from "../resources/access";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import { authorIdsOf } from "./coauthors";
import { addMemo, memoSpace } from "./test-kind";

let p: TestPlatform;
let place: { space: SpaceRecord; component: ComponentRecord };
let author: Awaited<ReturnType<typeof signedInClient>>;

beforeAll(async () => {
  p = await createTestPlatform();
  place = await memoSpace(p, "memo-workshop");
  author = await signedInClient(p, { name: "Alma Author" });
});
afterAll(() => p.stop());

const memoUrl = (id: number) => `/spaces/${place.space.slug}/c/${place.component.id}/m/${id}`;
const pageUrl = (id: number) => `/coauthorships/memo/${id}`;

const invite = (client: TestClient, id: number, identifier: string) => client.post(`${pageUrl(id)}/invite`, { identifier }, { formPage: pageUrl(id) });
const respond = (client: TestClient, id: number, response: string) => client.post(`${pageUrl(id)}/respond`, { response }, { formPage: pageUrl(id) });

async function statuses(id: number): Promise<Record<number, string>> {
  const r = await p.deps.db.execute<{ user_id: string; status: string }>(sql`select user_id, status from coauthorships where resource_type = 'memo' and resource_id = ${id}`);
  return Object.fromEntries(r.rows.map((x) => [Number(x.user_id), x.status]));
}

const coauthorsOf = async (id: number) => (await authorIdsOf(p.deps.db, [{ type: "memo", id }])).get(`memo:${id}`);

/** The invitation reached the invitee: its event is in the outbox naming them, or already relayed to them. */
async function invitationRaised(id: number, inviterId: number, inviteeId: number): Promise<boolean> {
  const r = await p.deps.db.execute<{ ok: boolean }>(sql`
    select exists (select 1 from event_outbox where event = 'coauthorInvited' and resource_type = 'memo' and resource_id = ${id} and actor_id = ${inviterId}
                   and extra_recipients -> 'mentioned' = jsonb_build_array(${inviteeId}::bigint))
        or exists (select 1 from notifications where kind = 'memo.coauthorInvited' and resource_type = 'memo' and resource_id = ${id} and user_id = ${inviteeId}) as ok`);
  return r.rows[0]?.ok ?? false;
}

describe("inviting a co-author", () => {
  it("invites by email, the invitee accepts and becomes an author", async () => {
    const id = addMemo(place, author.userId, "Community garden");
    const cleo = await signedInClient(p, { name: "Cleo Coauthor" });
    const manage = await author.client.get(pageUrl(id));
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain("Co-authors of “Community garden”");
    expect(manage.body).toContain("Nickname or email address of the participant");

    const res = await invite(author.client, id, cleo.email.toUpperCase());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(pageUrl(id));
    expect((await author.client.get(pageUrl(id))).body).toContain("Cleo Coauthor is invited to co-author it.");
    expect(await statuses(id)).toEqual({ [cleo.userId]: "invited" });
    expect(await invitationRaised(id, author.userId, cleo.userId)).toBe(true);
    // Invited is not yet an author.
    expect(await coauthorsOf(id)).toEqual([]);

    const memo = await cleo.client.get(memoUrl(id));
    expect(memo.body).toContain("You are invited to co-author this.");
    expect(memo.body).toContain(`<a href="${pageUrl(id)}">Accept or decline the invitation</a>`);
    const answer = await cleo.client.get(pageUrl(id));
    expect(answer.body).toContain("<legend>Do you want to co-author it?</legend>");
    expect(answer.body).not.toContain("Nickname or email address of the participant");

    const accepted = await respond(cleo.client, id, "accept");
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(memoUrl(id));
    expect(await statuses(id)).toEqual({ [cleo.userId]: "accepted" });
    expect(await coauthorsOf(id)).toEqual([cleo.userId]);
    const resolved = await resolveResource(p.deps.db, { type: "memo", id }, null);
    expect(resolved?.facts.authorIds).toEqual([author.userId, cleo.userId]);
    const after = await (await englishClient(p)).get(memoUrl(id));
    expect(after.body).toMatch(/<h2 id="coauthors-title">Co-authors<\/h2><ul><li>Cleo Coauthor<\/li><\/ul>/);
    // An author now: following it, and not endorsing their own resource.
    const follows = await p.deps.db.execute(sql`select 1 from follows where resource_type = 'memo' and resource_id = ${id} and user_id = ${cleo.userId}`);
    expect(follows.rows).toHaveLength(1);
    await cleo.client.post("/endorsements", { resourceType: "memo", resourceId: String(id), endorse: "on" }, { formPage: memoUrl(id) });
    expect((await p.deps.db.execute(sql`select 1 from endorsements where resource_type = 'memo' and resource_id = ${id}`)).rows).toHaveLength(0);
    // A co-author manages invitations too, and may leave.
    const theirs = await cleo.client.get(pageUrl(id));
    expect(theirs.body).toContain("Nickname or email address of the participant");
    expect(theirs.body).toContain("Stop being a co-author");
  });

  it("invites by nickname; the invitee may decline, and is not asked again", async () => {
    const id = addMemo(place, author.userId, "Repair café");
    const dan = await signedInClient(p, { name: "Dan Decliner" });
    await p.deps.db.execute(sql`update users set nickname = 'dan_d' where id = ${dan.userId}`);
    expect((await invite(author.client, id, "@Dan_D")).statusCode).toBe(303);
    expect(await statuses(id)).toEqual({ [dan.userId]: "invited" });
    const declined = await respond(dan.client, id, "decline");
    expect(declined.statusCode).toBe(303);
    expect(await statuses(id)).toEqual({ [dan.userId]: "declined" });
    expect(await coauthorsOf(id)).toEqual([]);
    // Nothing more for them to answer.
    expect((await dan.client.get(pageUrl(id))).statusCode).toBe(403);
    const again = await invite(author.client, id, "dan_d");
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain("Dan Decliner declined an invitation to co-author it.");
    expect(again.body).toContain('value="dan_d"');
  });

  it("lets an author withdraw a pending invitation, and a co-author leave", async () => {
    const id = addMemo(place, author.userId, "Tool library");
    const wes = await signedInClient(p, { name: "Wes Withdrawn" });
    const lea = await signedInClient(p, { name: "Lea Leaver" });
    await invite(author.client, id, wes.email);
    await invite(author.client, id, lea.email);
    await respond(lea.client, id, "accept");
    expect(await coauthorsOf(id)).toEqual([lea.userId]);

    const page = await author.client.get(pageUrl(id));
    expect(page.body).toContain('aria-label="Withdraw the invitation to Wes Withdrawn"');
    const withdrawn = await author.client.post(`${pageUrl(id)}/withdraw`, { userId: String(wes.userId) }, { formPage: pageUrl(id) });
    expect(withdrawn.statusCode).toBe(303);
    expect(await statuses(id)).toEqual({ [lea.userId]: "accepted" });
    expect((await wes.client.get(pageUrl(id))).statusCode).toBe(403);
    const late = await respond(wes.client, id, "accept");
    expect(late.statusCode).toBe(303);
    expect(await statuses(id)).toEqual({ [lea.userId]: "accepted" });
    // An accepted co-author is not withdrawn by this form: they leave by themselves.
    await author.client.post(`${pageUrl(id)}/withdraw`, { userId: String(lea.userId) }, { formPage: pageUrl(id) });
    expect(await coauthorsOf(id)).toEqual([lea.userId]);

    const left = await lea.client.post(`${pageUrl(id)}/leave`, {}, { formPage: pageUrl(id) });
    expect(left.statusCode).toBe(303);
    expect(await coauthorsOf(id)).toEqual([]);
    expect(await statuses(id)).toEqual({});
  });

  it("holds the kind's maximum of co-authors (invited or accepted; declined ones do not count)", async () => {
    const id = addMemo(place, author.userId, "Street party");
    const [a, b, c] = [await signedInClient(p, { name: "Ann" }), await signedInClient(p, { name: "Ben" }), await signedInClient(p, { name: "Cat" })];
    await invite(author.client, id, a.email);
    await invite(author.client, id, b.email);
    await respond(a.client, id, "accept");
    const page = await author.client.get(pageUrl(id));
    expect(page.body).toContain("The 2 co-authors allowed are invited.");
    expect(page.body).not.toContain('name="identifier"');
    const third = await invite(author.client, id, c.email);
    expect(third.statusCode).toBe(422);
    expect(third.body).toContain("At most 2 co-authors may be invited.");
    expect(Object.keys(await statuses(id))).toHaveLength(2);
    await respond(b.client, id, "decline");
    expect((await invite(author.client, id, c.email)).statusCode).toBe(303);
    expect(await statuses(id)).toEqual({ [a.userId]: "accepted", [b.userId]: "declined", [c.userId]: "invited" });
  });

  it("refuses unknown people, oneself and authors, with the value kept", async () => {
    const id = addMemo(place, author.userId, "Seed swap");
    const unknown = await invite(author.client, id, "nobody@example.org");
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain("No participant has this nickname or email address.");
    expect(unknown.body).toContain('value="nobody@example.org"');
    expect((await invite(author.client, id, author.email)).body).toContain("You are already one of its authors.");
    expect((await invite(author.client, id, "  ")).body).toContain("Enter the participant’s nickname or email address.");
    expect(await statuses(id)).toEqual({});
  });
});

describe("who may see and do what", () => {
  it("keeps the page to the people concerned", async () => {
    const id = addMemo(place, author.userId, "Bus shelter");
    const stranger = await signedInClient(p);
    expect((await stranger.client.get(pageUrl(id))).statusCode).toBe(403);
    const csrfPage = memoUrl(id);
    expect((await stranger.client.post(`${pageUrl(id)}/invite`, { identifier: author.email }, { formPage: csrfPage })).statusCode).toBe(403);
    const visitor = await englishClient(p);
    const res = await visitor.get(pageUrl(id));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/users/sign-in?return_to=${encodeURIComponent(pageUrl(id))}`);
    expect((await stranger.client.get("/coauthorships/plain-memo/1")).statusCode).toBe(404);
    expect((await stranger.client.get("/coauthorships/memo/999999")).statusCode).toBe(404);
  });

  it("shows a draft to the person invited to co-author it, and to nobody else", async () => {
    const id = addMemo(place, author.userId, "Draft charter", { public: false });
    const ivy = await signedInClient(p, { name: "Ivy Invited" });
    const stranger = await signedInClient(p);
    expect((await stranger.client.get(pageUrl(id))).statusCode).toBe(404);
    await invite(author.client, id, ivy.email);
    const page = await ivy.client.get(pageUrl(id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("You are invited to co-author “Draft charter”");
    expect((await stranger.client.get(pageUrl(id))).statusCode).toBe(404);
  });

  it("never invites someone who cannot see a private space", async () => {
    const secret = await memoSpace(p, "memo-cellar", { isPrivate: true });
    const id = addMemo(secret, author.userId, "Cellar plans");
    const outsider = await signedInClient(p, { name: "Otto Outsider" });
    // The author of a resource in a private space is one of its members.
    await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${secret.space.id}, ${author.userId})`);
    const res = await author.client.post(`${pageUrl(id)}/invite`, { identifier: outsider.email }, { formPage: pageUrl(id) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Otto Outsider cannot see this space.");
    expect((await outsider.client.get(pageUrl(id))).statusCode).toBe(404);
  });
});

describe("personal data", () => {
  it("downloads a person's endorsements and co-authorships, and erases them with the account", async () => {
    const mine = addMemo(place, author.userId, "Open data portal");
    const theirs = addMemo(place, author.userId, "Shared bikes");
    const me = await signedInClient(p, { name: "Pat Person" });
    const invitee = await signedInClient(p, { name: "Ira Invitee" });
    await me.client.post("/endorsements", { resourceType: "memo", resourceId: String(mine), endorse: "on" }, { formPage: memoUrl(mine) });
    await invite(author.client, theirs, me.email);
    await respond(me.client, theirs, "accept");
    // Pat, now a co-author, invites someone else.
    expect((await invite(me.client, theirs, invitee.email)).statusCode).toBe(303);

    const data = JSON.parse((await me.client.get("/account/data")).body) as Record<string, unknown>;
    expect(data.endorsements).toEqual([{ resourceType: "memo", resourceId: mine, url: memoUrl(mine), endorsedAt: expect.any(String) }]);
    expect(data.coauthorships).toEqual([{ resourceType: "memo", resourceId: theirs, url: memoUrl(theirs), status: "accepted", invitedAt: expect.any(String), respondedAt: expect.any(String) }]);

    const res = await me.client.post("/account/delete", { current_password: me.password }, { formPage: "/account/delete" });
    expect(res.statusCode).toBe(303);
    const left = await p.deps.db.execute<{ e: number; c: number; by: number }>(sql`
      select (select count(*) from endorsements where user_id = ${me.userId})::int as e,
             (select count(*) from coauthorships where user_id = ${me.userId})::int as c,
             (select count(*) from coauthorships where invited_by = ${me.userId})::int as by`);
    expect(left.rows[0]).toEqual({ e: 0, c: 0, by: 0 });
    expect(await coauthorsOf(theirs)).toEqual([]);
    // The invitation Pat sent is still the invitee's to answer.
    expect(await statuses(theirs)).toEqual({ [invitee.userId]: "invited" });
  });
});
