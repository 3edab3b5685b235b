/**
 * The texts back office and reading, through the real routes: a text written in Markdown, previewed,
 * published with a reason; a participant comments on a paragraph; version 2 changes one paragraph, adds
 * one and deletes one: unchanged and changed paragraphs keep their identity (and comments), the new one
 * gets a new identity, the annotation on the changed paragraph is re-anchored; the history shows the
 * words changed; the text page's queries do not grow with the number of paragraphs; errors are translated.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { publishedProcess } from "../../test/spaces";
import { publishDraft } from "./publish";
import { createText } from "./service";

let p: TestPlatform;
let admin: TestClient;
let adminId: number;
let member: TestClient;
let spaceId: number;
let componentId: number;
let adminBase: string;
let publicBase: string;

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin, userId: adminId } = await signedInClient(p, { isAdmin: true }));
  ({ client: member } = await signedInClient(p));
  const space = await publishedProcess(p, adminId, { prefix: "texts", title: { en: "Charter", fr: "Charte" } });
  spaceId = space.id;
  const manifest = getComponentManifest("texts");
  if (!manifest) throw new Error("texts not registered");
  const component = await addComponent(p.deps.db, { id: adminId, ip: null }, spaceId, manifest, { en: "Texts", fr: "Textes" }, { published: true });
  componentId = component.id;
  adminBase = `/admin/spaces/${spaceId}/components/${componentId}/manage`;
  publicBase = `/spaces/${space.slug}/c/${componentId}`;
}, 60_000);
afterAll(() => p.stop());

const V1 = `## Chapter I — Principles

### Article 1

The municipality guarantees that every resident may take part in its decisions.

Residents are consulted on:

- the annual budget;
- town planning.

### Article 2

The council reports every year on the use of the participation budget.
`;

// Article 1's paragraph changed (a few words), town planning deleted, a new paragraph in Article 2.
const V2 = `## Chapter I — Principles

### Article 1

The municipality guarantees that every resident, whatever their nationality, may take part in its decisions.

Residents are consulted on:

- the annual budget;

### Article 2

The council reports every year on the use of the participation budget.

The report is published in the four languages of the city.
`;

const rows = async <T,>(q: ReturnType<typeof sql>) => (await p.deps.db.execute<T & Record<string, unknown>>(q)).rows;
const blocksOf = (versionId: number) => rows<{ block_id: string; body: string; change: string }>(sql`select block_id, body, change from text_version_blocks where version_id = ${versionId} order by position`);

describe("texts", () => {
  let textId: number;

  it("refuses a text without a title or wording, and a file that is not a document, with translated messages", async () => {
    const empty = await admin.postMultipart(`${adminBase}/new`, { "title.en": "", source: "" });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("error-summary");
    const noText = await admin.postMultipart(`${adminBase}/new`, { "title.en": "Charter", source: "  " });
    expect(noText.statusCode).toBe(422);
    expect(noText.body).toContain("Write the text or choose a file.");
    const pdf = await admin.postMultipart(`${adminBase}/new`, { "title.en": "Charter", source: "", file: { filename: "charter.docx", type: "application/octet-stream", data: Buffer.from("PK\u0003\u0004broken") } });
    expect(pdf.statusCode).toBe(422);
    expect(pdf.body).toContain("This file cannot be read; it may be damaged.");
    await admin.get("/locale/fr");
    const french = await admin.postMultipart(`${adminBase}/new`, { "title.fr": "Charte", source: "" });
    expect(french.statusCode).toBe(422);
    expect(french.body).toContain("Rédigez le texte ou choisissez un fichier.");
    await admin.get("/locale/en");
    expect(await rows(sql`select 1 from texts where component_id = ${componentId}`)).toHaveLength(0);
  });

  it("creates a draft from Markdown and previews it as the public page will show it", async () => {
    const res = await admin.postMultipart(`${adminBase}/new`, { "title.en": "Municipal charter", "description.en": "The draft charter.", locale: "en", source: V1 });
    expect(res.statusCode).toBe(303);
    textId = Number(/\/(\d+)\/preview$/.exec(res.headers.location ?? "")?.[1]);
    expect(textId).toBeGreaterThan(0);
    const [created] = await rows<{ locale: string }>(sql`select locale from texts where id = ${textId}`);
    expect(created?.locale).toBe("en");
    const preview = await admin.get(`${adminBase}/${textId}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Preview of version 1");
    expect(preview.body).toContain("Article 1");
    expect(preview.body).toContain("<li");
    // Not public before publication.
    expect((await member.get(`${publicBase}/texts/${textId}`)).statusCode).toBe(404);
  });

  it("publishes version 1 with a reason (required), audited; the text page has its table of contents", async () => {
    const noReason = await admin.post(`${adminBase}/${textId}/publish`, {});
    expect(noReason.statusCode).toBe(422);
    const res = await admin.post(`${adminBase}/${textId}/publish`, { "reason.en": "First reading" });
    expect(res.statusCode).toBe(303);
    const [audit] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'texts.version.publish' and resource_id = ${String(textId)}`);
    expect(audit?.n).toBe(1);
    const page = await member.get(`${publicBase}/texts/${textId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="text-toc"');
    expect(page.body).toContain("Version 1, published on");
    expect(page.body).toMatch(/No comments, no annotations, no amendments/);
    expect(page.body).not.toMatch(/text-block-wording prose" lang="fr"/);
  });

  it("publishes version 2: unchanged and changed paragraphs keep their identity and comments, new ones get new ids, annotations re-anchored", async () => {
    const [v1] = await rows<{ id: string }>(sql`select id from text_versions where text_id = ${textId} and number = 1`);
    const b1 = await blocksOf(Number(v1?.id));
    const changed = b1.find((b) => b.body.startsWith("The municipality"));
    const kept = b1.find((b) => b.body.startsWith("The council"));
    const deleted = b1.find((b) => b.body === "- town planning.");
    if (!changed || !kept || !deleted) throw new Error("blocks");
    // A participant comments on the paragraph that will change; an annotation quotes "take part".
    const comment = await member.post("/comments", { resourceType: "text_block", resourceId: changed.block_id, body: "Should residents without a vote take part too?", alignment: "neutral", return_to: `${publicBase}/texts/${textId}` }, { formPage: `${publicBase}/texts/${textId}` });
    expect(comment.statusCode).toBe(303);
    const start = Array.from(changed.body).join("").indexOf("take part");
    await p.deps.db.execute(sql`
      insert into text_annotations (text_id, author_id, block_id, version_id, exact, prefix, suffix, start, "end", body, original_block_id, original_version_id)
      values (${textId}, ${adminId}, ${changed.block_id}, ${v1?.id}, 'take part', 'resident may ', ' in its', ${start}, ${start + 9}, 'Who counts?', ${changed.block_id}, ${v1?.id})`);

    const edit = await admin.postMultipart(`${adminBase}/${textId}/edit`, { "title.en": "Municipal charter", source: V2 });
    expect(edit.statusCode).toBe(303);
    const preview = await admin.get(`${adminBase}/${textId}/preview`);
    expect(preview.body).toContain("Preview of version 2");
    expect(preview.body).toContain("text-change-changed");
    const publish = await admin.post(`${adminBase}/${textId}/publish`, { "reason.en": "Second reading" });
    expect(publish.statusCode).toBe(303);

    const [v2] = await rows<{ id: string; reanchor: { kept: number; moved: number; orphaned: number }; reason: Record<string, string>; published_by: string }>(sql`select id, reanchor, reason, published_by from text_versions where text_id = ${textId} and number = 2`);
    expect(v2?.reason).toEqual({ en: "Second reading" });
    expect(Number(v2?.published_by)).toBe(adminId);
    expect(v2?.reanchor).toEqual({ kept: 0, moved: 1, orphaned: 0 });
    const b2 = await blocksOf(Number(v2?.id));
    const ids2 = new Set(b2.map((b) => b.block_id));
    expect(b2.find((b) => b.body.startsWith("The municipality"))).toMatchObject({ block_id: changed.block_id, change: "changed" });
    expect(b2.find((b) => b.body.startsWith("The council"))).toMatchObject({ block_id: kept.block_id, change: "same" });
    expect(ids2.has(deleted.block_id)).toBe(false);
    const fresh = b2.find((b) => b.body.startsWith("The report"));
    expect(fresh?.change).toBe("new");
    expect(b1.map((b) => b.block_id)).not.toContain(fresh?.block_id);

    const [annotation] = await rows<{ block_id: string; version_id: string; start: number; exact: string; status: string }>(sql`select block_id, version_id, start, exact, status from text_annotations where text_id = ${textId}`);
    expect(annotation).toMatchObject({ block_id: changed.block_id, version_id: v2?.id, exact: "take part", status: "anchored" });
    const body = b2.find((b) => b.block_id === changed.block_id)?.body ?? "";
    expect(Array.from(body).slice(annotation?.start ?? 0, (annotation?.start ?? 0) + 9).join("")).toBe("take part");

    // The comment followed its paragraph: the text page counts it on version 2.
    const page = await member.get(`${publicBase}/texts/${textId}`);
    expect(page.body).toContain("Version 2, published on");
    expect(page.body).toMatch(new RegExp(`href="${publicBase}/texts/${textId}/blocks/${changed.block_id}"[^>]*>1 comment, 1 annotation, no amendments`));
    // Version 1 stays readable.
    const old = await member.get(`${publicBase}/texts/${textId}/versions/1`);
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain("town planning");
  });

  it("shows the history and each version's changes, words in <ins> and <del>", async () => {
    const history = await admin.get(`${adminBase}/${textId}/versions`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain("Second reading");
    const diff = await admin.get(`${adminBase}/${textId}/versions/2`);
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain("<ins>, whatever their nationality,</ins>");
    expect(diff.body).toContain("<del>- town planning.</del>");
    const publicDiff = await member.get(`${publicBase}/texts/${textId}/versions/2/changes`);
    expect(publicDiff.statusCode).toBe(200);
    expect(publicDiff.body).toContain("1 paragraph changed, 1 new, 1 deleted, 0 moved.");
    const versions = await member.get(`${publicBase}/texts/${textId}/versions`);
    expect(versions.body).toContain("First reading");
  });

  it("writes accepted amendments into the next draft; publishing marks those it carries out as applied", async () => {
    const [v2] = await rows<{ id: string }>(sql`select id from text_versions where text_id = ${textId} and number = 2`);
    const b2 = await blocksOf(Number(v2?.id));
    const council = b2.find((b) => b.body.startsWith("The council"));
    if (!council) throw new Error("blocks");
    const [amendment] = await rows<{ id: string }>(sql`
      insert into text_amendments (text_id, version_id, kind, block_id, body, original_body, status, decided_by, decided_at)
      values (${textId}, ${v2?.id}, 'replace', ${council.block_id}, 'The council reports every six months on the use of the participation budget.', ${council.body}, 'accepted', ${adminId}, now())
      returning id`);
    const apply = await admin.post(`${adminBase}/${textId}/apply-amendments`, {}, { formPage: adminBase });
    expect(apply.statusCode).toBe(303);
    const preview = await admin.get(`${adminBase}/${textId}/preview`);
    expect(preview.body).toContain("every six months");
    // Applying again adds nothing twice.
    await admin.post(`${adminBase}/${textId}/apply-amendments`, {}, { formPage: adminBase });
    expect((await admin.post(`${adminBase}/${textId}/publish`, { "reason.en": "Amendments of the second reading" })).statusCode).toBe(303);
    const [v3] = await rows<{ id: string }>(sql`select id from text_versions where text_id = ${textId} and number = 3`);
    const b3 = await blocksOf(Number(v3?.id));
    expect(b3.filter((b) => b.body.includes("every six months"))).toEqual([expect.objectContaining({ block_id: council.block_id, change: "changed" })]);
    const [a] = await rows<{ applied_in_version_id: string | null }>(sql`select applied_in_version_id from text_amendments where id = ${amendment?.id}`);
    expect(a?.applied_in_version_id).toBe(v3?.id);
  });

  it("renders the text page in a fixed number of queries, with 5 paragraphs or 100", async () => {
    const make = async (n: number) => {
      const markdown = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? `### Article ${i / 10 + 1}` : `Paragraph ${i} of the text, with a few words.`)).join("\n\n");
      const created = await p.deps.db.transaction((tx) => createText(tx, { id: adminId, ip: null }, { componentId, spaceId, title: { en: `Text of ${n}` }, description: {}, locale: "en", markdown }));
      const published = await publishDraft(p.deps.db, { id: adminId, ip: null }, { componentId, spaceId }, created.textId, { en: "First" });
      if (!published.ok) throw new Error("publish");
      return created.textId;
    };
    const small = await make(5);
    const large = await make(100);
    const reader = p.client();
    const a = await countQueries(p.deps.pool, () => reader.get(`${publicBase}/texts/${small}`));
    const b = await countQueries(p.deps.pool, () => reader.get(`${publicBase}/texts/${large}`));
    expect(a.result.statusCode).toBe(200);
    expect(b.result.statusCode).toBe(200);
    expect(b.count).toBe(a.count);
  });
});
