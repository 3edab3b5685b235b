/**
 * Endorsements on a resource kind declared by a test component's manifest alone (test-kind.tsx):
 * endorse and withdraw, once only, never one's own, the step settings, the `endorse` permission with a
 * verification handler, the endorsers' list and its pages, private spaces, and the event raised.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { englishClient, signedInClient } from "../accounts/testing";
import { updateComponentPermissions, updateComponentSettings } from "../components/service";
import { addPrivateUser } from "../spaces/members-service";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import { endorsementCounts } from "./endorsements";
import { addMemo, memoSpace } from "./test-kind";
import "../verifications/handlers";

let p: TestPlatform;
let place: { space: SpaceRecord; component: ComponentRecord };
let author: Awaited<ReturnType<typeof signedInClient>>;
let reader: Awaited<ReturnType<typeof signedInClient>>;
const actor = { id: 1, ip: null };

beforeAll(async () => {
  p = await createTestPlatform();
  place = await memoSpace(p, "memo-square");
  author = await signedInClient(p, { name: "Alma Author" });
  reader = await signedInClient(p, { name: "Rui Reader" });
});
afterAll(() => p.stop());

const memoUrl = (id: number) => `/spaces/${place.space.slug}/c/${place.component.id}/m/${id}`;

async function post(client: TestClient, id: number, endorse: "on" | "off", type = "memo") {
  return client.post("/endorsements", { resourceType: type, resourceId: String(id), endorse }, { formPage: memoUrl(id) });
}

async function rows(id: number): Promise<number[]> {
  const r = await p.deps.db.execute<{ user_id: string }>(sql`select user_id from endorsements where resource_type = 'memo' and resource_id = ${id} order by user_id`);
  return r.rows.map((x) => Number(x.user_id));
}

/** "endorsed" events raised on the memo: still in the outbox, or already relayed to its author. */
async function endorsedEvents(id: number, actorId: number, authorId: number): Promise<number> {
  const r = await p.deps.db.execute<{ n: number }>(sql`
    select (select count(*) from event_outbox where event = 'endorsed' and resource_type = 'memo' and resource_id = ${id} and actor_id = ${actorId})::int
      + (select count(*) from notifications where kind = 'memo.endorsed' and resource_type = 'memo' and resource_id = ${id} and user_id = ${authorId})::int as n`);
  return r.rows[0]?.n ?? 0;
}

async function setStep(step: Record<string, unknown>) {
  await updateComponentSettings(p.deps.db, actor, place.space.id, place.component.id, { en: "Memos" }, { global: {}, defaultStep: step, steps: {} });
}

const flash = async (client: TestClient, url: string) => (await client.get(url.split("#")[0] ?? url)).body;

