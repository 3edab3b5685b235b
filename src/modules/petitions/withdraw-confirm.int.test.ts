/**
 * Story: an author about to withdraw their petition (irreversible) is asked first, without JavaScript;
 * the back office lists petition types in a table with an Actions column.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient } from "../../core/accounts/testing";
import { DEMO_ADMIN, seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";

let p: TestPlatform;
let author: TestClient;
let petitionId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  // The demo's open petition is the demo administrator's.
  const r = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' limit 1`);
  petitionId = Number(r.rows[0]?.id);
  author = await englishClient(p);
  const res = await author.post("/users/sign-in", { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }, { formPage: "/users/sign-in" });
  if (res.statusCode !== 303) throw new Error("sign-in");
});
afterAll(() => p.stop());

describe("withdrawing one's petition", () => {
  it("asks first: the danger button only opens the question, whose form posts to the existing action", async () => {
    const page = (await author.get(`/petitions/${petitionId}`)).body;
    const box = /<details class="confirm-disclosure">(.*?)<\/details>/s.exec(page)?.[1] ?? "";
    expect(box).toContain('<summary class="button button-danger">Withdraw the petition</summary>');
    expect(box).toContain("Are you sure?");
    expect(box).toContain(`<form method="post" action="/petitions/${petitionId}/author-transition"`);
    expect(box).toContain('<input type="hidden" name="to" value="withdrawn"/>');
    expect(box).toContain(`<a href="/petitions/${petitionId}">Cancel</a>`);
    // No withdrawal form outside the confirmation.
    expect(page.split('value="withdrawn"')).toHaveLength(2);
    const res = await author.post(`/petitions/${petitionId}/author-transition`, { to: "withdrawn" }, { formPage: `/petitions/${petitionId}` });
    expect(res.statusCode).toBe(303);
  });
});

describe("the petition types in the back office", () => {
  it("are a table with an Actions column", async () => {
    const page = (await author.get("/admin/petitions/types")).body;
    expect(page).toContain('<th scope="col">Actions</th>');
    expect(page).toMatch(/<a href="\/admin\/petitions\/types\/\d+">Edit<span class="visually-hidden"> Petition to the Belgian House of Representatives<\/span><\/a>/);
  });
});
