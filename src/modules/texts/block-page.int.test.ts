/** A block's page runs the same number of queries with one annotation and amendment as with many. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { textFixture, type TextFixture } from "./participation-testing";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
});
afterAll(() => p.stop());

async function fill(f: TextFixture, n: number, authorId: number) {
  for (let i = 0; i < n; i++) {
    await p.deps.db.execute(sql`insert into text_annotations (text_id, author_id, block_id, version_id, exact, start, "end", body, original_block_id, original_version_id)
      values (${f.textId}, ${authorId}, ${f.blocks[0]!}, ${f.versionId}, 'council', 4, 11, ${`note ${i}`}, ${f.blocks[0]!}, ${f.versionId})`);
    await p.deps.db.execute(sql`insert into text_amendments (text_id, version_id, kind, block_id, body, original_body, author_id)
      values (${f.textId}, ${f.versionId}, 'replace', ${f.blocks[0]!}, ${`The council meets ${i} times.`}, 'The council meets monthly.', ${authorId})`);
  }
}

describe("a block's page", () => {
  it("is built in a bounded number of queries", async () => {
    const reader = await signedInClient(p, { name: "Rita Reader" });
    const small = await textFixture(p, adminId, ["The council meets monthly."]);
    const large = await textFixture(p, adminId, ["The council meets monthly."]);
    await fill(small, 1, reader.userId);
    await fill(large, 25, reader.userId);
    const one = await countQueries(p.deps.pool, () => reader.client.get(small.blockHref(0)));
    const many = await countQueries(p.deps.pool, () => reader.client.get(large.blockHref(0)));
    expect(one.result.statusCode).toBe(200);
    expect(many.result.body).toContain("note 24");
    expect(many.count).toBe(one.count);
  });
});
