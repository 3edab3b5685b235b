/**
 * The debates component's rules, through its pages: opening debates (the organization's in the back
 * office, participants' only when the step allows it), comments in two columns, closing with a
 * conclusion (audited, read-only after, reopened by an administrator), the members-only discussion
 * area, the list's filters and its bounded queries, open data and personal data.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { relayEvents } from "../../core/notifications/relay";
import { addPrivateUser } from "../../core/spaces/members-service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { exportDebateData } from "./personal-data";
import { closeDebate, createOfficialDebate } from "./service";
import { debatesFixture, idFromLocation, type DebatesFixture } from "./testing";

let p: TestPlatform;
let admin: { client: TestClient; userId: number };

beforeAll(async () => {
  p = await createTestPlatform();
  admin = await signedInClient(p, { isAdmin: true });
});
afterAll(() => p.stop());

const place = (f: DebatesFixture) => ({ componentId: f.component.id, spaceId: f.space.id });

async function official(f: DebatesFixture, title: string): Promise<number> {
  const r = await createOfficialDebate(p.deps.db, { id: admin.userId, ip: null }, place(f), { title: { en: title, fr: `${title} (fr)` }, description: { en: "What should the committee fund first?" }, instructions: {}, startAt: undefined, endAt: undefined });
  if (!r.ok) throw new Error("debate");
  return r.value.id;
}

const comment = (c: TestClient, f: DebatesFixture, id: number, body: string, alignment: string) =>
  c.post("/comments", { resourceType: "debate", resourceId: String(id), body, alignment, return_to: `${f.base}/${id}` }, { formPage: `${f.base}/${id}` });

const audited = async (action: string, id: number) =>
  (await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action} and resource_type = 'debate' and resource_id = ${String(id)}`)).rows[0]?.n ?? 0;

const commentsOn = async (id: number) => (await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from comments where resource_type = 'debate' and resource_id = ${id}`)).rows[0]?.n ?? 0;

/** The part of a page between two markers (a column of the discussion). */
const between = (body: string, start: string, end: string) => body.slice(body.indexOf(start), end ? body.indexOf(end, body.indexOf(start)) : undefined);

