/**
 * GET /api/debates?space=<slug> and GET /api/debates/:id: a public space's debates (hidden ones,
 * members-only areas and private spaces are not there), newest first, twenty a page, exactly the
 * documented shape (comments for, against and neutral; the conclusion once closed), problem details for
 * an unknown space or a bad page, a bounded number of queries, both operations in the OpenAPI document.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { debateListResponse, debateResponse } from "./api-schemas";
import { debatesFixture, type DebatesFixture } from "./testing";

let p: TestPlatform;
let adminId = 0;
let c: TestClient;
let f: DebatesFixture;
const ids: Record<string, number> = {};

async function add(g: DebatesFixture, title: string, opts: { authorId?: number; hidden?: boolean; minutesAgo?: number; closed?: boolean } = {}): Promise<number> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into debates (component_id, author_id, title, description, language, created_at, hidden_at, closed_at, conclusion)
    values (${g.component.id}, ${opts.authorId ?? null}, ${JSON.stringify({ en: title })}::jsonb, '{"en":"What do we think?"}'::jsonb, 'en',
      now() - make_interval(mins => ${opts.minutesAgo ?? 0}), ${opts.hidden ? sql`now()` : sql`null`}, ${opts.closed ? sql`now()` : sql`null`},
      ${opts.closed ? sql`'{"en":"We agreed on it."}'::jsonb` : sql`'{}'::jsonb`})
    returning id`);
  return Number(rows.rows[0]?.id);
}

async function comment(g: DebatesFixture, debateId: number, authorId: number, alignment: number, depth = 0) {
  await p.deps.db.execute(sql`
    insert into comments (component_id, space_id, resource_type, resource_id, author_id, body, alignment, depth)
    values (${g.component.id}, ${g.space.id}, 'debate', ${debateId}, ${authorId}, 'An opinion.', ${alignment}, ${depth})`);
}

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
  c = await englishClient(p);
  f = await debatesFixture(p, adminId);
  const participant = await signedInClient(p, { name: "Paula Participant" });
  ids.old = await add(f, "An older debate", { minutesAgo: 60, closed: true });
  ids.recent = await add(f, "A recent debate", { minutesAgo: 10, authorId: participant.userId });
  ids.hidden = await add(f, "A hidden debate", { hidden: true });
  for (const alignment of [1, 1, -1, 0]) await comment(f, ids.recent, participant.userId, alignment);
  await comment(f, ids.recent, participant.userId, 1, 1);
});
afterAll(() => p.stop());

describe("the debates API", () => {
  it("lists a public space's debates, newest first, in the documented shape", async () => {
    const res = await c.get(`/api/debates?space=${f.space.slug}`);
    expect(res.statusCode).toBe(200);
    const body = debateListResponse.parse(res.json());
    expect(body.data.map((x) => x.id)).toEqual([ids.recent, ids.old]);
    expect(body.meta).toEqual({ total: 2, page: 1, pageSize: 20 });
    expect(body.data[0]).toMatchObject({ title: { en: "A recent debate" }, official: false, author: "Paula Participant", closedAt: null, conclusion: null, comments: { total: 5, inFavour: 2, against: 1, neutral: 1 }, componentId: f.component.id });
    expect(body.data[0]?.url).toBe(`http://pnyx.test${f.base}/${ids.recent}`);
    expect(body.data[1]).toMatchObject({ official: true, author: null, conclusion: { en: "We agreed on it." } });
    const one = debateResponse.parse((await c.get(`/api/debates/${ids.old}`)).json());
    expect(one.data.id).toBe(ids.old);
  });

  it("answers problems for hidden debates, members-only areas, unknown or private spaces and bad pages", async () => {
    for (const id of [ids.hidden, 999_999]) {
      const res = await c.get(`/api/debates/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await c.get("/api/debates?space=no-such-space")).statusCode).toBe(404);
    expect((await c.get(`/api/debates?space=${f.space.slug}&page=abc`)).statusCode).toBe(400);
    expect((await c.get("/api/debates")).statusCode).toBe(400);
    const committee = await debatesFixture(p, adminId, { global: { membersOnly: true } });
    const secret = await add(committee, "A committee's own debate");
    expect(debateListResponse.parse((await c.get(`/api/debates?space=${committee.space.slug}`)).json()).data).toEqual([]);
    expect((await c.get(`/api/debates/${secret}`)).statusCode).toBe(404);
    await p.deps.db.execute(sql`update spaces set is_private = true where id = ${committee.space.id}`);
    expect((await c.get(`/api/debates?space=${committee.space.slug}`)).statusCode).toBe(404);
  });

  it("pages by twenty in a bounded number of queries, and is documented", async () => {
    const g = await debatesFixture(p, adminId);
    await add(g, "The first debate", { minutesAgo: 1 });
    const small = await countQueries(p.deps.pool, () => c.get(`/api/debates?space=${g.space.slug}`));
    await p.deps.db.execute(sql`
      insert into debates (component_id, title, description, language, created_at)
      select ${g.component.id}, jsonb_build_object('en', 'Bulk debate ' || i), '{"en":"In bulk."}'::jsonb, 'en', now() - make_interval(days => i) from generate_series(1, 25) i`);
    const large = await countQueries(p.deps.pool, () => c.get(`/api/debates?space=${g.space.slug}`));
    expect(large.count).toBe(small.count);
    expect(debateListResponse.parse(large.result.json()).data.length).toBe(20);
    const second = debateListResponse.parse((await c.get(`/api/debates?space=${g.space.slug}&page=2`)).json());
    expect(second.data.length).toBe(6);
    expect(second.meta.total).toBe(26);
    expect(second.data.at(-1)?.title.en).toBe("Bulk debate 25");
    const doc = (await c.get("/api/openapi.json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/debates", "/api/debates/{id}"]));
  });
});
