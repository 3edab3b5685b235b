/** Back-office routes: paper ballots entered one by one or as a CSV per polling place, confirmed by a second person. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { redirectWithFlash } from "../../web/render";
import { decidePaperBallots, enterPaperBallots, entryErrors, listWaiting, loadPaperBudget, paperCounts, SheetTaken, WAITING_SHOWN, type Decision, type EntryError, type PaperBudget, type PaperEntry } from "./paper-ballots";
import { checkPaperCsv, type CsvError } from "./paper-csv";
import { PaperEntryPage, PaperImportPage, PaperOverviewPage, type EntryValues } from "./paper-views";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

type C = ComponentRequest<BudgetSettings, BudgetStepSettings>;
type Handler = ComponentRoute<BudgetSettings, BudgetStepSettings>["handler"];

const budgetParams = z.object({ budgetId: z.string().regex(/^\d{1,15}$/) });
const ballotParams = z.object({ ballotId: z.string().regex(/^\d{1,15}$/) });
const batchParams = z.object({ batch: z.string().uuid() });

const page = sendComponentAdminPage;
const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });

async function budgetOf(c: C): Promise<PaperBudget> {
  const budget = await loadPaperBudget(c.deps.db, c.component.id, Number(c.params.budgetId));
  if (!budget) throw notFound();
  return budget;
}

const overview: Handler = async (req, reply, c) => {
  const [counts, waiting] = await Promise.all([paperCounts(c.deps.db, c.component.id), listWaiting(c.deps.db, c.component.id)]);
  return page(req, reply, c, req.ctx.t("budgets.paper.title"), <PaperOverviewPage ctx={req.ctx} base={c.base} counts={counts} waiting={waiting} userId={req.ctx.user?.id ?? 0} shownLimit={WAITING_SHOWN} />);
};

function entryPage(req: FastifyRequest, reply: FastifyReply, c: C, budget: PaperBudget, values: EntryValues, errors?: EntryError[]) {
  return page(req, reply, c, req.ctx.t("budgets.paper.entry.title", { budget: "" }), <PaperEntryPage ctx={req.ctx} base={c.base} budget={budget} values={values} errors={errors} />, errors ? 422 : 200);
}

const entryForm: Handler = async (req, reply, c) => {
  const budget = await budgetOf(c);
  const q = (req.query ?? {}) as Record<string, unknown>;
  return entryPage(req, reply, c, budget, { pollingPlace: typeof q.place === "string" ? q.place.slice(0, 200) : "", sheet: "", marks: {} });
};

/** The form's fields: `mark.<projectId>` is "on" (a checkbox), points or a rank. */
function readEntry(body: unknown, budget: PaperBudget): { values: EntryValues; entry: PaperEntry; errors: EntryError[] } {
  const fields = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof fields[k] === "string" ? (fields[k] as string) : "");
  const values: EntryValues = { pollingPlace: str("pollingPlace").trim(), sheet: str("sheet").trim(), marks: {} };
  const items: PaperEntry["items"] = [];
  const errors: EntryError[] = [];
  for (const p of budget.projects) {
    const raw = str(`mark.${p.id}`).trim();
    if (raw === "") continue;
    values.marks[p.id] = raw;
    if (budget.voteType === "cumulative" || budget.voteType === "ordinal") {
      if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) {
        errors.push({ field: "projects", key: "budgets.paper.error.number", values: { ref: p.ref } });
        continue;
      }
      items.push({ projectId: p.id, points: budget.voteType === "cumulative" ? Number(raw) : 1, rank: budget.voteType === "ordinal" ? Number(raw) : null });
    } else items.push({ projectId: p.id, points: 1, rank: null });
  }
  return { values, entry: { pollingPlace: values.pollingPlace, sheet: values.sheet, items }, errors };
}

const enter: Handler = async (req, reply, c) => {
  const budget = await budgetOf(c);
  const { values, entry, errors: read } = readEntry(req.body, budget);
  const errors = read.length > 0 ? [...entryErrors(budget, { ...entry, items: [] }).filter((e) => e.field !== "projects"), ...read] : entryErrors(budget, entry);
  if (errors.length > 0) return entryPage(req, reply, c, budget, values, errors);
  const taken: EntryError[] = [{ field: "sheet", key: "budgets.paper.error.sheetTaken", values: { sheet: entry.sheet } }];
  try {
    const saved = await enterPaperBallots(c.deps.db, actorOf(req), place(c), budget.id, [entry], { batch: false });
    if (!saved.ok) return entryPage(req, reply, c, budget, values, taken);
  } catch (error) {
    if (error instanceof SheetTaken) return entryPage(req, reply, c, budget, values, taken);
    throw error;
  }
  const next = `${c.base}/paper/${budget.id}/new?place=${encodeURIComponent(entry.pollingPlace)}`;
  return redirectWithFlash(reply, next, "success", req.ctx.t("budgets.paper.entered", { sheet: entry.sheet }));
};

