/**
 * A block's page and annotations without JavaScript: the page shows the block, its annotations
 * highlighted and listed; quoting a passage stores W3C selectors with offsets in code points (emoji
 * count as one), a passage occurring twice asks which occurrence, a quote not in the block is refused
 * with the form kept, and the selection's offsets (the script) pick the occurrence.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { textFixture } from "./participation-testing";

let p: TestPlatform;
let adminId = 0;
let member: TestClient;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
  member = (await signedInClient(p, { name: "Mia Member" })).client;
});
afterAll(() => p.stop());

type Row = { exact: string; prefix: string; suffix: string; start: number; end: number; body: string; block_id: string; version_id: string; original_block_id: string; status: string };
const annotations = async (textId: number) =>
  (await p.deps.db.execute<Row>(sql`select exact, prefix, suffix, start, "end", body, block_id, version_id, original_block_id, status from text_annotations where text_id = ${textId} order by id`)).rows;

describe("annotating a passage without JavaScript", () => {
  it("stores the quote and position selectors in code points, emoji included, and shows it highlighted and listed", async () => {
    const f = await textFixture(p, adminId, ["# Article 1", "Every resident 🏠🌳 may petition the council about any matter of the commune."]);
    const page = await member.get(f.blockHref(1));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Every resident 🏠🌳 may petition");
    expect(page.body).toContain("Annotate a passage");

    const posted = await member.post(`${f.blockHref(1)}/annotations`, { exact: "may petition the council", note: "Which council: the municipal or the district one?" }, { formPage: f.blockHref(1) });
    expect(posted.statusCode).toBe(303);
    const [a] = await annotations(f.textId);
    // "Every resident " is 15 code points, the two emoji two more (four UTF-16 units), then a space.
    expect(a).toMatchObject({ exact: "may petition the council", prefix: "Every resident 🏠🌳 ", start: 18, end: 42, body: "Which council: the municipal or the district one?", block_id: String(f.blocks[1]), version_id: String(f.versionId), original_block_id: String(f.blocks[1]), status: "anchored" });
    // 32 code points of context on each side.
    expect(a?.suffix).toBe(" about any matter of the commune");

    const after = await (await englishClient(p)).get(f.blockHref(1));
    expect(after.body).toMatch(/<mark class="text-annotation"[^>]*>may petition the council<\/mark>/);
    expect(after.body).toContain("Which council: the municipal or the district one?");
    expect(after.body).toContain('aria-describedby="annotation-');
    expect(after.body).toContain("1 annotation");

    // Its discussion: the kit's comments on the annotation's own page.
    const id = (await p.deps.db.execute<{ id: string }>(sql`select id from text_annotations where text_id = ${f.textId}`)).rows[0]?.id;
    const annotationPage = `${f.textHref}/annotations/${id}`;
    expect(after.body).toContain(`href="${annotationPage}"`);
    const commented = await member.post("/comments", { resourceType: "text_annotation", resourceId: String(id), body: "The municipal one, surely.", alignment: "neutral", return_to: annotationPage }, { formPage: annotationPage });
    expect(commented.statusCode).toBe(303);
    const discussion = await (await englishClient(p)).get(annotationPage);
    expect(discussion.statusCode).toBe(200);
    expect(discussion.body).toContain("<mark>may petition the council</mark>");
    expect(discussion.body).toContain("The municipal one, surely.");
  });

  it("asks which occurrence when the passage occurs twice, and stores the one chosen", async () => {
    const f = await textFixture(p, adminId, ["the council meets monthly; the council publishes its minutes."]);
    const ask = await member.post(`${f.blockHref(0)}/annotations`, { exact: "the council", note: "Which one?" }, { formPage: f.blockHref(0) });
    expect(ask.statusCode).toBe(422);
    expect(ask.body).toContain("The passage occurs 2 times in the paragraph: choose which one.");
    expect(ask.body).toContain('name="occurrence" value="2"');
    // Nothing lost: the quote and the note come back.
    expect(ask.body).toContain("Which one?");
    expect(await annotations(f.textId)).toHaveLength(0);

    const chosen = await member.post(`${f.blockHref(0)}/annotations`, { exact: "the council", note: "The second.", occurrence: "2" }, { formPage: f.blockHref(0) });
    expect(chosen.statusCode).toBe(303);
    const [a] = await annotations(f.textId);
    expect(a).toMatchObject({ exact: "the council", start: 27, end: 38, prefix: "the council meets monthly; " });
  });

  it("takes the selection's offsets to choose the occurrence (the script's post)", async () => {
    const f = await textFixture(p, adminId, ["Yes, yes and yes."]);
    const posted = await member.post(`${f.blockHref(0)}/annotations`, { exact: "yes", note: "The last one.", start: "13" }, { formPage: f.blockHref(0) });
    expect(posted.statusCode).toBe(303);
    expect((await annotations(f.textId))[0]).toMatchObject({ start: 13, end: 16, prefix: "Yes, yes and ", suffix: "." });
  });

  it("refuses a quote that is not in the block, keeping what was typed", async () => {
    const f = await textFixture(p, adminId, ["Meetings are public."]);
    const refused = await member.post(`${f.blockHref(0)}/annotations`, { exact: "are secret", note: "Keep this note" }, { formPage: f.blockHref(0) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("This passage is not in the paragraph: copy it exactly as it is written.");
    expect(refused.body).toContain("Keep this note");
    expect(await annotations(f.textId)).toHaveLength(0);
  });

  it("sends a visitor to sign in, and refuses annotations when the phase closes them", async () => {
    const f = await textFixture(p, adminId, ["Meetings are public."]);
    const visitor = await englishClient(p);
    const page = await visitor.get(f.blockHref(0));
    expect(page.body).toContain("Sign in to annotate a passage or propose an amendment.");
    await f.stepSettings({ annotationsEnabled: false });
    const closed = await member.post(`${f.blockHref(0)}/annotations`, { exact: "public", note: "n" }, { formPage: f.blockHref(0) });
    expect(closed.statusCode).toBe(403);
    expect(await annotations(f.textId)).toHaveLength(0);
  });

  it("is a 404 for a block not in the current version", async () => {
    const f = await textFixture(p, adminId, ["One.", "Two."]);
    await f.publishVersion([{ blockId: f.blocks[0] ?? null, body: "One." }]);
    expect((await member.get(f.blockHref(1))).statusCode).toBe(404);
    expect((await member.get(f.blockHref(0))).statusCode).toBe(200);
  });
});
