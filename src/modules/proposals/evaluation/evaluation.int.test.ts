/**
 * Evaluation of proposals: the space's administrators assign evaluators (the space's evaluator role)
 * in bulk or one by one; an evaluator sees in the back office only the proposals assigned to them,
 * answers them (internal until an administrator publishes) and writes private notes, which no public
 * page, API, open data or personal data download ever shows. Everything audited.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportPersonalData } from "../../../core/accounts/personal-data";
import { englishClient, signedInClient } from "../../../core/accounts/testing";
import { spaceRoles } from "../../../core/spaces/schema";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../../test/platform";
import { listStates } from "../states";
import { proposalsFixture, type ProposalsFixture } from "../testing";

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

async function evaluator(f: ProposalsFixture) {
  const person = await signedInClient(p);
  await p.deps.db.insert(spaceRoles).values({ spaceId: f.space.id, userId: person.userId, role: "evaluator" });
  return person;
}

async function notified(userId: number, proposalId: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    const rows = await p.deps.db.execute(sql`select 1 from notifications where user_id = ${userId} and resource_type = 'proposal' and resource_id = ${proposalId}`);
    if (rows.rows.length > 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

const NOTE = "Checked with the roads department: feasible only after the sewer works of 2027.";

describe("evaluating proposals", () => {
  it("shows an evaluator only the proposals assigned to them, in bulk from the admin list", async () => {
    const f = await proposalsFixture(p, adminId);
    const author = await signedInClient(p);
    const [a, b, c] = [await published(f, author.userId, "Trees on the market square"), await published(f, author.userId, "A bench by the school"), await published(f, author.userId, "Night buses on weekends")];
    const eva = await evaluator(f);
    const other = await evaluator(f);

    const list = await admin.get(f.adminBase);
    expect(list.body).toContain('name="evaluatorId"');
    expect(list.body).toContain(`formaction="${f.adminBase}/evaluators"`);
    const assigned = await admin.post(`${f.adminBase}/evaluators`, { ids: [String(a), String(b)], evaluatorId: String(eva.userId), do: "assign" }, { formPage: f.adminBase });
    expect(assigned.statusCode).toBe(303);
    expect((await admin.get(f.adminBase)).body).toContain("2 proposals assigned.");
    await admin.post(`${f.adminBase}/evaluators`, { ids: [String(c)], evaluatorId: String(other.userId), do: "assign" }, { formPage: f.adminBase });

    // The component's public page leads an evaluator (and only them) to their list.
    expect((await eva.client.get(f.base)).body).toContain(`href="${f.adminBase}/evaluation"`);
    expect((await author.client.get(f.base)).body).not.toContain(`${f.adminBase}/evaluation`);
    // Told of each proposal given to them.
    expect(await notified(eva.userId, a)).toBe(true);
    expect(await notified(eva.userId, b)).toBe(true);
    const mine = await eva.client.get(`${f.adminBase}/evaluation`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain("Trees on the market square");
    expect(mine.body).toContain("A bench by the school");
    expect(mine.body).not.toContain("Night buses on weekends");
    // The rest of the back office stays the administrators'.
    expect((await eva.client.get(f.adminBase)).statusCode).toBe(403);
    expect((await eva.client.get(`${f.adminBase}/${a}`)).statusCode).toBe(403);
    expect((await eva.client.post(`${f.adminBase}/evaluators`, { ids: [String(c)], evaluatorId: String(eva.userId), do: "assign" }, { formPage: `${f.adminBase}/evaluation` })).statusCode).toBe(403);
    // Someone else's proposal is not found, and cannot be noted or answered.
    expect((await eva.client.get(`${f.adminBase}/evaluation/${c}`)).statusCode).toBe(404);
    expect((await eva.client.post(`${f.adminBase}/evaluation/${c}/notes`, { body: "sneaky" }, { formPage: `${f.adminBase}/evaluation` })).statusCode).toBe(404);
    // Without a role in the space, nothing.
    expect((await author.client.get(`${f.adminBase}/evaluation`)).statusCode).toBe(403);

    // Unassigned, the proposal leaves the evaluator's list.
    await admin.post(`${f.adminBase}/evaluators`, { ids: [String(b)], evaluatorId: String(eva.userId), do: "unassign", from: "proposal" }, { formPage: `${f.adminBase}/evaluation/${b}` });
    expect((await eva.client.get(`${f.adminBase}/evaluation/${b}`)).statusCode).toBe(404);
    // Only holders of the evaluator role can be assigned.
    const refused = await admin.post(`${f.adminBase}/evaluators`, { ids: [String(a)], evaluatorId: String(author.userId), do: "assign" }, { formPage: f.adminBase });
    expect(refused.statusCode).toBe(303);
    expect((await admin.get(f.adminBase)).body).toContain("This person does not hold the evaluator role in this space.");
    const audit = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where action like 'proposal.evaluator_%' and resource_id = ${String(f.component.id)} order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(["proposal.evaluator_assign", "proposal.evaluator_assign", "proposal.evaluator_unassign"]);
  });

  it("keeps an evaluator's answer internal and private notes away from every public place", async () => {
    const f = await proposalsFixture(p, adminId, { step: { answersPublishedImmediately: true } });
    const author = await signedInClient(p);
    const id = await published(f, author.userId, "Trees on the market square");
    const eva = await evaluator(f);
    await admin.post(`${f.adminBase}/evaluators`, { ids: [String(id)], evaluatorId: String(eva.userId), do: "assign" }, { formPage: f.adminBase });
    const page = `${f.adminBase}/evaluation/${id}`;

    const accepted = String((await listStates(p.deps.db, f.component.id)).find((s) => s.token === "accepted")?.id);
    const answered = await eva.client.post(`${page}/answer`, { stateId: accepted, "answer.en": "Accepted for the 2027 works." }, { formPage: page });
    expect(answered.statusCode).toBe(303);
    const row = await p.deps.db.execute<{ state_id: string | null; published: boolean }>(sql`select state_id, state_published_at is not null as published from proposals where id = ${id}`);
    expect(row.rows[0]).toEqual({ state_id: accepted, published: false });
    // No button to publish it on the evaluator's page; the administrator's page offers it.
    expect((await eva.client.get(page)).body).not.toContain("/publish-answers");
    expect((await admin.get(page)).body).toContain(`${f.adminBase}/publish-answers`);

    // The proposal's files are the evaluator's to read too.
    await p.deps.db.execute(sql`insert into attachments (resource_type, resource_id, component_id, title, stored_name, content_type, size_bytes) values ('proposal', ${id}, ${f.component.id}, 'Site plan', '0123456789abcdef0123456789abcdee.pdf', 'application/pdf', 9)`);
    await p.deps.db.execute(sql`insert into attachment_contents (attachment_id, data) select id, ${Buffer.from("%PDF-1.4\n")} from attachments where stored_name = '0123456789abcdef0123456789abcdee.pdf'`);
    expect((await eva.client.get(page)).body).toContain(">Site plan</a>");
    expect((await eva.client.get("/attachments/0123456789abcdef0123456789abcdee.pdf")).statusCode).toBe(200);
    const empty = await eva.client.post(`${page}/notes`, { body: "  " }, { formPage: page });
    expect(empty.statusCode).toBe(422);
    expect((await eva.client.post(`${page}/notes`, { body: NOTE }, { formPage: page })).statusCode).toBe(303);
    expect((await eva.client.get(page)).body).toContain(NOTE);
    expect((await admin.get(page)).body).toContain(NOTE);
    expect((await admin.get(`${f.adminBase}/${id}`)).body).toContain(`href="${page}"`);
    // Another evaluator of the space, not of this proposal: not found.
    const stranger = await evaluator(f);
    expect((await stranger.client.get(page)).statusCode).toBe(404);

    const visitor = await englishClient(p);
    for (const url of [`${f.base}/${id}`, `/api/proposals/${id}`, "/open-data/proposals.csv", `${f.base}`]) {
      const res = await visitor.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain("sewer works");
    }
    expect((await author.client.get(`${f.base}/${id}`)).body).not.toContain("sewer works");
    expect(JSON.stringify(await exportPersonalData(p.deps.db, author.userId, null))).not.toContain("sewer works");
    const audited = await p.deps.db.execute<{ after: { length: number } }>(sql`select after from audit_log where action = 'proposal.note' and resource_id = ${String(id)} and actor_id = ${eva.userId}`);
    expect(audited.rows).toEqual([{ after: expect.objectContaining({ length: NOTE.length }) }]);
    expect(JSON.stringify(audited.rows)).not.toContain("sewer works");
  });
});
