/**
 * Back-office routes of texts (relative to /admin/spaces/:spaceId/components/:id/manage; the dispatcher
 * lets only the space's administrators in): the list, a new text (Markdown written or a file uploaded),
 * editing the draft, its preview as the public page will show it, publishing it with a reason (aligned,
 * annotations re-anchored, audited: publish.ts), and the history with each version's diff.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { nestFields, parseNested } from "../../core/components/form-values";
import { notFound, type FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { applyAmendmentsToDraft, createTextFromForm, publishInput, textInput, updateTextFromForm } from "./admin-service";
import { HistoryPage, PreviewPage, PublishPage, TextFormPage, TextListPage, VersionDiffPage, type TextFormValues } from "./admin-views";
import { publishDraft } from "./publish";
import { findPublishedVersion, findText, listTexts, listVersions, loadVersionBlocks } from "./queries";
import { findDraft } from "./service";
import type { TextSettings, TextStepSettings } from "./settings";
import { diffRows, text } from "./views";

type C = ComponentRequest<TextSettings, TextStepSettings>;
type Handler = ComponentRoute<TextSettings, TextStepSettings>["handler"];

const ID = z.string().regex(/^\d{1,15}$/);
const textParams = z.object({ textId: ID });
const versionParams = z.object({ textId: ID, number: z.string().regex(/^\d{1,6}$/) });
const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
const page = sendComponentAdminPage;
const fileOf = (body: unknown) => {
  const f = (body as Record<string, unknown> | null)?.file;
  return Buffer.isBuffer(f) && f.length > 0 ? f : null;
};
const tr = (v: Record<string, unknown>, k: string) => (v[k] && typeof v[k] === "object" && !Buffer.isBuffer(v[k]) ? (v[k] as Translatable) : undefined);
const formValues = (v: Record<string, unknown>): TextFormValues => {
  const out: TextFormValues = {};
  const title = tr(v, "title");
  const description = tr(v, "description");
  if (title) out.title = title;
  if (description) out.description = description;
  if (typeof v.source === "string") out.source = v.source;
  if (typeof v.locale === "string") out.locale = v.locale;
  return out;
};

async function textOf(c: C) {
  const t = await findText(c.deps.db, c.component.id, Number(c.params.textId));
  if (!t) throw notFound();
  return t;
}

const list: Handler = async (req, reply, c) => {
  const items = await listTexts(c.deps.db, c.component.id, false);
  const name = text(req.ctx, c.component.name).text;
  return page(req, reply, c, name, <TextListPage ctx={req.ctx} base={c.base} publicBase={componentPath(c.space, c.component.id)} componentName={name} items={items} />);
};

const newForm: Handler = async (req, reply, c) => {
  const heading = req.ctx.t("texts.admin.new");
  return page(req, reply, c, heading, <TextFormPage ctx={req.ctx} base={c.base} heading={heading} action={`${c.base}/new`} values={{ locale: req.ctx.org.defaultLocale }} />);
};

const create: Handler = async (req, reply, c) => {
  const values = nestFields(req.body);
  const parsed = parseNested(textInput, values);
  const result = parsed.ok ? await createTextFromForm(c.deps.db, actorOf(req), place(c), req.ctx.org.defaultLocale, parsed.value, fileOf(req.body)) : parsed;
  if (!result.ok) {
    const heading = req.ctx.t("texts.admin.new");
    return page(req, reply, c, heading, <TextFormPage ctx={req.ctx} base={c.base} heading={heading} action={`${c.base}/new`} values={formValues(values)} errors={result.errors} />, 422);
  }
  return redirectWithFlash(reply, `${c.base}/${result.value.textId}/preview`, "success", req.ctx.t("texts.admin.saved", { blocks: result.value.blocks, sections: result.value.sections }));
};

async function editPage(req: FastifyRequest, reply: FastifyReply, c: C, values: TextFormValues | null, errors?: FieldErrors) {
  const t = await textOf(c);
  const draft = await findDraft(c.deps.db, t.id);
  let source = draft?.source;
  if (source === undefined && t.currentVersionId !== null) source = (await listVersions(c.deps.db, t.id)).find((v) => v.id === t.currentVersionId)?.source;
  const heading = req.ctx.t("texts.admin.editTitle", { title: text(req.ctx, t.title).text });
  const shown = values ?? { title: t.title, description: t.description, source: source ?? "" };
  return page(req, reply, c, heading, <TextFormPage ctx={req.ctx} base={c.base} heading={heading} action={`${c.base}/${t.id}/edit`} values={shown} errors={errors} />, errors ? 422 : 200);
}

const editForm: Handler = (req, reply, c) => editPage(req, reply, c, null);

const update: Handler = async (req, reply, c) => {
  const t = await textOf(c);
  const values = nestFields(req.body);
  const parsed = parseNested(textInput, values);
  const result = parsed.ok ? await updateTextFromForm(c.deps.db, actorOf(req), place(c), t.id, parsed.value, fileOf(req.body)) : parsed;
  if (!result.ok) return editPage(req, reply, c, formValues(values), result.errors);
  return redirectWithFlash(reply, `${c.base}/${t.id}/preview`, "success", req.ctx.t("texts.admin.saved", { blocks: result.value.blocks, sections: result.value.sections }));
};

const preview: Handler = async (req, reply, c) => {
  const t = await textOf(c);
  const draft = await findDraft(c.deps.db, t.id);
  if (!draft) return redirectWithFlash(reply, `${c.base}/${t.id}/edit`, "info", req.ctx.t("texts.admin.noDraft"));
  const blocks = await loadVersionBlocks(c.deps.db, draft.id);
  return page(req, reply, c, req.ctx.t("texts.admin.previewTitle", { number: draft.number }), <PreviewPage ctx={req.ctx} base={c.base} textId={t.id} title={t.title} locale={t.locale} number={draft.number} blocks={blocks} />);
};

async function publishPage(req: FastifyRequest, reply: FastifyReply, c: C, values: { reason?: Translatable }, errors?: FieldErrors) {
  const { db } = c.deps;
  const t = await textOf(c);
  const draft = await findDraft(db, t.id);
  if (!draft) return redirectWithFlash(reply, `${c.base}/${t.id}/edit`, "info", req.ctx.t("texts.admin.noDraft"));
  const [after, before] = await Promise.all([loadVersionBlocks(db, draft.id), t.currentVersionId === null ? Promise.resolve(null) : loadVersionBlocks(db, t.currentVersionId)]);
  const rows = before ? diffRows(before, after) : null;
  return page(req, reply, c, req.ctx.t("texts.admin.publishTitle", { number: draft.number }), <PublishPage ctx={req.ctx} base={c.base} textId={t.id} title={t.title} number={draft.number} rows={rows} values={values} errors={errors} />, errors ? 422 : 200);
}

const publishForm: Handler = (req, reply, c) => publishPage(req, reply, c, {});

const publish: Handler = async (req, reply, c) => {
  const t = await textOf(c);
  const values = nestFields(req.body);
  const parsed = parseNested(publishInput, values);
  const result = parsed.ok ? await publishDraft(c.deps.db, actorOf(req), place(c), t.id, parsed.value.reason) : parsed;
  if (!result.ok) {
    const reason = tr(values, "reason");
    return publishPage(req, reply, c, reason ? { reason } : {}, result.errors);
  }
  const r = result.value;
  return redirectWithFlash(reply, `${c.base}/${t.id}/versions`, "success", req.ctx.t("texts.admin.published", { number: r.number, ...r.reanchor }));
};

const applyAmendmentsRoute: Handler = async (req, reply, c) => {
  const t = await textOf(c);
  const result = await applyAmendmentsToDraft(c.deps.db, actorOf(req), place(c), t.id);
  if (!result.ok) throw notFound();
  const n = result.value.applied;
  if (n === 0) return redirectWithFlash(reply, `${c.base}/${t.id}/preview`, "info", req.ctx.t("texts.admin.noAmendments"));
  return redirectWithFlash(reply, `${c.base}/${t.id}/preview`, "success", req.ctx.t("texts.admin.amendmentsApplied", { count: n }));
};

const history: Handler = async (req, reply, c) => {
  const t = await textOf(c);
  const versions = await listVersions(c.deps.db, t.id);
  return page(req, reply, c, req.ctx.t("texts.versions.title"), <HistoryPage ctx={req.ctx} base={c.base} textId={t.id} title={t.title} versions={versions} />);
};

const versionDiff: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const t = await textOf(c);
  const number = Number(c.params.number);
  const [version, previous] = await Promise.all([findPublishedVersion(db, t.id, number), number > 1 ? findPublishedVersion(db, t.id, number - 1) : Promise.resolve(null)]);
  if (!version || !previous) throw notFound();
  const [before, after] = await Promise.all([loadVersionBlocks(db, previous.id), loadVersionBlocks(db, version.id)]);
  return page(req, reply, c, req.ctx.t("texts.diff.title", { number, previous: number - 1 }), <VersionDiffPage ctx={req.ctx} base={c.base} textId={t.id} title={t.title} number={number} rows={diffRows(before, after)} locale={t.locale} />);
};

export const textAdminRoutes: Array<ComponentRoute<TextSettings, TextStepSettings>> = [
  { method: "GET", path: "/", handler: list },
  { method: "GET", path: "/new", handler: newForm },
  { method: "POST", path: "/new", handler: create },
  { method: "GET", path: "/:textId/edit", params: textParams, handler: editForm },
  { method: "POST", path: "/:textId/edit", params: textParams, handler: update },
  { method: "GET", path: "/:textId/preview", params: textParams, handler: preview },
  { method: "GET", path: "/:textId/publish", params: textParams, handler: publishForm },
  { method: "POST", path: "/:textId/publish", params: textParams, handler: publish },
  { method: "POST", path: "/:textId/apply-amendments", params: textParams, handler: applyAmendmentsRoute },
  { method: "GET", path: "/:textId/versions", params: textParams, handler: history },
  { method: "GET", path: "/:textId/versions/:number", params: versionParams, handler: versionDiff },
];
