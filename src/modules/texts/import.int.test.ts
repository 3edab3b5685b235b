/**
 * `pnyx texts import`: Markdown, a Word document and an OpenDocument text (both built here with jszip,
 * no fixture file) become a draft text of the space's texts component, created on the first import;
 * the command prints exactly {"textId","versionId","blocks","sections"}.
 */
import { runCommand } from "../../test/command";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import "../index";
import { run } from "./cli";

let database: TestDatabase;
let handle: Database;
let dir: string;
const SLUG = "charter-assembly";

beforeAll(async () => {
  database = await createTestDatabase();
  handle = openDatabase(database.url, 2);
  dir = await mkdtemp(path.join(tmpdir(), "pnyx-texts-"));
  const space = await createSpace(
    handle.db,
    { id: 0, ip: null },
    "process",
    { slug: SLUG, title: { en: "Charter" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!space.ok) throw new Error("space");
  await setSpacePublished(handle.db, { id: 0, ip: null }, space.value.id, true);
}, 60_000);
afterAll(async () => {
  await handle?.close();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const texts = (argv: string[]) => runCommand(run, argv, database.url);

const rows = async <T,>(q: ReturnType<typeof sql>) => (await handle.db.execute<T & Record<string, unknown>>(q)).rows;

const MARKDOWN = `# Charte municipale

## Titre I — Principes

### Article 1

La commune garantit la participation de chacun.

Les habitants sont consultés :

- sur le budget ;
- sur l'urbanisme.

### Article 2

Le conseil rend compte chaque année.
`;

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  const p = (text: string, style?: string, extra = "") => `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ""}${extra}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const bullet = (text: string) => p(text, undefined, `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`);
  const body = [
    p("Charte municipale", "Heading1"),
    p("Titre I — Principes", "Heading2"),
    p("Article 1", "Heading3"),
    `<w:p><w:r><w:t xml:space="preserve">La commune garantit la </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>participation</w:t></w:r><w:r><w:t xml:space="preserve"> de chacun.</w:t></w:r></w:p>`,
    bullet("sur le budget ;"),
    bullet("sur l'urbanisme."),
    p("Article 2", "Heading3"),
    p("Le conseil rend compte chaque année."),
  ].join("");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`);
  zip.file(
    "word/numbering.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
  );
  const style = (id: string, name: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
  zip.file("word/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${style("Heading1", "heading 1")}${style("Heading2", "heading 2")}${style("Heading3", "heading 3")}</w:styles>`);
  return zip.generateAsync({ type: "nodebuffer" });
}

async function odt(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("mimetype", "application/vnd.oasis.opendocument.text", { compression: "STORE" });
  zip.file("META-INF/manifest.xml", `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`);
  zip.file(
    "content.xml",
    `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">
<office:body><office:text>
<text:sequence-decls/>
<text:h text:outline-level="1">Charte municipale</text:h>
<text:h text:outline-level="2">Titre I — Principes</text:h>
<text:h text:outline-level="3">Article 1</text:h>
<text:p>La commune<text:s/>garantit la <text:span>participation</text:span> de chacun<text:note><text:note-body><text:p>une note</text:p></text:note-body></text:note>.</text:p>
<text:list><text:list-item><text:p>sur le budget ;</text:p><text:list><text:list-item><text:p>annuel</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>sur l'<text:a xlink:href="https://example.org/urba">urbanisme</text:a>.</text:p></text:list-item></text:list>
<text:h text:outline-level="3">Article 2</text:h>
<text:p>Le conseil rend compte chaque année.</text:p>
</office:text></office:body></office:document-content>`,
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

async function importFile(name: string, bytes: string | Buffer, extra: string[] = []) {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return texts(["import", file, "--space", SLUG, ...extra, "--json"]);
}

const blocksOf = (versionId: number) =>
  rows<{ kind: string; level: number; number: string | null; body: string }>(sql`select kind, level, number, body from text_version_blocks where version_id = ${versionId} order by position`);

describe("pnyx texts import", () => {
  it("imports Markdown into a draft of a texts component it creates, printing exactly the contract's object", async () => {
    const r = await importFile("charte.md", MARKDOWN);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as Record<string, number>;
    expect(Object.keys(out)).toEqual(["textId", "versionId", "blocks", "sections"]);
    expect(out).toMatchObject({ blocks: 8, sections: 3 });
    const [text] = await rows<{ title: Record<string, string>; status: string; published: boolean; manifest: string }>(sql`
      select t.title, v.status, t.published, c.manifest from texts t join text_versions v on v.text_id = t.id join components c on c.id = t.component_id where t.id = ${out.textId}`);
    expect(text).toMatchObject({ status: "draft", published: false, manifest: "texts" });
    expect(Object.values(text?.title ?? {})).toEqual(["Charte municipale"]);
    const blocks = await blocksOf(out.versionId ?? 0);
    expect(blocks.map((b) => b.kind)).toEqual(["section", "article", "paragraph", "paragraph", "list-item", "list-item", "article", "paragraph"]);
    expect(blocks[1]).toMatchObject({ number: "1", body: "### Article 1" });
    expect(blocks[4]?.body).toBe("- sur le budget ;");
  });

  it("imports a Word document: headings, bold, list items; into the same component; --title wins", async () => {
    const r = await importFile("charte.docx", await docx(), ["--title", "Charte (Word)"]);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as Record<string, number>;
    expect(out).toMatchObject({ blocks: 7, sections: 3 });
    const blocks = await blocksOf(out.versionId ?? 0);
    expect(blocks.map((b) => b.body)).toEqual(["## Titre I — Principes", "### Article 1", "La commune garantit la **participation** de chacun.", "- sur le budget ;", "- sur l'urbanisme.", "### Article 2", "Le conseil rend compte chaque année."]);
    const [t] = await rows<{ title: Record<string, string> }>(sql`select title from texts where id = ${out.textId}`);
    expect(Object.values(t?.title ?? {})).toEqual(["Charte (Word)"]);
    const components = await rows<{ n: number }>(sql`select count(*)::int as n from components where manifest = 'texts'`);
    expect(components[0]?.n).toBe(1);
  });

  it("imports an OpenDocument text: outline levels, nested lists, links; notes left out", async () => {
    const r = await importFile("charte.odt", await odt());
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as Record<string, number>;
    const blocks = await blocksOf(out.versionId ?? 0);
    expect(blocks.map((b) => [b.kind, b.level, b.body])).toEqual([
      ["section", 2, "## Titre I — Principes"],
      ["article", 3, "### Article 1"],
      ["paragraph", 0, "La commune garantit la participation de chacun."],
      ["list-item", 1, "- sur le budget ;"],
      ["list-item", 2, "- annuel"],
      ["list-item", 1, "- sur l'[urbanisme](https://example.org/urba)."],
      ["article", 3, "### Article 2"],
      ["paragraph", 0, "Le conseil rend compte chaque année."],
    ]);
    expect(out).toMatchObject({ blocks: 8, sections: 3 });
  });

  it("refuses an unknown space, a broken document and a wrong extension, writing nothing", async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from texts`);
    const space = await importFile("a.md", MARKDOWN);
    expect(space.code).toBe(0);
    const noSpace = await texts(["import", path.join(dir, "a.md"), "--space", "nowhere", "--json"]);
    expect(noSpace.code).toBe(1);
    expect(JSON.parse(noSpace.out)).toEqual({ ok: false, error: 'no space has the slug "nowhere"; nothing imported' });
    const broken = await importFile("broken.docx", "not a zip");
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/cannot be read/);
    const wrong = await importFile("charte.pdf", "%PDF");
    expect(wrong.code).toBe(2);
    const after = await rows<{ n: number }>(sql`select count(*)::int as n from texts`);
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 1);
  });
});
