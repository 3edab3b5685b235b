/**
 * Back office of recruitment (relative to the sortition component's manage base):
 * `/recruitments` (the list), `/recruitments/new`, `/recruitments/<id>` (its page), `/<id>/edit`,
 * `/<id>/register` (upload the register CSV, or give a count), `/<id>/invite` (draw the sample and make
 * the letters), `/<id>/letters/batch-<n>.pdf|.csv` (a batch's letters; the CSV is batch,row,code for a
 * mail house), `/<id>/letters/retry`, `/<id>/open`, `/<id>/close`, `/<id>/personal-data/delete`.
 * Plain form posts with a 303 and a flash; errors show the page again with the values typed.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound, type FieldErrors } from "../../core/http/result";
import { csvLine } from "../../core/open-data/csv";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { redirectWithFlash } from "../../web/render";
import { batchCodes, invite } from "./invitations";
import { DEFAULT_LETTER } from "./letters-defaults";
import { batchPdf, LETTERS_JOB, listBatches, retryFailedBatches } from "./letters-job";
import { parseRecruitment, strataText, type RecruitmentValues } from "./recruitment-inputs";
import { createRecruitment, registrationCounts, setRecruitmentStatus, updateRecruitment } from "./recruitment-service";
import { RecruitmentForm, RecruitmentList, RecruitmentPage, type RecruitmentPageProps, type RegisterFormValues } from "./recruitment-views";
import { parseRegister, storeRegister, type RegisterProblem } from "./register";
import { findRecruitment, keysFor, listRecruitments, type RecruitmentRow } from "./registration-service";
import { deleteRecruitmentPersonalData } from "./retention";
import type { SortitionSettings, SortitionStepSettings } from "./settings";

type C = ComponentRequest<SortitionSettings, SortitionStepSettings>;
type Handler = (req: FastifyRequest, reply: FastifyReply, c: C) => Promise<FastifyReply>;

const params = z.object({ recruitmentId: z.string().regex(/^\d{1,15}$/) });
const FILE = /^batch-(\d{1,6})\.(pdf|csv)$/;
const fileParams = z.object({ recruitmentId: z.string().regex(/^\d{1,15}$/), file: z.string().regex(FILE) });

const DEFAULT_STRATA = `category,value,en,fr,nl,de,min,max
gender,,Gender,Genre,Geslacht,Geschlecht,,
gender,woman,Woman,Femme,Vrouw,Frau,,
gender,man,Man,Homme,Man,Mann,,
gender,other,Other,Autre,Anders,Divers,,
age,,Age,Âge,Leeftijd,Alter,,
age,16-29,16 to 29,16 à 29 ans,16 tot 29,16 bis 29,,
age,30-49,30 to 49,30 à 49 ans,30 tot 49,30 bis 49,,
age,50-64,50 to 64,50 à 64 ans,50 tot 64,50 bis 64,,
age,65+,65 and over,65 ans et plus,65 en ouder,65 und älter,,
`;

const text = (v: unknown): string => (typeof v === "string" ? v : "");

async function load(c: C): Promise<RecruitmentRow> {
  const r = await findRecruitment(c.deps.db, c.component.id, Number(c.params.recruitmentId));
  if (!r) throw notFound();
  return r;
}

const list: Handler = async (req, reply, c) => sendComponentAdminPage(req, reply, c, req.ctx.t("sortition.recruitment.title"), <RecruitmentList ctx={req.ctx} base={c.base} recruitments={await listRecruitments(c.deps.db, c.component.id)} />);

const newValues = (): RecruitmentValues => ({ title: {}, consentText: {}, letterTemplate: DEFAULT_LETTER, volunteersOpen: false, registrationDeadline: "", retentionDays: "365", strata: DEFAULT_STRATA });

const form = (req: FastifyRequest, reply: FastifyReply, c: C, action: string, values: RecruitmentValues, errors?: FieldErrors, frozen?: boolean) =>
  sendComponentAdminPage(req, reply, c, req.ctx.t(frozen === undefined ? "sortition.recruitment.new" : "sortition.recruitment.edit"), <RecruitmentForm ctx={req.ctx} back={`${c.base}/recruitments`} action={action} values={values} errors={errors} {...(frozen === undefined ? {} : { frozen })} />, errors ? 422 : 200);

const newForm: Handler = async (req, reply, c) => form(req, reply, c, `${c.base}/recruitments/new`, newValues());

const create: Handler = async (req, reply, c) => {
  const parsed = parseRecruitment(req.body);
  if (!parsed.ok) return form(req, reply, c, `${c.base}/recruitments/new`, parsed.values, parsed.errors);
  const id = await createRecruitment(c.deps.db, actorOf(req), { spaceId: c.space.id, componentId: c.component.id }, parsed.input);
  return redirectWithFlash(reply, `${c.base}/recruitments/${id}`, "success", req.ctx.t("sortition.recruitment.created"));
};

const editValues = (r: RecruitmentRow): RecruitmentValues => ({
  title: r.title,
  consentText: r.consentText,
  letterTemplate: r.letterTemplate,
  volunteersOpen: r.volunteersOpen,
  registrationDeadline: r.registrationDeadline ? r.registrationDeadline.toISOString().slice(0, 10) : "",
  retentionDays: String(r.retentionDays),
  strata: strataText(r.strata),
});

const isFrozen = (r: RecruitmentRow) => r.invitedAt !== null || r.status !== "draft";

const editForm: Handler = async (req, reply, c) => {
  const r = await load(c);
  return form(req, reply, c, `${c.base}/recruitments/${r.id}/edit`, editValues(r), undefined, isFrozen(r));
};

const update: Handler = async (req, reply, c) => {
  const r = await load(c);
  const parsed = parseRecruitment(req.body);
  if (!parsed.ok) return form(req, reply, c, `${c.base}/recruitments/${r.id}/edit`, parsed.values, parsed.errors, isFrozen(r));
  const ok = await updateRecruitment(c.deps.db, actorOf(req), c.space.id, r.id, parsed.input);
  return redirectWithFlash(reply, `${c.base}/recruitments/${r.id}`, ok ? "success" : "error", req.ctx.t(ok ? "sortition.recruitment.saved" : "sortition.recruitment.error.status"));
};

async function page(req: FastifyRequest, reply: FastifyReply, c: C, extra: Pick<RecruitmentPageProps, "registerValues" | "inviteValues" | "errors"> = {}) {
  const r = await load(c);
  const [batches, counts] = await Promise.all([listBatches(c.deps.db, r.id), registrationCounts(c.deps.db, r.id)]);
  // While letters print, the page reloads itself (no JavaScript needed to follow the progress).
  if (batches.some((b) => b.status === "queued" || b.status === "printing")) reply.header("refresh", "3");
  const body = <RecruitmentPage ctx={req.ctx} base={c.base} r={r} batches={batches} counts={counts} {...extra} />;
  return sendComponentAdminPage(req, reply, c, req.ctx.t("sortition.recruitment.title"), body, extra.errors ? 422 : 200);
}

const show: Handler = (req, reply, c) => page(req, reply, c);

const PROBLEM: Record<RegisterProblem["kind"], (p: RegisterProblem) => FieldErrors[string]> = {
  empty: () => ({ key: "sortition.recruitment.error.registerEmpty" }),
  quote: () => ({ key: "sortition.recruitment.error.registerQuote" }),
  width: (p) => (p.kind === "width" ? { key: "sortition.recruitment.error.registerWidth", values: { lines: p.lines.join(", "), expected: p.expected } } : { key: "sortition.recruitment.error.registerEmpty" }),
  column: (p) => ({ key: "sortition.recruitment.error.registerColumn", values: { column: p.kind === "column" ? p.column : "" } }),
  duplicateHeader: (p) => ({ key: "sortition.recruitment.error.registerDuplicate", values: { column: p.kind === "duplicateHeader" ? p.column : "" } }),
  tooMany: (p) => ({ key: "sortition.recruitment.error.registerTooMany", values: { max: p.kind === "tooMany" ? p.max : 0 } }),
};

const upload: Handler = async (req, reply, c) => {
  const r = await load(c);
  const b = (req.body ?? {}) as Record<string, unknown>;
  const values: RegisterFormValues = { count: text(b.count).trim(), nameColumns: text(b.nameColumns).trim(), addressColumns: text(b.addressColumns).trim(), languageColumn: text(b.languageColumn).trim() };
  const again = (errors: FieldErrors) => page(req, reply, c, { registerValues: values, errors });
  const file = Buffer.isBuffer(b.registerFile) && b.registerFile.length > 0 ? b.registerFile : null;
  let register: Parameters<typeof storeRegister>[5];
  if (file) {
    let csv: string;
    try {
      csv = new TextDecoder("utf-8", { fatal: true }).decode(file);
    } catch {
      return again({ registerFile: { key: "sortition.admin.error.encoding" } });
    }
    const parsed = parseRegister(csv, { name: values.nameColumns ?? "", address: values.addressColumns ?? "", language: values.languageColumn ?? "" });
    if (!parsed.ok) {
      const field = parsed.problem.kind === "column" ? (parsed.problem.column && (values.languageColumn ?? "").includes(parsed.problem.column) ? "languageColumn" : (values.addressColumns ?? "").includes(parsed.problem.column) ? "addressColumns" : "nameColumns") : "registerFile";
      return again({ [field]: PROBLEM[parsed.problem.kind](parsed.problem) });
    }
    register = parsed.register;
  } else if (/^\d{1,7}$/.test(values.count ?? "") && Number(values.count) > 0) {
    register = { count: Number(values.count) };
  } else {
    return again({ registerFile: { key: values.count ? "sortition.recruitment.error.count" : "sortition.recruitment.error.registerMissing" } });
  }
  const stored = await storeRegister(c.deps.db, keysFor(c.deps.config), actorOf(req), c.space.id, r.id, register);
  if (!stored.ok) return redirectWithFlash(reply, `${c.base}/recruitments/${r.id}`, "error", req.ctx.t("sortition.recruitment.error.status"));
  return redirectWithFlash(reply, `${c.base}/recruitments/${r.id}`, "success", req.ctx.t("sortition.recruitment.register.stored", { size: stored.size }));
};

const inviteRoute: Handler = async (req, reply, c) => {
  const r = await load(c);
  const b = (req.body ?? {}) as Record<string, unknown>;
  const inviteValues = { count: text(b.invitations).trim(), seed: text(b.seed).trim() };
  const n = Number(inviteValues.count);
  const again = (errors: FieldErrors) => page(req, reply, c, { inviteValues, errors });
  if (!/^\d{1,7}$/.test(inviteValues.count) || n < 1 || n > r.registerSize) return again({ invitations: { key: "sortition.recruitment.error.invitations", values: { size: r.registerSize } } });
  if (inviteValues.seed.length > 200) return again({ seed: { key: "validation.tooLong", values: { max: 200 } } });
  const outcome = await invite(c.deps.db, keysFor(c.deps.config), actorOf(req), c.space.id, r.id, n, inviteValues.seed || undefined);
  if (!outcome.ok) return redirectWithFlash(reply, `${c.base}/recruitments/${r.id}`, "error", req.ctx.t("sortition.recruitment.error.status"));
  await c.deps.jobs.send(LETTERS_JOB, { recruitmentId: r.id });
  return redirectWithFlash(reply, `${c.base}/recruitments/${r.id}`, "success", req.ctx.t("sortition.recruitment.invite.flash", { count: outcome.count, batches: outcome.batches }));
};

const download: Handler = async (req, reply, c) => {
  const r = await load(c);
  const m = FILE.exec(c.params.file ?? "");
  if (!m) throw notFound();
  const batch = Number(m[1]);
  const keys = keysFor(c.deps.config);
  reply.header("cache-control", "private, no-store");
  if (m[2] === "csv") {
    if (r.personalDataDeletedAt) throw notFound();
    const codes = await batchCodes(c.deps.db, keys, r.id, batch);
    if (codes.length === 0) throw notFound();
    const body = csvLine(["batch", "row", "code"]) + codes.map((x) => csvLine([batch, x.row, x.code])).join("");
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="letters-${r.id}-batch-${batch}.csv"`).send(body);
  }
  const pdf = await batchPdf(c.deps.db, keys, r.id, batch);
  if (!pdf) throw notFound();
  return reply.header("content-type", "application/pdf").header("content-disposition", `attachment; filename="letters-${r.id}-batch-${batch}.pdf"`).send(pdf);
};

const retry: Handler = async (req, reply, c) => {
  const r = await load(c);
  const n = await retryFailedBatches(c.deps.db, r.id);
  if (n > 0) await c.deps.jobs.send(LETTERS_JOB, { recruitmentId: r.id });
  return redirectWithFlash(reply, `${c.base}/recruitments/${r.id}`, "success", req.ctx.t("sortition.letters.retried", { count: n }));
};

const status =
  (to: "open" | "closed"): Handler =>
  async (req, reply, c) => {
    const r = await load(c);
    const ok = await setRecruitmentStatus(c.deps.db, actorOf(req), c.space.id, r.id, to);
    return redirectWithFlash(reply, `${c.base}/recruitments/${r.id}`, ok ? "success" : "error", req.ctx.t(ok ? (to === "open" ? "sortition.recruitment.opened" : "sortition.recruitment.closed") : "sortition.recruitment.error.status"));
  };

const deleteNow: Handler = async (req, reply, c) => {
  const r = await load(c);
  const ok = r.status === "closed" && (await deleteRecruitmentPersonalData(c.deps.db, r.id, actorOf(req).id || null));
  return redirectWithFlash(reply, `${c.base}/recruitments/${r.id}`, ok ? "success" : "error", req.ctx.t(ok ? "sortition.recruitment.retention.deletedFlash" : "sortition.recruitment.error.status"));
};

type Route = ComponentRoute<SortitionSettings, SortitionStepSettings>;
const LIMIT = { max: 30, timeWindow: "1 minute" };

export const recruitmentAdminRoutes: Route[] = [
  { method: "GET", path: "/recruitments", handler: list },
  { method: "GET", path: "/recruitments/new", handler: newForm },
  { method: "POST", path: "/recruitments/new", handler: create },
  { method: "GET", path: "/recruitments/:recruitmentId", params, handler: show },
  { method: "GET", path: "/recruitments/:recruitmentId/edit", params, handler: editForm },
  { method: "POST", path: "/recruitments/:recruitmentId/edit", params, handler: update },
  { method: "POST", path: "/recruitments/:recruitmentId/register", params, handler: upload },
  { method: "POST", path: "/recruitments/:recruitmentId/invite", params, handler: inviteRoute },
  { method: "GET", path: "/recruitments/:recruitmentId/letters/:file", params: fileParams, rateLimit: LIMIT, handler: download },
  { method: "POST", path: "/recruitments/:recruitmentId/letters/retry", params, handler: retry },
  { method: "POST", path: "/recruitments/:recruitmentId/open", params, handler: status("open") },
  { method: "POST", path: "/recruitments/:recruitmentId/close", params, handler: status("closed") },
  { method: "POST", path: "/recruitments/:recruitmentId/personal-data/delete", params, handler: deleteNow },
];
