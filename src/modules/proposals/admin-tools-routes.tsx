/**
 * Back-office tools of the proposals component (relative to /admin/spaces/:spaceId/components/:id/manage;
 * the dispatcher lets only the space's administrators in): merge the selected proposals, split one,
 * import from another component, export CSV/JSON. Plain form posts: 303 with a flash, or the form
 * again with translated errors (422). Listed before the `/:proposalId` routes (first match wins).
 */
import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { nestFields, stringList } from "../../core/components/form-values";
import { notFound, type FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { adminCsv, adminJson } from "./admin-export";
import { ImportForm, MergeForm, SplitForm, type ImportValues, type MergeValues, type SplitValues } from "./admin-tools-views";
import { IMPORT_STATES, importProposals, type ImportState } from "./import";
import { administeredComponents, loadTexts, MERGE_MAX, mergeProposals, SPLIT_MAX, splitProposal, type NewText } from "./merge";
import type { ProposalSettings, ProposalStepSettings } from "./settings";

type C = ComponentRequest<ProposalSettings, ProposalStepSettings>;
type Handler = ComponentRoute<ProposalSettings, ProposalStepSettings>["handler"];

const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
const page = sendComponentAdminPage;
const idOf = (raw: string | undefined) => (raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : -1);
const proposalParams = z.object({ proposalId: z.string().regex(/^\d{1,15}$/) });
const tool = (req: FastifyRequest) => ({ ...actorOf(req), isAdmin: req.ctx.user?.isAdmin ?? false });
const personOf = (req: FastifyRequest) => ({ id: req.ctx.user?.id ?? 0, isAdmin: req.ctx.user?.isAdmin ?? false });
/** Where a proposal of another component is administered. */
const adminUrl = (spaceId: number, componentId: number, id: number) => `/admin/spaces/${spaceId}/components/${componentId}/manage/${id}`;

const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const idsOf = (req: FastifyRequest) => [...new Set(stringList(body(req).ids).filter((v) => /^\d{1,15}$/.test(v)).map(Number))];
const translatableOf = (v: unknown): Translatable => {
  const out: Record<string, string> = {};
  if (v && typeof v === "object") for (const [k, s] of Object.entries(v)) if (typeof s === "string") out[k] = s.trim();
  return out as Translatable;
};
const hasTranslation = (v: Translatable) => Object.values(v).some((s) => Boolean(s?.trim()));
const componentIdOf = (v: unknown) => (typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : -1);

/** A text the administrator writes: a title (≤ 300) and a text (≤ 50,000), each in at least one language. */
function textErrors(t: NewText, prefix: string): FieldErrors {
  const errors: FieldErrors = {};
  const too = (v: Translatable, max: number) => Object.values(v).some((s) => (s ?? "").length > max);
  if (!hasTranslation(t.title)) errors[`${prefix}title`] = { key: "validation.required" };
  else if (too(t.title, 300)) errors[`${prefix}title`] = { key: "validation.tooLong", values: { max: 300 } };
  if (!hasTranslation(t.body)) errors[`${prefix}body`] = { key: "validation.required" };
  else if (too(t.body, 50_000)) errors[`${prefix}body`] = { key: "validation.tooLong", values: { max: 50_000 } };
  return errors;
}

// --- merge

async function mergeForm(req: FastifyRequest, reply: FastifyReply, c: C, values: MergeValues, errors?: FieldErrors) {
  const [texts, components] = await Promise.all([loadTexts(c.deps.db, c.component.id, values.ids), administeredComponents(c.deps.db, personOf(req))]);
  const titles = new Map([...texts].map(([id, v]) => [id, v.title]));
  return page(req, reply, c, req.ctx.t("proposals.tools.merge.title"), <MergeForm ctx={req.ctx} base={c.base} values={values} titles={titles} components={components} errors={errors} />, errors ? 422 : 200);
}

/** The list's "merge" button: the form, prefilled with the first selected proposal's title and text. */
const newMerge: Handler = async (req, reply, c) => {
  const ids = idsOf(req);
  const { t } = req.ctx;
  if (ids.length < 2) return redirectWithFlash(reply, c.base, "error", t("proposals.tools.mergeTwo"));
  if (ids.length > MERGE_MAX) return redirectWithFlash(reply, c.base, "error", t("proposals.tools.tooMany", { max: MERGE_MAX }));
  const first = (await loadTexts(c.deps.db, c.component.id, [ids[0] as number])).get(ids[0] as number);
  return mergeForm(req, reply, c, { ids, title: first?.title, body: first?.body, targetComponentId: String(c.component.id) });
};

const merge: Handler = async (req, reply, c) => {
  const values = nestFields(req.body);
  const input = { ids: idsOf(req), title: translatableOf(values.title), body: translatableOf(values.body), targetComponentId: componentIdOf(values.targetComponentId) };
  const shown: MergeValues = { ...input, targetComponentId: typeof values.targetComponentId === "string" ? values.targetComponentId : undefined };
  const invalid = textErrors(input, "");
  if (Object.keys(invalid).length > 0) return mergeForm(req, reply, c, shown, invalid);
  const result = await mergeProposals(c.deps.db, tool(req), place(c), input);
  if (!result.ok) return mergeForm(req, reply, c, shown, result.errors);
  const target = (await administeredComponents(c.deps.db, personOf(req))).find((x) => x.id === result.value.componentId);
  const to = target ? adminUrl(target.spaceId, target.id, result.value.id) : c.base;
  return redirectWithFlash(reply, to, "success", req.ctx.t("proposals.tools.merge.done"));
};

// --- split

async function splitForm(req: FastifyRequest, reply: FastifyReply, c: C, id: number, values: SplitValues | null, errors?: FieldErrors) {
  const [texts, components] = await Promise.all([loadTexts(c.deps.db, c.component.id, [id]), administeredComponents(c.deps.db, personOf(req))]);
  const original = texts.get(id);
  if (!original) throw notFound();
  const shown: SplitValues = values ?? { parts: [{ title: original.title, body: original.body }, { title: original.title, body: {} }, {}], targetComponentId: String(c.component.id) };
  while (shown.parts.length < 3 && shown.parts.length < SPLIT_MAX) shown.parts.push({});
  return page(req, reply, c, req.ctx.t("proposals.tools.split.title"), <SplitForm ctx={req.ctx} base={c.base} id={id} title={original.title} values={shown} components={components} errors={errors} />, errors ? 422 : 200);
}

const split: Handler = async (req, reply, c) => {
  const id = idOf(c.params.proposalId);
  const values = nestFields(req.body);
  const raw = values.parts && typeof values.parts === "object" ? (values.parts as Record<string, { title?: unknown; body?: unknown }>) : {};
  const given = Object.keys(raw)
    .filter((k) => /^\d{1,2}$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .slice(0, SPLIT_MAX)
    .map((k) => ({ title: translatableOf(raw[k]?.title), body: translatableOf(raw[k]?.body) }));
  // A part left wholly empty is no part; a part half written is an error on its fields.
  const parts = given.filter((p) => hasTranslation(p.title) || hasTranslation(p.body));
  const shown: SplitValues = { parts: given, targetComponentId: typeof values.targetComponentId === "string" ? values.targetComponentId : undefined };
  const errors: FieldErrors = {};
  given.forEach((p, i) => {
    if (hasTranslation(p.title) || hasTranslation(p.body)) Object.assign(errors, textErrors(p, `parts.${i}.`));
  });
  if (parts.length < 2) errors._form = { key: "proposals.tools.splitTwo" };
  if (Object.keys(errors).length > 0) return splitForm(req, reply, c, id, shown, errors);
  const result = await splitProposal(c.deps.db, tool(req), place(c), { id, parts, targetComponentId: componentIdOf(values.targetComponentId) });
  if (!result.ok) return splitForm(req, reply, c, id, shown, result.errors);
  return redirectWithFlash(reply, `${c.base}/${id}`, "success", req.ctx.t("proposals.tools.split.done", { count: result.value.ids.length }));
};

// --- import

async function importForm(req: FastifyRequest, reply: FastifyReply, c: C, values: ImportValues, errors?: FieldErrors) {
  const components = (await administeredComponents(c.deps.db, personOf(req))).filter((x) => x.id !== c.component.id);
  return page(req, reply, c, req.ctx.t("proposals.tools.import.title"), <ImportForm ctx={req.ctx} base={c.base} values={values} components={components} errors={errors} />, errors ? 422 : 200);
}

const runImport: Handler = async (req, reply, c) => {
  const states = stringList(body(req).states).filter((s): s is ImportState => (IMPORT_STATES as readonly string[]).includes(s));
  const source = body(req).sourceComponentId;
  const values: ImportValues = { sourceComponentId: typeof source === "string" ? source : undefined, states };
  const result = await importProposals(c.deps.db, tool(req), place(c), { sourceComponentId: componentIdOf(source), states });
  if (!result.ok) return importForm(req, reply, c, values, result.errors);
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("proposals.tools.import.done", result.value));
};

// --- exports

const download = (reply: FastifyReply, type: string, name: string, stream: AsyncGenerator<string>) =>
  reply
    .header("content-type", `${type}; charset=utf-8`)
    .header("content-disposition", `attachment; filename="${name}"`)
    .header("cache-control", "private, no-store")
    .send(Readable.from(stream));

const exportCsv: Handler = async (req, reply, c) => {
  const base = c.deps.config.PUBLIC_URL;
  const url = (id: string) => `${base}${componentPath(c.space, c.component.id, `/${id}`)}`;
  return download(reply, "text/csv", `proposals-${c.component.id}.csv`, adminCsv(c.deps.pool, c.component.id, url, { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale }));
};

const exportJson: Handler = async (_req, reply, c) => {
  const base = c.deps.config.PUBLIC_URL;
  const url = (id: string) => `${base}${componentPath(c.space, c.component.id, `/${id}`)}`;
  return download(reply, "application/json", `proposals-${c.component.id}.json`, adminJson(c.deps.pool, c.component.id, url));
};

export const proposalToolRoutes: Array<ComponentRoute<ProposalSettings, ProposalStepSettings>> = [
  { method: "POST", path: "/merge/new", handler: newMerge },
  { method: "POST", path: "/merge", handler: merge },
  { method: "GET", path: "/import", handler: async (req, reply, c) => importForm(req, reply, c, { states: ["accepted"] }) },
  { method: "POST", path: "/import", handler: runImport },
  { method: "GET", path: "/export.csv", handler: exportCsv },
  { method: "GET", path: "/export.json", handler: exportJson },
  { method: "GET", path: "/:proposalId/split", params: proposalParams, handler: async (req, reply, c) => splitForm(req, reply, c, idOf(c.params.proposalId), null) },
  { method: "POST", path: "/:proposalId/split", params: proposalParams, handler: split },
];
