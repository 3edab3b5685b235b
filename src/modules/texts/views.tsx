/**
 * Reading a text: its table of contents (sections and articles linked to their anchors), its blocks in
 * order with each block's counts linking to the block's own page (its comments, annotations and
 * amendments), the versions' list, and the diff between two versions by block with words in <ins>/<del>.
 * Block wording is Markdown rendered through the core's sanitising renderer (rich-text.ts); a block's
 * translation is shown when the reader's language has one.
 */
import { ExportLinks } from "./export-views";
import type { ComponentChildren } from "preact";
import { render } from "preact-render-to-string";
import { renderRichText } from "../../core/components/rich-text";
import type { RequestContext } from "../../core/http/context";
import { formatDateTime } from "../../core/i18n/formats";
import { isLocale, type Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { RichText } from "../../core/spaces/view-parts";
import { assetUrl } from "../../web/assets";
import { wordDiff } from "../../engines/texts/word-diff";
import { blockExcerpt } from "./kit";
import type { BlockCounts, TextSummary, VersionBlock, VersionRecord } from "./queries";

export const text = (ctx: RequestContext, value: Translatable | null | undefined) => {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
};
const date = (ctx: RequestContext, d: Date | null) => (d ? formatDateTime(ctx.locale, d, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) : "");

/** The rendered HTML of a block's Markdown (list markers removed: the list is the page's). */
function blockHtml(b: { kind: string; body: string }): string {
  const source = b.kind === "list-item" ? b.body.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, "") : b.body;
  return renderRichText(source).html;
}

const isHeading = (b: VersionBlock) => b.kind === "section" || b.kind === "article";
const headingTag = (level: number, min: number) => `h${Math.min(6, 2 + Math.max(0, level - min))}` as "h2" | "h3" | "h4" | "h5" | "h6";

export interface TextBodyProps {
  ctx: RequestContext;
  /** The text's own language (its blocks' wording). */
  locale: string;
  blocks: VersionBlock[];
  counts?: Map<number, BlockCounts>;
  /**
   * Instead of counts, each block's link holds `<marker><blockId><marker>`: the cached rendering's slots
   * that text-page.ts fills with the counts of the moment.
   */
  countsMarker?: string;
  /** The block's own page, when blocks link to one. */
  blockHref?: (blockId: number) => string;
  /** Shows each block's alignment verdict (the preview before publishing). */
  showChange?: boolean;
}

function Wording({ ctx, locale, b }: { ctx: RequestContext; locale: string; b: VersionBlock }) {
  const translated = ctx.locale !== locale ? b.translations[ctx.locale] : undefined;
  const body = translated ?? b.body;
  const lang = translated ? undefined : locale !== ctx.locale && isLocale(locale) ? locale : undefined;
  return <div class="text-block-wording prose" lang={lang} dangerouslySetInnerHTML={{ __html: blockHtml({ kind: b.kind, body }) }} />;
}

interface MetaProps {
  ctx: RequestContext;
  b: VersionBlock;
  counts: BlockCounts | undefined;
  countsMarker: string | undefined;
  blockHref: ((id: number) => string) | undefined;
  showChange: boolean | undefined;
}

/** A block's counts as the link's words. */
export const blockCountsText = (ctx: RequestContext, counts: BlockCounts | undefined) =>
  ctx.t("texts.read.blockCounts", { comments: counts?.comments ?? 0, annotations: counts?.annotations ?? 0, amendments: counts?.amendments ?? 0 });

function BlockMeta({ ctx, b, counts, countsMarker, blockHref, showChange }: MetaProps) {
  const { t } = ctx;
  return (
    <p class="text-block-meta">
      {showChange && <span class={`badge text-change-${b.change}`}>{t(`texts.change.${b.change}`)}</span>}{" "}
      {blockHref && (
        <a href={blockHref(b.blockId)} data-text-block={b.blockId}>
          {countsMarker === undefined ? blockCountsText(ctx, counts) : `${countsMarker}${b.blockId}${countsMarker}`}
          <span class="visually-hidden"> — {blockExcerpt(b.body, 60)}</span>
        </a>
      )}
    </p>
  );
}

