/**
 * The back office of a proposals component: only the space's administrators; answers (a text to
 * reject, cost and period for an accepted one when the step asks, published at once or later, one by
 * one or in bulk, the author told), official proposals, answer states (contrast checked, the defaults
 * kept), filters and search; every decision audited.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { listStates } from "./states";
import { idFromLocation, proposalsFixture, type ProposalsFixture } from "./testing";

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

const stateId = async (f: ProposalsFixture, token: string) => (await listStates(p.deps.db, f.component.id)).find((s) => s.token === token)?.id ?? 0;

async function notified(userId: number, proposalId: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    const rows = await p.deps.db.execute(sql`select 1 from notifications where user_id = ${userId} and resource_type = 'proposal' and resource_id = ${proposalId}`);
    if (rows.rows.length > 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe("answering proposals", () => {
  it("lets only the space's administrators in, and never shows drafts there", async () => {
    const f = await proposalsFixture(p, adminId);
    const author = await signedInClient(p);
    await published(f, author.userId, "Visible to the back office");
    await p.deps.db.execute(sql`insert into proposals (component_id, author_id, title, body, language) values (${f.component.id}, ${author.userId}, '{"en":"A private draft"}', '{"en":"Not yet."}', 'en')`);
    expect((await author.client.get(f.adminBase)).statusCode).toBe(403);
    const list = await admin.get(f.adminBase);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Visible to the back office");
    expect(list.body).not.toContain("A private draft");
  });

  it("asks for a text to reject, publishes at once when the step says so, and tells the author", async () => {
    const f = await proposalsFixture(p, adminId, { step: { supportsEnabled: true } });
    const author = await signedInClient(p);
    const id = await published(f, author.userId, "Close the street to cars on Sundays");
    const rejected = String(await stateId(f, "rejected"));
    const form = `${f.adminBase}/${id}`;
    const missing = await admin.post(`${f.adminBase}/${id}/answer`, { stateId: rejected }, { formPage: form });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Say why the proposal is rejected, in at least one language.");
    const done = await admin.post(`${f.adminBase}/${id}/answer`, { stateId: rejected, "answer.en": "The street is a bus route." }, { formPage: form });
    expect(done.statusCode).toBe(303);
    const visitor = await englishClient(p);
    const page = await visitor.get(`${f.base}/${id}`);
    expect(page.body).toContain("The street is a bus route.");
    expect(page.body).toContain("Rejected");
    expect(page.body).not.toContain("Support this proposal");
    expect((await visitor.get(`${f.base}?state=answered`)).body).toContain("Close the street to cars on Sundays");
    expect((await visitor.get(`${f.base}?state=not_answered`)).body).not.toContain("Close the street to cars on Sundays");
    expect(await notified(author.userId, id)).toBe(true);
    const audited = await p.deps.db.execute(sql`select 1 from audit_log where action = 'proposal.answer' and resource_id = ${String(id)} and actor_id = ${adminId}`);
    expect(audited.rows.length).toBe(1);
  });

  it("asks for cost and period of an accepted proposal when the step says so, and shows them", async () => {
    const f = await proposalsFixture(p, adminId, { step: { answersWithCosts: true } });
    const id = await published(f, adminId, "Shade sails over the playground");
    const accepted = String(await stateId(f, "accepted"));
    const form = `${f.adminBase}/${id}`;
    const bare = await admin.post(`${f.adminBase}/${id}/answer`, { stateId: accepted, "answer.en": "Yes." }, { formPage: form });
    expect(bare.statusCode).toBe(422);
    expect(bare.body).toContain("Give the cost of the accepted proposal.");
    expect(bare.body).toContain("Say when the accepted proposal will be carried out.");
    const wrong = await admin.post(`${f.adminBase}/${id}/answer`, { stateId: accepted, cost: "a lot", "executionPeriod.en": "Spring" }, { formPage: form });
    expect(wrong.body).toContain("Give an amount in euros");
    const ok = await admin.post(`${f.adminBase}/${id}/answer`, { stateId: accepted, "answer.en": "Yes.", cost: "1 234,50", "executionPeriod.en": "Spring 2027" }, { formPage: form });
    expect(ok.statusCode).toBe(303);
    const row = await p.deps.db.execute<{ cost_cents: string }>(sql`select cost_cents from proposals where id = ${id}`);
    expect(Number(row.rows[0]?.cost_cents)).toBe(123_450);
    const page = await (await englishClient(p)).get(`${f.base}/${id}`);
    expect(page.body).toContain("€1,234.50");
    expect(page.body).toContain("Spring 2027");
  });

  it("keeps answers private until published, one by one or in bulk", async () => {
    const f = await proposalsFixture(p, adminId, { step: { answersPublishedImmediately: false } });
    const author = await signedInClient(p);
    const [a, b, c] = [await published(f, author.userId, "Longer library hours"), await published(f, author.userId, "A library on Sundays"), await published(f, author.userId, "Books by post")];
    const evaluating = String(await stateId(f, "evaluating"));
    for (const id of [a, b, c]) {
      const res = await admin.post(`${f.adminBase}/${id}/answer`, { stateId: evaluating, "answer.en": "We are looking into it." }, { formPage: `${f.adminBase}/${id}` });
      expect(res.statusCode).toBe(303);
    }
    const visitor = await englishClient(p);
    expect((await visitor.get(`${f.base}/${a}`)).body).not.toContain("We are looking into it.");
    expect((await admin.get(`${f.adminBase}?state=waiting`)).body).toContain("Books by post");
    const bulk = await admin.post(`${f.adminBase}/publish-answers`, { ids: [String(a), String(b)] }, { formPage: f.adminBase });
    expect(bulk.statusCode).toBe(303);
    expect((await admin.get(String(bulk.headers.location))).body).toContain("2 answers published.");
    expect((await visitor.get(`${f.base}/${a}`)).body).toContain("We are looking into it.");
    expect((await visitor.get(`${f.base}/${c}`)).body).not.toContain("We are looking into it.");
    const one = await admin.post(`${f.adminBase}/publish-answers`, { ids: String(c) }, { formPage: `${f.adminBase}/${c}` });
    expect(one.headers.location).toBe(`${f.adminBase}/${c}`);
    expect((await visitor.get(`${f.base}/${c}`)).body).toContain("We are looking into it.");
    expect(await notified(author.userId, c)).toBe(true);
    // Publishing again publishes nothing.
    const again = await admin.post(`${f.adminBase}/publish-answers`, { ids: [String(a)] }, { formPage: f.adminBase });
    expect((await admin.get(String(again.headers.location))).body).toContain("No answer was waiting");
  });

  it("publishes official proposals in several languages, and searches and filters the list", async () => {
    const f = await proposalsFixture(p, adminId);
    const res = await admin.post(`${f.adminBase}/new`, { "title.fr": "Les données publiques restent publiques", "title.en": "Public data stays public", "body.fr": "Principe 1 du rapport.", "body.en": "Principle 1 of the report." }, { formPage: `${f.adminBase}/new` });
    expect(res.statusCode).toBe(303);
    const id = idFromLocation(res.headers.location);
    const row = await p.deps.db.execute<{ official: boolean; language: string; author_id: string | null }>(sql`select official, language, author_id from proposals where id = ${id}`);
    expect(row.rows[0]).toEqual({ official: true, language: "fr", author_id: null });
    const visitor = await englishClient(p);
    const page = await visitor.get(`${f.base}/${id}`);
    expect(page.body).toContain("Public data stays public");
    expect(page.body).toContain("Official proposal");
    await visitor.get("/locale/fr");
    expect((await visitor.get(`${f.base}/${id}`)).body).toContain("Les données publiques restent publiques");

    await published(f, adminId, "Open the city budget as data");
    const found = await admin.get(`${f.adminBase}?q=budget`);
    expect(found.body).toContain("Open the city budget as data");
    expect(found.body).not.toContain("Public data stays public");
    expect((await admin.get(`${f.adminBase}?q=${id}`)).body).toContain("Public data stays public");
    expect((await admin.get(`${f.adminBase}?q=%25`)).body).not.toContain("Public data stays public");
    // Off in the settings: no official proposals.
    await f.configure({ officialProposalsEnabled: false }, {});
    expect((await admin.get(`${f.adminBase}/new`)).statusCode).toBe(404);
  });

  it("manages the answer states: readable colours, the defaults kept, unused ones deleted", async () => {
    const f = await proposalsFixture(p, adminId);
    const page = await admin.get(`${f.adminBase}/states`);
    expect(page.body).toContain("Evaluating");
    const unreadable = await admin.post(`${f.adminBase}/states/new`, { token: "in_progress", "name.en": "In progress", bgColor: "#777777", textColor: "#888888", weight: "5" }, { formPage: `${f.adminBase}/states/new` });
    expect(unreadable.statusCode).toBe(422);
    expect(unreadable.body).toContain("These colours are too close");
    const saved = await admin.post(`${f.adminBase}/states/new`, { token: "in_progress", "name.en": "In progress", "name.fr": "En cours", bgColor: "#cfe2ff", textColor: "#052c65", weight: "5" }, { formPage: `${f.adminBase}/states/new` });
    expect(saved.statusCode).toBe(303);
    const taken = await admin.post(`${f.adminBase}/states/new`, { token: "in_progress", "name.en": "Again", bgColor: "#cfe2ff", textColor: "#052c65" }, { formPage: `${f.adminBase}/states/new` });
    expect(taken.statusCode).toBe(422);
    const states = await listStates(p.deps.db, f.component.id);
    const custom = states.find((s) => s.token === "in_progress");
    expect(custom?.name).toEqual({ en: "In progress", fr: "En cours" });
    // A default is renamed, keeps its token.
    const accepted = states.find((s) => s.token === "accepted");
    await admin.post(`${f.adminBase}/states/${accepted?.id}/edit`, { token: "approved", "name.en": "Approved", bgColor: "#d1e7dd", textColor: "#0f5132", weight: "1" }, { formPage: `${f.adminBase}/states/${accepted?.id}/edit` });
    expect((await listStates(p.deps.db, f.component.id)).find((s) => s.id === accepted?.id)).toMatchObject({ token: "accepted", name: { en: "Approved" } });
    // The public filter offers the new state; a default cannot be deleted; an unused custom one can.
    expect((await (await englishClient(p)).get(f.base)).body).toContain(`<option value="${custom?.id}">In progress</option>`);
    const kept = await admin.post(`${f.adminBase}/states/${accepted?.id}/delete`, {}, { formPage: `${f.adminBase}/states` });
    expect((await admin.get(String(kept.headers.location))).body).toContain("The built-in states cannot be deleted.");
    expect((await admin.post(`${f.adminBase}/states/${custom?.id}/delete`, {}, { formPage: `${f.adminBase}/states/${custom?.id}/delete` })).statusCode).toBe(303);
    expect((await listStates(p.deps.db, f.component.id)).map((s) => s.token)).toEqual(["evaluating", "accepted", "rejected"]);
    const audited = await p.deps.db.execute(sql`select action from audit_log where resource_type = 'proposal_state' order by id`);
    expect(audited.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["proposal_state.create", "proposal_state.update", "proposal_state.delete"]));
  });
});
