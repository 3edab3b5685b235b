/**
 * Comments as open data (public ones only, streamed as CSV) and as personal data (in the person's
 * download, anonymised when the account is deleted).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { until } from "../../test/until";
import { englishClient, signedInClient } from "../accounts/testing";
import { COMMENTS_CSV_COLUMNS } from "./open-data";
import { NOTE, noteFixtures, registerTestNotes, type NoteFixtures } from "./testing";

registerTestNotes();

let p: TestPlatform;
let f: NoteFixtures;

beforeAll(async () => {
  p = await createTestPlatform();
  f = await noteFixtures(p);
});
afterAll(() => p.stop());

async function comment(client: TestClient, noteId: number, fields: Record<string, string>): Promise<number> {
  const res = await client.post("/comments", { resourceType: NOTE, resourceId: String(noteId), return_to: `/test-notes/${noteId}`, ...fields }, { formPage: `/test-notes/${noteId}` });
  expect(res.statusCode).toBe(303);
  return Number(/#comment-(\d+)$/.exec(String(res.headers.location))?.[1]);
}

/** The CSV's rows as objects (fields without quotes or commas inside, as these tests write them). */
function parseCsv(text: string): Array<Record<string, string>> {
  const [head, ...lines] = text.trimEnd().split("\r\n");
  const names = (head ?? "").split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i] ?? String(i), v])));
}

describe("comments as open data", () => {
  it("lists public comments with their place, thread, side, votes and date; never private, hidden or unpublished ones, nor deleted text", async () => {
    const a = await signedInClient(p);
    const b = await signedInClient(p);
    const publicNote = await f.note();
    const top = await comment(a.client, publicNote, { body: "Open text", alignment: "against" });
    const reply = await comment(b.client, publicNote, { body: "Open reply", parentId: String(top) });
    await b.client.post(`/comments/${top}/vote`, { value: "up", return_to: `/test-notes/${publicNote}` }, { formPage: `/test-notes/${publicNote}` });
    const gone = await comment(a.client, publicNote, { body: "Regretted words" });
    await a.client.post(`/comments/${gone}/delete`, { return_to: `/test-notes/${publicNote}` }, { formPage: `/test-notes/${publicNote}` });
    const hidden = await comment(b.client, publicNote, { body: "Hidden words" });
    await p.deps.db.execute(sql`update comments set hidden_at = now() where id = ${hidden}`);

    const member = await signedInClient(p);
    await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${f.privateSpace}, ${member.userId})`);
    const privateNote = await f.note({ component: f.privateComponent });
    await comment(member.client, privateNote, { body: "Private words" });
    const draftNote = await f.note({ public: false, authorId: a.userId });
    await p.deps.db.execute(sql`
      insert into comments (component_id, space_id, resource_type, resource_id, author_id, body, root_id)
      values (${f.publicComponent}, ${f.publicSpace}, ${NOTE}, ${draftNote}, ${a.userId}, 'Words on a draft', null)`);

    const visitor = await englishClient(p);
    const listing = await visitor.get("/open-data");
    expect(listing.body).toContain('href="/open-data/comments.csv"');
    const res = await visitor.get("/open-data/comments.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.body.split("\r\n")[0]).toBe(COMMENTS_CSV_COLUMNS.join(","));
    for (const column of ["resource_type", "resource_id", "id", "parent_id", "alignment", "created_at", "body", "depth", "up_votes", "down_votes"]) expect(COMMENTS_CSV_COLUMNS).toContain(column);
    const rows = parseCsv(res.body);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    expect(byId.get(top)).toMatchObject({ resource_type: NOTE, resource_id: String(publicNote), resource_url: `http://pnyx.test/test-notes/${publicNote}`, parent_id: "", depth: "0", alignment: "against", up_votes: "1", down_votes: "0", deleted: "false", body: "Open text" });
    expect(byId.get(reply)).toMatchObject({ parent_id: String(top), root_id: String(top), depth: "1", alignment: "neutral", body: "Open reply" });
    expect(byId.get(top)?.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(byId.get(gone)).toMatchObject({ deleted: "true", body: "" });
    expect(byId.has(hidden)).toBe(false);
    expect(res.body).not.toContain("Regretted words");
    expect(res.body).not.toContain("Private words");
    expect(res.body).not.toContain("Words on a draft");

    // An unpublished component's comments go with it.
    await p.deps.db.execute(sql`update components set published_at = null where id = ${f.publicComponent}`);
    const unpublished = await visitor.get("/open-data/comments.csv");
    expect(unpublished.body).not.toContain("Open text");
    await p.deps.db.execute(sql`update components set published_at = now() where id = ${f.publicComponent}`);
  });
});

