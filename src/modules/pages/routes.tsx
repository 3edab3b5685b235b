/** Public routes of the pages component (relative to /spaces/:slug/c/:componentId). */
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import type { Translatable } from "../../core/i18n/locales";
import { findPage, firstPage, listPageSummaries } from "./service";
import { PageView } from "./views";

export interface PagesGlobal {
  showTableOfContents: boolean;
}
export interface PagesStep {
  announcement: Translatable;
}

const showPage: ComponentRoute<PagesGlobal, PagesStep>["handler"] = async (req, reply, c) => {
  const { db } = c.deps;
  const raw = c.params.pageId;
  const pageId = raw === undefined ? null : /^\d{1,15}$/.test(raw) ? Number(raw) : -1;
  const [summaries, page] = await Promise.all([listPageSummaries(db, c.component.id), pageId === null ? firstPage(db, c.component.id) : findPage(db, c.component.id, pageId)]);
  if (pageId !== null && !page) throw notFound();
  const title = page ? localize(page.title, req.ctx.locale, req.ctx.org.defaultLocale).text : req.ctx.t("pages.title");
  return sendComponentPage(req, reply, c, {
    title,
    body: <PageView ctx={req.ctx} base={c.base} pages={summaries} page={page} showToc={c.settings.global.showTableOfContents} announcement={c.settings.step.announcement} />,
  });
};

export const pagesRoutes: Array<ComponentRoute<PagesGlobal, PagesStep>> = [
  { method: "GET", path: "/", visitorCache: true, handler: showPage },
  { method: "GET", path: "/:pageId", visitorCache: true, handler: showPage },
];