/** The text's blocks in order (headings with anchors `b-<blockId>`, list items grouped in lists). */
export function TextBody({ ctx, locale, blocks, counts, countsMarker, blockHref, showChange }: TextBodyProps) {
  const minLevel = Math.min(...blocks.filter(isHeading).map((b) => b.level), 6);
  const out: ComponentChildren[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const meta = <BlockMeta ctx={ctx} b={b} counts={counts?.get(b.blockId)} countsMarker={countsMarker} blockHref={blockHref} showChange={showChange} />;
    if (b.kind === "list-item") {
      const items: VersionBlock[] = [];
      while (i < blocks.length && blocks[i]!.kind === "list-item") items.push(blocks[i++]!);
      i--;
      out.push(
        <ul class="text-list">
          {items.map((it) => (
            <li id={`b-${it.blockId}`} class={`text-block text-list-level-${Math.min(it.level, 4)}`}>
              <Wording ctx={ctx} locale={locale} b={it} />
              <BlockMeta ctx={ctx} b={it} counts={counts?.get(it.blockId)} countsMarker={countsMarker} blockHref={blockHref} showChange={showChange} />
            </li>
          ))}
        </ul>,
      );
    } else if (isHeading(b)) {
      const Tag = headingTag(b.level, minLevel);
      const translated = ctx.locale !== locale ? b.translations[ctx.locale] : undefined;
      out.push(
        <div class={`text-block text-${b.kind}`} id={`b-${b.blockId}`}>
          <Tag lang={translated || locale === ctx.locale || !isLocale(locale) ? undefined : locale}>{blockExcerpt(translated ?? b.body, 300)}</Tag>
          {meta}
        </div>,
      );
    } else {
      out.push(
        <div class="text-block text-paragraph" id={`b-${b.blockId}`}>
          <Wording ctx={ctx} locale={locale} b={b} />
          {meta}
        </div>,
      );
    }
  }
  return <div class="text-body">{out}</div>;
}

