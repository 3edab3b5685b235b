/**
 * The personal data lifecycle of a signer with an account: sign, follow, download everything, delete
 * the account; the signature stays counted but nothing identifies the person any more, in the
 * component's tables or in the job queue's.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { runPetitionTick } from "./counts";

let p: TestPlatform;
let petitionId: number;
beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const row = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' order by id limit 1`);
  petitionId = Number(row.rows[0]?.id);
}, 120_000);
afterAll(() => p.stop());

const total = async () => {
  await runPetitionTick(p.deps);
  const res = await p.app.inject({ method: "GET", url: `/api/petitions/${petitionId}` });
  return (JSON.parse(res.body) as { data: { counts: { total: number } } }).data.counts.total;
};

describe("a signer's personal data", () => {
  it("is all in the download, and erased or anonymised when the account is deleted", async () => {
    const email = "gdpr.signer@example.org";
    const me = await signedInClient(p, { email, name: "Greta Dupont" });
    const before = await total();
    const signed = await me.client.post(`/petitions/${petitionId}/sign`, { name: "Greta Dupont", birthDate: "14/03/1985", postalCode: "1000" }, { formPage: `/petitions/${petitionId}` });
    expect(signed.statusCode).toBe(303);
    expect(await total()).toBe(before + 1);
    // Signing followed it (the account follows what it takes part in): the page offers to stop.
    expect((await me.client.get(`/petitions/${petitionId}`)).body).toContain('<input type="hidden" name="follow" value="off"');
    expect((await me.client.post(`/petitions/${petitionId}/follow`, { follow: "on" }, { formPage: `/petitions/${petitionId}` })).statusCode).toBe(303);

    const data = JSON.parse((await me.client.get("/account/data")).body) as { petitions: { signatures: Array<Record<string, unknown>> }; follows: unknown[] };
    expect(data.petitions.signatures).toHaveLength(1);
    expect(data.petitions.signatures[0]).toMatchObject({ petitionId, email, birthDate: "1985-03-14", postalCode: "1000", region: "BE-BRU", state: "confirmed" });
    // Signing followed it already (follow what I take part in); following again changes nothing.
    expect(data.follows).toEqual([expect.objectContaining({ resourceType: "petition", resourceId: petitionId })]);

    // A mail job that still carries the address (as a queued confirmation would).
    await p.deps.jobs.send("mail.send.parked", { to: email, subject: "x", text: "y" }, { startAfterSeconds: 3600 });
    const deletionPage = await me.client.get("/account/delete");
    expect(deletionPage.body).toContain("stay counted");
    expect((await me.client.post("/account/delete", { current_password: me.password }, { formPage: "/account/delete" })).statusCode).toBe(303);

    // Still counted, with its region, but nobody's.
    expect(await total()).toBe(before + 1);
    const rows = await p.deps.db.execute<Record<string, unknown>>(sql`select user_id, email, name, birth_date, postal_code, region, state, ip from petition_signatures where petition_id = ${petitionId} and region = 'BE-BRU' and email = ''`);
    expect(rows.rows).toEqual([{ user_id: null, email: "", name: "", birth_date: null, postal_code: "", region: "BE-BRU", state: "confirmed", ip: null }]);
    const traces = await p.deps.db.execute<{ n: number }>(sql`
      select (select count(*) from petition_signatures where email = ${email} or canonical_email = ${email} or user_id = ${me.userId})
           + (select count(*) from follows where user_id = ${me.userId})
           + (select count(*) from mail_outbox where "to" = ${email})
           + (select count(*) from users where email = ${email})
           + (select count(*) from pnyx_jobs.job where data::text ilike ${"%" + email + "%"})
           + (select count(*) from pnyx_jobs.archive where data::text ilike ${"%" + email + "%"}) as n`);
    expect(Number(traces.rows[0]?.n)).toBe(0);
  });

  it("lets the services see the dashboard's petition figures", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const page = await admin.client.get("/admin");
    expect(page.body).toMatch(/<dt>Petitions<\/dt><dd>\d+<\/dd>/);
    expect(page.body).toMatch(/<dt>Signatures<\/dt><dd>[\d,]+<\/dd>/);
  });
});
