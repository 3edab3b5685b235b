/**
 * The archive at each stage: the editors freeze a snapshot (audited) holding the blocks with their
 * annotations and comments and the amendments, the annotations' and amendments' discussions too; it stays the same after later versions, edits and
 * deletions; the sweep archives each published text once when a step of its space closes.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { activateStep, createStep } from "../../core/spaces/steps-service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { archiveClosedSteps, freezeSnapshot } from "./archive";
import { textFixture } from "./participation-testing";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;
let member: TestClient;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  admin = a.client;
  adminId = a.userId;
  member = (await signedInClient(p, { name: "Mia Member" })).client;
});
afterAll(() => p.stop());

describe("the archive", () => {
  it("freezes the text with its annotations, comments and amendments, unchanged by later versions and edits", async () => {
    const f = await textFixture(p, adminId, ["# Article 1", "Every resident may petition the council."]);
    await f.stepSettings({ amendmentsEnabled: true });
    await member.post(`${f.blockHref(1)}/annotations`, { exact: "petition the council", note: "By mail too?" }, { formPage: f.blockHref(1) });
    await member.post(`${f.blockHref(1)}/amendments`, { kind: "replace", body: "Every resident may petition the council and the mayor." }, { formPage: f.blockHref(1) });
    await member.post("/comments", { resourceType: "text_block", resourceId: String(f.blocks[1]), body: "A fine article.", alignment: "in_favour", return_to: f.blockHref(1) }, { formPage: f.blockHref(1) });
    expect((await p.deps.db.execute(sql`select 1 from comments where resource_type = 'text_block' and resource_id = ${f.blocks[1]!}`)).rows).toHaveLength(1);
    // The annotation's and the amendment's own discussions.
    const only = async (q: ReturnType<typeof sql>) => String((await p.deps.db.execute<{ id: string }>(q)).rows[0]?.id);
    const annotationId = await only(sql`select id from text_annotations where text_id = ${f.textId}`);
    const amendmentId = await only(sql`select id from text_amendments where text_id = ${f.textId}`);
    const annotationPage = `${f.textHref}/annotations/${annotationId}`;
    const amendmentPage = `${f.textHref}/amendments/${amendmentId}`;
    for (const [resourceType, resourceId, page, body] of [
      ["text_annotation", annotationId, annotationPage, "Mail should count, yes."],
      ["text_amendment", amendmentId, amendmentPage, "The mayor is not the council."],
    ] as const) {
      const posted = await member.post("/comments", { resourceType, resourceId, body, alignment: "against", return_to: page }, { formPage: page });
      expect(posted.statusCode).toBe(303);
    }

    const archive = `${f.textHref}/archive`;
    expect((await member.post(archive, {}, { formPage: archive })).statusCode).toBe(404);
    const frozen = await admin.post(archive, {}, { formPage: archive });
    expect(frozen.statusCode).toBe(303);
    const snapshotUrl = frozen.headers.location as string;

    const before = (await (await englishClient(p)).get(snapshotUrl)).body;
    for (const s of [
      "Every resident may ",
      ">petition the council</mark>",
      "By mail too?",
      "A fine article.",
      "Every resident may petition the council and the mayor.",
      "Archived copy, read-only",
      "Discussion of the annotation on “petition the council”",
      "Mail should count, yes.",
      `Discussion of amendment ${amendmentId}`,
      "The mayor is not the council.",
    ])
      expect(before).toContain(s);

    // Later: a new version, the annotation and comment deleted, the amendment rejected.
    await f.publishVersion([{ blockId: f.blocks[1] ?? null, body: "Every resident may write to the council." }]);
    await p.deps.db.execute(sql`delete from text_annotations where text_id = ${f.textId}`);
    await p.deps.db.execute(sql`update comments set deleted_at = now() where resource_type in ('text_block', 'text_annotation', 'text_amendment')`);
    await p.deps.db.execute(sql`update text_amendments set status = 'rejected' where text_id = ${f.textId}`);
    const after = (await (await englishClient(p)).get(snapshotUrl)).body;
    const main = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    expect(main(after)).toBe(main(before));
    expect((await (await englishClient(p)).get(archive)).body).toContain(snapshotUrl);

    const audited = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'text' and resource_id = ${String(f.textId)}`);
    expect(audited.rows.map((r) => r.action)).toEqual(["text_snapshot.create"]);
  });

  it("archives each published text once when a step of its space closes", async () => {
    const f = await textFixture(p, adminId, ["Meetings are public."]);
    const actor = { id: adminId, ip: null };
    const first = await createStep(p.deps.db, actor, f.space.id, { title: { en: "Commenting" }, description: {}, startDate: undefined, endDate: undefined });
    const second = await createStep(p.deps.db, actor, f.space.id, { title: { en: "Amending" }, description: {}, startDate: undefined, endDate: undefined });
    await activateStep(p.deps.db, actor, f.space.id, second.id);
    expect(await archiveClosedSteps(p.deps.db)).toBeGreaterThanOrEqual(1);
    const snaps = async () => (await p.deps.db.execute<{ step_id: string }>(sql`select step_id from text_snapshots where text_id = ${f.textId}`)).rows;
    expect(await snaps()).toEqual([{ step_id: String(first.id) }]);
    await archiveClosedSteps(p.deps.db);
    expect(await snaps()).toHaveLength(1);
    const list = await (await englishClient(p)).get(`${f.textHref}/archive`);
    expect(list.body).toContain("Commenting — version 1");
    // The sweep and the space archive asking for the closing stage's snapshot at once freeze one.
    await activateStep(p.deps.db, actor, f.space.id, first.id);
    const by = { id: adminId, ip: null, spaceId: f.space.id };
    const ids = await Promise.all([1, 2, 3].map(() => freezeSnapshot(p.deps.db, by, f.textId, second.id, { once: true })));
    expect(new Set(ids).size).toBe(1);
    const ofSecond = (await snaps()).filter((r) => r.step_id === String(second.id));
    expect(ofSecond).toHaveLength(1);
  });
});
