/**
 * Anonymous participation upgraded to an account: the votes a visitor cast under the signed-cookie
 * identity become the account's when they sign in (or create an account), none lost; when the
 * account already took part in the conversation, the two participants' votes join (the later vote
 * wins on a statement both voted on) and the next tick recomputes without the anonymous one.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../core/accounts/users";
import { createTestPlatform, csrfFrom, type TestClient, type TestPlatform } from "../../test/platform";
import { closeSharedWorker, runConversationTick } from "./math";
import { asked, conversationsComponent, seededConversation, type ConversationsFixture } from "./participant-testing";
import { IDENTITY_COOKIE } from "./routes";

let p: TestPlatform;
let f: ConversationsFixture;

beforeAll(async () => {
  p = await createTestPlatform();
  f = await conversationsComponent(p, "merge");
}, 60_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

const STATEMENTS = ["Bikes should have a covered shelter", "The schoolyard needs more trees", "Lunch breaks are too short"];

async function account(): Promise<{ email: string; password: string; userId: number }> {
  const email = `merge-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
  const password = "correct horse battery";
  const userId = await createUser(p.deps.db, { email, password, name: "Merged", confirmed: true, isAdmin: false });
  return { email, password, userId };
}

async function voteOn(client: TestClient, url: string, tid: number, vote: string) {
  const page = await client.get(`${url}?statement=${tid}`);
  expect(asked(page.body)?.tid).toBe(tid);
  expect((await client.post(`${url}/vote`, { tid: String(tid), vote, skip: "" }, { csrf: csrfFrom(page.body) })).statusCode).toBe(303);
}

async function signIn(client: TestClient, who: { email: string; password: string }) {
  const res = await client.post("/users/sign-in", { email: who.email, password: who.password }, { formPage: "/users/sign-in" });
  expect(res.statusCode).toBe(303);
  return res;
}

/** A tick of our own (the tick job may be computing one: then after it), holding every vote so far. */
async function tickNow(conversationId: number) {
  for (let i = 0; i < 100; i++) {
    const tick = await runConversationTick(p.deps.db, conversationId, { force: true });
    if (tick.ran) return tick;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no tick");
}

const votesOf = async (conversationId: number) =>
  (
    await p.deps.db.execute<{ pid: number; tid: number; value: number; user_id: string | null; anonymous_token: string | null }>(sql`
      select v.pid, v.tid, v.value, pt.user_id, pt.anonymous_token from conversation_votes v
      join conversation_participants pt on pt.conversation_id = v.conversation_id and pt.pid = v.pid
      where v.conversation_id = ${conversationId} order by v.tid`)
  ).rows;

describe("an anonymous participant signing in", () => {
  it("keeps every vote: the anonymous participant becomes the account's", async () => {
    const c = await seededConversation(p, f, STATEMENTS);
    const who = await account();
    const browser = p.client({ headers: { "accept-language": "en" } });
    await voteOn(browser, c.url, c.tids[0]!, "agree");
    await voteOn(browser, c.url, c.tids[1]!, "disagree");
    const before = await votesOf(c.id);
    expect(before.map((v) => v.anonymous_token !== null)).toEqual([true, true]);
    const res = await signIn(browser, who);
    // The anonymous identity is forgotten with the merge.
    expect(res.cookies.some((k) => k.name === IDENTITY_COOKIE && k.value === "")).toBe(true);
    const after = await votesOf(c.id);
    expect(after.map((v) => [v.pid, v.tid, v.value, Number(v.user_id), v.anonymous_token])).toEqual(before.map((v) => [v.pid, v.tid, v.value, who.userId, null]));
    const page = await browser.get(c.url);
    expect(page.body).toContain("2 of 3");
  }, 60_000);

  it("joins the votes into the account's participant when the account already took part (the later vote wins)", async () => {
    const c = await seededConversation(p, f, STATEMENTS);
    const who = await account();
    // With the account, on another device: agree with statements 0 and 2.
    const laptop = p.client({ headers: { "accept-language": "en" } });
    await signIn(laptop, who);
    await voteOn(laptop, c.url, c.tids[0]!, "agree");
    await voteOn(laptop, c.url, c.tids[2]!, "agree");
    const accountPid = (await votesOf(c.id))[0]!.pid;
    await tickNow(c.id);
    // Anonymously on a phone, later: disagree with 0, pass on 1.
    const phone = p.client({ headers: { "accept-language": "en" } });
    await voteOn(phone, c.url, c.tids[0]!, "disagree");
    await voteOn(phone, c.url, c.tids[1]!, "pass");
    await signIn(phone, who);
    const after = await votesOf(c.id);
    expect(after.map((v) => [v.pid, v.tid, v.value, Number(v.user_id)])).toEqual([
      [accountPid, c.tids[0], -1, who.userId],
      [accountPid, c.tids[1], 0, who.userId],
      [accountPid, c.tids[2], 1, who.userId],
    ]);
    const participants = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_participants where conversation_id = ${c.id}`);
    expect(participants.rows[0]?.n).toBe("1");
    // The next tick recomputes from every vote: the anonymous participant is gone from the math.
    await tickNow(c.id);
    const math = await p.deps.db.execute<{ counts: Record<string, number> }>(sql`select pca2 -> 'user-vote-counts' as counts from conversation_math where conversation_id = ${c.id}`);
    expect(math.rows[0]?.counts).toEqual({ [String(accountPid)]: 3 });
    expect((await phone.get(c.url)).body).toContain("3 of 3");
  }, 60_000);
});
