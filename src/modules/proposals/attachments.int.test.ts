/**
 * Attachments of proposals, without JavaScript (multipart forms): images and PDF documents checked by
 * their bytes and size, a limit per proposal, the form kept on error, served with safe headers, and
 * kept from those who may not see the proposal.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportPersonalData } from "../../core/accounts/personal-data";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { idFromLocation, proposalsFixture, type ProposalsFixture } from "./testing";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
});
afterAll(() => p.stop());

// The smallest valid PNG: 1x1 transparent pixel.
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');
const BODY = "Plant trees along the canal so that the walk is shaded in summer.";

type Client = Awaited<ReturnType<typeof signedInClient>>["client"];
const png = (data = PNG) => ({ filename: "photo.png", type: "image/png", data });
const imageSrcs = (html: string) => [...html.matchAll(/src="(\/attachments\/[a-f0-9]{32}\.(?:png|jpg|gif|webp))"/g)].map((m) => m[1] ?? "");
const documentHrefs = (html: string) => [...html.matchAll(/href="(\/attachments\/[a-f0-9]{32}\.pdf)"/g)].map((m) => m[1] ?? "");

async function draftWithImage(client: Client, f: ProposalsFixture, title = "Shade trees along the canal"): Promise<number> {
  const res = await client.postMultipart(`${f.base}/new`, { title, body: BODY, language: "en", attachmentTitle: "The canal walk at noon, without shade", attachmentFile: png() }, { formPage: `${f.base}/new` });
  expect(res.statusCode, res.body).toBe(303);
  return idFromLocation(res.headers.location);
}

describe("attaching files to a proposal", () => {
  it("takes an image while writing, shows it with its title as alt text and serves it inline with safe headers", async () => {
    const f = await proposalsFixture(p, adminId, { step: { creationEnabled: true } });
    const author = await signedInClient(p);
    const form = await author.client.get(`${f.base}/new`);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('name="attachmentFile"');
    const id = await draftWithImage(author.client, f);
    const page = await author.client.get(`${f.base}/${id}`);
    const [src] = imageSrcs(page.body);
    expect(src).toBeDefined();
    expect(page.body).toContain(`<img src="${src}" alt="The canal walk at noon, without shade" loading="lazy"/>`);
    const image = await author.client.get(src ?? "");
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.headers["x-content-type-options"]).toBe("nosniff");
    expect(image.headers["content-disposition"]).toMatch(/^inline; filename="The canal walk at noon, without shade.png"/);
    expect(image.headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(image.headers["cache-control"]).toContain("private");
    expect(image.rawPayload.equals(PNG)).toBe(true);

    // A draft is its author's: its files too.
    const visitor = await englishClient(p);
    expect((await visitor.get(src ?? "")).statusCode).toBe(404);
    const other = await signedInClient(p);
    expect((await other.client.get(src ?? "")).statusCode).toBe(404);
    // Published, it is everyone's.
    expect((await author.client.post(`${f.base}/${id}/publish`, {}, { formPage: `${f.base}/${id}` })).statusCode).toBe(303);
    expect((await visitor.get(src ?? "")).statusCode).toBe(200);
    // A name that was never given, or with another extension, is the same 404.
    expect((await visitor.get((src ?? "").replace(".png", ".pdf"))).statusCode).toBe(404);
    expect((await visitor.get("/attachments/0123456789abcdef0123456789abcdef.png")).statusCode).toBe(404);
  });

  it("serves a PDF document as a download, listed with its size, and removes a file when asked", async () => {
    const f = await proposalsFixture(p, adminId, { step: { creationEnabled: true } });
    const author = await signedInClient(p);
    const id = await draftWithImage(author.client, f);
    const edit = `${f.base}/${id}/edit`;
    const added = await author.client.postMultipart(edit, { title: "Shade trees along the canal", body: BODY, language: "en", attachmentTitle: "Étude d’ombrage", attachmentFile: { filename: "study.pdf", type: "application/pdf", data: PDF } });
    expect(added.statusCode, added.body).toBe(303);
    const page = await author.client.get(`${f.base}/${id}`);
    const [href] = documentHrefs(page.body);
    expect(page.body).toContain(`<a href="${href}" download>Étude d’ombrage</a> (PDF document, 1 kB)`);
    const doc = await author.client.get(href ?? "");
    expect(doc.headers["content-type"]).toBe("application/pdf");
    expect(doc.headers["x-content-type-options"]).toBe("nosniff");
    expect(doc.headers["content-disposition"]).toBe(`attachment; filename="Etude dombrage.pdf"; filename*=UTF-8''${encodeURIComponent("Étude d’ombrage.pdf")}`);

    // The edit form lists both, each with a box to remove it.
    const form = await author.client.get(edit);
    const ids = [...form.body.matchAll(/name="removeAttachments" value="(\d+)"/g)].map((m) => m[1] ?? "");
    expect(ids).toHaveLength(2);
    const removed = await author.client.postMultipart(edit, { title: "Shade trees along the canal", body: BODY, language: "en", removeAttachments: [ids[0] ?? ""] });
    expect(removed.statusCode).toBe(303);
    const after = await author.client.get(`${f.base}/${id}`);
    expect(imageSrcs(after.body)).toHaveLength(0);
    expect(documentHrefs(after.body)).toEqual([href]);
  });

  it("lets the organization attach a document to an official proposal as it publishes it", async () => {
    const f = await proposalsFixture(p, adminId);
    const admin = await signedInClient(p, { isAdmin: true });
    const form = await admin.client.get(`${f.adminBase}/new`);
    expect(form.body).toContain('name="attachmentFile"');
    const fields = { "title.en": "Public data stays public", "body.en": "Principle 1 of the report." };
    const svg = await admin.client.postMultipart(`${f.adminBase}/new`, { ...fields, attachmentTitle: "The report", attachmentFile: { filename: "report.svg", type: "image/svg+xml", data: SVG } }, { formPage: `${f.adminBase}/new` });
    expect(svg.statusCode).toBe(422);
    expect(svg.body).toContain("This file is neither an image (PNG, JPEG, GIF, WebP) nor a PDF document.");
    expect(svg.body).toContain("Public data stays public");
    const res = await admin.client.postMultipart(`${f.adminBase}/new`, { ...fields, attachmentTitle: "The full report", attachmentFile: { filename: "report.pdf", type: "application/pdf", data: PDF } }, { formPage: `${f.adminBase}/new` });
    expect(res.statusCode, res.body).toBe(303);
    const id = idFromLocation(res.headers.location);
    const visitor = await englishClient(p);
    const page = await visitor.get(`${f.base}/${id}`);
    const [href] = documentHrefs(page.body);
    expect(page.body).toContain(">The full report</a>");
    expect((await visitor.get(href ?? "")).headers["content-disposition"]).toMatch(/^attachment; filename="The full report.pdf"/);
  });

  it("refuses SVG, HTML, files too large and files past the limit, keeping the rest of the form", async () => {
    const f = await proposalsFixture(p, adminId, { step: { creationEnabled: true }, global: { attachmentsMax: 2 } });
    const author = await signedInClient(p);
    const fields = { title: "Benches along the canal walk", body: BODY, language: "en", attachmentTitle: "A bench" };
    const svg = await author.client.postMultipart(`${f.base}/new`, { ...fields, attachmentFile: { filename: "bench.png", type: "image/png", data: SVG } }, { formPage: `${f.base}/new` });
    expect(svg.statusCode).toBe(422);
    expect(svg.body).toContain("This file is neither an image (PNG, JPEG, GIF, WebP) nor a PDF document.");
    expect(svg.body).toContain('value="Benches along the canal walk"');
    expect(svg.body).toContain(BODY);
    expect(svg.body).toContain('value="A bench"');
    const html = await author.client.postMultipart(`${f.base}/new`, { ...fields, attachmentFile: { filename: "bench.pdf", type: "application/pdf", data: Buffer.from("<!doctype html><script>alert(1)</script>") } }, { formPage: `${f.base}/new` });
    expect(html.statusCode).toBe(422);
    // Past the kind's 5 MB, under the platform's 10 MB: the form says so.
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const large = await author.client.postMultipart(`${f.base}/new`, { ...fields, attachmentFile: png(big) }, { formPage: `${f.base}/new` });
    expect(large.statusCode).toBe(422);
    expect(large.body).toContain("This file is too large: 5 MB at most.");
    // Past the platform's 10 MB for any upload, the request itself is refused (a page saying so, never a 500).
    const huge = await author.client.postMultipart(`${f.base}/new`, { ...fields, attachmentFile: png(Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)])) }, { formPage: `${f.base}/new` });
    expect(huge.statusCode).toBe(413);
    // A title without a file, a file without a title.
    const noTitle = await author.client.postMultipart(`${f.base}/new`, { ...fields, attachmentTitle: "", attachmentFile: png() }, { formPage: `${f.base}/new` });
    expect(noTitle.body).toContain("Give the file a title");
    // A good file with a bad title of the proposal: the file must be chosen again, and the form says so.
    const again = await author.client.postMultipart(`${f.base}/new`, { ...fields, title: "Short", attachmentFile: png() }, { formPage: `${f.base}/new` });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain("choose it again");
    expect((await p.deps.db.execute(sql`select count(*)::int as n from proposals where component_id = ${f.component.id}`)).rows[0]).toEqual({ n: 0 });

    const id = await draftWithImage(author.client, f, "Benches along the canal walk");
    const edit = `${f.base}/${id}/edit`;
    expect((await author.client.postMultipart(edit, { ...fields, attachmentFile: png() })).statusCode).toBe(303);
    const third = await author.client.postMultipart(edit, { ...fields, attachmentFile: png() });
    expect(third.statusCode).toBe(422);
    expect(third.body).toContain("At most 2 files may be attached.");
    // Removing one makes room in the same form.
    const ids = [...third.body.matchAll(/name="removeAttachments" value="(\d+)"/g)].map((m) => m[1] ?? "");
    expect((await author.client.postMultipart(edit, { ...fields, removeAttachments: [ids[0] ?? ""], attachmentFile: png() })).statusCode).toBe(303);
    const count = await p.deps.db.execute(sql`select count(*)::int as n from attachments where resource_type = 'proposal' and resource_id = ${id}`);
    expect(count.rows[0]).toEqual({ n: 2 });
  });

  it("keeps a hidden proposal's and a private space's files from those who may not see them, and removes a discarded draft's", async () => {
    const f = await proposalsFixture(p, adminId, { step: { creationEnabled: true } });
    const author = await signedInClient(p);
    const id = await draftWithImage(author.client, f);
    await author.client.post(`${f.base}/${id}/publish`, {}, { formPage: `${f.base}/${id}` });
    const [src] = imageSrcs((await author.client.get(`${f.base}/${id}`)).body);
    const visitor = await englishClient(p);
    expect((await visitor.get(src ?? "")).statusCode).toBe(200);
    await p.deps.db.execute(sql`update proposals set hidden_at = now() where id = ${id}`);
    expect((await visitor.get(src ?? "")).statusCode).toBe(404);
    // Its author still sees it (and the notice that it is hidden).
    expect((await author.client.get(src ?? "")).statusCode).toBe(200);

    const closed = await proposalsFixture(p, adminId, { step: { creationEnabled: true }, isPrivate: true });
    const insider = await signedInClient(p);
    await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${closed.space.id}, ${insider.userId})`);
    const privateId = await draftWithImage(insider.client, closed);
    await insider.client.post(`${closed.base}/${privateId}/publish`, {}, { formPage: `${closed.base}/${privateId}` });
    const [privateSrc] = imageSrcs((await insider.client.get(`${closed.base}/${privateId}`)).body);
    expect((await insider.client.get(privateSrc ?? "")).statusCode).toBe(200);
    expect((await visitor.get(privateSrc ?? "")).statusCode).toBe(404);
    expect((await author.client.get(privateSrc ?? "")).statusCode).toBe(404);

    // The author's data download lists the files they attached.
    const data = JSON.stringify(await exportPersonalData(p.deps.db, author.userId, null));
    expect(data).toContain('"attachments":[{"resourceType":"proposal"');
    expect(data).toContain(src ?? "never");
    // A discarded draft takes its files with it (the rows and the bytes).
    const draftId = await draftWithImage(author.client, f, "A draft to be discarded soon");
    expect((await author.client.post(`${f.base}/${draftId}/discard`, {}, { formPage: `${f.base}/${draftId}/discard` })).statusCode).toBe(303);
    const left = await p.deps.db.execute(sql`select count(*)::int as n from attachments where resource_type = 'proposal' and resource_id = ${draftId}`);
    expect(left.rows[0]).toEqual({ n: 0 });
  });
});
