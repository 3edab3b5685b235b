/**
 * The adoption vote: opened and closed by the editors only (audited); only the space's members vote
 * (sitting assembly members and admitted private users), once each (a second vote replaces the first);
 * a secret vote shows counts only, a public one the names; closing records the result on the version.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { textFixture, type TextFixture } from "./participation-testing";
import { publishDraft } from "./publish";
import { saveDraft } from "./service";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  admin = a.client;
  adminId = a.userId;
});
afterAll(() => p.stop());

async function members(f: TextFixture) {
  const ana = await signedInClient(p, { name: "Ana Assembly" });
  const bea = await signedInClient(p, { name: "Bea Private" });
  const cid = await signedInClient(p, { name: "Cid Ceased" });
  const out = await signedInClient(p, { name: "Olga Outsider" });
  await p.deps.db.execute(sql`insert into assembly_members (space_id, user_id, name) values (${f.space.id}, ${ana.userId}, 'Ana Assembly')`);
  await p.deps.db.execute(sql`insert into assembly_members (space_id, user_id, name, ceased_at) values (${f.space.id}, ${cid.userId}, 'Cid Ceased', '2026-01-01')`);
  await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${f.space.id}, ${bea.userId})`);
  return { ana: ana.client, bea: bea.client, cid: cid.client, out: out.client };
}

describe("the adoption vote", () => {
  it("is restricted to members, secret (counts only), and its result is recorded on the version", async () => {
    const f = await textFixture(p, adminId, ["# Article 1", "The commune is governed by its residents."]);
    const m = await members(f);
    const page = `${f.textHref}/adoption`;
    const vote = (c: TestClient, choice: string) => c.post(`${page}/vote`, { choice }, { formPage: page });

    expect((await vote(m.ana, "for")).statusCode).toBe(422);
    expect((await m.ana.post(`${page}/open`, { secret: "on" }, { formPage: page })).statusCode).toBe(404);
    expect((await admin.post(`${page}/open`, { secret: "on" }, { formPage: page })).statusCode).toBe(303);

    expect((await vote(m.ana, "against")).statusCode).toBe(303);
    expect((await vote(m.ana, "for")).statusCode).toBe(303);
    expect((await vote(m.bea, "abstain")).statusCode).toBe(303);
    const outsider = await vote(m.out, "against");
    expect(outsider.statusCode).toBe(422);
    expect(outsider.body).toContain("Only the space’s members vote on the adoption of the text.");
    expect((await vote(m.cid, "against")).statusCode).toBe(422);
    const ballots = await p.deps.db.execute<{ choice: string }>(sql`select choice from text_adoption_ballots where version_id = ${f.versionId} order by choice`);
    expect(ballots.rows.map((r) => r.choice)).toEqual(["abstain", "for"]);
    // While open: how many voted, never how.
    const during = await (await englishClient(p)).get(page);
    expect(during.body).toContain("2 members have voted.");
    expect(during.body).not.toContain("Ana Assembly");

    const closed = await admin.post(`${page}/close`, {}, { formPage: page });
    expect(closed.statusCode).toBe(303);
    const version = await p.deps.db.execute<{ adoption: unknown; adopted: boolean }>(sql`select adoption, adopted_at is not null as adopted from text_versions where id = ${f.versionId}`);
    expect(version.rows[0]).toEqual({ adoption: { for: 1, against: 0, abstain: 1, electorate: 2, adopted: true }, adopted: true });
    const after = await (await englishClient(p)).get(page);
    expect(after.body).toContain("The text was adopted");
    expect(after.body).not.toContain("Ana Assembly");
    expect((await vote(m.bea, "for")).statusCode).toBe(422);

    const audited = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'text' and resource_id = ${String(f.textId)} order by id`);
    expect(audited.rows.map((r) => r.action)).toEqual(["text_adoption.open", "text_adoption.close"]);
  });

  it("shows who voted what once a public vote closes; a tie is not adopted", async () => {
    const f = await textFixture(p, adminId, ["The commune is governed by its residents."]);
    const m = await members(f);
    const page = `${f.textHref}/adoption`;
    await admin.post(`${page}/open`, {}, { formPage: page });
    await m.ana.post(`${page}/vote`, { choice: "for" }, { formPage: page });
    await m.bea.post(`${page}/vote`, { choice: "against" }, { formPage: page });
    await admin.post(`${page}/close`, {}, { formPage: page });
    const after = await (await englishClient(p)).get(page);
    expect(after.body).toContain("The text was not adopted");
    expect(after.body).toContain("Ana Assembly: For");
    expect(after.body).toContain("Bea Private: Against");
    const version = await p.deps.db.execute<{ adopted_at: Date | null }>(sql`select adopted_at from text_versions where id = ${f.versionId}`);
    expect(version.rows[0]?.adopted_at).toBeNull();
  });

  it("belongs to the version it opened on: publishing a new version is refused while the vote is open", async () => {
    const f = await textFixture(p, adminId, ["The commune is governed by its residents."]);
    const m = await members(f);
    const page = `${f.textHref}/adoption`;
    const actor = { id: adminId, ip: null };
    const place = { componentId: f.component.id, spaceId: f.space.id };
    await saveDraft(p.deps.db, actor, place, f.textId, "The commune is governed by all its residents.");
    await admin.post(`${page}/open`, {}, { formPage: page });
    await m.ana.post(`${page}/vote`, { choice: "for" }, { formPage: page });

    const adminBase = `/admin/spaces/${f.space.id}/components/${f.component.id}/manage`;
    const refused = await admin.post(`${adminBase}/${f.textId}/publish`, { "reason.en": "Second reading" }, { formPage: `${adminBase}/${f.textId}/publish` });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("The adoption vote on the current version is open: close it before publishing a new version.");
    const current = async () => (await p.deps.db.execute<{ v: string }>(sql`select current_version_id as v from texts where id = ${f.textId}`)).rows[0]?.v;
    expect(await current()).toBe(String(f.versionId));

    await admin.post(`${page}/close`, {}, { formPage: page });
    const version = await p.deps.db.execute<{ adoption: unknown }>(sql`select adoption from text_versions where id = ${f.versionId}`);
    expect(version.rows[0]?.adoption).toEqual({ for: 1, against: 0, abstain: 0, electorate: 2, adopted: true });
    const published = await publishDraft(p.deps.db, actor, place, f.textId, { en: "Second reading" });
    expect(published.ok).toBe(true);
    expect(await current()).not.toBe(String(f.versionId));
  });
});
