/**
 * The results component: progress computed from sub-results (and implied by statuses), the tree's
 * depth and loops, statuses per component, the timeline (newest first, changing status and progress,
 * telling followers), links to the space's contributions shown on the result's page (never hidden or
 * foreign ones), filters, comments and follows from the kit, and pages bounded in queries.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { deleteComponent } from "../../core/components/service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { listStatuses } from "./statuses";
import { resultFields, resultsFixture, type ResultsFixture } from "./testing";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  admin = a.client;
  adminId = a.userId;
});
afterAll(() => p.stop());

const progressOf = async (id: number) => (await p.deps.db.execute<{ progress: number | null; status: string | null }>(sql`select r.progress, s.token as status from results r left join result_statuses s on s.id = r.status_id where r.id = ${id}`)).rows[0];
const idByTitle = async (f: ResultsFixture, title: string) => Number((await p.deps.db.execute<{ id: string }>(sql`select id from results where component_id = ${f.component.id} and title->>'en' = ${title}`)).rows[0]?.id);

async function create(f: ResultsFixture, title: string, more: Record<string, string | string[]> = {}) {
  return admin.post(`${f.adminBase}/new`, resultFields(title, more), { formPage: `${f.adminBase}/new` });
}

describe("results", () => {
  it("computes a parent's progress from its children's, takes a status's progress, and keeps the tree three levels deep", async () => {
    const f = await resultsFixture(p, adminId);
    const statuses = await listStatuses(p.deps.db, f.component.id);
    expect(statuses.map((s) => [s.token, s.progress])).toEqual([
      ["planned", 0],
      ["in_progress", 50],
      ["done", 100],
    ]);
    const done = statuses.find((s) => s.token === "done");
    expect((await create(f, "The policy")).statusCode).toBe(303);
    const parent = await idByTitle(f, "The policy");
    expect((await create(f, "Open by default", { parentId: String(parent), progress: "20" })).statusCode).toBe(303);
    expect((await create(f, "A register", { parentId: String(parent), statusId: String(done?.id) })).statusCode).toBe(303);
    const register = await idByTitle(f, "A register");
    expect(await progressOf(register)).toEqual({ progress: 100, status: "done" });
    expect((await progressOf(parent))?.progress).toBe(60);

    // A third level: the grandparent follows.
    expect((await create(f, "Inventory", { parentId: String(register), progress: "10" })).statusCode).toBe(303);
    expect((await progressOf(register))?.progress).toBe(10);
    expect((await progressOf(parent))?.progress).toBe(15);
    // A fourth level is refused, and so is a loop; nothing is lost from the form.
    const inventory = await idByTitle(f, "Inventory");
    const deep = await create(f, "Too deep", { parentId: String(inventory) });
    expect(deep.statusCode).toBe(422);
    expect(deep.body).toContain("nested 3 levels deep at most");
    expect(deep.body).toContain('value="Too deep"');
    const loop = await admin.post(`${f.adminBase}/${parent}/edit`, resultFields("The policy", { parentId: String(register) }), { formPage: `${f.adminBase}/${parent}/edit` });
    expect(loop.statusCode).toBe(422);
    expect(loop.body).toContain("cannot be part of itself");
    // A parent's own progress is not taken: it stays its children's mean.
    await admin.post(`${f.adminBase}/${parent}/edit`, resultFields("The policy", { progress: "99" }), { formPage: `${f.adminBase}/${parent}/edit` });
    expect((await progressOf(parent))?.progress).toBe(15);
    const bad = await create(f, "Bad progress", { progress: "140" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Enter a number from 0 to 100.");
    // Deleting a child recomputes its parent.
    const open = await idByTitle(f, "Open by default");
    expect((await admin.post(`${f.adminBase}/${open}/delete`, {}, { formPage: `${f.adminBase}/${open}/delete` })).statusCode).toBe(303);
    expect((await progressOf(parent))?.progress).toBe(10);
    const audited = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'result' and resource_id = ${String(open)} order by id`);
    expect(audited.rows.map((r) => r.action)).toEqual(["result.create", "result.delete"]);
  });

  it("lets the admin define statuses with an implied progress", async () => {
    const f = await resultsFixture(p, adminId);
    const refused = await admin.post(`${f.adminBase}/statuses/new`, { token: "X y", "name.en": "Half way", progress: "50", weight: "0" }, { formPage: `${f.adminBase}/statuses/new` });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("lowercase letters");
    const taken = await admin.post(`${f.adminBase}/statuses/new`, { token: "done", "name.en": "Done again", progress: "", weight: "0" }, { formPage: `${f.adminBase}/statuses/new` });
    expect(taken.body).toContain("Another status of this component has this identifier.");
    expect((await admin.post(`${f.adminBase}/statuses/new`, { token: "half", "name.en": "Half way", "name.fr": "À mi-chemin", progress: "50", weight: "5" }, { formPage: `${f.adminBase}/statuses/new` })).statusCode).toBe(303);
    const half = (await listStatuses(p.deps.db, f.component.id)).find((s) => s.token === "half");
    expect(half?.progress).toBe(50);
    await create(f, "Midway result", { statusId: String(half?.id) });
    expect(await progressOf(await idByTitle(f, "Midway result"))).toEqual({ progress: 50, status: "half" });
    const list = await (await englishClient(p)).get(f.base);
    expect(list.body).toContain("Half way");
    expect(list.body).toContain("50 %");
    // Renamed, then deleted: the result keeps its progress and has no status.
    expect((await admin.post(`${f.adminBase}/statuses/${half?.id}/edit`, { token: "half", "name.en": "Midway", progress: "50", weight: "5" }, { formPage: `${f.adminBase}/statuses/${half?.id}/edit` })).statusCode).toBe(303);
    expect((await admin.get(`${f.adminBase}/statuses`)).body).toContain("Midway");
    expect((await admin.post(`${f.adminBase}/statuses/${half?.id}/delete`, {}, { formPage: `${f.adminBase}/statuses/${half?.id}/delete` })).statusCode).toBe(303);
    expect(await progressOf(await idByTitle(f, "Midway result"))).toEqual({ progress: 50, status: null });
    const audited = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'component' and resource_id = ${String(f.component.id)} and action like 'result_status.%' order by id`);
    expect(audited.rows.map((r) => r.action)).toEqual(["result_status.create", "result_status.update", "result_status.delete"]);
  });

  it("keeps a timeline, newest first, whose updates change the status and progress and tell the followers", async () => {
    const f = await resultsFixture(p, adminId);
    const parent = await f.result("Parent");
    const leaf = await f.result("Leaf", { parentId: parent, progress: 0 });
    const follower = await signedInClient(p);
    const follow = await follower.client.post("/follows", { resourceType: "result", resourceId: String(leaf), follow: "on", returnTo: `${f.base}/${leaf}` }, { formPage: `${f.base}/${leaf}` });
    expect(follow.statusCode).toBe(303);
    const inProgress = (await listStatuses(p.deps.db, f.component.id)).find((s) => s.token === "in_progress");
    const url = `${f.adminBase}/${leaf}/timeline`;
    const bad = await admin.post(url, { entryDate: "2026-13-45", "text.en": "", statusId: "", progress: "" }, { formPage: url });
    expect(bad.statusCode).toBe(422);
    expect((await admin.post(url, { entryDate: "2026-10-01", "text.en": "Work started.", statusId: String(inProgress?.id), progress: "" }, { formPage: url })).statusCode).toBe(303);
    expect(await progressOf(leaf)).toEqual({ progress: 50, status: "in_progress" });
    expect((await progressOf(parent))?.progress).toBe(50);
    expect((await admin.post(url, { entryDate: "2026-11-15", "text.en": "Three quarters done.", statusId: "", progress: "75" }, { formPage: url })).statusCode).toBe(303);
    expect((await progressOf(parent))?.progress).toBe(75);
    const page = await (await englishClient(p)).get(`${f.base}/${leaf}`);
    expect(page.body.indexOf("Three quarters done.")).toBeLessThan(page.body.indexOf("Work started."));
    expect(page.body).toContain("1 follower");
    // Two events: waiting in the outbox, or already relayed to the follower (the relay deletes what it relayed, in the same transaction).
    const events = await p.deps.db.execute<{ n: number }>(sql`
      select (select count(*) from event_outbox where resource_type = 'result' and resource_id = ${leaf} and event = 'updated')::int
        + (select count(*) from notifications where user_id = ${follower.userId} and kind = 'result.updated' and resource_id = ${leaf})::int as n`);
    expect(events.rows[0]?.n).toBe(2);
  });

  it("refuses to delete a result with sub-results, says a timeline goes with it, and keeps a discussed component from deletion", async () => {
    const f = await resultsFixture(p, adminId);
    const parent = await f.result("A branch");
    const leaf = await f.result("A twig", { parentId: parent });
    await f.result("Another twig", { parentId: parent });
    // The confirmation of a parent says why it cannot be deleted and offers no button; a post is refused all the same.
    const confirm = await admin.get(`${f.adminBase}/${parent}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("This result has 2 sub-results: delete them or give them another parent first.");
    expect(confirm.body).not.toContain(`action="${f.adminBase}/${parent}/delete"`);
    const refused = await admin.post(`${f.adminBase}/${parent}/delete`, {}, { formPage: `${f.adminBase}/${parent}/delete` });
    expect(refused.statusCode).toBe(303);
    expect((await admin.get(String(refused.headers.location))).body).toContain("This result has 2 sub-results");
    expect(await idByTitle(f, "A branch")).toBe(parent);
    // A leaf with a timeline: the confirmation says its entries go with it.
    const url = `${f.adminBase}/${leaf}/timeline`;
    expect((await admin.post(url, { entryDate: "2026-10-01", "text.en": "Planted.", statusId: "", progress: "" }, { formPage: url })).statusCode).toBe(303);
    const leafConfirm = await admin.get(`${f.adminBase}/${leaf}/delete`);
    expect(leafConfirm.body).toContain("Its timeline entry and its links are deleted with it.");
    expect(leafConfirm.body).toContain(`action="${f.adminBase}/${leaf}/delete"`);

    // The component: deleted while nobody discussed its results, kept once someone did (unless forced).
    const actor = { id: adminId, ip: null };
    const quiet = await resultsFixture(p, adminId);
    await quiet.result("Nobody commented");
    expect(await deleteComponent(p.deps.db, actor, quiet.space.id, quiet.component.id)).toEqual({ deleted: true, participation: 0 });
    const commenter = await signedInClient(p);
    await p.deps.db.execute(sql`
      insert into comments (component_id, space_id, resource_type, resource_id, author_id, body) values (${f.component.id}, ${f.space.id}, 'result', ${leaf}, ${commenter.userId}, 'Is it planted yet?')`);
    expect(await deleteComponent(p.deps.db, actor, f.space.id, f.component.id)).toEqual({ deleted: false, participation: 1 });
  });

  it("shows a space's results with their overall progress, filters, sub-results, linked contributions and the discussion", async () => {
    const f = await resultsFixture(p, adminId);
    const other = await resultsFixture(p, adminId);
    const idea = await f.proposal("Open the school yard on Sundays");
    const hidden = await f.proposal("A hidden idea", { hidden: true });
    const foreign = await other.proposal("An idea of another space");
    // A link to another space's contribution is refused.
    const refused = await create(f, "Sunday openings", { linkTyped: String(foreign) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(`Not a contribution of this space: proposal:${foreign}.`);
    // The form lists the space's contributions to tick.
    const form = await admin.get(`${f.adminBase}/new`);
    expect(form.body).toContain(`value="proposal:${idea}"`);
    expect((await create(f, "Sunday openings", { linkPicked: [`proposal:${idea}`], progress: "40" })).statusCode).toBe(303);
    const sunday = await idByTitle(f, "Sunday openings");
    await p.deps.db.execute(sql`insert into result_links (result_id, resource_type, resource_id) values (${sunday}, 'proposal', ${hidden})`);
    const child = await f.result("A first Sunday", { parentId: sunday, progress: 40 });
    await f.result("Nothing yet", { statusToken: "planned", progress: 0 });

    const reader = await englishClient(p);
    const list = await reader.get(f.base);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Overall progress");
    expect(list.body).toMatch(/<progress max="100" value="20" aria-label="Overall progress">/);
    expect(list.body).toContain("20 %");
    expect(list.body).toContain("1 sub-result");
    expect(list.body).not.toContain("A first Sunday");
    const planned = (await listStatuses(p.deps.db, f.component.id)).find((s) => s.token === "planned");
    const filtered = await reader.get(`${f.base}?status=${planned?.id}`);
    expect(filtered.body).toContain("Nothing yet");
    expect(filtered.body).not.toContain("Sunday openings");

    const page = await reader.get(`${f.base}/${sunday}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("The contributions it comes from");
    expect(page.body).toContain(`href="/spaces/${f.space.slug}/c/${f.proposalsComponentId}/${idea}"`);
    expect(page.body).toContain("Open the school yard on Sundays");
    expect(page.body).not.toContain("A hidden idea");
    expect(page.body).toContain(`href="${f.base}/${child}"`);
    expect(page.body).toContain('id="comments"');
    // The contribution's page says what it led to (through the core: proposals never import results).
    const proposalPage = await reader.get(`/spaces/${f.space.slug}/c/${f.proposalsComponentId}/${idea}`);
    expect(proposalPage.body).toContain("This contribution led to");
    expect(proposalPage.body).toContain(`<a href="${f.base}/${sunday}">Sunday openings</a>`);
    const resident = await signedInClient(p);
    const commented = await resident.client.post("/comments", { resourceType: "result", resourceId: String(sunday), body: "Great news for the neighbourhood.", return_to: `${f.base}/${sunday}` }, { formPage: `${f.base}/${sunday}` });
    expect(commented.statusCode).toBe(303);
    expect((await reader.get(`${f.base}/${sunday}`)).body).toContain("Great news for the neighbourhood.");
    // A result of another component, an unknown one: not found.
    expect((await reader.get(`${other.base}/${sunday}`)).statusCode).toBe(404);
    expect((await reader.get(`${f.base}/999999`)).statusCode).toBe(404);
  });

  it("builds the list and a result's page from a fixed number of queries", async () => {
    const f = await resultsFixture(p, adminId);
    const parent = await f.result("Parent", { statusToken: "in_progress" });
    const ideas = [await f.proposal("First idea"), await f.proposal("Second idea")];
    for (const id of ideas) await p.deps.db.execute(sql`insert into result_links (result_id, resource_type, resource_id) values (${parent}, 'proposal', ${id})`);
    await f.result("Child", { parentId: parent, progress: 10 });
    await p.deps.db.execute(sql`insert into result_updates (result_id, entry_date, text) values (${parent}, '2026-01-01', '{"en":"Started."}')`);
    const reader = await englishClient(p);
    const urls = [f.base, `${f.base}/${parent}`, f.adminBase];
    const measure = async () => {
      const out: number[] = [];
      for (const url of urls) {
        const { count, result } = await countQueries(p.deps.pool, () => (url.startsWith("/admin") ? admin : reader).get(url));
        expect(result.statusCode, url).toBe(200);
        out.push(count);
      }
      return out;
    };
    const small = await measure();
    for (let i = 0; i < 30; i++) {
      const top = await f.result(`Bulk ${i}`, { statusToken: "done", progress: 100 });
      await f.result(`Bulk child ${i}`, { parentId: parent, progress: i });
      await p.deps.db.execute(sql`insert into result_updates (result_id, entry_date, text) values (${parent}, '2026-02-01', '{"en":"More."}')`);
      const idea = await f.proposal(`Bulk idea ${i}`);
      await p.deps.db.execute(sql`insert into result_links (result_id, resource_type, resource_id) values (${parent}, 'proposal', ${idea}), (${top}, 'proposal', ${idea})`);
    }
    expect(await measure()).toEqual(small);
  });
});
