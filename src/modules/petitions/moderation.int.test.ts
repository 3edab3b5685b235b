/**
 * A petition hidden by moderation (three reports from different people) disappears from every public
 * place: its page, the lists, search, open data, the JSON API, the live stream and signing; its author
 * and the space's staff still see it with a notice. A moderator shows it again, or corrects its title.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { assignRole } from "../../core/spaces/roles-service";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";

let p: TestPlatform;
let author: Awaited<ReturnType<typeof signedInClient>>;
let id: number;
let spaceId: number;
const TITLE = "Serve free pistachio ice cream in every park";

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  author = await signedInClient(p, { name: "Paula Author" });
  const row = await p.deps.db.execute<{ id: string; space_id: string }>(sql`
    insert into petitions (component_id, type_id, author_id, title, body, language, sponsor_token, state, published_at, signing_ends_at)
    select p.component_id, p.type_id, ${author.userId}, ${TITLE}, 'Every park deserves pistachio ice cream, served free on summer days.', 'en', 'moderation-test-token-123', 'published', now(), now() + interval '30 days'
    from petitions p where p.state = 'published' order by p.id limit 1
    returning id, (select c.space_id from components c where c.id = component_id) as space_id`);
  id = Number(row.rows[0]?.id);
  spaceId = Number(row.rows[0]?.space_id);
}, 120_000);
afterAll(() => p.stop());

const visitor = () => englishClient(p);

/** Every public place where the petition could show, as a visitor sees them. */
async function publicPlaces() {
  const c = await visitor();
  const [page, api, list, apiList, search, csv] = await Promise.all([
    c.get(`/petitions/${id}`),
    c.get(`/api/petitions/${id}`),
    c.get("/petitions?q=pistachio"),
    c.get("/api/petitions?q=pistachio"),
    c.get("/search?q=pistachio"),
    c.get("/petitions.csv"),
  ]);
  return { page: page.statusCode, api: api.statusCode, list: list.body.includes(TITLE), apiList: apiList.body.includes(TITLE), search: search.body.includes(TITLE), csv: csv.body.includes(TITLE) };
}

describe("a petition hidden by moderation", () => {
  it("is reported from its page, hidden after three people, gone from every public place, and seen by its author and staff", async () => {
    expect(await publicPlaces()).toEqual({ page: 200, api: 200, list: true, apiList: true, search: true, csv: true });
    // The Report disclosure is on the page for others, not for the author.
    const reader = await signedInClient(p);
    const page = await reader.client.get(`/petitions/${id}`);
    expect(page.body).toContain('<details class="report-disclosure"><summary>Report</summary>');
    expect(page.body).toContain(`name="resourceType" value="petition"`);
    expect((await author.client.get(`/petitions/${id}`)).body).not.toContain("report-disclosure");
    // A visitor's Report link leads to sign in, then back to the form.
    expect((await (await visitor()).get(`/petitions/${id}`)).body).toContain(`href="/reports/new?resourceType=petition&amp;resourceId=${id}"`);

    for (const reason of ["spam", "offensive", "does_not_belong"]) {
      const person = await signedInClient(p);
      const res = await person.client.post("/reports", { resourceType: "petition", resourceId: String(id), reason }, { formPage: `/petitions/${id}` });
      expect(res.statusCode).toBe(303);
    }
    const hidden = await p.deps.db.execute<{ hidden: boolean }>(sql`select hidden_at is not null as hidden from petitions where id = ${id}`);
    expect(hidden.rows[0]?.hidden).toBe(true);
    expect(await publicPlaces()).toEqual({ page: 404, api: 404, list: false, apiList: false, search: false, csv: false });
    expect((await reader.client.get(`/petitions/${id}`)).statusCode).toBe(404);
    // The signing rules are cached two seconds; past them, neither the stream nor signing opens.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await (await visitor()).get(`/petitions/${id}/events`)).statusCode).toBe(404);
    const sign = await reader.client.post(`/petitions/${id}/sign`, { name: "Late Signer" }, { formPage: `/petitions/new` });
    expect(sign.statusCode).toBe(404);

    const own = await author.client.get(`/petitions/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain("This is hidden by the moderators");
    const admin = await signedInClient(p, { isAdmin: true });
    expect((await admin.client.get(`/petitions/${id}`)).statusCode).toBe(200);
    const moderator = await signedInClient(p);
    const role = await assignRole(p.deps.db, { id: 0, ip: null }, spaceId, moderator.email, "moderator");
    expect(role.ok).toBe(true);
    expect((await moderator.client.get(`/petitions/${id}`)).statusCode).toBe(200);

    // The moderator finds it in the queue, corrects its title with a note and shows it again.
    const queue = await moderator.client.get(`/admin/spaces/${spaceId}/moderation`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(TITLE);
    expect(queue.body).toContain("Petition");
    const moderation = Number((await p.deps.db.execute<{ id: string }>(sql`select id from moderations where resource_type = 'petition' and resource_id = ${id}`)).rows[0]?.id);
    const titled = await moderator.client.post(`/admin/moderation/${moderation}/title`, { title: "Serve ice cream in every park", note: "A brand name removed" }, { formPage: `/admin/moderation/${moderation}/title` });
    expect(titled.statusCode).toBe(303);
    const shown = await moderator.client.post(`/admin/moderation/${moderation}/unhide`, { note: "Harmless" }, { formPage: `/admin/spaces/${spaceId}/moderation` });
    expect(shown.statusCode).toBe(303);
    const back = await (await visitor()).get(`/petitions/${id}`);
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain("Serve ice cream in every park");
    expect((await (await visitor()).get(`/api/petitions/${id}`)).statusCode).toBe(200);
    const audit = await p.deps.db.execute<{ action: string; after: Record<string, unknown> }>(sql`select action, after from audit_log where resource_type = 'petition' and resource_id = ${String(id)} order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(["moderation.auto_hide", "moderation.title", "moderation.unhide"]);
    expect(audit.rows[1]?.after).toEqual({ title: "Serve ice cream in every park", note: "A brand name removed" });
  });
});