describe("debates", () => {
  it("the organization opens a debate in the back office (audited); participants comment in two columns", async () => {
    const f = await debatesFixture(p, admin.userId);
    const invalid = await admin.client.post(`${f.adminBase}/new`, { "title.en": "", "description.en": "" }, { formPage: `${f.adminBase}/new` });
    expect(invalid.statusCode).toBe(422);
    const created = await admin.client.post(`${f.adminBase}/new`, { "title.en": "Half of the budget for the playground?", "title.fr": "La moitié du budget pour la cour ?", "description.en": "Benches, shade and a pitch.", "instructions.en": "One argument per comment.", startAt: "2027-01-10T18:00", endAt: "2027-01-01T18:00" }, { formPage: `${f.adminBase}/new` });
    expect(created.statusCode).toBe(422);
    expect(created.body).toContain("The end must come after the start.");
    const ok = await admin.client.post(`${f.adminBase}/new`, { "title.en": "Half of the budget for the playground?", "title.fr": "La moitié du budget pour la cour ?", "description.en": "Benches, shade and a pitch.", "instructions.en": "One argument per comment." }, { formPage: `${f.adminBase}/new` });
    expect(ok.statusCode).toBe(303);
    const id = Number((await p.deps.db.execute<{ id: string }>(sql`select id from debates where component_id = ${f.component.id}`)).rows[0]?.id);
    expect(await audited("debate.create", id)).toBe(1);

    const a = await signedInClient(p, { name: "Alice Voter" });
    const b = await signedInClient(p, { name: "Bob Voter" });
    expect((await comment(a.client, f, id, "Yes: everyone uses the yard.", "in_favour")).statusCode).toBe(303);
    expect((await comment(b.client, f, id, "No: the library needs it too.", "against")).statusCode).toBe(303);
    expect((await comment(b.client, f, id, "We need the costs first.", "neutral")).statusCode).toBe(303);
    const page = await (await englishClient(p)).get(`${f.base}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("One argument per comment.");
    const inFavour = between(page.body, 'class="comments-column comments-column-in-favour"', 'class="comments-column comments-column-against"');
    const against = between(page.body, 'class="comments-column comments-column-against"', 'class="comments-column comments-column-neutral"');
    const neutral = between(page.body, 'class="comments-column comments-column-neutral"', "</section>");
    expect(inFavour).toContain("In favour (1)");
    expect(inFavour).toContain("Yes: everyone uses the yard.");
    expect(inFavour).not.toContain("No: the library needs it too.");
    expect(against).toContain("Against (1)");
    expect(against).toContain("No: the library needs it too.");
    expect(neutral).toContain("We need the costs first.");
    // In French, the translated title and headings.
    const fr = p.client();
    await fr.get("/locale/fr");
    const frPage = await fr.get(`${f.base}/${id}`);
    expect(frPage.body).toContain("La moitié du budget pour la cour ?");
    expect(frPage.body).toContain("Pour (1)");
    expect(frPage.body).toContain("Contre (1)");
  });

  it("participants open debates only when the step allows it, and edit and close their own while open", async () => {
    const f = await debatesFixture(p, admin.userId, { step: { creationEnabled: false } });
    const person = await signedInClient(p);
    expect((await person.client.get(`${f.base}/new`)).statusCode).toBe(403);
    const refused = await person.client.post(`${f.base}/new`, { title: "Longer breaks", description: "Should the morning break last twenty minutes?", language: "en" }, { formPage: f.base });
    expect(refused.statusCode).toBe(403);
    expect((await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from debates where component_id = ${f.component.id}`)).rows[0]?.n).toBe(0);
    expect((await person.client.get(f.base)).body).not.toContain(`href="${f.base}/new"`);

    await f.configure({}, { creationEnabled: true });
    const visitor = await englishClient(p);
    const signIn = await visitor.get(`${f.base}/new`);
    expect(signIn.statusCode).toBe(303);
    expect(String(signIn.headers.location)).toContain("/users/sign-in");
    expect((await person.client.get(f.base)).body).toContain(`href="${f.base}/new"`);
    const bad = await person.client.post(`${f.base}/new`, { title: "Hi", description: "Short", language: "en" }, { formPage: `${f.base}/new` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Write a title of 5 to 150 characters.");
    expect(bad.body).toContain('value="Hi"');
    const created = await person.client.post(`${f.base}/new`, { title: "Longer breaks", description: "Should the morning break last twenty minutes?", language: "en" }, { formPage: `${f.base}/new` });
    expect(created.statusCode).toBe(303);
    const id = idFromLocation(created.headers.location);
    const own = await person.client.get(`${f.base}/${id}`);
    expect(own.body).toContain(`href="${f.base}/${id}/edit"`);

    // Someone else can neither edit nor close it.
    const other = await signedInClient(p);
    expect((await other.client.get(`${f.base}/${id}/edit`)).statusCode).toBe(404);
    expect((await other.client.get(`${f.base}/${id}/close`)).statusCode).toBe(404);

    const edited = await person.client.post(`${f.base}/${id}/edit`, { title: "Longer morning breaks", description: "Should the morning break last twenty minutes?", language: "en" }, { formPage: `${f.base}/${id}/edit` });
    expect(edited.statusCode).toBe(303);
    expect((await person.client.post(`${f.base}/${id}/close`, { conclusion: "" }, { formPage: `${f.base}/${id}/close` })).statusCode).toBe(422);
    const closed = await person.client.post(`${f.base}/${id}/close`, { conclusion: "Twenty minutes it is, from September." }, { formPage: `${f.base}/${id}/close` });
    expect(closed.statusCode).toBe(303);
    const page = await person.client.get(`${f.base}/${id}`);
    expect(page.body).toContain("Longer morning breaks");
    expect(page.body).toContain("Twenty minutes it is, from September.");
    expect(page.body).not.toContain(`href="${f.base}/${id}/edit"`);
    expect((await person.client.get(`${f.base}/${id}/edit`)).statusCode).toBe(404);
    expect(await audited("debate.close", id)).toBe(1);
  });

  it("a closed debate takes no comment, shows its conclusion first, tells its followers; an administrator reopens it (all audited)", async () => {
    const f = await debatesFixture(p, admin.userId);
    const id = await official(f, "Water fountains instead of vending machines");
    const follower = await signedInClient(p);
    expect((await comment(follower.client, f, id, "For: less plastic.", "in_favour")).statusCode).toBe(303);

    const closed = await admin.client.post(`${f.adminBase}/${id}/close`, { "conclusion.en": "Four fountains, one machine kept.", "conclusion.fr": "Quatre fontaines, un distributeur gardé." }, { formPage: `${f.adminBase}/${id}/close` });
    expect(closed.statusCode).toBe(303);
    expect(await audited("debate.close", id)).toBe(1);
    const events = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from event_outbox where resource_type = 'debate' and resource_id = ${id} and event = 'closed'`);
    expect(events.rows[0]?.n).toBe(1);

    const page = await follower.client.get(`${f.base}/${id}`);
    expect(page.body).toContain("Four fountains, one machine kept.");
    expect(page.body.indexOf("debate-conclusion")).toBeLessThan(page.body.indexOf("What should the committee fund first?"));
    expect(page.body).toContain("This debate is closed: it takes no more comments.");
    expect(page.body).not.toContain('id="comment-new"');
    expect(page.body).toContain("For: less plastic.");
    const refused = await comment(follower.client, f, id, "Against: too late.", "against");
    expect(refused.statusCode).toBe(403);
    expect(await commentsOn(id)).toBe(1);
    expect((await follower.client.get(`${f.base}?state=closed`)).body).toContain("Water fountains instead of vending machines");
    expect((await follower.client.get(f.base)).body).not.toContain("Water fountains instead of vending machines");

    // Only administrators reach the back office's close and reopen.
    expect((await follower.client.post(`${f.adminBase}/${id}/reopen`, {}, { formPage: `${f.base}/${id}` })).statusCode).not.toBe(303);
    const reopened = await admin.client.post(`${f.adminBase}/${id}/reopen`, {}, { formPage: `${f.adminBase}/${id}/close` });
    expect(reopened.statusCode).toBe(303);
    expect(await audited("debate.reopen", id)).toBe(1);
    expect((await comment(follower.client, f, id, "Against: too late.", "against")).statusCode).toBe(303);
    expect(await commentsOn(id)).toBe(2);
  });

  it("a members-only discussion area: a 403 list and 404 debates for visitors and non-members, open to members and staff", async () => {
    const f = await debatesFixture(p, admin.userId, { global: { membersOnly: true } });
    const id = await official(f, "The committee's own question");
    const member = await signedInClient(p);
    expect((await addPrivateUser(p.deps.db, { id: admin.userId, ip: null }, f.space.id, (await p.deps.db.execute<{ email: string }>(sql`select email from users where id = ${member.userId}`)).rows[0]?.email ?? "")).ok).toBe(true);
    const outsider = await signedInClient(p);
    const visitor = await englishClient(p);

    const anonymousList = await visitor.get(f.base);
    expect(anonymousList.statusCode).toBe(403);
    expect(anonymousList.body).toContain("reserved to the space’s members");
    expect(anonymousList.body).not.toContain("The committee&#39;s own question");
    expect((await visitor.get(`${f.base}/${id}`)).statusCode).toBe(404);
    expect((await outsider.client.get(f.base)).statusCode).toBe(403);
    expect((await outsider.client.get(`${f.base}/${id}`)).statusCode).toBe(404);
    expect((await visitor.get(`/comments/debate/${id}/events`)).statusCode).toBe(404);
    const forced = await outsider.client.post("/comments", { resourceType: "debate", resourceId: String(id), body: "Let me in.", alignment: "neutral", return_to: f.base }, { formPage: "/" });
    expect(forced.statusCode).toBe(404);
    const follow = await outsider.client.post("/follows", { resourceType: "debate", resourceId: String(id), follow: "on" }, { formPage: "/" });
    expect(follow.statusCode).toBe(404);

    expect((await member.client.get(f.base)).statusCode).toBe(200);
    expect((await member.client.get(f.base)).body).toContain("own question");
    expect((await member.client.get(`${f.base}/${id}`)).statusCode).toBe(200);
    expect((await comment(member.client, f, id, "For, as a member.", "in_favour")).statusCode).toBe(303);
    expect((await admin.client.get(`${f.base}/${id}`)).body).toContain("For, as a member.");

    // Neither the debates' nor the comments' open data show it.
    const csv = await visitor.get("/open-data/debates.csv");
    expect(csv.body).not.toContain("own question");
    const comments = await visitor.get("/open-data/comments.csv");
    expect(comments.statusCode).toBe(200);
    expect(comments.body).not.toContain("For, as a member.");
  });

  it("tells the followers that a debate closed, but not a follower outside the members-only area it became", async () => {
    const f = await debatesFixture(p, admin.userId);
    const id = await official(f, "Who sits on the jury?");
    const member = await signedInClient(p);
    const outsider = await signedInClient(p);
    const email = async (userId: number) => (await p.deps.db.execute<{ email: string }>(sql`select email from users where id = ${userId}`)).rows[0]?.email ?? "";
    expect((await addPrivateUser(p.deps.db, { id: admin.userId, ip: null }, f.space.id, await email(member.userId))).ok).toBe(true);
    for (const c of [member, outsider]) expect((await c.client.post("/follows", { resourceType: "debate", resourceId: String(id), follow: "on" }, { formPage: `${f.base}/${id}` })).statusCode).toBe(303);
    await f.configure({ membersOnly: true }, {});
    expect((await closeDebate(p.deps.db, { id: admin.userId, ip: null }, place(f), id, { en: "Two students, two parents, two teachers." }, "admin")).ok).toBe(true);
    await relayEvents(p.deps);
    const told = await p.deps.db.execute<{ user_id: string }>(sql`select user_id from notifications where kind = 'debate.closed' and resource_id = ${id}`);
    expect(told.rows.map((r) => Number(r.user_id))).toEqual([member.userId]);
  });

  it("lists open or closed debates, most recent or most commented, a page at a time, in a bounded number of queries", async () => {
    const f = await debatesFixture(p, admin.userId);
    const quiet = await official(f, "A quiet debate");
    const busy = await official(f, "A busy debate");
    const c = await signedInClient(p);
    expect((await comment(c.client, f, busy, "First.", "in_favour")).statusCode).toBe(303);
    expect((await comment(c.client, f, busy, "Second.", "against")).statusCode).toBe(303);
    await p.deps.db.execute(sql`update debates set created_at = now() - interval '1 day' where id = ${busy}`);
    const visitor = await englishClient(p);
    const recent = (await visitor.get(f.base)).body;
    expect(recent.indexOf("A quiet debate")).toBeLessThan(recent.indexOf("A busy debate"));
    const commented = (await visitor.get(`${f.base}?sort=most_commented`)).body;
    expect(commented.indexOf("A busy debate")).toBeLessThan(commented.indexOf("A quiet debate"));
    expect(commented).toContain("2 comments");
    expect(quiet).toBeGreaterThan(0);

    const small = await countQueries(p.deps.pool, () => visitor.get(f.base));
    await p.deps.db.execute(sql`
      insert into debates (component_id, title, description, language)
      select ${f.component.id}, jsonb_build_object('en', 'Bulk debate ' || g), '{"en":"A debate in bulk."}'::jsonb, 'en' from generate_series(1, 45) g`);
    const large = await countQueries(p.deps.pool, () => visitor.get(f.base));
    expect(large.result.statusCode).toBe(200);
    expect(large.count).toBe(small.count);
    expect(large.result.body).toContain("47 debates");
    expect(large.result.body).toContain(`href="${f.base}?page=2"`);
    const third = await visitor.get(`${f.base}?page=3`);
    expect(third.body).toContain("A busy debate");
    expect(third.body).not.toContain(`href="${f.base}?page=4"`);
  });

  it("open data, personal data and search", async () => {
    const f = await debatesFixture(p, admin.userId, { step: { creationEnabled: true } });
    const id = await official(f, "Shade in the yard");
    const person = await signedInClient(p);
    expect((await comment(person.client, f, id, "For: it is a health matter.", "in_favour")).statusCode).toBe(303);
    const created = await person.client.post(`${f.base}/new`, { title: "A bike shelter", description: "Where should the bike shelter go?", language: "en" }, { formPage: `${f.base}/new` });
    expect(created.statusCode).toBe(303);
    const csv = (await (await englishClient(p)).get("/open-data/debates.csv")).body;
    const line = csv.split("\n").find((l) => l.startsWith(`${id},`));
    expect(line).toContain("Shade in the yard");
    expect(line).toMatch(/,1,1,0,0,\d+\r?$/);
    const data = (await exportDebateData(p.deps.db, person.userId)) as { opened: Array<{ title: Record<string, string> }> };
    expect(data.opened.map((d) => d.title.en)).toEqual(["A bike shelter"]);
    const found = await (await englishClient(p)).get(`/search?q=${encodeURIComponent("shade")}`);
    expect(found.body).toContain("Shade in the yard");
  });
});