/** The table of contents: sections and articles, linked to their anchors. */
export function TableOfContents({ ctx, locale, blocks }: { ctx: RequestContext; locale: string; blocks: VersionBlock[] }) {
  const headings = blocks.filter(isHeading);
  if (headings.length === 0) return null;
  const min = Math.min(...headings.map((b) => b.level));
  return (
    <nav class="text-toc" aria-labelledby="text-toc-title">
      <h2 id="text-toc-title">{ctx.t("texts.read.toc")}</h2>
      <ol>
        {headings.map((h) => {
          const translated = ctx.locale !== locale ? h.translations[ctx.locale] : undefined;
          return (
            <li class={`text-toc-level-${Math.min(4, h.level - min + 1)}`}>
              <a href={`#b-${h.blockId}`}>{blockExcerpt(translated ?? h.body, 120)}</a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export function TextIndexPage({ ctx, base, componentName, items }: { ctx: RequestContext; base: string; componentName: string; items: TextSummary[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{componentName}</h1>
      {items.length === 0 ? (
        <p>{t("texts.read.empty")}</p>
      ) : (
        <ul class="card-list">
          {items.map((x) => {
            const title = text(ctx, x.title);
            return (
              <li class="card">
                <h2>
                  <a href={`${base}/texts/${x.id}`} lang={title.lang}>
                    {title.text}
                  </a>
                </h2>
                <RichText ctx={ctx} value={x.description} />
                <p class="meta">{t("texts.read.versionBlocks", { number: x.currentNumber ?? 0, blocks: x.blocks })}</p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export interface TextPageProps {
  ctx: RequestContext;
  base: string;
  title: Translatable;
  description: Translatable;
  locale: string;
  version: VersionRecord;
  /** The latest published version's number (an older version says so). */
  currentNumber: number;
  /** The table of contents and the blocks (see `renderTextContent`), or the slot text-page.ts fills with them. */
  content: ComponentChildren;
  textId: number;
  orphans: number;
  announcement?: Translatable;
}

export function TextPage(p: TextPageProps) {
  const { ctx } = p;
  const { t } = ctx;
  const title = text(ctx, p.title);
  const textBase = `${p.base}/texts/${p.textId}`;
  const old = p.version.number !== p.currentNumber;
  return (
    <article class="text-page">
      <h1 lang={title.lang}>{title.text}</h1>
      {p.announcement && <RichText ctx={ctx} value={p.announcement} class="callout" />}
      <RichText ctx={ctx} value={p.description} />
      <p class="meta">
        {t("texts.read.versionLine", { number: p.version.number, date: date(ctx, p.version.publishedAt) })} · <a href={`${textBase}/versions`}>{t("texts.read.allVersions")}</a>
        {p.version.number > 1 && (
          <>
            {" "}
            · <a href={`${textBase}/versions/${p.version.number}/changes`}>{t("texts.read.changes")}</a>
          </>
        )}
      </p>
      {old && (
        <p class="callout" role="note">
          {t("texts.read.oldVersion", { number: p.version.number })} <a href={textBase}>{t("texts.read.currentVersion", { number: p.currentNumber })}</a>
        </p>
      )}
      {!old && (
        <nav class="text-links" aria-label={t("texts.read.around")}>
          <ul>
            <li>
              <a href={`${textBase}/amendments`}>{t("texts.read.amendments")}</a>
            </li>
            <li>
              <a href={`${textBase}/adoption`}>{t("texts.read.adoption")}</a>
            </li>
            <li>
              <a href={`${textBase}/archive`}>{t("texts.read.archive")}</a>
            </li>
          </ul>
        </nav>
      )}
      {p.orphans > 0 && !old && (
        <p class="meta">
          <a href={`${textBase}/annotations`}>{t("texts.read.orphans", { count: p.orphans })}</a>
        </p>
      )}
      {p.content}
      <ExportLinks ctx={ctx} textHref={textBase} versionNumber={p.version.number} adopted={p.version.adoptedAt !== null} />
      <script src={assetUrl("texts-comments.js")} defer />
      <script src={assetUrl("texts-annotate.js")} defer />
    </article>
  );
}

/**
 * The heavy part of a text's page as HTML: its table of contents and its blocks, each block's counts a
 * slot (`countsMarker`). A published version never changes: text-page.ts keeps this per version and language.
 */
export function renderTextContent(ctx: RequestContext, p: { locale: string; blocks: VersionBlock[]; textBase: string; countsMarker: string }): string {
  return render(
    <>
      <TableOfContents ctx={ctx} locale={p.locale} blocks={p.blocks} />
      <TextBody ctx={ctx} locale={p.locale} blocks={p.blocks} countsMarker={p.countsMarker} blockHref={(id) => `${p.textBase}/blocks/${id}`} />
    </>,
  );
}

export function VersionsPage({ ctx, base, textId, title, versions, currentNumber }: { ctx: RequestContext; base: string; textId: number; title: Translatable; versions: VersionRecord[]; currentNumber: number | null }) {
  const { t } = ctx;
  const name = text(ctx, title);
  const textBase = `${base}/texts/${textId}`;
  return (
    <>
      <h1>
        {t("texts.versions.title")} — <span lang={name.lang}>{name.text}</span>
      </h1>
      <p>
        <a href={textBase}>{t("texts.read.backToText")}</a>
      </p>
      <ol class="text-versions" reversed>
        {versions.map((v) => {
          const reason = text(ctx, v.reason);
          return (
            <li>
              <a href={`${textBase}/versions/${v.number}`}>{t("texts.versions.item", { number: v.number, date: date(ctx, v.publishedAt) })}</a>
              {v.number === currentNumber && <span class="badge">{t("texts.versions.current")}</span>}
              {reason.text && (
                <p lang={reason.lang}>
                  {t("texts.versions.reason")} {reason.text}
                </p>
              )}
              {v.reanchor && <p class="meta">{t("texts.versions.reanchor", v.reanchor)}</p>}
              {v.number > 1 && <a href={`${textBase}/versions/${v.number}/changes`}>{t("texts.read.changes")}</a>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

export type DiffRow =
  | { kind: "same" | "moved"; block: VersionBlock }
  | { kind: "changed"; block: VersionBlock; before: string }
  | { kind: "new"; block: VersionBlock }
  | { kind: "deleted"; block: VersionBlock };

/** The rows of a diff between two versions' blocks by identity: deleted blocks after their predecessor. */
export function diffRows(before: VersionBlock[], after: VersionBlock[]): DiffRow[] {
  const oldById = new Map(before.map((b) => [b.blockId, b]));
  const newIds = new Set(after.map((b) => b.blockId));
  const afterNew = new Map<number, VersionBlock[]>();
  const leading: VersionBlock[] = [];
  let anchor: number | null = null;
  for (const b of before) {
    if (newIds.has(b.blockId)) anchor = b.blockId;
    else if (anchor === null) leading.push(b);
    else afterNew.set(anchor, [...(afterNew.get(anchor) ?? []), b]);
  }
  const rows: DiffRow[] = leading.map((block) => ({ kind: "deleted", block }));
  for (const b of after) {
    const old = oldById.get(b.blockId);
    if (!old) rows.push({ kind: "new", block: b });
    else if (old.body === b.body) rows.push({ kind: b.change === "moved" ? "moved" : "same", block: b });
    else rows.push({ kind: "changed", block: b, before: old.body });
    for (const d of afterNew.get(b.blockId) ?? []) rows.push({ kind: "deleted", block: d });
  }
  return rows;
}

/** A diff between two versions, block by block, words in <ins> and <del>. */
export function DiffView({ ctx, rows, locale }: { ctx: RequestContext; rows: DiffRow[]; locale: string }) {
  const { t } = ctx;
  const lang = isLocale(locale) && locale !== ctx.locale ? locale : undefined;
  const counts = { changed: 0, new: 0, deleted: 0, moved: 0 };
  for (const r of rows) if (r.kind !== "same") counts[r.kind]++;
  return (
    <div class="text-diff">
      <p>{t("texts.diff.summary", counts)}</p>
      <ol class="text-diff-blocks">
        {rows.map((r) => (
          <li class={`text-diff-${r.kind}`}>
            <span class="badge">{t(r.kind === "deleted" ? "texts.change.deleted" : `texts.change.${r.kind}`)}</span>{" "}
            <span class="text-diff-wording" lang={lang}>
              {r.kind === "changed" ? (
                wordDiff(r.before, r.block.body).map((op) => (op.op === "equal" ? op.text : op.op === "insert" ? <ins>{op.text}</ins> : <del>{op.text}</del>))
              ) : r.kind === "new" ? (
                <ins>{r.block.body}</ins>
              ) : r.kind === "deleted" ? (
                <del>{r.block.body}</del>
              ) : (
                r.block.body
              )}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ChangesPage({ ctx, base, textId, title, number, rows, locale }: { ctx: RequestContext; base: string; textId: number; title: Translatable; number: number; rows: DiffRow[]; locale: string }) {
  const { t } = ctx;
  const name = text(ctx, title);
  return (
    <>
      <h1>
        {t("texts.diff.title", { number, previous: number - 1 })} — <span lang={name.lang}>{name.text}</span>
      </h1>
      <p>
        <a href={`${base}/texts/${textId}/versions/${number}`}>{t("texts.diff.readVersion", { number })}</a> · <a href={`${base}/texts/${textId}/versions`}>{t("texts.read.allVersions")}</a>
      </p>
      <DiffView ctx={ctx} rows={rows} locale={locale} />
    </>
  );
}
