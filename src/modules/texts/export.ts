/**
 * Exports of a text: any published version (or the adopted one) as Markdown, as a standalone HTML
 * document with a print stylesheet, and as PDF — that HTML printed by the system Chromium
 * (src/core/pdf/chromium.ts), tagged (accessible) with the headings as the PDF's outline, cached per
 * version and language — and the comments and amendments as CSV (RFC 4180, formulas neutralised).
 */
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { renderRichText } from "../../core/components/rich-text";
import { csvLine } from "../../core/open-data/csv";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { textVersionBlocks, textVersions, texts, type AdoptionResult } from "./schema";

export interface ExportVersion {
  textId: number;
  title: Translatable;
  locale: string;
  versionId: number;
  number: number;
  publishedAt: Date | null;
  adoption: AdoptionResult | null;
  adoptedAt: Date | null;
  bodies: string[];
}

/**
 * A published version by number, or the adopted one (the latest version adopted) with `"adopted"`;
 * null when there is none (drafts are never exported).
 */
export async function loadExportVersion(db: Db, componentId: number, textId: number, which: number | "adopted"): Promise<ExportVersion | null> {
  const [v] = await db
    .select({ textId: texts.id, title: texts.title, locale: texts.locale, versionId: textVersions.id, number: textVersions.number, publishedAt: textVersions.publishedAt, adoption: textVersions.adoption, adoptedAt: textVersions.adoptedAt })
    .from(texts)
    .innerJoin(textVersions, eq(textVersions.textId, texts.id))
    .where(and(eq(texts.id, textId), eq(texts.componentId, componentId), eq(textVersions.status, "published"), which === "adopted" ? isNotNull(textVersions.adoptedAt) : eq(textVersions.number, which)))
    .orderBy(desc(textVersions.number))
    .limit(1);
  if (!v) return null;
  const blocks = await db.select({ body: textVersionBlocks.body }).from(textVersionBlocks).where(eq(textVersionBlocks.versionId, v.versionId)).orderBy(asc(textVersionBlocks.position));
  return { ...v, adoption: v.adoption ?? null, bodies: blocks.map((b) => b.body) };
}

/** The version's Markdown: its blocks, a blank line apart. */
export function versionMarkdown(v: ExportVersion): string {
  return `${v.bodies.join("\n\n")}\n`;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Words of the HTML export, translated by the caller. */
export interface ExportWords {
  version: string;
  adopted: string | null;
}

/** A print stylesheet: A4 pages, headings kept with what follows, no break inside a paragraph. */
const PRINT_CSS = `
@page { size: A4; margin: 2cm 2.2cm; }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11.5pt; line-height: 1.5; color: #111; max-width: 42rem; margin: 2rem auto; }
h1 { font-size: 20pt; margin: 0 0 .3em; }
h2 { font-size: 15pt; margin: 1.4em 0 .4em; }
h3, h4 { font-size: 12.5pt; margin: 1.2em 0 .3em; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; break-inside: avoid; }
.meta { color: #444; font-size: 10pt; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

/**
 * The version as a standalone HTML document: the text's title as its h1, the blocks rendered by the
 * safe Markdown renderer with their headings one level down (the outline keeps sections above
 * articles), and a print stylesheet.
 */
export function versionHtml(v: ExportVersion, locale: Locale, defaultLocale: Locale, words: ExportWords): string {
  const title = localize(v.title, locale, defaultLocale).text;
  // Headings one level down (a section `#` is an h2, an article `##` an h3): the title is the only h1.
  const body = renderRichText(v.bodies.map((b) => (/^#{1,5}\s/.test(b) ? `#${b}` : b)).join("\n\n")).html;
  return `<!doctype html>
<html lang="${escapeHtml(v.locale)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(words.version)}${words.adopted ? ` — ${escapeHtml(words.adopted)}` : ""}</p>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

export const COMMENTS_CSV_HEADER = ["comment_id", "block_id", "block_position", "parent_id", "author", "alignment", "created_at", "body"];
export const AMENDMENTS_CSV_HEADER = ["amendment_id", "kind", "block_id", "status", "author", "support", "opposition", "original_wording", "proposed_wording", "explanation", "decision_reason", "created_at", "decided_at", "applied_in_version"];

const ALIGNMENTS: Record<number, string> = { 1: "in_favour", [-1]: "against", 0: "neutral" };
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The public comments on the text's blocks (their position in the current version), oldest first. */
export async function commentsCsv(db: Db, textId: number): Promise<string> {
  const rows = await db.execute<{ id: string; block_id: string; position: number | null; parent_id: string | null; author: string | null; alignment: number; created_at: Date; body: string }>(sql`
    select c.id, c.resource_id as block_id, vb.position, c.parent_id, u.name as author, c.alignment, c.created_at, c.body
    from comments c
      join text_blocks b on b.id = c.resource_id and b.text_id = ${textId}
      join texts t on t.id = b.text_id
      left join text_version_blocks vb on vb.block_id = b.id and vb.version_id = t.current_version_id
      left join users u on u.id = c.author_id
    where c.resource_type = 'text_block' and c.deleted_at is null and c.hidden_at is null and b.hidden_at is null
    order by c.id`);
  return (
    csvLine(COMMENTS_CSV_HEADER) +
    rows.rows.map((r) => csvLine([r.id, r.block_id, r.position === null ? null : r.position + 1, r.parent_id, r.author, ALIGNMENTS[Math.sign(r.alignment)] ?? "neutral", iso(r.created_at), r.body])).join("")
  );
}

/** The text's amendments (not hidden by moderation) with their standing and decision. */
export async function amendmentsCsv(db: Db, textId: number, locale: Locale, defaultLocale: Locale): Promise<string> {
  const rows = await db.execute<{ id: string; kind: string; block_id: string | null; status: string; author: string | null; support: number; opposition: number; original_body: string; body: string; explanation: string; decision_reason: Translatable; created_at: Date; decided_at: Date | null; applied: number | null }>(sql`
    select a.id, a.kind, a.block_id, a.status, u.name as author, a.original_body, a.body, a.explanation, a.decision_reason, a.created_at, a.decided_at, v.number as applied,
      (select count(*)::int from text_amendment_reactions r where r.amendment_id = a.id and r.value > 0) as support,
      (select count(*)::int from text_amendment_reactions r where r.amendment_id = a.id and r.value < 0) as opposition
    from text_amendments a left join users u on u.id = a.author_id left join text_versions v on v.id = a.applied_in_version_id
    where a.text_id = ${textId} and a.hidden_at is null
    order by a.id`);
  return (
    csvLine(AMENDMENTS_CSV_HEADER) +
    rows.rows
      .map((r) =>
        csvLine([r.id, r.kind, r.block_id, r.status, r.author, r.support, r.opposition, r.original_body, r.body, r.explanation, localize(r.decision_reason, locale, defaultLocale).text || null, iso(r.created_at), iso(r.decided_at), r.applied]),
      )
      .join("")
  );
}
