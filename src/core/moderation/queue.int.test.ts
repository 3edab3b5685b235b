/**
 * The moderators' queue: a space's moderators see and act on their space only (and nothing else of
 * the back office), organization admins on every space; filters, pages and a bounded number of
 * queries; hide, unhide, keep and title corrections, each audited with its note.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { buildWorld, type World } from "./testing";

let p: TestPlatform;
let w: World;
let admin: TestClient;
let authorId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  w = await buildWorld(p);
  admin = (await signedInClient(p, { isAdmin: true })).client;
  authorId = (await signedInClient(p, { name: "Nora Author" })).userId;
}, 60_000);
afterAll(() => p.stop());

async function reportBy(n: number, type: string, id: number, reason = "spam", details?: string) {
  for (let i = 0; i < n; i++) {
    const { client } = await signedInClient(p);
    const res = await client.post("/reports", { resourceType: type, resourceId: String(id), reason, ...(details ? { details } : {}) }, { formPage: `/reports/new?resourceType=${type}&resourceId=${id}` });
    expect(res.statusCode).toBe(303);
  }
}

const moderationId = async (type: string, id: number) => Number((await p.deps.db.execute<{ id: string }>(sql`select id from moderations where resource_type = ${type} and resource_id = ${id}`)).rows[0]?.id);
const auditOf = async (type: string, id: number) =>
  (await p.deps.db.execute<{ action: string; actor_id: string | null; before: unknown; after: unknown }>(sql`select action, actor_id, before, after from audit_log where resource_type = ${type} and resource_id = ${String(id)} order by id`)).rows;

describe("the moderation queue", () => {
  it("shows a space's moderator their space's reports, and refuses the other space and the rest of the back office", async () => {
    const inA = w.addNote("a", authorId, "Cheap pills in space A");
    const inB = w.addNote("b", authorId, "Cheap pills in space B");
    await reportBy(1, "note", inA, "other", "Sells pills");
    await reportBy(1, "note", inB);
    const mod = await w.moderatorOf("a");
    const queue = await mod.client.get(`/admin/spaces/${w.spaces.a.id}/moderation`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain("Cheap pills in space A");
    expect(queue.body).toContain("Sells pills");
    expect(queue.body).toContain("Nora Author");
    expect(queue.body).not.toContain("Cheap pills in space B");
    // Moderators block no one: that is for organization admins.
    expect(queue.body).not.toContain("/admin/moderation/users/");
    expect((await mod.client.get(`/admin/spaces/${w.spaces.b.id}/moderation`)).statusCode).toBe(403);
    const other = await moderationId("note", inB);
    expect((await mod.client.post(`/admin/moderation/${other}/hide`, { note: "no" }, { formPage: `/admin/spaces/${w.spaces.a.id}/moderation` })).statusCode).toBe(403);
    expect(w.hidden(inB)).toBe(false);
    expect((await mod.client.get(`/admin/moderation/${other}/title`)).statusCode).toBe(403);
    // Their organization-wide view holds their spaces only.
    const mine = await mod.client.get("/admin/moderation");
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain("Cheap pills in space A");
    expect(mine.body).not.toContain("Cheap pills in space B");
    // Nothing else of the back office.
    for (const path of ["/admin", "/admin/users", `/admin/spaces/${w.spaces.a.id}/edit`, `/admin/spaces/${w.spaces.a.id}/components`, `/admin/spaces/${w.spaces.a.id}/roles`, "/admin/audit", `/admin/moderation/users/${authorId}/block`]) {
      expect((await mod.client.get(path)).statusCode, path).toBe(403);
    }
    // Their way in: the space's page.
    expect((await mod.client.get(`/processes/${(await p.deps.db.execute<{ slug: string }>(sql`select slug from spaces where id = ${w.spaces.a.id}`)).rows[0]?.slug}`)).body).toContain(`href="/admin/spaces/${w.spaces.a.id}/moderation"`);
    // A participant has no queue at all; a visitor is asked to sign in.
    expect((await (await signedInClient(p)).client.get("/admin/moderation")).statusCode).toBe(403);
    expect((await (await englishClient(p)).get(`/admin/spaces/${w.spaces.a.id}/moderation`)).statusCode).toBe(303);
    expect((await mod.client.get("/admin/spaces/999999/moderation")).statusCode).toBe(404);
  });

  it("lets organization admins see every space, and filter", async () => {
    const hidden = w.addNote("b", authorId, "Hidden by three reports");
    const pending = w.addNote("a", authorId, "Reported once only");
    await reportBy(3, "note", hidden);
    await reportBy(1, "note", pending);
    const all = await admin.get("/admin/moderation?filter=all");
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain("Hidden by three reports");
    expect(all.body).toContain("Reported once only");
    expect(all.body).toContain("Space mod-b-");
    const hiddenOnly = await admin.get("/admin/moderation?filter=hidden");
    expect(hiddenOnly.body).toContain("Hidden by three reports");
    expect(hiddenOnly.body).not.toContain("Reported once only");
    // Organization admins get the block link next to the author.
    expect(all.body).toContain(`/admin/moderation/users/${authorId}/block`);
    // A bad filter falls back to the default (pending), never a 500.
    expect((await admin.get("/admin/moderation?filter=%3Cx%3E&page=abc")).statusCode).toBe(200);
  });

  it("hides, shows again and keeps, each audited with its note, and counts only reports since the review", async () => {
    const note = w.addNote("a", authorId, "A heated note");
    await reportBy(3, "note", note);
    expect(w.hidden(note)).toBe(true);
    const id = await moderationId("note", note);
    const mod = await w.moderatorOf("a");
    const queuePath = `/admin/spaces/${w.spaces.a.id}/moderation`;
    const unhide = await mod.client.post(`/admin/moderation/${id}/unhide`, { note: "Heated but fair", return_to: `${queuePath}?filter=all` }, { formPage: queuePath });
    expect(unhide.statusCode).toBe(303);
    expect(unhide.headers.location).toBe(`${queuePath}?filter=all`);
    expect(w.hidden(note)).toBe(false);
    // Reviewed: out of the pending list, and the three old reports no longer count.
    expect((await mod.client.get(queuePath)).body).not.toContain("A heated note");
    await reportBy(2, "note", note);
    expect(w.hidden(note)).toBe(false);
    expect((await mod.client.get(queuePath)).body).toContain("A heated note");
    await reportBy(1, "note", note);
    expect(w.hidden(note)).toBe(true);
    const keep = await mod.client.post(`/admin/moderation/${id}/keep`, { note: "Right this time" }, { formPage: queuePath });
    expect(keep.statusCode).toBe(303);
    expect(w.hidden(note)).toBe(true);
    expect((await mod.client.get(queuePath)).body).not.toContain("A heated note");
    // An open redirect is not one.
    const hide = await mod.client.post(`/admin/moderation/${id}/unhide`, { return_to: "//evil.example/x" }, { formPage: queuePath });
    expect(hide.headers.location).toBe(queuePath);
    const entries = await auditOf("note", note);
    expect(entries.map((e) => e.action)).toEqual(["moderation.auto_hide", "moderation.unhide", "moderation.auto_hide", "moderation.keep", "moderation.unhide"]);
    expect(entries[1]).toMatchObject({ actor_id: String(mod.userId), before: { hidden: true }, after: { hidden: false, note: "Heated but fair" } });
    expect(entries[3]).toMatchObject({ after: { hidden: true, note: "Right this time" } });
    // Hiding by hand, from the queue.
    await mod.client.post(`/admin/moderation/${id}/hide`, { note: "After all" }, { formPage: queuePath });
    expect(w.hidden(note)).toBe(true);
  });

  it("corrects a title with a note, audited; comments keep their words", async () => {
    const note = w.addNote("a", authorId, "You are all idiots: fix the park");
    await reportBy(1, "note", note, "offensive");
    const id = await moderationId("note", note);
    const mod = await w.moderatorOf("a");
    const form = await mod.client.get(`/admin/moderation/${id}/title`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="You are all idiots: fix the park"');
    const noNote = await mod.client.post(`/admin/moderation/${id}/title`, { title: "Fix the park" }, { formPage: `/admin/moderation/${id}/title` });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain("Say why you change the title");
    expect(noNote.body).toContain('value="Fix the park"');
    expect(w.notes.get(note)?.title).toBe("You are all idiots: fix the park");
    const saved = await mod.client.post(`/admin/moderation/${id}/title`, { title: "Fix the park", note: "Removed an insult" }, { formPage: `/admin/moderation/${id}/title` });
    expect(saved.statusCode).toBe(303);
    expect(w.notes.get(note)?.title).toBe("Fix the park");
    const entries = await auditOf("note", note);
    expect(entries.at(-1)).toMatchObject({ action: "moderation.title", actor_id: String(mod.userId), before: { title: "You are all idiots: fix the park" }, after: { title: "Fix the park", note: "Removed an insult" } });

    const comment = await w.addComment(note, authorId, "An insulting comment");
    await reportBy(1, "comment", comment);
    const commentModeration = await moderationId("comment", comment);
    const queue = await mod.client.get(`/admin/spaces/${w.spaces.a.id}/moderation`);
    expect(queue.body).toContain("An insulting comment");
    expect(queue.body).not.toContain(`/admin/moderation/${commentModeration}/title`);
    const refused = await mod.client.post(`/admin/moderation/${commentModeration}/title`, { title: "Nicer words", note: "Trying" }, { formPage: `/admin/moderation/${id}/title` });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Moderators cannot change this content’s title.");
    const body = await p.deps.db.execute<{ body: string }>(sql`select body from comments where id = ${comment}`);
    expect(body.rows[0]?.body).toBe("An insulting comment");
    // Hiding a comment nobody reported, by type and id (a moderator's button next to it).
    const quiet = await w.addComment(note, authorId, "Quietly rude");
    const hid = await mod.client.post("/admin/moderation/hide", { resourceType: "comment", resourceId: String(quiet), note: "Rude" }, { formPage: `/admin/spaces/${w.spaces.a.id}/moderation` });
    expect(hid.statusCode).toBe(303);
    expect((await p.deps.db.execute<{ hidden: boolean }>(sql`select hidden_at is not null as hidden from comments where id = ${quiet}`)).rows[0]?.hidden).toBe(true);
    const participant = await signedInClient(p);
    expect((await participant.client.post("/admin/moderation/hide", { resourceType: "comment", resourceId: String(comment) }, { formPage: "/reports/new?resourceType=comment&resourceId=" + comment })).statusCode).toBe(403);
  });

  it("pages through a long queue with the same number of queries", async () => {
    const mod = await w.moderatorOf("b");
    const path = `/admin/spaces/${w.spaces.b.id}/moderation?filter=all`;
    const countFor = async (url: string) => {
      const { count, result } = await countQueries(p.deps.pool, () => mod.client.get(url));
      expect(result.statusCode).toBe(200);
      return count;
    };
    const few = await countFor(path);
    // Many reported notes and comments, each with several reports.
    const reporters = await Promise.all(Array.from({ length: 3 }, () => signedInClient(p)));
    for (let i = 0; i < 30; i++) {
      const note = w.addNote("b", authorId, `Bulk note ${i}`);
      const comment = await w.addComment(note, authorId, `Bulk comment ${i}`);
      for (const [type, id] of [["note", note], ["comment", comment]] as const) {
        await p.deps.db.execute(sql`insert into moderations (space_id, component_id, resource_type, resource_id, report_count) values (${w.spaces.b.id}, ${w.spaces.b.componentId}, ${type}, ${id}, 3)`);
        for (const r of reporters) await p.deps.db.execute(sql`insert into reports (moderation_id, user_id, reason, details) select id, ${r.userId}, 'spam', 'bulk' from moderations where resource_type = ${type} and resource_id = ${id}`);
      }
    }
    const page1 = await mod.client.get(path);
    expect(page1.body).toContain('rel="next"');
    expect(page1.body).toContain("Page 1 of");
    const many = await countFor(path);
    expect(many).toBe(few + 1); // the comments' own query, absent while the page held none
    const page2 = await mod.client.get(`${path}&page=2`);
    expect(page2.statusCode).toBe(200);
    expect(page2.body).toContain('rel="prev"');
  });
});
