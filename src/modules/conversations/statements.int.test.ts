/**
 * Participants' statements: under post-moderation a statement is shown to the others at once (and its
 * author agrees with it, as in Pol.is); under pre-moderation it waits, the author sees "waiting for
 * moderation", nobody else sees it nor can vote on it until a moderator accepts it; a statement
 * repeating one already there (case, accents, punctuation aside), an empty or too long one re-renders
 * the form with a translated error and the text kept; a conversation without participants' statements
 * has no form.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, csrfFrom, type TestPlatform } from "../../test/platform";
import { closeSharedWorker } from "./math";
import { asked, conversationsComponent, seededConversation, type ConversationsFixture } from "./participant-testing";
import { moderateStatement } from "./service";
import { normaliseStatement } from "./statements";

let p: TestPlatform;
let f: ConversationsFixture;

beforeAll(async () => {
  p = await createTestPlatform();
  f = await conversationsComponent(p, "writing");
}, 60_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

const SEEDS = ["The schoolyard needs more trees"];

async function write(client: ReturnType<TestPlatform["client"]>, url: string, text: string) {
  const page = await client.get(url);
  return client.post(`${url}/statements`, { text }, { csrf: csrfFrom(page.body) });
}

describe("writing statements", () => {
  it("shows a post-moderated statement at once, with its author's agreement", async () => {
    const c = await seededConversation(p, f, SEEDS, { participantStatements: true, moderation: "post" });
    const author = p.client({ headers: { "accept-language": "en" } });
    const res = await write(author, c.url, "  The canteen should   serve soup  ");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(c.url);
    const page = await author.get(c.url);
    expect(page.body).toContain("Thank you! Your statement is shown to the other participants.");
    expect(page.body).toMatch(/<q>The canteen should serve soup<\/q> — <span>shown to the participants<\/span>/);
    const row = await p.deps.db.execute<{ tid: number; state: string; author_pid: number; votes: string }>(sql`
      select s.tid, s.state, s.author_pid, (select count(*) from conversation_votes v where v.conversation_id = s.conversation_id and v.tid = s.tid and v.pid = s.author_pid and v.value = 1) as votes
      from conversation_statements s where s.conversation_id = ${c.id} and s.text = 'The canteen should serve soup'`);
    expect(row.rows[0]).toMatchObject({ state: "unmoderated", votes: "1" });
    // Another visitor is asked about it.
    const other = p.client({ headers: { "accept-language": "en" } });
    const seen = new Set<string>();
    let url = c.url;
    for (let i = 0; i < 2; i++) {
      const pg = await other.get(url);
      const s = asked(pg.body)!;
      seen.add(s.text);
      url = (await other.post(`${c.url}/vote`, { tid: String(s.tid), vote: "skip", skip: url.split("skip=")[1] ?? "" }, { csrf: csrfFrom(pg.body) })).headers.location as string;
    }
    expect(seen).toEqual(new Set(["The canteen should serve soup", ...SEEDS]));
    expect((await other.get(c.url)).body).toContain("0 of 2");
  }, 60_000);

  it("keeps a pre-moderated statement waiting until a moderator accepts it", async () => {
    const c = await seededConversation(p, f, SEEDS, { participantStatements: true, moderation: "pre" });
    const author = p.client({ headers: { "accept-language": "en" } });
    const form = await author.get(c.url);
    expect(form.body).toContain("A moderator reads it before the others see it.");
    expect((await write(author, c.url, "Lockers for every pupil")).statusCode).toBe(303);
    const page = await author.get(c.url);
    expect(page.body).toContain("Thank you! Your statement is waiting for moderation.");
    expect(page.body).toMatch(/<q>Lockers for every pupil<\/q> — <span>waiting for moderation<\/span>/);
    const tid = (await p.deps.db.execute<{ tid: number; state: string }>(sql`select tid, state from conversation_statements where conversation_id = ${c.id} and text = 'Lockers for every pupil'`)).rows[0]!;
    expect(tid.state).toBe("unmoderated");
    // Nobody is asked about it and a vote on it is refused; no vote by its author either.
    const other = p.client({ headers: { "accept-language": "en" } });
    const otherPage = await other.get(c.url);
    expect(otherPage.body).toContain("0 of 1");
    expect(otherPage.body).not.toContain("Lockers for every pupil");
    await other.post(`${c.url}/vote`, { tid: String(tid.tid), vote: "agree", skip: "" }, { csrf: csrfFrom(otherPage.body) });
    const votes = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_votes where conversation_id = ${c.id} and tid = ${tid.tid}`);
    expect(votes.rows[0]?.n).toBe("0");
    // Accepted (the moderation screens' service): shown, and the author sees it accepted.
    await p.deps.db.transaction((tx) => moderateStatement(tx, c.id, tid.tid, { state: "accepted" }));
    expect((await other.get(c.url)).body).toContain("0 of 2");
    expect((await author.get(c.url)).body).toMatch(/<q>Lockers for every pupil<\/q> — <span>accepted<\/span>/);
  }, 60_000);

  it("refuses duplicates, empty and too long statements with the form kept, and offers no form when the conversation takes none", async () => {
    const c = await seededConversation(p, f, SEEDS, { participantStatements: true });
    const author = p.client({ headers: { "accept-language": "en" } });
    const dup = await write(author, c.url, "the SCHOOLYARD needs more trees!!");
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain("This statement is already in the conversation: vote on it instead.");
    expect(dup.body).toContain("the SCHOOLYARD needs more trees!!</textarea>");
    expect(dup.body).toContain('class="error-summary"');
    const long = await write(author, c.url, "x".repeat(401));
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain("A statement has at most 400 characters.");
    const empty = await write(author, c.url, "   ");
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("Write your statement.");
    const n = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_statements where conversation_id = ${c.id}`);
    expect(n.rows[0]?.n).toBe("1");
    expect(normaliseStatement("Élève, café… ÉLÈVE")).toBe(normaliseStatement("eleve cafe eleve"));

    const closed = await seededConversation(p, f, SEEDS);
    const page = await author.get(closed.url);
    expect(page.body).not.toContain(`${closed.url}/statements`);
    const refused = await author.post(`${closed.url}/statements`, { text: "Something new" }, { csrf: csrfFrom(page.body) });
    expect(refused.statusCode).toBe(303);
    expect((await author.get(closed.url)).body).toContain("This conversation does not take participants’ statements.");
  }, 60_000);
});
