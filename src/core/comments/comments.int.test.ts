/**
 * Commenting on any resource kind (here a throwaway component's "testnote", shown by its own page with
 * the core's comments section): posting and replying, threads three levels deep, the edit window and
 * its history, deleting, lengths, sides, votes, orders and pages, private spaces, the step settings,
 * the `comment` permission with a verification, HTML, mentions in the outbox, following, hiding.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { englishClient, signedInClient } from "../accounts/testing";
import { invalidateOrganization } from "../organization/service";
import { forgetCounts } from "./counts-cache";
import { commentsTopic } from "./events";
import { logOutbox, NOTE, noteFixtures, registerTestNotes, type NoteFixtures } from "./testing";

registerTestNotes();

let p: TestPlatform;
let f: NoteFixtures;

beforeAll(async () => {
  p = await createTestPlatform();
  f = await noteFixtures(p);
  await logOutbox(p.deps.db);
});
afterAll(() => p.stop());

type Person = Awaited<ReturnType<typeof signedInClient>>;
const person = (name?: string): Promise<Person> => signedInClient(p, name ? { name } : {});

function post(client: TestClient, noteId: number, fields: Record<string, string>) {
  return client.post("/comments", { resourceType: NOTE, resourceId: String(noteId), return_to: `/test-notes/${noteId}`, ...fields }, { formPage: `/test-notes/${noteId}` });
}

/** Posts and returns the new comment's id (from the redirect's anchor). */
async function comment(client: TestClient, noteId: number, fields: Record<string, string>): Promise<number> {
  const res = await post(client, noteId, fields);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
  const id = /#comment-(\d+)$/.exec(String(res.headers.location))?.[1];
  if (!id) throw new Error(`no comment anchor in ${res.headers.location}`);
  return Number(id);
}

async function row(id: number) {
  const r = await p.deps.db.execute<{ body: string; depth: number; root_id: string; parent_id: string | null; replies_count: number; up_votes: number; down_votes: number; alignment: number; edited_at: string | null; deleted_at: string | null; author_id: string | null }>(
    sql`select body, depth, root_id, parent_id, replies_count, up_votes, down_votes, alignment, edited_at, deleted_at, author_id from comments where id = ${id}`,
  );
  const found = r.rows[0];
  if (!found) throw new Error(`no comment ${id}`);
  return found;
}

