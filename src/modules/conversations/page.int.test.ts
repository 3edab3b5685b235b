/**
 * Voting without JavaScript: the conversation page shows one statement with agree / disagree / pass /
 * skip as a plain form, progress "n of m", and a live region saying what happened and what comes next;
 * a visitor votes under an anonymous identity kept in a signed cookie (the same participant vote after
 * vote); a vote can be changed (the earlier one replaced); skipping keeps the statement for later; a
 * conversation that refuses anonymous participation sends visitors to sign in; a closed step refuses
 * votes with its translated reason.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { updateComponentSettings } from "../../core/components/service";
import { createTestPlatform, csrfFrom, type TestPlatform } from "../../test/platform";
import { closeSharedWorker } from "./math";
import { asked, conversationsComponent, liveRegion, seededConversation, type ConversationsFixture } from "./participant-testing";
import { IDENTITY_COOKIE } from "./routes";
import { addStatement } from "./service";

let p: TestPlatform;
let f: ConversationsFixture;

beforeAll(async () => {
  p = await createTestPlatform();
  f = await conversationsComponent(p, "voting");
}, 60_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

const STATEMENTS = ["Bikes should have a covered shelter", "The schoolyard needs more trees", "Lunch breaks are too short"];

async function conversation(opts: { anonymousAllowed?: boolean } = {}): Promise<{ id: number; url: string }> {
  const c = await seededConversation(p, f, STATEMENTS, opts);
  await addStatement(p.deps.db, c.id, { text: "A rejected one", state: "rejected" });
  return c;
}

describe("a conversation's voting page", () => {
  it("lets a visitor vote through every statement with plain forms, under one anonymous identity, and change a vote", async () => {
    const c = await conversation();
    const visitor = p.client({ headers: { "accept-language": "en" } });
    const first = await visitor.get(c.url);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("0 of 3");
    // The buttons in reading order: agree, disagree, pass, skip.
    const buttons = [...first.body.matchAll(/<button type="submit" name="vote" value="(\w+)"/g)].map((m) => m[1]);
    expect(buttons).toEqual(["agree", "disagree", "pass", "skip"]);
    expect(first.body).toMatch(/<button type="submit" name="vote" value="agree"[^>]*>Agree<\/button>/);
    expect(first.body).not.toContain("A rejected one");
    expect(first.body).toMatch(/id="conversation-live"[^>]*role="status"/);
    const seen: string[] = [];
    const choices = ["agree", "disagree", "pass"] as const;
    for (let i = 0; i < 3; i++) {
      const page = await visitor.get(c.url);
      const s = asked(page.body);
      expect(s).not.toBeNull();
      seen.push(s!.text);
      const res = await visitor.post(`${c.url}/vote`, { tid: String(s!.tid), vote: choices[i]!, skip: "" }, { csrf: csrfFrom(page.body) });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(c.url);
      if (i === 0) expect(res.cookies.some((k) => k.name === IDENTITY_COOKIE && k.httpOnly)).toBe(true);
      const after = await visitor.get(c.url);
      expect(after.body).toContain(`${i + 1} of 3`);
      // Said after each vote: the vote, then the next statement (or the end).
      const next = asked(after.body);
      const recorded = { agree: "Vote recorded: agree.", disagree: "Vote recorded: disagree.", pass: "Vote recorded: pass." }[choices[i]!];
      expect(liveRegion(after.body)).toBe(next ? `${recorded} Next statement: ${next.text}` : `${recorded} You have voted on every statement. Thank you!`);
    }
    expect(seen.sort()).toEqual([...STATEMENTS].sort());
    const end = await visitor.get(c.url);
    expect(end.body).toContain("3 of 3");
    expect(end.body).toContain("You have voted on every statement.");
    expect(liveRegion(end.body)).toBe("");
    const votes = await p.deps.db.execute<{ pid: number; value: number }>(sql`select pid, value from conversation_votes where conversation_id = ${c.id} order by value`);
    expect(votes.rows.map((v) => v.value)).toEqual([-1, 0, 1]);
    expect(new Set(votes.rows.map((v) => v.pid)).size).toBe(1);
    const participant = await p.deps.db.execute<{ anonymous_token: string | null; user_id: string | null }>(sql`select anonymous_token, user_id from conversation_participants where conversation_id = ${c.id}`);
    expect(participant.rows).toHaveLength(1);
    expect(participant.rows[0]?.anonymous_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(participant.rows[0]?.user_id).toBeNull();

    // A re-vote from the list of votes: the statement comes back with the current vote, and the new vote replaces it.
    const tid = (await p.deps.db.execute<{ tid: number }>(sql`select tid from conversation_votes where conversation_id = ${c.id} and value = 1`)).rows[0]!.tid;
    expect(end.body).toContain(`href="${c.url}?statement=${tid}#conversation-statement"`);
    const again = await visitor.get(`${c.url}?statement=${tid}`);
    expect(asked(again.body)?.tid).toBe(tid);
    expect(again.body).toContain("You voted: agree. Vote again to change your vote.");
    expect((await visitor.post(`${c.url}/vote`, { tid: String(tid), vote: "disagree", skip: "" }, { csrf: csrfFrom(again.body) })).statusCode).toBe(303);
    const after = await p.deps.db.execute<{ n: string; agree: string }>(sql`select count(*) as n, count(*) filter (where value = 1) as agree from conversation_votes where conversation_id = ${c.id}`);
    expect(after.rows[0]).toEqual({ n: "3", agree: "0" });
    expect((await visitor.get(c.url)).body).toContain("3 of 3");
  }, 60_000);

  it("skips a statement for this visit with the skip button, and refuses a vote on a rejected or unknown statement", async () => {
    const c = await conversation();
    const visitor = p.client({ headers: { "accept-language": "en" } });
    const firstPage = await visitor.get(c.url);
    const s = asked(firstPage.body)!;
    const skip = await visitor.post(`${c.url}/vote`, { tid: String(s.tid), vote: "skip", skip: "" }, { csrf: csrfFrom(firstPage.body) });
    expect(skip.statusCode).toBe(303);
    expect(skip.headers.location).toBe(`${c.url}?skip=${s.tid}`);
    const skipped = await visitor.get(skip.headers.location as string);
    const other = asked(skipped.body)!;
    expect(other.tid).not.toBe(s.tid);
    expect(skipped.body).toContain("0 of 3");
    expect(liveRegion(skipped.body)).toBe(`Statement skipped. Next statement: ${other.text}`);
    // Nothing recorded for a skip, and no participant made for it.
    const none = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_participants where conversation_id = ${c.id}`);
    expect(none.rows[0]?.n).toBe("0");
    // The vote form keeps the skip so the next page does not ask the skipped statement again.
    expect(skipped.body).toContain(`name="skip" value="${s.tid}"`);
    const res = await visitor.post(`${c.url}/vote`, { tid: String(other.tid), vote: "agree", skip: String(s.tid) }, { csrf: csrfFrom(skipped.body) });
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
    // Skipping everything left: the page says so and offers the skipped ones again.
    const rest = STATEMENTS.length - 1;
    let url = `${c.url}?skip=${s.tid}`;
    for (let i = 1; i < rest; i++) {
      const page = await visitor.get(url);
      const r = await visitor.post(`${c.url}/vote`, { tid: String(asked(page.body)!.tid), vote: "skip", skip: String(s.tid) }, { csrf: csrfFrom(page.body) });
      url = r.headers.location as string;
    }
    const allSkipped = await visitor.get(url);
    expect(allSkipped.body).toContain("You have skipped the statements left.");
    expect(allSkipped.body).toContain(`<a href="${c.url}">Show the skipped statements again</a>`);
    expect((await p.client().get(`${f.base}/conversations/999999`)).statusCode).toBe(404);
  }, 60_000);

  it("sends visitors to sign in when the conversation refuses anonymous participation", async () => {
    const c = await conversation({ anonymousAllowed: false });
    const visitor = p.client({ headers: { "accept-language": "en" } });
    const page = await visitor.get(c.url);
    const s = asked(page.body)!;
    // The page shows the statement and a way to sign in instead of the buttons.
    expect(page.body).not.toContain('value="agree"');
    expect(page.body).toContain(`href="/users/sign-in?return_to=${encodeURIComponent(c.url)}"`);
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

  it("lists the component's published conversations with their counts", async () => {
    const c = await conversation();
    const page = await p.client({ headers: { "accept-language": "en" } }).get(f.base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`<a href="${c.url}"[^>]*>Our school</a>`));
    expect(page.body).toContain("3 statements, 0 participants");
  }, 60_000);

  it("refuses votes with the step's translated reason when voting is closed (the component permission)", async () => {
    const c = await conversation();
    const actor = { id: f.adminId, ip: null };
    const closed = { global: {}, defaultStep: { votingEnabled: false, writingEnabled: true, announcement: {} }, steps: {} };
    expect(await updateComponentSettings(p.deps.db, actor, f.spaceId, f.componentId, { en: "Talk" }, closed)).toBe(true);
    try {
      const visitor = p.client({ headers: { "accept-language": "fr" } });
      const page = await visitor.get(c.url);
      expect(page.body).toContain("Le vote est fermé à cette étape.");
      expect(page.body).not.toContain('value="agree"');
      const s = asked(page.body)!;
      const res = await visitor.post(`${c.url}/vote`, { tid: String(s.tid), vote: "agree", skip: "" }, { csrf: csrfFrom(page.body) });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("Le vote est fermé à cette étape.");
      const n = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_votes where conversation_id = ${c.id}`);
      expect(n.rows[0]?.n).toBe("0");
    } finally {
      await updateComponentSettings(p.deps.db, actor, f.spaceId, f.componentId, { en: "Talk" }, { global: {}, defaultStep: {}, steps: {} });
    }
  }, 60_000);
});