const importForm: Handler = async (req, reply, c) => {
  const budget = await budgetOf(c);
  return page(req, reply, c, req.ctx.t("budgets.paper.import.title", { budget: "" }), <PaperImportPage ctx={req.ctx} base={c.base} budget={budget} pollingPlace="" />);
};

const uploadForm = z.object({
  pollingPlace: z.string().max(200).optional(),
  csv: z.string().max(5_000_000).optional(),
  // Multipart gives a file's content as a Buffer; an empty file input sends an empty one.
  file: z.instanceof(Buffer).optional(),
});

const importRoute: Handler = async (req, reply, c) => {
  const budget = await budgetOf(c);
  const { t } = req.ctx;
  const form = uploadForm.safeParse(req.body ?? {});
  const pollingPlace = form.success ? (form.data.pollingPlace ?? "").trim() : "";
  let fileText = "";
  if (form.success && form.data.file && form.data.file.length > 0) {
    try {
      fileText = new TextDecoder("utf-8", { fatal: true }).decode(form.data.file);
    } catch {
      fileText = "";
    }
  }
  const csv = fileText || (form.success ? (form.data.csv ?? "") : "");
  const again = (status: number, errors?: CsvError[], formErrors?: Record<string, { key: "budgets.paper.error.pollingPlace" }>) =>
    page(req, reply, c, t("budgets.paper.import.title", { budget: "" }), <PaperImportPage ctx={req.ctx} base={c.base} budget={budget} pollingPlace={pollingPlace} csv={fileText ? undefined : csv} errors={errors} formErrors={formErrors} />, status);
  if (pollingPlace === "") return again(422, undefined, { pollingPlace: { key: "budgets.paper.error.pollingPlace" } });
  const checked = await checkPaperCsv(c.deps.db, budget, pollingPlace, csv);
  if (!checked.ok) return again(422, checked.errors);
  try {
    const saved = await enterPaperBallots(c.deps.db, actorOf(req), place(c), budget.id, checked.entries, { batch: true });
    if (!saved.ok) return again(422, saved.taken.map((sheet) => ({ line: 0, error: { field: "sheet", key: "budgets.paper.error.sheetTaken", values: { sheet } } })));
  } catch (error) {
    // Another person entered one of these sheets meanwhile: the check says which.
    if (error instanceof SheetTaken) {
      const again2 = await checkPaperCsv(c.deps.db, budget, pollingPlace, csv);
      return again(422, again2.ok ? [] : again2.errors);
    }
    throw error;
  }
  return redirectWithFlash(reply, `${c.base}/paper`, "success", t("budgets.paper.imported", { count: checked.entries.length, place: pollingPlace }));
};

function decide(decision: Decision, by: "ballot" | "batch"): Handler {
  return async (req, reply, c) => {
    const target = by === "ballot" ? { ballotId: Number(c.params.ballotId) } : { batch: c.params.batch ?? "" };
    const done = await decidePaperBallots(c.deps.db, actorOf(req), place(c), target, decision);
    const { t } = req.ctx;
    if (!done.ok) return redirectWithFlash(reply, `${c.base}/paper`, "error", t(done.reason === "ownEntry" ? "budgets.paper.error.ownEntry" : "budgets.paper.error.gone"));
    return redirectWithFlash(reply, `${c.base}/paper`, "success", t(decision === "confirm" ? "budgets.paper.confirmed" : "budgets.paper.rejected", { count: done.count }));
  };
}

export const paperAdminRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [
  { method: "GET", path: "/paper", handler: overview },
  { method: "GET", path: "/paper/:budgetId/new", params: budgetParams, handler: entryForm },
  { method: "POST", path: "/paper/:budgetId/new", params: budgetParams, handler: enter },
  { method: "GET", path: "/paper/:budgetId/import", params: budgetParams, handler: importForm },
  { method: "POST", path: "/paper/:budgetId/import", params: budgetParams, handler: importRoute },
  { method: "POST", path: "/paper/ballots/:ballotId/confirm", params: ballotParams, handler: decide("confirm", "ballot") },
  { method: "POST", path: "/paper/ballots/:ballotId/reject", params: ballotParams, handler: decide("reject", "ballot") },
  { method: "POST", path: "/paper/batches/:batch/confirm", params: batchParams, handler: decide("confirm", "batch") },
  { method: "POST", path: "/paper/batches/:batch/reject", params: batchParams, handler: decide("reject", "batch") },
];
