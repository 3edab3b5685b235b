/**
 * Downloads of a text (`/texts/:textId/export/<file>`): `v<N>.md|.html|.pdf` for a published version,
 * `adopted.md|.html|.pdf` for the adopted one, `comments.csv` and `amendments.csv`.
 */
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { AppError, notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { visibleText } from "./block-routes";
import { ChromiumMissing, htmlToPdf } from "../../core/pdf/chromium";
import { amendmentsCsv, commentsCsv, loadExportVersion, versionHtml, versionMarkdown } from "./export";
import type { TextSettings, TextStepSettings } from "./settings";

type Handler = ComponentRoute<TextSettings, TextStepSettings>["handler"];

const FILE = /^(?:(v(\d{1,6})|adopted)\.(md|html|pdf)|(comments|amendments)\.csv)$/;
const exportParams = z.object({ textId: z.string().regex(/^\d{1,15}$/), file: z.string().regex(FILE) });

const TYPES = { md: "text/markdown; charset=utf-8", html: "text/html; charset=utf-8", pdf: "application/pdf", csv: "text/csv; charset=utf-8" } as const;

/** A file name from the text's title: letters, digits and dashes only. */
const slug = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "text";

const download: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const { t, locale, org } = req.ctx;
  const text = await visibleText(c, Number(c.params.textId));
  const m = FILE.exec(c.params.file ?? "");
  if (!m) throw notFound();
  const name = slug(localize(text.title, locale, org.defaultLocale).text);
  const send = (ext: keyof typeof TYPES, filename: string, body: string | Buffer) =>
    reply.header("content-type", TYPES[ext]).header("content-disposition", `attachment; filename="${filename}"`).header("cache-control", "private, no-cache").send(body);

  if (m[4] === "comments") return send("csv", `${name}-comments.csv`, await commentsCsv(db, text.id));
  if (m[4] === "amendments") return send("csv", `${name}-amendments.csv`, await amendmentsCsv(db, text.id, locale, org.defaultLocale));

  const v = await loadExportVersion(db, c.component.id, text.id, m[1] === "adopted" ? "adopted" : Number(m[2]));
  if (!v) throw notFound();
  const ext = m[3] as "md" | "html" | "pdf";
  const filename = `${name}-v${v.number}${m[1] === "adopted" ? "-adopted" : ""}.${ext}`;
  if (ext === "md") return send("md", filename, versionMarkdown(v));
  const words = { version: t("texts.export.versionLine", { n: v.number }), adopted: v.adoptedAt ? t("texts.export.adoptedLine") : null };
  const html = versionHtml(v, locale, org.defaultLocale, words);
  if (ext === "html") return send("html", filename, html);
  try {
    return send("pdf", filename, await htmlToPdf(html));
  } catch (error) {
    if (error instanceof ChromiumMissing) {
      req.log.error(error.message);
      throw new AppError("pdf_unavailable", 503);
    }
    throw error;
  }
};

export const exportRoutes: Array<ComponentRoute<TextSettings, TextStepSettings>> = [
  { method: "GET", path: "/texts/:textId/export/:file", params: exportParams, rateLimit: { max: 20, timeWindow: "1 minute" }, handler: download },
];
