/**
 * Answers imported from CSV in the back office: every line checked first and every error shown by
 * line and column, nothing imported when one line is wrong; then all saved at once, published or not
 * as the step says, authors and followers told as for one answer, every answer audited.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { proposalsFixture, type ProposalsFixture } from "./testing";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const signed = await signedInClient(p, { isAdmin: true });
  admin = signed.client;
  adminId = signed.userId;
});
afterAll(() => p.stop());

async function published(f: ProposalsFixture, authorId: number, title: string): Promise<number> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, title, body, language, published_at)
    values (${f.component.id}, ${authorId}, ${JSON.stringify({ en: title })}::jsonb, '{"en":"A body long enough to be a proposal."}'::jsonb, 'en', now()) returning id`);
  return Number(rows.rows[0]?.id);
}

async function notified(userId: number, proposalId: number, tries = 50): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const rows = await p.deps.db.execute(sql`select 1 from notifications where user_id = ${userId} and resource_type = 'proposal' and resource_id = ${proposalId}`);
    if (rows.rows.length > 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

const csv = (text: string) => ({ filename: "answers.csv", type: "text/csv", data: Buffer.from(text) });
const answers = async (ids: number[]) =>
  (await p.deps.db.execute<{ id: string; token: string | null; published: boolean; answer: Record<string, string>; cost_cents: string | null }>(sql`
    select p.id, st.token, p.state_published_at is not null as published, p.answer, p.cost_cents from proposals p left join proposal_states st on st.id = p.state_id
    where p.id = any(${sql.param(ids)}::bigint[]) order by p.id`)).rows;

describe("importing answers from CSV", () => {
  it("shows every wrong line and imports nothing, then imports a good file at once, tells authors and followers", async () => {
    const f = await proposalsFixture(p, adminId, { step: { answersPublishedImmediately: true, answersWithCosts: true } });
    const author = await signedInClient(p);
    const follower = await signedInClient(p);
    const [a, b, c] = [await published(f, author.userId, "Trees on the market square"), await published(f, author.userId, "A bench by the school"), await published(f, author.userId, "Night buses on weekends")];
    await p.deps.db.execute(sql`insert into follows (resource_type, resource_id, user_id, component_id, space_id) values ('proposal', ${b}, ${follower.userId}, ${f.component.id}, ${f.space.id})`);
    const page = `${f.adminBase}/answers/import`;
    const form = await admin.get(page);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect((await admin.get(f.adminBase)).body).toContain(`href="${page}"`);

    const bad = [
      "id,state,answer/en,answer/fr,cost,execution_period/en",
      `${a},accepted,Planted in spring.,Plantés au printemps.,12x,2027`,
      `${b},rejected,,,,`,
      `99999,evaluating,Looking at it.,,,`,
      `${c},approved,Yes.,,,`,
      `${a},evaluating,Twice.,,,`,
      `${c},accepted,Yes.,,,`,
    ].join("\n");
    const refused = await admin.postMultipart(page, { file: csv(bad) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("nothing was imported");
    expect(refused.body).toContain("Line 2, column cost: Give an amount in euros, such as 1500 or 1500,50.");
    expect(refused.body).toContain("Line 3, column answer: Say why the proposal is rejected, in at least one language.");
    expect(refused.body).toContain("Line 4, column id: There is no published proposal 99999 in this component.");
    expect(refused.body).toContain("Line 5, column state: Unknown state “approved” (known: evaluating, accepted, rejected).");
    expect(refused.body).toContain(`Line 6, column id: Proposal ${a} is already answered on line 2.`);
    expect(refused.body).toContain("Line 7, column cost: Give the cost of the accepted proposal.");
    expect(refused.body).toContain("Line 7, column execution_period: ");
    expect((await answers([a, b, c])).every((r) => r.token === null)).toBe(true);

    // Semicolons, a byte order mark and a quoted answer over two lines, as spreadsheets write them.
    const good = [
      "\uFEFFid;state;answer/en;answer/fr;cost;execution_period/en",
      `${a};accepted;Planted in spring.;Plantés au printemps.;1 234,50;Spring 2027`,
      `${b};rejected;"The school yard is too small;\nsorry.";;;`,
      `${c};evaluating;;;;`,
    ].join("\r\n");
    const done = await admin.postMultipart(page, { file: csv(good) });
    expect(done.statusCode, done.body).toBe(303);
    expect((await admin.get(String(done.headers.location))).body).toContain("3 answers imported and published.");
    expect(await answers([a, b, c])).toEqual([
      { id: String(a), token: "accepted", published: true, answer: { en: "Planted in spring.", fr: "Plantés au printemps." }, cost_cents: "123450" },
      { id: String(b), token: "rejected", published: true, answer: { en: "The school yard is too small;\nsorry." }, cost_cents: null },
      { id: String(c), token: "evaluating", published: true, answer: {}, cost_cents: null },
    ]);
    const visitor = await englishClient(p);
    expect((await visitor.get(`${f.base}/${a}`)).body).toContain("Planted in spring.");
    expect(await notified(author.userId, a)).toBe(true);
    expect(await notified(follower.userId, b)).toBe(true);
    const audit = await p.deps.db.execute<{ action: string; n: number }>(sql`
      select action, count(*)::int as n from audit_log where actor_id = ${adminId} and action in ('proposal.answer', 'proposal.import_answers') and (resource_id = ${String(f.component.id)} or resource_id = any(${sql.param([a, b, c].map(String))}::text[])) group by action order by action`);
    expect(audit.rows).toEqual([
      { action: "proposal.answer", n: 3 },
      { action: "proposal.import_answers", n: 1 },
    ]);
  });

  it("saves answers unpublished when the step says so, telling no one yet, and refuses files it cannot read", async () => {
    const f = await proposalsFixture(p, adminId, { step: { answersPublishedImmediately: false } });
    const author = await signedInClient(p);
    const a = await published(f, author.userId, "Trees on the market square");
    const page = `${f.adminBase}/answers/import`;
    expect((await admin.get(page)).body).toContain("saved without being published");
    const done = await admin.postMultipart(page, { file: csv(`id,state,answer/nl\n${a},accepted,Aanvaard.\n`) });
    expect(done.statusCode).toBe(303);
    expect((await admin.get(String(done.headers.location))).body).toContain("1 answer imported, not yet published.");
    expect(await answers([a])).toEqual([{ id: String(a), token: "accepted", published: false, answer: { nl: "Aanvaard." }, cost_cents: null }]);
    expect((await (await englishClient(p)).get(`${f.base}/${a}`)).body).not.toContain("Aanvaard.");
    expect(await notified(author.userId, a, 5)).toBe(false);

    const unknown = await admin.postMultipart(page, { file: csv(`id,state,answer/xx\n${a},accepted,Oui\n`) });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain("Line 1: Unknown columns: answer/xx.");
    const latin1 = await admin.postMultipart(page, { file: { filename: "a.csv", type: "text/csv", data: Buffer.from([0x69, 0x64, 0x0a, 0xe9, 0xe9]) } });
    expect(latin1.body).toContain("The file is not UTF-8 text");
    const none = await admin.postMultipart(page, { file: { filename: "", type: "application/octet-stream", data: Buffer.alloc(0) } });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain("Choose a CSV file.");
    // Only the space's administrators.
    expect((await author.client.get(page)).statusCode).toBe(403);
  });
});