const count = async (noteId: number) => Number((await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from comments where resource_type = ${NOTE} and resource_id = ${noteId}`)).rows[0]?.n);

describe("posting and replying", () => {
  it("publishes a comment with its side, shows it, follows the resource, raises 'commented' with the mentions and goes live", async () => {
    const noteId = await f.note();
    const marie = await person("Marie Dupont");
    const paul = await person("Paul Martin");
    const events: unknown[] = [];
    const unsubscribe = p.deps.bus.subscribe(commentsTopic({ type: NOTE, id: noteId }), (d) => events.push(d));

    const res = await post(paul.client, noteId, { body: "Good idea, @MarieDupont — see https://example.org/plan.", alignment: "in_favour" });
    expect(res.statusCode).toBe(303);
    const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
    expect(res.headers.location).toBe(`/test-notes/${noteId}?comments_sort=recent#comment-${id}`);
    expect((await row(id)).alignment).toBe(1);

    const page = await paul.client.get(String(res.headers.location).split("#")[0] ?? "");
    expect(page.body).toContain("Your comment is published.");
    expect(page.body).toContain(`id="comment-${id}"`);
    expect(page.body).toContain('<strong class="comment-mention">@MarieDupont</strong>');
    expect(page.body).toContain('<a href="https://example.org/plan" rel="nofollow ugc noopener">https://example.org/plan</a>');
    expect(page.body).toContain("In favour: 1 · Against: 0 · Neutral: 0");
    expect(page.body).toMatch(/<h2 id="comments-title">1 comment<\/h2>/);

    // Following what one comments on (the person's default).
    const follows = await p.deps.db.execute(sql`select 1 from follows where resource_type = ${NOTE} and resource_id = ${noteId} and user_id = ${paul.userId}`);
    expect(follows.rows).toHaveLength(1);

    // The event for the relay: the mentioned person as a recipient of their own.
    const logged = await p.deps.db.execute<{ event: string; actor_id: string; values: { commentId: number; excerpt: string }; extra_recipients: { mentioned: number[]; parentAuthor: number[] } }>(
      sql`select event, actor_id, values, extra_recipients from outbox_log where resource_type = ${NOTE} and resource_id = ${noteId} order by id`,
    );
    expect(logged.rows).toHaveLength(1);
    expect(logged.rows[0]).toMatchObject({ event: "commented", actor_id: String(paul.userId), values: { commentId: id }, extra_recipients: { mentioned: [marie.userId], parentAuthor: [] } });
    expect(logged.rows[0]?.values.excerpt).toContain("Good idea");

    // Marie answers: Paul is told as the author replied to; the thread counts the reply.
    const reply = await comment(marie.client, noteId, { body: "Thanks Paul.", parentId: String(id) });
    expect(await row(reply)).toMatchObject({ depth: 1, parent_id: String(id), root_id: String(id), alignment: 0 });
    expect((await row(id)).replies_count).toBe(1);
    const second = await p.deps.db.execute<{ extra_recipients: { mentioned: number[]; parentAuthor: number[] } }>(sql`select extra_recipients from outbox_log where values->>'commentId' = ${String(reply)}`);
    expect(second.rows[0]?.extra_recipients).toEqual({ mentioned: [], parentAuthor: [paul.userId] });

    await new Promise((r) => setTimeout(r, 300));
    unsubscribe();
    expect(events).toEqual([{ id }, { id: reply }]);

    // The fragment the live script inserts is the comment as this reader sees it.
    const fragment = await marie.client.get(`/comments/${id}/fragment?return_to=${encodeURIComponent(`/test-notes/${noteId}`)}`);
    expect(fragment.statusCode).toBe(200);
    expect(fragment.body.startsWith(`<li class="comment comment-depth-0" id="comment-${id}"`)).toBe(true);
    expect(fragment.body).toContain('name="return_to" value="/test-notes/');
  });

  it("asks visitors to sign in, and keeps a visitor's post from going anywhere", async () => {
    const noteId = await f.note();
    const visitor = await englishClient(p);
    const page = await visitor.get(`/test-notes/${noteId}`);
    expect(page.body).toContain("Sign in to comment");
    expect(page.body).toContain(`href="/users/sign-in?return_to=${encodeURIComponent(`/test-notes/${noteId}#comments`)}"`);
    expect(page.body).not.toContain('id="comment-new"');
    const res = await visitor.post("/comments", { resourceType: NOTE, resourceId: String(noteId), body: "Hello", return_to: `/test-notes/${noteId}` }, { formPage: "/users/sign-in" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/users/sign-in?return_to=${encodeURIComponent(`/test-notes/${noteId}`)}`);
    expect(await count(noteId)).toBe(0);
  });

  it("goes three levels deep: a reply to a reply's reply is refused, and not offered", async () => {
    const noteId = await f.note();
    const a = await person();
    const b = await person();
    const top = await comment(a.client, noteId, { body: "Level zero" });
    const one = await comment(b.client, noteId, { body: "Level one", parentId: String(top) });
    const two = await comment(a.client, noteId, { body: "Level two", parentId: String(one) });
    expect((await row(two)).depth).toBe(2);
    const refused = await post(b.client, noteId, { body: "Level three, kept here", parentId: String(two) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Replies go three levels deep");
    expect(refused.body).toContain("Level three, kept here</textarea>");
    expect(await count(noteId)).toBe(3);
    const page = await b.client.get(`/test-notes/${noteId}`);
    expect(page.body).toContain(`id="comment-reply-${one}"`);
    expect(page.body).not.toContain(`id="comment-reply-${two}"`);
    // A reply to a comment of another resource is no reply at all.
    const elsewhere = await f.note();
    const wrong = await post(b.client, elsewhere, { body: "Misplaced", parentId: String(top) });
    expect(wrong.statusCode).toBe(422);
    expect(await count(elsewhere)).toBe(0);
  });
});

describe("lengths and sides", () => {
  it("takes the organization's maximum from its settings page", async () => {
    const noteId = await f.note();
    const a = await person();
    const admin = await signedInClient(p, { isAdmin: true });
    const settings = { name_en: "Test city", defaultLocale: "en", availableLocales: ["en", "fr"], host: "participation.example.org" };
    try {
      const bad = await admin.client.post("/admin/organization", { ...settings, commentMaxLength: "50" });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toMatch(/name="commentMaxLength" type="number" value="50"/);
      expect((await admin.client.post("/admin/organization", { ...settings, commentMaxLength: "120" })).statusCode).toBe(303);
      expect((await admin.client.get("/admin/organization")).body).toMatch(/name="commentMaxLength" type="number" value="120"/);
      expect((await post(a.client, noteId, { body: "x".repeat(121) })).statusCode).toBe(422);
      await comment(a.client, noteId, { body: "x".repeat(120) });
      const audited = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'organization.update' and (after->>'commentMaxLength')::int = 120`);
      expect(audited.rows[0]?.n).toBe(1);
    } finally {
      await p.deps.db.execute(sql`delete from organizations`);
      invalidateOrganization();
    }
  });

  it("takes the component's maximum, else the organization's, else 1,000 characters", async () => {
    const noteId = await f.note();
    const a = await person();
    try {
      await p.deps.db.execute(sql`insert into organizations (id, name, comment_max_length) values (1, '{"en":"Test"}', 50) on conflict (id) do update set comment_max_length = 50`);
      invalidateOrganization();
      const tooLong = await post(a.client, noteId, { body: "x".repeat(51) });
      expect(tooLong.statusCode).toBe(422);
      expect(tooLong.body).toContain("50");
      expect(tooLong.body).toContain(`${"x".repeat(51)}</textarea>`);
      await comment(a.client, noteId, { body: "é".repeat(50) });

      await f.configure(f.publicComponent, { global: { commentsMaxLength: 20 } });
      expect((await post(a.client, noteId, { body: "y".repeat(21) })).statusCode).toBe(422);
      await comment(a.client, noteId, { body: "y".repeat(20) });

      await f.configure(f.publicComponent, {});
      await p.deps.db.execute(sql`update organizations set comment_max_length = 0`);
      invalidateOrganization();
      expect((await post(a.client, noteId, { body: "z".repeat(1001) })).statusCode).toBe(422);
      await comment(a.client, noteId, { body: "z".repeat(1000) });
      // Nothing but spaces is nothing.
      expect((await post(a.client, noteId, { body: "  \n  " })).statusCode).toBe(422);
    } finally {
      await p.deps.db.execute(sql`delete from organizations`);
      invalidateOrganization();
      await f.configure(f.publicComponent, {});
    }
  });

  it("records a side on top-level comments only, and refuses an unknown one with the text kept", async () => {
    const noteId = await f.note();
    const a = await person();
    const b = await person();
    const against = await comment(a.client, noteId, { body: "No", alignment: "against" });
    await comment(b.client, noteId, { body: "Maybe", alignment: "neutral" });
    const reply = await comment(b.client, noteId, { body: "Why not?", parentId: String(against), alignment: "in_favour" });
    expect((await row(against)).alignment).toBe(-1);
    expect((await row(reply)).alignment).toBe(0);
    const bad = await post(a.client, noteId, { body: "Kept text", alignment: "sideways" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Choose in favour, against or neutral.");
    expect(bad.body).toContain("Kept text</textarea>");
    const page = await a.client.get(`/test-notes/${noteId}`);
    expect(page.body).toContain("In favour: 0 · Against: 1 · Neutral: 1");
    expect(page.body).toContain('<legend>Your position</legend>');
  });
});

describe("editing and deleting one's own comment", () => {
  it("edits within the window, keeping the history, and refuses after it", async () => {
    const noteId = await f.note();
    const a = await person();
    const other = await person();
    const id = await comment(a.client, noteId, { body: "First words" });
    const form = await a.client.get(`/comments/${id}/edit?return_to=${encodeURIComponent(`/test-notes/${noteId}`)}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("First words</textarea>");
    const saved = await a.client.post(`/comments/${id}/edit`, { body: "Better words", return_to: `/test-notes/${noteId}` }, { formPage: `/comments/${id}/edit` });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/test-notes/${noteId}#comment-${id}`);
    expect((await row(id)).body).toBe("Better words");
    const history = await p.deps.db.execute<{ body: string; editor_id: string }>(sql`select body, editor_id from comment_versions where comment_id = ${id}`);
    expect(history.rows).toEqual([{ body: "First words", editor_id: String(a.userId) }]);
    expect((await a.client.get(`/test-notes/${noteId}`)).body).toContain("· edited");

    // Someone else's comment is not theirs to edit.
    expect((await other.client.get(`/comments/${id}/edit`)).statusCode).toBe(404);
    expect((await other.client.post(`/comments/${id}/edit`, { body: "Mine now" }, { formPage: `/test-notes/${noteId}` })).statusCode).toBe(404);

    // Past the window (15 minutes by default): refused, the typed text shown again, nothing changed.
    await p.deps.db.execute(sql`update comments set created_at = now() - interval '16 minutes' where id = ${id}`);
    const late = await a.client.get(`/comments/${id}/edit?return_to=${encodeURIComponent(`/test-notes/${noteId}`)}`);
    expect(late.statusCode).toBe(303);
    const refused = await a.client.post(`/comments/${id}/edit`, { body: "Too late words", return_to: `/test-notes/${noteId}` }, { formPage: `/test-notes/${noteId}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("15 minutes");
    expect(refused.body).toContain("Too late words</textarea>");
    expect((await row(id)).body).toBe("Better words");
    expect((await a.client.get(`/test-notes/${noteId}`)).body).not.toContain(`/comments/${id}/edit`);

    // The component's window applies: a longer one makes it editable again.
    await f.configure(f.publicComponent, { global: { commentEditWindowMinutes: 60 } });
    expect((await a.client.get(`/comments/${id}/edit`)).statusCode).toBe(200);
    await f.configure(f.publicComponent, {});
  });

  it("deletes by its author: 'Deleted comment' in its place, its replies kept", async () => {
    const noteId = await f.note();
    const a = await person();
    const b = await person();
    const id = await comment(a.client, noteId, { body: "Something I regret" });
    const reply = await comment(b.client, noteId, { body: "A reply that stays", parentId: String(id) });
    expect((await b.client.post(`/comments/${id}/delete`, { return_to: `/test-notes/${noteId}` }, { formPage: `/test-notes/${noteId}` })).statusCode).toBe(404);
    const res = await a.client.post(`/comments/${id}/delete`, { return_to: `/test-notes/${noteId}` }, { formPage: `/test-notes/${noteId}` });
    expect(res.statusCode).toBe(303);
    expect((await row(id)).deleted_at).not.toBeNull();
    const page = await b.client.get(`/test-notes/${noteId}`);
    expect(page.body).toContain("Deleted comment");
    expect(page.body).not.toContain("Something I regret");
    expect(page.body).toContain("A reply that stays");
    expect(page.body).toContain(`id="comment-${reply}"`);
    // No reply to, no vote on, a deleted comment.
    expect(page.body).not.toContain(`id="comment-reply-${id}"`);
    expect((await post(b.client, noteId, { body: "Late reply", parentId: String(id) })).statusCode).toBe(422);
  });
});

describe("votes", () => {
  it("counts one vote per person, changed or withdrawn, never on one's own comment", async () => {
    const noteId = await f.note();
    const a = await person();
    const b = await person();
    const id = await comment(a.client, noteId, { body: "Vote on me" });
    const vote = (c: TestClient, value: string) => c.post(`/comments/${id}/vote`, { value, return_to: `/test-notes/${noteId}` }, { formPage: `/test-notes/${noteId}` });
    expect((await vote(b.client, "up")).statusCode).toBe(303);
    expect(await row(id)).toMatchObject({ up_votes: 1, down_votes: 0 });
    await vote(b.client, "up");
    expect(await row(id)).toMatchObject({ up_votes: 1, down_votes: 0 });
    const page = await b.client.get(`/test-notes/${noteId}`);
    expect(page.body).toMatch(/value="none" class="comment-vote comment-vote-up" aria-pressed="true" aria-label="Vote up \(1 up vote\)"/);
    expect(page.body).toMatch(/value="down" class="comment-vote comment-vote-down" aria-pressed="false" aria-label="Vote down \(0 down votes\)"/);
    await vote(b.client, "down");
    expect(await row(id)).toMatchObject({ up_votes: 0, down_votes: 1 });
    await vote(b.client, "none");
    expect(await row(id)).toMatchObject({ up_votes: 0, down_votes: 0 });
    expect((await p.deps.db.execute(sql`select 1 from comment_votes where comment_id = ${id}`)).rows).toHaveLength(0);
    const own = await vote(a.client, "up");
    expect(own.statusCode).toBe(303);
    expect((await a.client.get(String(own.headers.location))).body).toContain("You cannot vote on your own comment.");
    expect(await row(id)).toMatchObject({ up_votes: 0, down_votes: 0 });
    // The author sees the counts, not the buttons.
    expect((await a.client.get(`/test-notes/${noteId}`)).body).not.toContain(`action="/comments/${id}/vote"`);
  });
});

describe("orders and pages", () => {
  it("sorts by date, rating and replies, pages threads by twenty and long threads on their own pages, in the same number of queries at any size", async () => {
    const noteId = await f.note();
    const a = await person();
    const b = await person();
    const { db } = p.deps;
    // 25 threads, written directly (the rate limit is for people): thread i has i % 4 up votes and i % 3 replies.
    await db.execute(sql`
      with made as (
        insert into comments (component_id, space_id, resource_type, resource_id, author_id, body, up_votes, replies_count)
        select ${f.publicComponent}, ${f.publicSpace}, ${NOTE}, ${noteId}, ${a.userId}, 'Thread ' || i, i % 4, i % 3 from generate_series(1, 25) i
        returning id, replies_count)
      update comments c set root_id = c.id from made where made.id = c.id`);
    await db.execute(sql`
      insert into comments (component_id, space_id, resource_type, resource_id, author_id, body, parent_id, root_id, depth)
      select c.component_id, c.space_id, c.resource_type, c.resource_id, ${b.userId}, 'Reply ' || n || ' to ' || c.body, c.id, c.id, 1
      from comments c, generate_series(1, 2) n where c.resource_type = ${NOTE} and c.resource_id = ${noteId} and c.parent_id is null and n <= c.replies_count`);
    const threads = async (url: string) => [...(await a.client.get(url)).body.matchAll(/<div class="comment-body"><p>(Thread \d+)<\/p>/g)].map((m) => m[1]);
    const oldest = await threads(`/test-notes/${noteId}`);
    expect(oldest).toHaveLength(20);
    expect(oldest.slice(0, 3)).toEqual(["Thread 1", "Thread 2", "Thread 3"]);
    expect(await threads(`/test-notes/${noteId}?comments_page=2`)).toEqual(["Thread 21", "Thread 22", "Thread 23", "Thread 24", "Thread 25"]);
    expect((await threads(`/test-notes/${noteId}?comments_sort=recent`)).slice(0, 2)).toEqual(["Thread 25", "Thread 24"]);
    // Best rated: 3 up votes for 23, 19, 15...; most discussed: 2 replies for 23, 20, 17...
    expect((await threads(`/test-notes/${noteId}?comments_sort=best`)).slice(0, 3)).toEqual(["Thread 23", "Thread 19", "Thread 15"]);
    expect((await threads(`/test-notes/${noteId}?comments_sort=discussed`)).slice(0, 3)).toEqual(["Thread 23", "Thread 20", "Thread 17"]);
    // Anything else is the default order.
    expect((await threads(`/test-notes/${noteId}?comments_sort=<x>&comments_page=-3`)).slice(0, 1)).toEqual(["Thread 1"]);
    const first = await a.client.get(`/test-notes/${noteId}`);
    expect(first.body).toContain(`href="/test-notes/${noteId}?comments_page=2#comments"`);
    expect(first.body).toContain('aria-current="true">Oldest</a>');
    expect(first.body).toMatch(/<h2 id="comments-title">50 comments<\/h2>/);

    // A long thread shows its first ten replies, and the rest on its own pages.
    const [root] = (await db.execute<{ id: string }>(sql`select id from comments where resource_type = ${NOTE} and resource_id = ${noteId} and body = 'Thread 1'`)).rows;
    const rootId = Number(root?.id);
    await db.execute(sql`
      insert into comments (component_id, space_id, resource_type, resource_id, author_id, body, parent_id, root_id, depth)
      select ${f.publicComponent}, ${f.publicSpace}, ${NOTE}, ${noteId}, ${b.userId}, 'Long reply ' || n, ${rootId}, ${rootId}, 1 from generate_series(1, 60) n`);
    await db.execute(sql`update comments set replies_count = 61 where id = ${rootId}`);
    const withLong = await a.client.get(`/test-notes/${noteId}`);
    expect(withLong.body).toContain("Long reply 9<");
    expect(withLong.body).not.toContain("Long reply 10<");
    expect(withLong.body).toContain(`<a href="/comments/${rootId}/thread">Show 51 more replies</a>`);
    const thread = await a.client.get(`/comments/${rootId}/thread`);
    expect(thread.statusCode).toBe(200);
    expect(thread.body).toContain("Long reply 49<");
    expect(thread.body).not.toContain("Long reply 50<");
    expect(thread.body).toContain(`href="/comments/${rootId}/thread?page=2"`);
    expect((await a.client.get(`/comments/${rootId}/thread?page=2`)).body).toContain("Long reply 60<");

    // The page costs the same with 100 comments and with 3,000.
    // Counts are kept two seconds: forgotten before each request, so that both runs read them.
    const measure = async () => (await countQueries(p.deps.pool, () => (forgetCounts(p.deps.db, { type: NOTE, id: noteId }), a.client.get(`/test-notes/${noteId}?comments_sort=best`)))).count;
    const small = await measure();
    await db.execute(sql`
      with made as (
        insert into comments (component_id, space_id, resource_type, resource_id, author_id, body, up_votes)
        select ${f.publicComponent}, ${f.publicSpace}, ${NOTE}, ${noteId}, ${a.userId}, 'Bulk ' || i, i % 7 from generate_series(1, 3000) i returning id)
      update comments c set root_id = c.id from made where made.id = c.id`);
    await db.execute(sql`analyze comments`);
    expect(await measure()).toBe(small);
    // The session, the note page's own resolve, the section's (facts, space, access, component), its page and counts.
    expect(small).toBeLessThanOrEqual(12);
  });
});

describe("who may comment", () => {
  it("keeps a private space's discussions to its members: a 404 to anyone else", async () => {
    const noteId = await f.note({ component: f.privateComponent });
    const outsider = await person();
    const member = await person();
    await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${f.privateSpace}, ${member.userId})`);
    const id = await comment(member.client, noteId, { body: "Between us" });
    expect((await member.client.get(`/test-notes/${noteId}`)).body).toContain("Between us");
    expect((await outsider.client.get(`/test-notes/${noteId}`)).statusCode).toBe(404);
    expect((await post(outsider.client, noteId, { body: "Let me in" }).then((r) => r.statusCode))).toBe(404);
    for (const url of [`/comments/${id}/fragment`, `/comments/${id}/thread`, `/comments/${NOTE}/${noteId}/events`]) expect((await outsider.client.get(url)).statusCode, url).toBe(404);
    const visitor = await englishClient(p);
    expect((await visitor.get(`/comments/${id}/thread`)).statusCode).toBe(404);
    expect((await outsider.client.post(`/comments/${id}/vote`, { value: "up" }, { formPage: `/test-notes/${await f.note()}` })).statusCode).toBe(404);
    expect(await count(noteId)).toBe(1);
  });

  it("opens only public resources for comments (a draft's author reads no form)", async () => {
    const a = await person();
    const noteId = await f.note({ public: false, authorId: a.userId });
    const page = await a.client.get(`/test-notes/${noteId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("This is not open for comments.");
    expect((await post(a.client, noteId, { body: "On my draft" })).statusCode).toBe(403);
    expect(await count(noteId)).toBe(0);
  });

  it("reads only when comments are blocked, and shows no discussion at all when they are off", async () => {
    const noteId = await f.note();
    const a = await person();
    await comment(a.client, noteId, { body: "Before the freeze" });
    try {
      await f.configure(f.publicComponent, { step: { commentsBlocked: true } });
      const page = await a.client.get(`/test-notes/${noteId}`);
      expect(page.body).toContain("Before the freeze");
      expect(page.body).toContain("Comments are closed for now");
      expect(page.body).not.toContain('id="comment-new"');
      expect(page.body).not.toContain("comment-reply-");
      const refused = await post(a.client, noteId, { body: "After the freeze" });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain("read-only");
      expect(refused.body).toContain("After the freeze</textarea>");

      await f.configure(f.publicComponent, { step: { commentsEnabled: false } });
      const off = await a.client.get(`/test-notes/${noteId}`);
      expect(off.body).toContain("No discussion here.");
      expect(off.body).not.toContain('id="comments"');
      expect((await post(a.client, noteId, { body: "Anyone?" })).statusCode).toBe(404);
      expect(await count(noteId)).toBe(1);
    } finally {
      await f.configure(f.publicComponent, {});
    }
  });

  it("applies the verifications an administrator attaches to the `comment` action", async () => {
    const noteId = await f.note();
    const a = await person();
    try {
      await f.configure(f.publicComponent, { permissions: { comment: { handlers: { age_residence: { minimumAge: 16 } } } } });
      const page = await a.client.get(`/test-notes/${noteId}`);
      expect(page.body).toContain("Verify your account to comment");
      expect(page.body).toContain('href="/verifications/age_residence?return_to=');
      const res = await post(a.client, noteId, { body: "Unverified" });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/verifications/age_residence?return_to=${encodeURIComponent(`/test-notes/${noteId}`)}`);
      expect(await count(noteId)).toBe(0);
    } finally {
      await f.configure(f.publicComponent, {});
    }
  });

  it("slows down someone posting more than ten comments a minute, keeping the text", async () => {
    const noteId = await f.note();
    const a = await person();
    for (let i = 0; i < 10; i++) await comment(a.client, noteId, { body: `Quick ${i}` });
    const limited = await post(a.client, noteId, { body: "One too many" });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain("One too many</textarea>");
    expect(await count(noteId)).toBe(10);
  });
});

describe("what is shown", () => {
  it("never lets HTML through, on the page or in the fragment", async () => {
    const noteId = await f.note();
    const a = await person();
    const id = await comment(a.client, noteId, { body: '<script>alert("x")</script><img src=x onerror=alert(1)> javascript:alert(1)' });
    for (const res of [await a.client.get(`/test-notes/${noteId}`), await a.client.get(`/comments/${id}/fragment`)]) {
      expect(res.body).toContain("&lt;script>alert(&quot;x&quot;)&lt;/script>&lt;img src=x onerror=alert(1)>");
      expect(res.body).not.toContain('<script>alert("x")');
      expect(res.body).not.toContain("<img src=x");
      expect(res.body).not.toContain('href="javascript:');
    }
  });

  it("hides what moderation hid and what blocked people wrote, keeping a placeholder where replies hang", async () => {
    const noteId = await f.note();
    const a = await person();
    const b = await person();
    const lonely = await comment(a.client, noteId, { body: "Hidden and alone" });
    const parent = await comment(a.client, noteId, { body: "Hidden with replies" });
    await comment(b.client, noteId, { body: "Reply under a hidden one", parentId: String(parent) });
    const blocked = await person();
    await comment(blocked.client, noteId, { body: "Written by someone blocked later" });
    await p.deps.db.execute(sql`update comments set hidden_at = now() where id in (${lonely}, ${parent})`);
    await p.deps.db.execute(sql`update users set blocked_at = now() where id = ${blocked.userId}`);
    const page = await b.client.get(`/test-notes/${noteId}`);
    expect(page.body).not.toContain("Hidden and alone");
    expect(page.body).not.toContain(`id="comment-${lonely}"`);
    expect(page.body).not.toContain("Hidden with replies");
    expect(page.body).toContain("Comment hidden by moderation");
    expect(page.body).toContain("Reply under a hidden one");
    expect(page.body).not.toContain("Written by someone blocked later");
    expect((await b.client.get(`/comments/${lonely}/fragment`)).statusCode).toBe(404);
    expect(page.body).toMatch(/<h2 id="comments-title">2 comments<\/h2>/);
  });
});

describe("a resource deleted by its component", () => {
  it("takes its comments, their votes and reports, its follows and its pending events with it (forgetResource)", async () => {
    const noteId = await f.note();
    const other = await f.note();
    const a = await person();
    const b = await person();
    const first = await comment(a.client, noteId, { body: "On the note that goes" });
    await comment(b.client, noteId, { body: "A reply", parentId: String(first) });
    const kept = await comment(a.client, other, { body: "On the note that stays" });
    await p.deps.db.execute(sql`insert into comment_votes (comment_id, user_id, value) values (${first}, ${b.userId}, 1)`);
    await p.deps.db.execute(sql`insert into moderations (space_id, component_id, resource_type, resource_id, report_count)
      select space_id, component_id, 'comment', id, 1 from comments where id = ${first}`);
    const { forgetResource } = await import("../follows/service");
    await p.deps.db.transaction(async (tx) => forgetResource(tx, { type: NOTE, id: noteId }));
    expect(await count(noteId)).toBe(0);
    expect(await count(other)).toBe(1);
    const left = await p.deps.db.execute<{ votes: number; reports: number; follows: number; events: number }>(sql`select
      (select count(*)::int from comment_votes where comment_id = ${first}) as votes,
      (select count(*)::int from moderations where resource_type = 'comment' and resource_id = ${first}) as reports,
      (select count(*)::int from follows where resource_type = ${NOTE} and resource_id = ${noteId}) as follows,
      (select count(*)::int from event_outbox where resource_type = ${NOTE} and resource_id = ${noteId}) as events`);
    expect(left.rows[0]).toEqual({ votes: 0, reports: 0, follows: 0, events: 0 });
    expect((await row(kept)).body).toBe("On the note that stays");
  });
});

describe("visitors without an account", () => {
  it("share one rendering of a discussion that is never stale and carries no form token", async () => {
    const noteId = await f.note();
    const a = await person("Vera Visible");
    await comment(a.client, noteId, { body: "The first word" });
    const visitor = p.client();
    const section = (html: string) => html.slice(html.indexOf('<section class="comments"'), html.indexOf("</section>", html.indexOf('<section class="comments"')));
    const first = section((await visitor.get(`/test-notes/${noteId}`)).body);
    expect(first).toContain("The first word");
    expect(first).not.toContain('name="_csrf"');
    expect(section((await p.client().get(`/test-notes/${noteId}`)).body)).toBe(first);
    // A new comment, an edit of the data by moderation: the next visitor sees them at once.
    const second = await comment(a.client, noteId, { body: "The second word" });
    const after = section((await visitor.get(`/test-notes/${noteId}`)).body);
    expect(after).toContain("The second word");
    await p.deps.db.execute(sql`update comments set hidden_at = now() where id = ${second}`);
    expect(section((await visitor.get(`/test-notes/${noteId}`)).body)).not.toContain("The second word");
    // Signed in, the reader gets their own forms.
    expect(section((await a.client.get(`/test-notes/${noteId}`)).body)).toContain('name="_csrf"');
  });
});
