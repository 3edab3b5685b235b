/**
 * Insecure direct object references: participant B tries participant A's ids on the routes that act on
 * one person's object (the table, route-access.ts, marks them `owner`; the registry lists the rest) and
 * is refused (403/404, or sent away) with nothing of A's shown or changed: A's notification, A's proposal
 * draft (and its co-authorship page), A's petition draft, A's budget ballot (addressed by the session,
 * never by an id: B's requests with A's project change only B's own), A's comment, A's data export
 * (addressed by the session too: B's download, whatever B adds to the address, holds only B's).
 * The demo's spaces stay public here: B may see everything public, so only ownership stands in the way.
 */
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { everyRoute } from "../../core/http/route-registry";
import { DEMO_SPACES } from "../../core/spaces/seeds";
import { createPetition } from "../../modules/petitions/workflow";
import { createDraft } from "../../modules/proposals/workflow";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { signIn } from "./fixture";
import { ruleFor } from "./route-access";

let p: TestPlatform;
let a: Awaited<ReturnType<typeof signIn>>;
let b: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  a = await signIn(p, "idor-a@authz.example", "10.9.2.1");
  b = await signIn(p, "idor-b@authz.example", "10.9.2.2");
}, 180_000);
afterAll(() => p?.stop());

/** Refused: a 403, a 404, or a redirect anywhere but to A's object's own pages being served. */
function expectRefused(res: LightMyRequestResponse, secret: string, what: string) {
  expect([303, 403, 404], `${what}: ${res.statusCode}`).toContain(res.statusCode);
  expect(res.body, what).not.toContain(secret);
}

const post = (who: typeof b, url: string, fields: Record<string, string> = {}) => who.client.post(url, fields, { csrf: who.csrf });