describe("endorsing a resource", () => {
  it("endorses and withdraws, follows the resource and tells its author", async () => {
    const id = addMemo(place, author.userId, "Bike lanes on the quay");
    const before = await reader.client.get(memoUrl(id));
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain("No endorsement yet");
    expect(before.body).toContain('aria-pressed="false"');
    expect(before.body).toContain('aria-label="Endorse “Bike lanes on the quay”"');

    const res = await post(reader.client, id, "on");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${memoUrl(id)}#endorsements`);
    expect(await rows(id)).toEqual([reader.userId]);
    const after = await flash(reader.client, String(res.headers.location));
    expect(after).toContain("You endorsed “Bike lanes on the quay”.");
    expect(after).toContain("1 endorsement");
    expect(after).toContain('aria-pressed="true"');
    expect(after).toMatch(/<ul class="endorsers"><li>Rui Reader<\/li><\/ul>/);
    // Endorsing follows (the account's default), and the author hears of it.
    const follows = await p.deps.db.execute(sql`select 1 from follows where resource_type = 'memo' and resource_id = ${id} and user_id = ${reader.userId}`);
    expect(follows.rows).toHaveLength(1);
    expect(await endorsedEvents(id, reader.userId, author.userId)).toBe(1);

    const off = await post(reader.client, id, "off");
    expect(off.statusCode).toBe(303);
    expect(await rows(id)).toEqual([]);
    const withdrawn = await flash(reader.client, String(off.headers.location));
    expect(withdrawn).toContain("You withdrew your endorsement of “Bike lanes on the quay”.");
    expect(withdrawn).toContain("No endorsement yet");
  });

  it("counts a person once, and raises the event once", async () => {
    const id = addMemo(place, author.userId, "Benches");
    await post(reader.client, id, "on");
    const again = await post(reader.client, id, "on");
    expect(again.statusCode).toBe(303);
    expect(await flash(reader.client, String(again.headers.location))).toContain("You had already endorsed “Benches”.");
    expect(await rows(id)).toEqual([reader.userId]);
    expect(await endorsedEvents(id, reader.userId, author.userId)).toBe(1);
  });

  it("never lets authors endorse their own resource", async () => {
    const id = addMemo(place, author.userId, "My own idea");
    const page = await author.client.get(memoUrl(id));
    expect(page.body).toContain("No endorsement yet");
    expect(page.body).not.toContain("aria-pressed");
    const res = await post(author.client, id, "on");
    expect(res.statusCode).toBe(303);
    expect(await flash(author.client, String(res.headers.location))).toContain("You cannot endorse what you wrote.");
    expect(await rows(id)).toEqual([]);
  });

  it("sends visitors to sign in and back, and refuses kinds that take no endorsements", async () => {
    const id = addMemo(place, author.userId, "Trees");
    const visitor = await englishClient(p);
    const res = await post(visitor, id, "on");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/users/sign-in?return_to=${encodeURIComponent(memoUrl(id))}`);
    expect(await rows(id)).toEqual([]);
    expect((await post(reader.client, id, "on", "plain-memo")).statusCode).toBe(404);
    expect((await post(reader.client, 999_999, "on")).statusCode).toBe(404);
    expect((await reader.client.post("/endorsements", { resourceType: "memo", resourceId: "abc", endorse: "on" }, { formPage: memoUrl(id) })).statusCode).toBe(404);
  });

  it("keeps the list but removes the button while blocked; shows neither while disabled", async () => {
    const id = addMemo(place, author.userId, "Fountains");
    await post(reader.client, id, "on");
    const other = await signedInClient(p, { name: "Olga Other" });
    try {
      await setStep({ endorsementsBlocked: true });
      const blocked = await other.client.get(memoUrl(id));
      expect(blocked.body).toContain("1 endorsement");
      expect(blocked.body).toContain("Rui Reader");
      expect(blocked.body).toContain("Endorsements are closed for now.");
      expect(blocked.body).not.toContain("aria-pressed");
      const refused = await post(other.client, id, "on");
      expect(await flash(other.client, String(refused.headers.location))).toContain("Endorsements are closed for now.");
      // Nor can an endorsement be taken back: the list is frozen.
      await post(reader.client, id, "off");
      expect(await rows(id)).toEqual([reader.userId]);
      expect((await other.client.get(`/endorsements/memo/${id}`)).statusCode).toBe(200);

      await setStep({ endorsementsEnabled: false });
      const disabled = await other.client.get(memoUrl(id));
      expect(disabled.statusCode).toBe(200);
      expect(disabled.body).not.toContain('id="endorsements"');
      expect((await other.client.get(`/endorsements/memo/${id}`)).statusCode).toBe(404);
      expect((await post(other.client, id, "on")).statusCode).toBe(404);
      expect(await rows(id)).toEqual([reader.userId]);
    } finally {
      await setStep({});
    }
  });

  it("applies the verification handlers an administrator attached to `endorse`", async () => {
    const id = addMemo(place, author.userId, "Night buses");
    // Signed in, then the address no longer counts as confirmed (as after a change of address).
    const { client: unconfirmed, userId } = await signedInClient(p, { name: "Una Unconfirmed" });
    await p.deps.db.execute(sql`update users set email_confirmed_at = null where id = ${userId}`);
    await updateComponentPermissions(p.deps.db, actor, place.space.id, place.component.id, { endorse: { handlers: { email_confirmed: {} } } });
    try {
      const pending = await post(unconfirmed, id, "on");
      expect(pending.statusCode).toBe(303);
      expect(pending.headers.location).toBe(`/verifications/email_confirmed?return_to=${encodeURIComponent(memoUrl(id))}`);
      expect(await rows(id)).toEqual([]);
      // A confirmed address passes the same handler.
      expect((await post(reader.client, id, "on")).statusCode).toBe(303);
      expect(await rows(id)).toEqual([reader.userId]);
    } finally {
      await updateComponentPermissions(p.deps.db, actor, place.space.id, place.component.id, {});
    }
  });
});

describe("the endorsers", () => {
  it("names the first on the resource's page and lists all of them a page at a time", async () => {
    const id = addMemo(place, author.userId, "Crowded idea");
    await p.deps.db.execute(sql`
      with people as (
        insert into users (email, name, email_confirmed_at)
        select 'crowd' || n || '-' || ${id} || '@example.org', 'Crowd ' || lpad(n::text, 2, '0'), now() from generate_series(1, 55) n
        returning id, name)
      insert into endorsements (resource_type, resource_id, user_id, component_id, created_at)
      select 'memo', ${id}, id, ${place.component.id}, now() - interval '1 hour' + (substr(name, 7)::int * interval '1 second') from people`);
    const page = await reader.client.get(memoUrl(id));
    expect(page.body).toContain("55 endorsements");
    expect(page.body).toContain("Crowd 01");
    expect(page.body).toContain("Crowd 08");
    expect(page.body).not.toContain("Crowd 09");
    expect(page.body).toContain(`<a href="/endorsements/memo/${id}">See all 55 endorsers</a>`);

    const first = await reader.client.get(`/endorsements/memo/${id}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("Endorsers of “Crowded idea”");
    expect(first.body).toContain("Crowd 50");
    expect(first.body).not.toContain("Crowd 51");
    expect(first.body).toContain(`href="/endorsements/memo/${id}?page=2"`);
    const second = await reader.client.get(`/endorsements/memo/${id}?page=2`);
    expect(second.body).toContain("Crowd 51");
    expect(second.body).toContain("Crowd 55");
    expect(second.body).not.toContain("Crowd 50<");
    expect(second.body).not.toContain("?page=3");
    expect((await reader.client.get(`/endorsements/memo/${id}?page=3`)).statusCode).toBe(404);
  });

  it("counts a whole list's endorsements in one query", async () => {
    const a = addMemo(place, author.userId, "List item A");
    const b = addMemo(place, author.userId, "List item B");
    const c = addMemo(place, author.userId, "List item C");
    await post(reader.client, a, "on");
    await post(reader.client, c, "on");
    const other = await signedInClient(p);
    await post(other.client, c, "on");
    const { count, result } = await countQueries(p.deps.pool, () => endorsementCounts(p.deps.db, "memo", [a, b, c], reader.userId));
    expect(count).toBe(1);
    expect(result.get(a)).toEqual({ count: 1, endorsed: true });
    expect(result.get(b)).toEqual({ count: 0, endorsed: false });
    expect(result.get(c)).toEqual({ count: 2, endorsed: true });
  });
});

