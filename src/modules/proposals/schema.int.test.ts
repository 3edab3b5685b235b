/**
 * What the migration adds by hand: the kit's comments and follows keep each proposal's counters in
 * the same transaction, trigram similarity finds near titles in one language, and the stored search
 * vectors find a proposal by a stemmed word in the reader's language.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../core/accounts/users";
import { createTestPlatform, type TestPlatform } from "../../test/platform";

let p: TestPlatform;
let spaceId = 0;
let componentId = 0;
let userId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.deps.db;
  userId = await createUser(db, { email: "writer@example.org", password: "correct horse battery", name: "Writer", confirmed: true, isAdmin: false });
  spaceId = Number((await db.execute<{ id: string }>(sql`insert into spaces (type, slug, title) values ('process', 'schema-test', '{"en":"Schema"}') returning id`)).rows[0]?.id);
  componentId = Number((await db.execute<{ id: string }>(sql`insert into components (space_id, manifest, name) values (${spaceId}, 'proposals', '{"en":"Ideas"}') returning id`)).rows[0]?.id);
});
afterAll(() => p.stop());

async function proposal(title: Record<string, string>, language: string, published = true): Promise<number> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, title, body, language, published_at)
    values (${componentId}, ${userId}, ${JSON.stringify(title)}::jsonb, ${JSON.stringify({ [language]: "A longer body of text." })}::jsonb, ${language}, ${published ? sql`now()` : sql`null`})
    returning id`);
  return Number(rows.rows[0]?.id);
}

const counts = async (id: number) =>
  (await p.deps.db.execute<{ comments_count: number; follows_count: number }>(sql`select comments_count, follows_count from proposals where id = ${id}`)).rows[0];

describe("the proposals schema", () => {
  it("keeps the comment and follow counters with the kit's rows", async () => {
    const id = await proposal({ en: "Benches in the park" }, "en");
    const other = await proposal({ en: "Unrelated" }, "en");
    const db = p.deps.db;
    const comment = (rt: string, rid: number) =>
      db.execute<{ id: string }>(sql`insert into comments (component_id, space_id, resource_type, resource_id, author_id, body) values (${componentId}, ${spaceId}, ${rt}, ${rid}, ${userId}, 'Yes') returning id`);
    const first = Number((await comment("proposal", id)).rows[0]?.id);
    await comment("proposal", id);
    // Another kind's comment with the same id leaves the proposal alone.
    await comment("petition", id);
    expect(await counts(id)).toEqual({ comments_count: 2, follows_count: 0 });
    await db.execute(sql`update comments set hidden_at = now() where id = ${first}`);
    expect((await counts(id))?.comments_count).toBe(1);
    // Deleting a hidden comment does not count it twice; showing it again counts it back.
    await db.execute(sql`update comments set deleted_at = now() where id = ${first}`);
    expect((await counts(id))?.comments_count).toBe(1);
    await db.execute(sql`update comments set hidden_at = null, deleted_at = null where id = ${first}`);
    expect((await counts(id))?.comments_count).toBe(2);
    // An edit of the body changes nothing.
    await db.execute(sql`update comments set body = 'Edited' where id = ${first}`);
    expect((await counts(id))?.comments_count).toBe(2);
    await db.execute(sql`delete from comments where id = ${first}`);
    expect((await counts(id))?.comments_count).toBe(1);

    await db.execute(sql`insert into follows (resource_type, resource_id, user_id, component_id, space_id) values ('proposal', ${id}, ${userId}, ${componentId}, ${spaceId})`);
    await db.execute(sql`insert into follows (resource_type, resource_id, user_id, component_id, space_id) values ('petition', ${other}, ${userId}, ${componentId}, ${spaceId})`);
    expect(await counts(id)).toEqual({ comments_count: 1, follows_count: 1 });
    expect(await counts(other)).toEqual({ comments_count: 0, follows_count: 0 });
    await db.execute(sql`delete from follows where resource_type = 'proposal' and resource_id = ${id}`);
    expect((await counts(id))?.follows_count).toBe(0);
  });

  it("finds similar titles in one language and words through the stored vectors", async () => {
    const fr = await proposal({ fr: "Plus de pistes cyclables dans le centre" }, "fr");
    await proposal({ fr: "Des pistes cyclables sûres dans le centre" }, "fr", false);
    const db = p.deps.db;
    const similar = await db.execute<{ id: string }>(sql`
      select id from proposals where component_id = ${componentId} and published_at is not null and hidden_at is null and withdrawn_at is null
        and (title->>'fr') % ${"Pistes cyclables au centre"}`);
    // The draft is not offered; the published one is.
    expect(similar.rows.map((r) => Number(r.id))).toEqual([fr]);
    const found = await db.execute<{ id: string }>(sql`select id from proposals where published_at is not null and hidden_at is null and search_fr @@ websearch_to_tsquery('french', 'cyclable')`);
    expect(found.rows.map((r) => Number(r.id))).toEqual([fr]);
    // A Dutch reader finds it by its exact words.
    const exact = await db.execute<{ id: string }>(sql`select id from proposals where published_at is not null and hidden_at is null and search_nl @@ websearch_to_tsquery('simple', 'pistes')`);
    expect(exact.rows.map((r) => Number(r.id))).toEqual([fr]);
  });
});
