/**
 * The participation kit on proposals, from the manifest's `resources.proposal` alone: comments for and
 * against on a proposal's page (counted by the triggers, so "most commented" orders the list), follows
 * (counted too), endorsements, reports hiding a proposal at the organization's threshold (a 404 to the public, a
 * notice for its author), and the kit's actions gated by the component's step settings.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { proposalsFixture, type ProposalsFixture } from "./testing";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
});
afterAll(() => p.stop());

async function published(f: ProposalsFixture, authorId: number, title: string): Promise<number> {
  const rows = await p.deps.db.execute<{ id: string }>(sql`
    insert into proposals (component_id, author_id, title, body, language, published_at)
    values (${f.component.id}, ${authorId}, ${JSON.stringify({ en: title })}::jsonb, '{"en":"A body long enough to be a proposal."}'::jsonb, 'en', now()) returning id`);
  return Number(rows.rows[0]?.id);
}

const comment = (c: TestClient, f: ProposalsFixture, id: number, body: string, alignment: string) =>
  c.post("/comments", { resourceType: "proposal", resourceId: String(id), body, alignment, return_to: `${f.base}/${id}` }, { formPage: `${f.base}/${id}` });

describe("the participation kit on proposals", () => {
  it("takes comments for and against on a proposal's page, and orders the list by them", async () => {
    const f = await proposalsFixture(p, adminId);
    const author = await signedInClient(p);
    const quiet = await published(f, author.userId, "A quiet proposal");
    const debated = await published(f, author.userId, "A debated proposal");
    const page = await (await englishClient(p)).get(`${f.base}/${debated}`);
    expect(page.body).toContain('id="comments"');
    const a = await signedInClient(p);
    const b = await signedInClient(p);
    expect((await comment(a.client, f, debated, "Yes, and soon.", "in_favour")).statusCode).toBe(303);
    expect((await comment(b.client, f, debated, "No, too costly.", "against")).statusCode).toBe(303);
    const after = await (await englishClient(p)).get(`${f.base}/${debated}`);
    expect(after.body).toContain("Yes, and soon.");
    expect(after.body).toContain("No, too costly.");
    const list = await (await englishClient(p)).get(`${f.base}?sort=most_commented`);
    expect(list.body.indexOf("A debated proposal")).toBeLessThan(list.body.indexOf("A quiet proposal"));
    expect(list.body).toContain("2 comments");
    expect(quiet).toBeGreaterThan(0);

    // Comments switched off in the step: no section, no new comment.
    await f.configure({}, { commentsEnabled: false });
    expect((await (await englishClient(p)).get(`${f.base}/${debated}`)).body).not.toContain('id="comments"');
    const refused = await comment(a.client, f, debated, "Once more.", "neutral");
    expect(refused.statusCode).not.toBe(200);
    const counted = await p.deps.db.execute<{ comments_count: number }>(sql`select comments_count from proposals where id = ${debated}`);
    expect(counted.rows[0]?.comments_count).toBe(2);
  });

  it("follows, endorses, and hides a proposal once reported by enough people", async () => {
    const f = await proposalsFixture(p, adminId);
    const author = await signedInClient(p);
    const id = await published(f, author.userId, "Night buses on weekdays");
    const reader = await signedInClient(p);
    const followed = await reader.client.post("/follows", { resourceType: "proposal", resourceId: String(id), follow: "on" }, { formPage: `${f.base}/${id}` });
    expect(followed.statusCode).toBe(303);
    const page = await reader.client.get(`${f.base}/${id}`);
    expect(page.body).toContain("1 follower");
    expect(page.body).toContain("Stop following");
    const endorsed = await reader.client.post("/endorsements", { resourceType: "proposal", resourceId: String(id), endorse: "on" }, { formPage: `${f.base}/${id}` });
    expect(endorsed.statusCode).toBe(303);
    expect((await reader.client.get(`${f.base}/${id}`)).body).toContain('aria-pressed="true"');
    expect((await reader.client.get(f.base + "?sort=most_followed")).body).toContain("Night buses on weekdays");

    // Three reports (the organization's threshold) hide it: a 404 to the public, the author still sees it with a notice.
    expect(page.body).toContain(`name="resourceId" value="${id}"`);
    expect(page.body).toContain('action="/reports"');
    for (const person of [reader, await signedInClient(p), await signedInClient(p)]) {
      const res = await person.client.post("/reports", { resourceType: "proposal", resourceId: String(id), reason: "spam" }, { formPage: `/reports/new?resourceType=proposal&resourceId=${id}` });
      expect(res.statusCode).toBe(303);
    }
    expect((await (await englishClient(p)).get(`${f.base}/${id}`)).statusCode).toBe(404);
    expect((await (await englishClient(p)).get(f.base)).body).not.toContain("Night buses on weekdays");
    const own = await author.client.get(`${f.base}/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain("moderation-hidden-notice");
  });
});
