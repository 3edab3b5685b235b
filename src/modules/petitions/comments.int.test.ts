/**
 * Petitions use the core's comments: the demo petition's discussion in four languages on its page,
 * commenting from it (sides asked), and a page that costs the same number of queries with the demo's
 * ten comments and with thousands.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { forgetCounts } from "../../core/comments/counts-cache";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { forgetSigningInfo } from "./cache";

let p: TestPlatform;
let petitionId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const [row] = (await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' order by id limit 1`)).rows;
  petitionId = Number(row?.id);
}, 120_000);
afterAll(() => p.stop());

describe("comments on a petition", () => {
  it("shows the demo's discussion in four languages, with sides, replies, a mention, a safe link and votes", async () => {
    const visitor = await englishClient(p);
    const page = await visitor.get(`/petitions/${petitionId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<h2 id="comments-title">10 comments<\/h2>/);
    expect(page.body).toContain("In favour: 2 · Against: 1 · Neutral: 1");
    for (const words of ["Dans ma rue à Schaerbeek", "Helemaal mee eens", "How would the 2030 target be measured", "Fassadengärten"]) expect(page.body).toContain(words);
    expect(page.body).toContain('<strong class="comment-mention">@SophieJanssens</strong>');
    expect(page.body).toContain('<a href="https://environnement.brussels/" rel="nofollow ugc noopener">https://environnement.brussels</a>');
    expect(page.body).toContain("comment-depth-2");
    expect(page.body).toContain('<span class="visually-hidden">4 up votes, 0 down votes</span>');
    expect(page.body).toContain("Sign in to comment");
    expect(page.body).toContain(`data-comments-events="/comments/petition/${petitionId}/events"`);
    // Sorted by rating through the query string, links working without JavaScript.
    const best = await visitor.get(`/petitions/${petitionId}?comments_sort=best`);
    expect(best.body.indexOf("Dans ma rue à Schaerbeek")).toBeLessThan(best.body.indexOf("How would the 2030 target"));
    expect(best.body).toContain(`href="/petitions/${petitionId}?comments_sort=recent#comments"`);
  });

  it("lets a participant comment from the petition's page, taking a side", async () => {
    const me = await signedInClient(p, { name: "Nora Vermeulen" });
    const page = await me.client.get(`/petitions/${petitionId}`);
    expect(page.body).toContain('<form method="post" action="/comments" class="form comment-form" id="comment-new"');
    expect(page.body).toContain('name="alignment" value="against"');
    const res = await me.client.post("/comments", { resourceType: "petition", resourceId: String(petitionId), body: "Et les racines sous les trottoirs ?", alignment: "against", return_to: `/petitions/${petitionId}` }, { formPage: `/petitions/${petitionId}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/petitions/${petitionId}\\?comments_sort=recent#comment-\\d+$`));
    const after = await me.client.get(String(res.headers.location).split("#")[0] ?? "");
    expect(after.body).toContain("Et les racines sous les trottoirs ?");
    expect(after.body).toContain("In favour: 2 · Against: 2 · Neutral: 1");
  });

  it("reads the page in the same number of queries with ten comments and with three thousand", async () => {
    const visitor = await englishClient(p);
    // The discussion's counts and the signing rules are kept two seconds: forgotten before each request,
    // so that every run reads them (a busy machine would otherwise see them expire between two runs).
    const fresh = () => {
      forgetCounts(p.deps.db, { type: "petition", id: petitionId });
      forgetSigningInfo(p.deps.db, petitionId);
    };
    const measure = async () => (await countQueries(p.deps.pool, () => (fresh(), visitor.get(`/petitions/${petitionId}?comments_sort=discussed`)))).count;
    const small = await measure();
    const [petition] = (await p.deps.db.execute<{ component_id: string; space_id: string }>(sql`select p.component_id, c.space_id from petitions p join components c on c.id = p.component_id where p.id = ${petitionId}`)).rows;
    await p.deps.db.execute(sql`
      with made as (
        insert into comments (component_id, space_id, resource_type, resource_id, author_id, body, up_votes, replies_count)
        select ${petition?.component_id}, ${petition?.space_id}, 'petition', ${petitionId}, (select min(id) from users), 'Bulk comment ' || i, i % 5, 0
        from generate_series(1, 3000) i returning id)
      update comments c set root_id = c.id from made where made.id = c.id`);
    await p.deps.db.execute(sql`analyze comments`);
    expect(await measure()).toBe(small);
  });
});
