/**
 * Amendments: proposed on a block (closed unless the phase opens them), shown as a word diff with the
 * proposed wording in full; one reaction per person (changed, withdrawn); the editors (space admins)
 * accept or reject with a reason, audited; others cannot decide; accepted amendments go into the next
 * draft through applyAcceptedAmendments, and markAmendmentsApplied records the version.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { applyAcceptedAmendments, applyAmendments, markAmendmentsApplied } from "./amendments";
import { textFixture } from "./participation-testing";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;
let ana: TestClient;
let bob: TestClient;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  admin = a.client;
  adminId = a.userId;
  ana = (await signedInClient(p, { name: "Ana Amender" })).client;
  bob = (await signedInClient(p, { name: "Bob Backer" })).client;
});
afterAll(() => p.stop());

const amendmentIds = async (textId: number) => (await p.deps.db.execute<{ id: string }>(sql`select id from text_amendments where text_id = ${textId} order by id`)).rows.map((r) => Number(r.id));

describe("amendments", () => {
  it("are refused while the phase closes them, then proposed with a word diff and the proposed wording in full", async () => {
    const f = await textFixture(p, adminId, ["The council meets every month in public."]);
    const closed = await ana.post(`${f.blockHref(0)}/amendments`, { kind: "replace", body: "The council meets every week in public." }, { formPage: f.blockHref(0) });
    expect(closed.statusCode).toBe(403);
    await f.stepSettings({ amendmentsEnabled: true });

    const same = await ana.post(`${f.blockHref(0)}/amendments`, { kind: "replace", body: "The council meets every month in public." }, { formPage: f.blockHref(0) });
    expect(same.statusCode).toBe(422);
    expect(same.body).toContain("The wording you propose is the paragraph’s current wording: change it.");

    const posted = await ana.post(`${f.blockHref(0)}/amendments`, { kind: "replace", body: "The council meets every week in public.", explanation: "More often." }, { formPage: f.blockHref(0) });
    expect(posted.statusCode).toBe(303);
    const [id] = await amendmentIds(f.textId);
    expect(posted.headers.location).toBe(`${f.textHref}/amendments/${id}`);
    const page = await (await englishClient(p)).get(`${f.textHref}/amendments/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<del><span class="visually-hidden">\[removed: <\/span>month<span class="visually-hidden">\]<\/span><\/del>/);
    expect(page.body).toMatch(/<ins><span class="visually-hidden">\[added: <\/span>week<span class="visually-hidden">\]<\/span><\/ins>/);
    expect(page.body).toContain("Proposed wording in full:");
    expect(page.body).toContain("More often.");
    // The block's page lists it.
    expect((await bob.get(f.blockHref(0))).body).toContain(`Amendment #${id}`);
  });

  it("takes one reaction per person, which may change or be withdrawn", async () => {
    const f = await textFixture(p, adminId, ["Meetings are public."]);
    await f.stepSettings({ amendmentsEnabled: true });
    await ana.post(`${f.blockHref(0)}/amendments`, { kind: "delete" }, { formPage: f.blockHref(0) });
    const [id] = await amendmentIds(f.textId);
    const url = `${f.textHref}/amendments/${id}`;
    const react = (c: TestClient, value: string) => c.post(`${url}/react`, { value }, { formPage: url });
    expect((await react(bob, "1")).statusCode).toBe(303);
    await react(bob, "1");
    await react(ana, "-1");
    const counts = async () => (await p.deps.db.execute<{ user_id: string; value: number }>(sql`select user_id, value from text_amendment_reactions where amendment_id = ${id!} order by value`)).rows;
    expect(await counts()).toHaveLength(2);
    expect((await bob.get(url)).body).toContain("1 supports it");
    await react(bob, "-1");
    expect((await counts()).map((r) => r.value)).toEqual([-1, -1]);
    await react(bob, "0");
    expect(await counts()).toHaveLength(1);
  });

  it("are accepted or rejected by the editors only, with a reason, audited; accepted ones go into the next draft", async () => {
    const f = await textFixture(p, adminId, ["# Article 1", "The council meets every month.", "Meetings are public."]);
    await f.stepSettings({ amendmentsEnabled: true });
    await ana.post(`${f.blockHref(1)}/amendments`, { kind: "replace", body: "The council meets every week." }, { formPage: f.blockHref(1) });
    await ana.post(`${f.blockHref(2)}/amendments`, { kind: "insert", body: "Minutes are published within a week." }, { formPage: f.blockHref(2) });
    await ana.post(`${f.blockHref(2)}/amendments`, { kind: "delete" }, { formPage: f.blockHref(2) });
    const [replace, insert, remove] = await amendmentIds(f.textId);
    const decide = (c: TestClient, id: number | undefined, decision: string, reason: string) => c.post(`${f.textHref}/amendments/${id}/decide`, { decision, reason }, { formPage: `${f.textHref}/amendments/${id}` });

    expect((await decide(bob, replace, "accept", "I like it")).statusCode).toBe(404);
    const noReason = await decide(admin, replace, "accept", "");
    expect(noReason.statusCode).toBe(422);
    expect((await decide(admin, replace, "accept", "Agreed by the assembly")).statusCode).toBe(303);
    expect((await decide(admin, insert, "accept", "Useful")).statusCode).toBe(303);
    expect((await decide(admin, remove, "reject", "Meetings stay public")).statusCode).toBe(303);
    const again = await decide(admin, remove, "accept", "Changed my mind");
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain("This amendment was already decided.");

    const audited = await p.deps.db.execute<{ action: string; resource_id: string; actor_id: string }>(sql`
      select action, resource_id, actor_id from audit_log where resource_type = 'text_amendment' and resource_id in (${String(replace)}, ${String(insert)}, ${String(remove)}) order by id`);
    expect(audited.rows).toEqual([
      { action: "text_amendment.accept", resource_id: String(replace), actor_id: String(adminId) },
      { action: "text_amendment.accept", resource_id: String(insert), actor_id: String(adminId) },
      { action: "text_amendment.reject", resource_id: String(remove), actor_id: String(adminId) },
    ]);
    const shown = await bob.get(`${f.textHref}/amendments/${remove}`);
    expect(shown.body).toContain("Meetings stay public");
    expect(shown.body).toContain("rejected");

    const next = await applyAcceptedAmendments(p.deps.db, f.textId);
    expect(next).toEqual({ markdown: "# Article 1\n\nThe council meets every week.\n\nMeetings are public.\n\nMinutes are published within a week.\n", amendmentIds: [replace, insert] });
    const v2 = await f.publishVersion([{ blockId: f.blocks[0] ?? null, body: "# Article 1" }]);
    await markAmendmentsApplied(p.deps.db, next?.amendmentIds ?? [], v2.versionId);
    const applied = await p.deps.db.execute<{ id: string; applied_in_version_id: string | null }>(sql`select id, applied_in_version_id from text_amendments where text_id = ${f.textId} order by id`);
    expect(applied.rows.map((r) => r.applied_in_version_id)).toEqual([String(v2.versionId), String(v2.versionId), null]);
    expect((await applyAcceptedAmendments(p.deps.db, f.textId))?.amendmentIds).toEqual([]);
  });
});

describe("applyAmendments", () => {
  it("replaces, deletes and inserts after, leaving out amendments on blocks no longer there", () => {
    const blocks = [
      { blockId: 1, body: "a" },
      { blockId: 2, body: "b" },
      { blockId: 3, body: "c" },
    ];
    const out = applyAmendments(blocks, [
      { id: 10, kind: "delete", blockId: 2, body: "" },
      { id: 11, kind: "insert", blockId: 2, body: "b2" },
      { id: 12, kind: "replace", blockId: 3, body: "C" },
      { id: 13, kind: "replace", blockId: 9, body: "gone" },
    ]);
    expect(out).toEqual({ bodies: ["a", "b2", "C"], applied: [10, 11, 12] });
  });
});
