/**
 * Voting without JavaScript: the conversation page shows one statement with agree / disagree / pass as
 * a plain form and a skip link, progress "n of m"; a visitor votes under an anonymous identity kept in
 * a signed cookie (the same participant vote after vote); re-votes replace; a conversation that
 * refuses anonymous participation sends visitors to sign in.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import { createTestPlatform, csrfFrom, type TestPlatform } from "../../test/platform";
import { closeSharedWorker } from "./math";
import { IDENTITY_COOKIE } from "./routes";
import { addStatement, createConversation } from "./service";

let p: TestPlatform;
let componentId = 0;
let base = "";

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  const actor = { id: a.userId, ip: null };
  const slug = `voting-${Date.now()}`;
  const created = await createSpace(
    p.deps.db,
    actor,
    "process",
    { slug, title: { en: "Voting" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  await setSpacePublished(p.deps.db, actor, created.value.id, true);
  const manifest = getComponentManifest("conversations");
  if (!manifest) throw new Error("conversations not registered");
  componentId = (await addComponent(p.deps.db, actor, created.value.id, manifest, { en: "Talk" }, { published: true })).id;
  base = `/spaces/${slug}/c/${componentId}`;
}, 60_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

const STATEMENTS = ["Bikes should have a covered shelter", "The schoolyard needs more trees", "Lunch breaks are too short"];

async function conversation(opts: { anonymousAllowed?: boolean } = {}): Promise<{ id: number; url: string }> {
  const id = await createConversation(p.deps.db, componentId, { topic: { en: "Our school" }, published: true, ...opts });
  for (const text of STATEMENTS) await addStatement(p.deps.db, id, { text, isSeed: true, state: "accepted" });
  await addStatement(p.deps.db, id, { text: "A rejected one", state: "rejected" });
  return { id, url: `${base}/conversations/${id}` };
}

/** The statement the page asks about, and its tid. */
function asked(html: string): { text: string; tid: number } | null {
  const q = /<q[^>]*>([^<]*)<\/q>/.exec(html);
  const tid = /name="tid" value="(\d+)"/.exec(html);
  return q && tid ? { text: q[1]!, tid: Number(tid[1]) } : null;
}

describe("a conversation's voting page", () => {
  it("lets a visitor vote through every statement with plain forms, under one anonymous identity", async () => {
    const c = await conversation();
    const visitor = p.client({ headers: { "accept-language": "en" } });
    const first = await visitor.get(c.url);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("0 of 3");
    expect(first.body).toMatch(/<button type="submit" name="vote" value="agree"[^>]*>Agree<\/button>/);
    expect(first.body).not.toContain("A rejected one");
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await visitor.get(c.url);
      const s = asked(page.body);
      expect(s).not.toBeNull();
      seen.push(s!.text);
      const res = await visitor.post(`${c.url}/vote`, { tid: String(s!.tid), vote: i === 0 ? "agree" : i === 1 ? "disagree" : "pass", skip: "" }, { formPage: c.url });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(c.url);
      if (i === 0) expect(res.cookies.some((k) => k.name === IDENTITY_COOKIE && k.httpOnly)).toBe(true);
    }
    expect(seen.sort()).toEqual([...STATEMENTS].sort());
    const end = await visitor.get(c.url);
    expect(end.body).toContain("3 of 3");
    expect(end.body).toContain("You have voted on every statement.");
    const votes = await p.deps.db.execute<{ pid: number; value: number }>(sql`select pid, value from conversation_votes where conversation_id = ${c.id} order by value`);
    expect(votes.rows.map((v) => v.value)).toEqual([-1, 0, 1]);
    expect(new Set(votes.rows.map((v) => v.pid)).size).toBe(1);
    const participant = await p.deps.db.execute<{ anonymous_token: string | null; user_id: string | null }>(sql`select anonymous_token, user_id from conversation_participants where conversation_id = ${c.id}`);
    expect(participant.rows).toHaveLength(1);
    expect(participant.rows[0]?.anonymous_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(participant.rows[0]?.user_id).toBeNull();

    // A re-vote replaces the earlier one.
    const tid = (await p.deps.db.execute<{ tid: number }>(sql`select tid from conversation_votes where conversation_id = ${c.id} and value = 1`)).rows[0]!.tid;
    // (Every statement voted: the page has no form left, so the token of the first page is posted.)
    expect((await visitor.post(`${c.url}/vote`, { tid: String(tid), vote: "disagree", skip: "" }, { csrf: csrfFrom(first.body) })).statusCode).toBe(303);
    const after = await p.deps.db.execute<{ n: string; agree: string }>(sql`select count(*) as n, count(*) filter (where value = 1) as agree from conversation_votes where conversation_id = ${c.id}`);
    expect(after.rows[0]).toEqual({ n: "3", agree: "0" });
  }, 60_000);

  it("skips a statement for this visit, and refuses a vote on a rejected or unknown statement", async () => {
    const c = await conversation();
    const visitor = p.client({ headers: { "accept-language": "en" } });
    const s = asked((await visitor.get(c.url)).body)!;
    const skipped = await visitor.get(`${c.url}?skip=${s.tid}`);
    const other = asked(skipped.body)!;
    expect(other.tid).not.toBe(s.tid);
    expect(skipped.body).toContain("0 of 3");
    // The vote form keeps the skip so the next page does not ask the skipped statement again.
    const res = await visitor.post(`${c.url}/vote`, { tid: String(other.tid), vote: "agree", skip: String(s.tid) }, { formPage: c.url });
    expect(res.headers.location).toBe(`${c.url}?skip=${s.tid}`);
    const rejected = (await p.deps.db.execute<{ tid: number }>(sql`select tid from conversation_statements where conversation_id = ${c.id} and state = 'rejected'`)).rows[0]!.tid;
    // Bad input never fails with a 500: a translated message and back to the page, nothing recorded.
    for (const fields of [{ tid: String(rejected), vote: "agree" }, { tid: "99999", vote: "agree" }, { tid: String(other.tid), vote: "maybe" }]) {
      const bad = await visitor.post(`${c.url}/vote`, { ...fields, skip: "" }, { formPage: c.url });
      expect(bad.statusCode).toBe(303);
      expect((await visitor.get(c.url)).body).toContain("This vote could not be recorded");
    }
    const n = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_votes where conversation_id = ${c.id}`);
    expect(n.rows[0]?.n).toBe("1");
    expect((await p.client().get(`${base}/conversations/999999`)).statusCode).toBe(404);
  }, 60_000);

  it("sends visitors to sign in when the conversation refuses anonymous participation", async () => {
    const c = await conversation({ anonymousAllowed: false });
    const visitor = p.client({ headers: { "accept-language": "en" } });
    const s = asked((await visitor.get(c.url)).body)!;
    const res = await visitor.post(`${c.url}/vote`, { tid: String(s.tid), vote: "agree", skip: "" }, { formPage: c.url });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/users/sign-in?return_to=${encodeURIComponent(c.url)}`);
    const n = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_participants where conversation_id = ${c.id}`);
    expect(n.rows[0]?.n).toBe("0");
    // A signed-in person votes as themselves.
    const { client, userId } = await signedInClient(p);
    expect((await client.post(`${c.url}/vote`, { tid: String(s.tid), vote: "agree", skip: "" }, { formPage: c.url })).statusCode).toBe(303);
    const who = await p.deps.db.execute<{ user_id: string }>(sql`select user_id from conversation_participants where conversation_id = ${c.id}`);
    expect(who.rows.map((r) => Number(r.user_id))).toEqual([userId]);
  }, 60_000);
});
