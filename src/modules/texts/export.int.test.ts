/**
 * Exports: a version as Markdown and as a standalone HTML document (title as h1, the text's headings
 * below), the adopted text once adopted (a 404 before), the comments and amendments as CSV with their
 * headers (formulas neutralised), and the PDF printed by the system Chromium: a PDF, tagged, with an
 * outline. Chromium missing is a failure naming the package to install, never a skip.
 */
import { existsSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { CHROMIUM_PATH } from "../../core/pdf/chromium";
import { AMENDMENTS_CSV_HEADER, COMMENTS_CSV_HEADER } from "./export";
import { textFixture, type TextFixture } from "./participation-testing";

let p: TestPlatform;
let adminId = 0;
let member: TestClient;
let f: TextFixture;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
  member = (await signedInClient(p, { name: "Mia Member" })).client;
  f = await textFixture(p, adminId, ["# Title I — The commune", "## Article 1", "Every resident may petition the council.", "## Article 2", "Meetings are public."]);
});
afterAll(() => p.stop());

describe("exports", () => {
  it("gives a version as Markdown and HTML, and the adopted text only once adopted", async () => {
    const visitor = await englishClient(p);
    const md = await visitor.get(`${f.textHref}/export/v1.md`);
    expect(md.statusCode).toBe(200);
    expect(md.headers["content-type"]).toContain("text/markdown");
    expect(md.body).toBe("# Title I — The commune\n\n## Article 1\n\nEvery resident may petition the council.\n\n## Article 2\n\nMeetings are public.\n");
    const html = await visitor.get(`${f.textHref}/export/v1.html`);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("<h1>Municipal charter</h1>");
    expect(html.body).toContain("Title I — The commune</h2>");
    expect(html.body).toMatch(/<h2[^>]*>Title I — The commune<\/h2>\s*<h3>Article 1<\/h3>/);
    expect(html.body).toContain("<p>Every resident may petition the council.</p>");
    expect(html.body).toContain("@page");
    expect((await visitor.get(`${f.textHref}/export/v2.md`)).statusCode).toBe(404);
    expect((await visitor.get(`${f.textHref}/export/adopted.md`)).statusCode).toBe(404);
    expect((await visitor.get(`${f.textHref}/export/v1.exe`)).statusCode).toBe(404);
    await p.deps.db.execute(sql`update text_versions set adopted_at = now(), adoption = '{"for":3,"against":1,"abstain":0,"electorate":5,"adopted":true}' where id = ${f.versionId}`);
    const adopted = await visitor.get(`${f.textHref}/export/adopted.html`);
    expect(adopted.statusCode).toBe(200);
    expect(adopted.body).toContain("Version 1 — Adopted text");
  });

  it("gives the comments and the amendments as CSV with their headers", async () => {
    await f.stepSettings({ amendmentsEnabled: true });
    await member.post("/comments", { resourceType: "text_block", resourceId: String(f.blocks[2]), body: "=HYPERLINK(\"x\") is not run", alignment: "against", return_to: f.blockHref(2) }, { formPage: f.blockHref(2) });
    await member.post(`${f.blockHref(4)}/amendments`, { kind: "replace", body: "Meetings are public and filmed.", explanation: "Transparency, \"always\"." }, { formPage: f.blockHref(4) });
    const visitor = await englishClient(p);
    const comments = await visitor.get(`${f.textHref}/export/comments.csv`);
    expect(comments.headers["content-type"]).toContain("text/csv");
    const lines = comments.body.trim().split("\r\n");
    expect(lines[0]).toBe(COMMENTS_CSV_HEADER.join(","));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${f.blocks[2]},3,,Mia Member,against,`);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") is not run"`);
    const amendments = (await visitor.get(`${f.textHref}/export/amendments.csv`)).body.trim().split("\r\n");
    expect(amendments[0]).toBe(AMENDMENTS_CSV_HEADER.join(","));
    expect(amendments[1]).toContain(`,replace,${f.blocks[4]},pending,Mia Member,0,0,Meetings are public.,Meetings are public and filmed.,"Transparency, ""always"".",`);
  });

  it("prints the PDF with the system Chromium: tagged, with an outline of the headings", async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with apt-get install -y chromium (or set CHROMIUM_PATH)`);
    const pdf = await (await englishClient(p)).get(`${f.textHref}/export/v1.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const raw = bytes.toString("latin1");
    expect(raw).toContain("/Outlines");
    expect(raw).toContain("/StructTreeRoot");
  }, 60_000);
});