describe("comments as personal data", () => {
  it("are in the person's download, and stay anonymous in their discussions after the account is deleted", async () => {
    const me = await signedInClient(p, { name: "Zoé Leclercq" });
    const other = await signedInClient(p);
    const noteId = await f.note();
    const kept = await comment(me.client, noteId, { body: "My lasting point", alignment: "in_favour" });
    await me.client.post(`/comments/${kept}/edit`, { body: "My lasting point, edited", return_to: `/test-notes/${noteId}` }, { formPage: `/test-notes/${noteId}` });
    const deleted = await comment(me.client, noteId, { body: "Something I took back" });
    await me.client.post(`/comments/${deleted}/delete`, { return_to: `/test-notes/${noteId}` }, { formPage: `/test-notes/${noteId}` });
    const theirs = await comment(other.client, noteId, { body: "Their answer", parentId: String(kept) });
    await me.client.post(`/comments/${theirs}/vote`, { value: "up", return_to: `/test-notes/${noteId}` }, { formPage: `/test-notes/${noteId}` });

    // The reply's notification reaches this person first (the relay runs beside the test), so that the
    // download is the same whichever comes first: what they were sent, with its excerpt, is theirs.
    await until(async () => (await p.deps.db.execute(sql`select 1 from notifications where user_id = ${me.userId} and kind = 'testnote.commented' and "values"->>'commentId' = ${String(theirs)}`)).rows[0]);
    const data = JSON.parse((await me.client.get("/account/data")).body) as { notifications: Array<{ values: Record<string, unknown> }>; comments: { comments: Array<{ id: number; body: string; deletedAt: string | null; alignment: string }>; earlierVersions: Array<{ commentId: number; body: string }>; votes: Array<{ commentId: number; vote: string }> } };
    expect(data.comments.comments.map((c) => c.body)).toEqual(["My lasting point, edited", "Something I took back"]);
    expect(data.comments.comments[0]?.alignment).toBe("in_favour");
    expect(data.comments.comments[1]?.deletedAt).not.toBeNull();
    expect(data.comments.earlierVersions).toEqual([expect.objectContaining({ commentId: kept, body: "My lasting point" })]);
    expect(data.comments.votes).toEqual([expect.objectContaining({ commentId: theirs, vote: "up" })]);
    // Another person's words are not in the comments' part (the vote names the comment, not its text).
    expect(JSON.stringify(data.comments)).not.toContain("Their answer");
    expect(data.notifications).toEqual([expect.objectContaining({ values: expect.objectContaining({ commentId: theirs, excerpt: "Their answer" }) })]);

    expect((await me.client.get("/account/delete")).body).toContain("shown as written by a “Deleted participant”");
    const res = await me.client.post("/account/delete", { current_password: me.password }, { formPage: "/account/delete" });
    expect(res.statusCode).toBe(303);

    const rows = await p.deps.db.execute<{ id: string; author_id: string | null; body: string }>(sql`select id, author_id, body from comments where id in (${kept}, ${deleted}) order by id`);
    expect(rows.rows).toEqual([
      { id: String(kept), author_id: null, body: "My lasting point, edited" },
      { id: String(deleted), author_id: null, body: "" },
    ]);
    const votes = await p.deps.db.execute(sql`select 1 from comment_votes where user_id = ${me.userId}`);
    expect(votes.rows).toHaveLength(0);
    const counts = await p.deps.db.execute<{ up_votes: number }>(sql`select up_votes from comments where id = ${theirs}`);
    expect(counts.rows[0]?.up_votes).toBe(1);
    const versions = await p.deps.db.execute<{ editor_id: string | null }>(sql`select editor_id from comment_versions where comment_id = ${kept}`);
    expect(versions.rows).toEqual([{ editor_id: null }]);

    const page = await other.client.get(`/test-notes/${noteId}`);
    expect(page.body).toContain("My lasting point, edited");
    expect(page.body).toContain("Deleted participant");
    expect(page.body).not.toContain("Zoé Leclercq");
    expect(page.body).toContain("Their answer");
  });
});