describe("what may not be seen", () => {
  it("keeps a private space's endorsements from outsiders (404) and open to its members", async () => {
    const secret = await memoSpace(p, "memo-backroom", { isPrivate: true });
    const id = addMemo(secret, author.userId, "Backroom deal");
    const member = await signedInClient(p, { name: "Mia Member" });
    expect((await addPrivateUser(p.deps.db, actor, secret.space.id, member.email)).ok).toBe(true);
    const url = `/spaces/${secret.space.slug}/c/${secret.component.id}/m/${id}`;
    expect((await reader.client.get(url)).statusCode).toBe(404);
    expect((await reader.client.get(`/endorsements/memo/${id}`)).statusCode).toBe(404);
    expect((await reader.client.post("/endorsements", { resourceType: "memo", resourceId: String(id), endorse: "on" }, { formPage: memoUrl(addMemo(place, author.userId, "x")) })).statusCode).toBe(404);
    expect((await (await englishClient(p)).get(`/endorsements/memo/${id}`)).statusCode).toBe(404);

    expect((await member.client.get(url)).statusCode).toBe(200);
    const res = await member.client.post("/endorsements", { resourceType: "memo", resourceId: String(id), endorse: "on" }, { formPage: url });
    expect(res.statusCode).toBe(303);
    expect(await rows(id)).toEqual([member.userId]);
    expect((await member.client.get(`/endorsements/memo/${id}`)).body).toContain("Mia Member");
  });

  it("lets nobody endorse a resource the public cannot see", async () => {
    const id = addMemo(place, author.userId, "Unpublished draft", { public: false });
    expect((await post(reader.client, id, "on")).statusCode).toBe(404);
    expect((await reader.client.get(`/endorsements/memo/${id}`)).statusCode).toBe(404);
    expect(await rows(id)).toEqual([]);
  });
});