describe("another person's objects", () => {
  it("lists the owner-scoped routes from the registry", () => {
    const owned = everyRoute(p.app).filter((r) => ruleFor(r)?.owner).map((r) => `${r.method} ${r.url}`);
    expect(owned).toEqual(expect.arrayContaining([
      "GET /notifications/:id/open", "GET /coauthorships/:type/:id", "POST /comments/:id/edit", "POST /comments/:id/delete",
      "GET /petitions/:id/edit", "POST /petitions/:id/edit", "POST /petitions/:id/author-transition",
      "GET /spaces/:slug/c/:componentId/:proposalId/edit", "POST /spaces/:slug/c/:componentId/:proposalId/publish", "POST /spaces/:slug/c/:componentId/:proposalId/withdraw",
    ]));
  });

  it("does not open, reveal or mark read another person's notification", async () => {
    const rows = await p.deps.db.execute<{ id: string }>(sql`insert into notifications (user_id, kind, message, url) values (${a.userId}, 'mention', 'A private note for A only', '/account') returning id`);
    const id = rows.rows[0]?.id;
    expectRefused(await b.client.get(`/notifications/${id}/open`), "A private note", "B opens A's notification");
    expect((await b.client.get("/notifications")).body).not.toContain("A private note for A only");
    const after = await p.deps.db.execute<{ read_at: Date | null }>(sql`select read_at from notifications where id = ${id}`);
    expect(after.rows[0]?.read_at).toBeNull();
    // A, its owner, is let through (the id was a real one).
    const own = await a.client.get(`/notifications/${id}/open`);
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe("/account");
  });

  it("keeps a proposal draft and its co-authorship page to its author", async () => {
    const place = await p.deps.db.execute<{ id: string; space_id: string; slug: string }>(sql`
      select c.id, c.space_id, s.slug from components c join spaces s on s.id = c.space_id
      where c.manifest = 'proposals' and s.slug = ${DEMO_SPACES.consultation} order by c.weight, c.id offset 1 limit 1`);
    const c = place.rows[0];
    if (!c) throw new Error("the demo has no free-contributions component");
    const title = "Secret draft of A about bicycle lanes";
    const draft = await createDraft(p.deps.db, a.userId, { componentId: Number(c.id), spaceId: Number(c.space_id) }, { title, body: "A long enough body for a proposal draft written by A.", language: "en" } as Parameters<typeof createDraft>[3]);
    if (!draft.ok) throw new Error("the draft was not created");
    const base = `/spaces/${c.slug}/c/${c.id}/${draft.value.id}`;
    expect((await a.client.get(`${base}/edit`)).statusCode).toBe(200);
    for (const path of ["", "/edit", "/discard", "/withdraw", "/amend"]) expectRefused(await b.client.get(`${base}${path}`), title, `B GETs ${base}${path}`);
    expectRefused(await b.client.get(`/coauthorships/proposal/${draft.value.id}`), title, "B GETs A's co-authorship page");
    for (const path of ["/edit", "/publish", "/discard", "/withdraw"]) expectRefused(await post(b, `${base}${path}`, { title: "Taken over by B", body: "B writes over A's draft with this text.", language: "en" }), title, `B POSTs ${base}${path}`);
    expectRefused(await post(b, `/coauthorships/proposal/${draft.value.id}/invite`, { identifier: "idor-b@authz.example" }), title, "B invites itself");
    const after = await p.deps.db.execute<{ title: Record<string, string>; published: boolean; n: number }>(sql`
      select title, published_at is not null as published, (select count(*)::int from coauthorships where resource_type = 'proposal' and resource_id = ${draft.value.id}) as n from proposals where id = ${draft.value.id}`);
    expect(after.rows[0]).toEqual({ title: { en: title }, published: false, n: 0 });
  });

  it("keeps a petition draft to its author", async () => {
    const type = await p.deps.db.execute<{ id: string; component_id: string }>(sql`select id, component_id from petition_types order by id limit 1`);
    const t = type.rows[0];
    if (!t) throw new Error("the demo has no petition type");
    const title = "Secret petition draft of A on parks";
    const made = await createPetition(p.deps.db, { id: a.userId, ip: "10.9.2.1" }, Number(t.component_id), { typeId: Number(t.id), title, summary: "", body: "A long enough body for a petition draft written by A, not B.", language: "en" });
    if (!made.ok) throw new Error("the petition draft was not created");
    const id = made.value.id;
    expect((await a.client.get(`/petitions/${id}/edit`)).statusCode).toBe(200);
    for (const path of ["", "/edit"]) expectRefused(await b.client.get(`/petitions/${id}${path}`), title, `B GETs /petitions/${id}${path}`);
    expectRefused(await post(b, `/petitions/${id}/edit`, { typeId: t.id, title: "Taken over by B entirely", body: "B writes over A's petition draft with this text.", language: "en" }), title, "B edits A's petition");
    expectRefused(await post(b, `/petitions/${id}/author-transition`, { to: "submitted" }), title, "B submits A's petition");
    const after = await p.deps.db.execute<{ title: string; state: string }>(sql`select title, state from petitions where id = ${id}`);
    expect(after.rows[0]?.state).toBe(made.value.state);
    expect(JSON.stringify(after.rows[0]?.title)).toContain(title);
  });

  it("keeps a budget ballot to its voter: B's requests with A's project touch only B's", async () => {
    const rows = await p.deps.db.execute<{ component_id: string; slug: string; budget_id: string; project_id: string }>(sql`
      select c.id as component_id, s.slug, bu.id as budget_id, pr.id as project_id from budgets bu join components c on c.id = bu.component_id
      join spaces s on s.id = c.space_id join budget_projects pr on pr.budget_id = bu.id where pr.hidden_at is null order by bu.id, pr.id limit 1`);
    const r = rows.rows[0];
    if (!r) throw new Error("the demo has no budget project");
    const base = `/spaces/${r.slug}/c/${r.component_id}/budgets/${r.budget_id}`;
    // The demo asks voters for a census check; voting here needs only an account.
    await p.deps.db.execute(sql`update components set permissions = '{}' where id = ${Number(r.component_id)}`);
    await post(a, `${base}/ballot/add`, { projectId: r.project_id });
    const ballotOf = async (userId: number) => (await p.deps.db.execute<{ items: string[]; checked: boolean }>(sql`
      select coalesce(array_agg(i.project_id::text order by i.project_id) filter (where i.project_id is not null), '{}') as items, bool_or(bb.checked_out_at is not null) as checked
      from budget_ballots bb left join budget_ballot_items i on i.ballot_id = bb.id where bb.budget_id = ${Number(r.budget_id)} and bb.user_id = ${userId}`)).rows[0];
    const before = await ballotOf(a.userId);
    expect(before?.items).toEqual([r.project_id]);
    for (const action of ["remove", "cancel", "checkout", "confirm"]) await post(b, `${base}/ballot/${action}`, { projectId: r.project_id });
    expect(await ballotOf(a.userId)).toEqual(before);
    expect((await b.client.get(base)).body).not.toContain(`value="${a.userId}"`);
  });

  it("keeps a comment's editing and deletion to its author", async () => {
    const rows = await p.deps.db.execute<{ id: string; body: unknown; author_id: string }>(sql`select id, body, author_id from comments where deleted_at is null and hidden_at is null order by id limit 1`);
    const c = rows.rows[0];
    if (!c) throw new Error("the demo has no comment");
    expect(Number(c.author_id)).not.toBe(b.userId);
    const edit = await b.client.get(`/comments/${c.id}/edit`);
    expect([403, 404]).toContain(edit.statusCode);
    expect([403, 404]).toContain((await post(b, `/comments/${c.id}/edit`, { body: "B rewrote A's comment" })).statusCode);
    expect([403, 404]).toContain((await post(b, `/comments/${c.id}/delete`)).statusCode);
    const after = await p.deps.db.execute<{ body: unknown; deleted: boolean }>(sql`select body, deleted_at is not null as deleted from comments where id = ${c.id}`);
    expect(after.rows[0]).toEqual({ body: c.body, deleted: false });
  });

  it("gives B only B's own data export, whatever B adds to its address", async () => {
    const secrets = ["A private note for A only", "Secret draft of A about bicycle lanes", "Secret petition draft of A on parks", "idor-a@authz.example"];
    const own = await a.client.get("/account/data");
    expect(own.statusCode).toBe(200);
    // The export does hold A's things, so their absence from B's below means something.
    for (const secret of secrets) expect(own.body, `A's export holds ${secret}`).toContain(secret);
    for (const path of ["/account/data", `/account/data?user=${a.userId}`, `/account/data?userId=${a.userId}`, `/account/data?id=${a.userId}`, `/account/data/${a.userId}`]) {
      const res = await b.client.get(path);
      expect([200, 404], `${path}: ${res.statusCode}`).toContain(res.statusCode);
      for (const secret of secrets) expect(res.body, `B's ${path} holds ${secret}`).not.toContain(secret);
      if (res.statusCode === 200) expect(res.body).toContain("idor-b@authz.example");
    }
  });
});
