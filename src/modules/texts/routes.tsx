/**
 * Public routes of the texts component (relative to /spaces/:slug/c/:componentId): the texts, a text's
 * current version with its table of contents and each block's counts, any published version, the
 * versions' list and the changes of a version against the previous one. A block's own page
 * (`/texts/:textId/blocks/:blockId`) is block-routes.tsx's.
 */
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { componentPageHtml, sendComponentPage } from "../../core/components/page";
import { visitorCacheTtlMs } from "../../core/http/visitor-cache";
import { notFound } from "../../core/http/result";
import { findPublishedVersion, findText, listTexts, listVersions, loadVersionBlocks, type TextRecord } from "./queries";
import type { TextSettings, TextStepSettings } from "./settings";
import { CONTENT_SLOT, COUNTS_MARKER, sendTextPage, textPageBody } from "./text-page";
import { blockCountsText, ChangesPage, diffRows, renderTextContent, text, TextIndexPage, TextPage, VersionsPage } from "./views";

type C = ComponentRequest<TextSettings, TextStepSettings>;
type Handler = ComponentRoute<TextSettings, TextStepSettings>["handler"];

const ID = z.string().regex(/^\d{1,15}$/);
const textParams = z.object({ textId: ID });
const versionParams = z.object({ textId: ID, number: z.string().regex(/^\d{1,6}$/) });

/** The published text of the route, or a 404. */
async function publishedText(c: C): Promise<TextRecord & { currentVersionId: number }> {
  const t = await findText(c.deps.db, c.component.id, Number(c.params.textId));
  if (!t || !t.published || t.currentVersionId === null) throw notFound();
  return t as TextRecord & { currentVersionId: number };
}

const index: Handler = async (req, reply, c) => {
  const items = await listTexts(c.deps.db, c.component.id, true);
  const name = text(req.ctx, c.component.name).text;
  return sendComponentPage(req, reply, c, { title: name, body: <TextIndexPage ctx={req.ctx} base={c.base} componentName={name} items={items} /> });
};

/**
 * A published version with its table of contents and each block's counts: the content kept per version
 * and language, the counts filled in, the frame rendered per request (text-page.ts, ADR 0024).
 */
async function showVersion(req: Parameters<Handler>[0], reply: Parameters<Handler>[1], c: C, number: number | null) {
  const { db } = c.deps;
  const t = await publishedText(c);
  const versions = await listVersions(db, t.id);
  const published = versions.filter((v) => v.status === "published");
  const current = published.find((v) => v.id === t.currentVersionId);
  const version = number === null ? current : published.find((v) => v.number === number);
  if (!version || !current) throw notFound();
  const textBase = `${c.base}/texts/${t.id}`;
  const { body, orphans } = await textPageBody({
    db,
    textId: t.id,
    versionId: version.id,
    locale: req.ctx.locale,
    textBase,
    // Live counts for a signed-in reader and a hard reload (as the visitor cache renders anew for one).
    ttlMs: req.ctx.user || /no-cache/i.test(String(req.headers["cache-control"] ?? "")) ? 0 : visitorCacheTtlMs(c.deps.config),
    render: async () => renderTextContent(req.ctx, { locale: t.locale, blocks: await loadVersionBlocks(db, version.id), textBase, countsMarker: COUNTS_MARKER }),
    countsText: (counts) => blockCountsText(req.ctx, counts),
  });
  const announcement = c.settings.step.announcement;
  const frame = componentPageHtml(req, c, {
    title: text(req.ctx, t.title).text,
    body: (
      <TextPage
        ctx={req.ctx}
        base={c.base}
        textId={t.id}
        title={t.title}
        description={t.description}
        locale={t.locale}
        version={version}
        currentNumber={current.number}
        content={CONTENT_SLOT}
        orphans={orphans}
        {...(announcement && Object.keys(announcement).length > 0 ? { announcement } : {})}
      />
    ),
  });
  return sendTextPage(req, reply, frame, body);
}

const show: Handler = (req, reply, c) => showVersion(req, reply, c, null);
const showNumbered: Handler = (req, reply, c) => showVersion(req, reply, c, Number(c.params.number));

const versions: Handler = async (req, reply, c) => {
  const t = await publishedText(c);
  const all = (await listVersions(c.deps.db, t.id)).filter((v) => v.status === "published");
  const current = all.find((v) => v.id === t.currentVersionId);
  return sendComponentPage(req, reply, c, {
    title: req.ctx.t("texts.versions.title"),
    body: <VersionsPage ctx={req.ctx} base={c.base} textId={t.id} title={t.title} versions={all} currentNumber={current?.number ?? null} />,
  });
};

const changes: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const t = await publishedText(c);
  const number = Number(c.params.number);
  const [version, previous] = await Promise.all([findPublishedVersion(db, t.id, number), number > 1 ? findPublishedVersion(db, t.id, number - 1) : Promise.resolve(null)]);
  if (!version || !previous) throw notFound();
  const [before, after] = await Promise.all([loadVersionBlocks(db, previous.id), loadVersionBlocks(db, version.id)]);
  return sendComponentPage(req, reply, c, {
    title: req.ctx.t("texts.diff.title", { number, previous: number - 1 }),
    body: <ChangesPage ctx={req.ctx} base={c.base} textId={t.id} title={t.title} number={number} rows={diffRows(before, after)} locale={t.locale} />,
  });
};

export const textRoutes: Array<ComponentRoute<TextSettings, TextStepSettings>> = [
  { method: "GET", path: "/", visitorCache: true, handler: index },
  { method: "GET", path: "/texts/:textId", params: textParams, visitorCache: true, handler: show },
  { method: "GET", path: "/texts/:textId/versions", params: textParams, visitorCache: true, handler: versions },
  { method: "GET", path: "/texts/:textId/versions/:number", params: versionParams, visitorCache: true, handler: showNumbered },
  { method: "GET", path: "/texts/:textId/versions/:number/changes", params: versionParams, visitorCache: true, handler: changes },
];
