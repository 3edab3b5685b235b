/**
 * GET /api/proposals?space=<slug> and GET /api/proposals/:id: a public space's published proposals
 * (drafts, hidden ones and private spaces are not there), twenty a page, exactly the documented shape,
 * problem details for an unknown space or a bad page, supports hidden where the step hides them, and
 * both operations in the OpenAPI document.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { proposalListResponse, proposalResponse } from "./api-schemas";
import { listStates } from "./states";
import { proposalsFixture, type ProposalsFixture } from "./testing";

let p: TestPlatform;
let adminId = 0;
let c: TestClient;
let f: ProposalsFixture;
const ids: Record<string, number> = {};

async function add(title: Record<string, string>, opts: { published?: boolean; hidden?: boolean; minutesAgo?: number } = {}): Promise<number> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, title, body, language, published_at, hidden_at, supports_count, comments_count)
    values (${f.component.id}, ${adminId}, ${JSON.stringify(title)}::jsonb, '{"en":"Body of the proposal."}', ${Object.keys(title)[0] ?? "en"},
      ${opts.published === false ? sql`null` : sql`now() - make_interval(mins => ${opts.minutesAgo ?? 0})`}, ${opts.hidden ? sql`now()` : sql`null`}, 4, 2)
    returning id`);
  return Number(rows.rows[0]?.id);
}

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true, name: "Ada Admin" })).userId;
  c = await englishClient(p);
  f = await proposalsFixture(p, adminId);
  ids.old = await add({ en: "Older idea" }, { minutesAgo: 60 });
  ids.answered = await add({ en: "Answered idea", fr: "Idée avec réponse" }, { minutesAgo: 30 });
  ids.draft = await add({ en: "A draft" }, { published: false });
  ids.hidden = await add({ en: "A hidden one" }, { hidden: true });
  const accepted = (await listStates(p.deps.db, f.component.id)).find((s) => s.token === "accepted");
  await p.deps.db.execute(sql`update proposals set state_id = ${accepted?.id ?? 0}, state_published_at = now(), answer = '{"en":"Yes, next year."}' where id = ${ids.answered}`);
});
afterAll(() => p.stop());

describe("the proposals API", () => {
  it("lists a public space's published proposals, newest first, in the documented shape", async () => {
    const res = await c.get(`/api/proposals?space=${f.space.slug}`);
    expect(res.statusCode).toBe(200);
    const body = proposalListResponse.parse(res.json());
    expect(body.data.map((x) => x.id)).toEqual([ids.answered, ids.old]);
    expect(body.meta).toEqual({ total: 2, page: 1, pageSize: 20 });
    const answered = body.data[0];
    expect(answered).toMatchObject({ title: { en: "Answered idea", fr: "Idée avec réponse" }, state: "accepted", answer: { text: { en: "Yes, next year." } }, supports: 4, comments: 2, authors: ["Ada Admin"], componentId: f.component.id });
    expect(answered?.url).toBe(`http://pnyx.test${f.base}/${ids.answered}`);
    expect(body.data[1]?.state).toBe("not_answered");
    const one = await c.get(`/api/proposals/${ids.old}`);
    expect(proposalResponse.parse(one.json()).data.id).toBe(ids.old);
  });

  it("answers problems for drafts, hidden proposals, unknown or private spaces and bad pages", async () => {
    for (const id of [ids.draft, ids.hidden, 999_999]) {
      const res = await c.get(`/api/proposals/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await c.get("/api/proposals?space=no-such-space")).statusCode).toBe(404);
    expect((await c.get(`/api/proposals?space=${f.space.slug}&page=abc`)).statusCode).toBe(400);
    expect((await c.get("/api/proposals")).statusCode).toBe(400);
    const hidden = await proposalsFixture(p, adminId, { isPrivate: true });
    await p.deps.db.execute(sql`insert into proposals (component_id, author_id, title, body, language, published_at) values (${hidden.component.id}, ${adminId}, '{"en":"Members only"}', '{"en":"Body."}', 'en', now())`);
    expect((await c.get(`/api/proposals?space=${hidden.space.slug}`)).statusCode).toBe(404);
  });

  it("hides supports where the step hides counts, pages by twenty, and is documented", async () => {
    await f.configure({}, { supportCountsHidden: true });
    const res = proposalListResponse.parse((await c.get(`/api/proposals?space=${f.space.slug}`)).json());
    expect(res.data.every((x) => x.supports === null)).toBe(true);
    await p.deps.db.execute(sql`insert into proposals (component_id, author_id, title, body, language, published_at) select ${f.component.id}, ${adminId}, jsonb_build_object('en', 'Bulk ' || i), '{"en":"Body."}', 'en', now() - make_interval(days => i) from generate_series(1, 25) i`);
    const second = proposalListResponse.parse((await c.get(`/api/proposals?space=${f.space.slug}&page=2`)).json());
    expect(second.data.length).toBe(7);
    expect(second.meta.total).toBe(27);
    const doc = (await c.get("/api/openapi.json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/proposals", "/api/proposals/{id}"]));
  });

  it("offers the published proposals as open data (CSV), without drafts or hidden ones", async () => {
    const listing = await c.get("/open-data");
    expect(listing.body).toContain('href="/open-data/proposals.csv"');
    const res = await c.get("/open-data/proposals.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe("id,url,space,component_id,title,language,official,category,scope,state,answer,cost_eur,published_at,withdrawn_at,answered_at,supports,comments,follows,amendments");
    expect(res.body).toContain("Answered idea");
    expect(res.body).toContain("accepted,\"Yes, next year.\"");
    expect(res.body).not.toContain("A draft");
    expect(res.body).not.toContain("A hidden one");
    expect(res.body).not.toContain("Members only");
  });

  it("counts each proposal's published amendments, in the API and as the open data's last column, unless the step keeps them to their amenders", async () => {
    const g = await proposalsFixture(p, adminId);
    const amended = (
      await p.deps.db.execute<{ id: string }>(sql`
        insert into proposals (component_id, author_id, title, body, language, published_at) values (${g.component.id}, ${adminId}, '{"en":"An amended idea"}', '{"en":"Body."}', 'en', now()) returning id`)
    ).rows[0]?.id;
    const amender = await signedInClient(p);
    // Counted: evaluating, accepted, rejected; not: a draft, a withdrawn one, a hidden one.
    for (const [state, published, hidden] of [["evaluating", true, false], ["accepted", true, false], ["rejected", true, false], ["draft", false, false], ["withdrawn", true, false], ["evaluating", true, true]] as const)
      await p.deps.db.execute(sql`
        insert into proposal_amendments (proposal_id, component_id, amender_id, state, title, body, language, base_title, base_body, published_at, hidden_at)
        values (${amended}, ${g.component.id}, ${amender.userId}, ${state}, 'A better title', 'A better body.', 'en', 'An amended idea', 'Body.',
          ${published ? sql`now()` : sql`null`}, ${hidden ? sql`now()` : sql`null`})`);
    const list = proposalListResponse.parse((await c.get(`/api/proposals?space=${g.space.slug}`)).json());
    expect(list.data.map((x) => [x.id, x.amendments])).toEqual([[Number(amended), 3]]);
    expect(proposalResponse.parse((await c.get(`/api/proposals/${amended}`)).json()).data.amendments).toBe(3);
    const csvRow = async () => (await c.get("/open-data/proposals.csv")).body.split("\r\n").find((l) => l.startsWith(`${amended},`)) ?? "";
    expect((await csvRow()).split(",").at(-1)).toBe("3");

    await g.configure({}, { amendmentsVisibility: "participants" });
    expect(proposalResponse.parse((await c.get(`/api/proposals/${amended}`)).json()).data.amendments).toBeNull();
    expect((await csvRow()).split(",").at(-1)).toBe("");
  });
});
