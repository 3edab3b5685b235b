/**
 * The ballot's actions (the fields are listed at the top of routes.tsx): add, remove, points, rank,
 * checkout (the summary, or the whole ballot in one request), confirm and cancel. Each checks the
 * budget, `can("vote")` and the workflow, calls ballot-store.ts, and answers a 303 with a flash.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendComponentPage } from "../../core/components/page";
import { notFound } from "../../core/http/result";
import { authorize } from "../../core/permissions/authorize";
import { redirectWithFlash } from "../../web/render";
import { text, translateRule } from "./ballot-format";
import { validateBallot } from "./ballot-rules";
import { addProject, assignedBudget, cancelCheckout, checkoutBallot, checkoutWith, loadBallot, removeProject, resolveWanted, setPoints, setRank, type StoreBudget, type StoreError, type StoreResult, type WantedItem } from "./ballot-store";
import { budgetIds, projectTitle } from "./browse";
import { budgetRules, type BudgetRules } from "./rules-cache";
import { SummaryPage } from "./budget-page";
import { BACK, budgetBase, budgetIdOf, budgetOr404, viewOf, type C, type Handler } from "./vote-parts";

const idField = z.string().regex(/^\d{1,15}$/).transform(Number);

const body = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>) : {});
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** The translated refusals, one line. */
function refusal(req: FastifyRequest, currency: string, errors: StoreError[]): string {
  return errors.map((e) => translateRule(req.ctx, currency, e)).join(" ");
}

interface VoteContext {
  db: C["deps"]["db"];
  budget: StoreBudget & BudgetRules;
  userId: number;
  onlyOne: boolean;
}

/**
 * The checks every ballot action shares: the budget, `can("vote")` (the step's `votes` and the
 * permission; sign in / verify / 403 answered here), and the workflow "random". Null: answered.
 */
async function voting(req: FastifyRequest, reply: FastifyReply, c: C): Promise<VoteContext | null> {
  // The budget with its projects' costs comes from this instance's memory (rules-cache.ts), forgotten whenever it changes.
  const budget = await budgetRules(c.deps.db, c.component.id, budgetIdOf(c));
  if (!budget) throw notFound();
  if (!(await authorize(req, reply, c, "vote"))) return null;
  const user = req.ctx.user;
  if (!user) return null;
  const workflow = c.settings.global.workflow;
  if (workflow === "random") {
    const drawn = await assignedBudget(c.deps.db, c.component.id, user.id, await budgetIds(c.deps.db, c.component.id), true);
    if (drawn !== budget.id) {
      await redirectWithFlash(reply, c.base, "error", req.ctx.t("budgets.ballot.error.notAssigned"));
      return null;
    }
  }
  // "Vote in one budget" matters only when there are several.
  return { db: c.deps.db, budget, userId: user.id, onlyOne: workflow === "one" && budget.siblings > 1 };
}

/** Where an add/remove/points/rank goes back to: the budget page as it was, at the project. */
function backTo(c: C, budgetId: number, form: Record<string, unknown>, projectId: number | null): string {
  if (first(form.from) === "project" && projectId !== null) return `${budgetBase(c, budgetId)}/projects/${projectId}`;
  const back = first(form.back);
  const query = typeof back === "string" && BACK.test(back) ? back : "";
  return `${budgetBase(c, budgetId)}${query}${projectId !== null ? `#project-${projectId}` : "#ballot"}`;
}

type Change = (v: VoteContext, projectId: number, form: Record<string, unknown>) => Promise<StoreResult | "invalid">;

/** A change of the ballot about one project, answered with a flash back on the budget page. */
function changeRoute(change: Change, done: "budgets.flash.added" | "budgets.flash.removed" | "budgets.flash.points" | "budgets.flash.rank"): Handler {
  return async (req, reply, c) => {
    const v = await voting(req, reply, c);
    if (!v) return reply;
    const form = body(req);
    const { t } = req.ctx;
    const id = idField.safeParse(first(form.projectId));
    if (!id.success) return redirectWithFlash(reply, backTo(c, v.budget.id, form, null), "error", t("budgets.ballot.error.invalidInput"));
    const result = await change(v, id.data, form);
    const to = backTo(c, v.budget.id, form, id.data);
    if (result === "invalid") return redirectWithFlash(reply, to, "error", t("budgets.ballot.error.invalidInput"));
    if (!result.ok) return redirectWithFlash(reply, to, "error", refusal(req, v.budget.currency, result.errors));
    const title = await projectTitle(c.deps.db, v.budget.id, id.data);
    return redirectWithFlash(reply, to, "success", t(done, { title: text(req.ctx, title).text }));
  };
}

const opts = (v: VoteContext) => ({ onlyOne: v.onlyOne });
// Plain tests rather than zod's parse (idField, smallInt: the same rules): a whole ballot reads up to
// three per project on the voting path under load.
const ID = /^\d{1,15}$/;
const SMALL_INT = /^\d{1,6}$/;
const optionalInt = (value: unknown): number | undefined | "invalid" => {
  const raw = first(value);
  if (raw === undefined || raw === "") return undefined;
  if (typeof raw !== "string") return "invalid";
  const trimmed = raw.trim();
  return SMALL_INT.test(trimmed) ? Number(trimmed) : "invalid";
};

export const add = changeRoute(async (v, projectId, form) => {
  const points = optionalInt(form.points);
  const rank = optionalInt(form.rank);
  if (points === "invalid" || rank === "invalid") return "invalid";
  return addProject(v.db, v.budget, v.userId, { projectId, points, rank }, opts(v));
}, "budgets.flash.added");

export const remove = changeRoute((v, projectId) => removeProject(v.db, v.budget, v.userId, projectId), "budgets.flash.removed");

export const points = changeRoute(async (v, projectId, form) => {
  const n = optionalInt(form.points);
  if (n === undefined || n === "invalid") return "invalid";
  return setPoints(v.db, v.budget, v.userId, projectId, n, opts(v));
}, "budgets.flash.points");

export const rank = changeRoute(async (v, projectId, form) => {
  const n = optionalInt(form.rank);
  if (n === undefined || n === "invalid") return "invalid";
  return setRank(v.db, v.budget, v.userId, projectId, n, opts(v));
}, "budgets.flash.rank");

/** The whole ballot of a one-request checkout: `projectId` repeated, `points[<id>]`, `rank[<id>]`. Null: unreadable. */
export function wantedFrom(form: Record<string, unknown>): WantedItem[] | null {
  const raw = form.projectId;
  const ids = Array.isArray(raw) ? raw : [raw];
  if (ids.length > 1000) return null;
  const out: WantedItem[] = [];
  for (const x of ids) {
    if (typeof x !== "string" || !ID.test(x)) return null;
    const id = Number(x);
    const points = optionalInt(form[`points[${id}]`]);
    const rank = optionalInt(form[`rank[${id}]`]);
    if (points === "invalid" || rank === "invalid") return null;
    out.push({ projectId: id, points, rank });
  }
  return out;
}

/** The summary page of the ballot as filled, or, with the whole ballot in the request, the checkout itself. */
export const checkout: Handler = async (req, reply, c) => {
  const form = body(req);
  const whole = form.projectId !== undefined;
  const wanted = whole ? wantedFrom(form) : null;
  // The wanted projects' costs come with the budget's rules; they are used only once the checks passed.
  const v = await voting(req, reply, c);
  if (!v) return reply;
  const { t } = req.ctx;
  const back = budgetBase(c, v.budget.id);
  if (whole) {
    if (!wanted) return redirectWithFlash(reply, `${back}#ballot`, "error", t("budgets.ballot.error.invalidInput"));
    const items = await resolveWanted(v.db, v.budget, wanted, v.budget.costs);
    if (!items.ok) return redirectWithFlash(reply, `${back}#ballot`, "error", refusal(req, v.budget.currency, items.errors));
    const done = await checkoutWith(v.db, v.budget, v.userId, items.value, opts(v));
    return afterCheckout(req, reply, back, v, done);
  }
  const budget = await budgetOr404(req, c);
  const ballot = await loadBallot(v.db, v.budget.id, v.userId);
  if (ballot?.checkedOutAt) return redirectWithFlash(reply, `${back}#ballot`, "info", t("budgets.flash.already"));
  const check = validateBallot(v.budget, ballot?.items ?? []);
  const errors = check.ok ? [] : check.errors.map((e) => translateRule(req.ctx, v.budget.currency, e));
  return sendComponentPage(req, reply, c, {
    title: t("budgets.summary.title"),
    status: errors.length > 0 ? 422 : 200,
    body: <SummaryPage view={viewOf(req, c, budget, { kind: "open" }, ballot, "")} budget={budget} errors={errors} />,
  });
};

function afterCheckout(req: FastifyRequest, reply: FastifyReply, back: string, v: VoteContext, done: StoreResult<{ already: boolean }>) {
  const { t } = req.ctx;
  if (!done.ok) return redirectWithFlash(reply, `${back}#ballot`, "error", refusal(req, v.budget.currency, done.errors));
  return redirectWithFlash(reply, `${back}#ballot`, done.value.already ? "info" : "success", t(done.value.already ? "budgets.flash.already" : "budgets.flash.checkedOut"));
}

export const confirm: Handler = async (req, reply, c) => {
  const v = await voting(req, reply, c);
  if (!v) return reply;
  return afterCheckout(req, reply, budgetBase(c, v.budget.id), v, await checkoutBallot(v.db, v.budget, v.userId, opts(v)));
};

export const cancel: Handler = async (req, reply, c) => {
  const v = await voting(req, reply, c);
  if (!v) return reply;
  const { t } = req.ctx;
  const back = `${budgetBase(c, v.budget.id)}#ballot`;
  if (!c.settings.step.changeVoteAllowed) return redirectWithFlash(reply, back, "error", t("budgets.ballot.error.changeNotAllowed"));
  await cancelCheckout(v.db, v.budget.id, v.userId);
  return redirectWithFlash(reply, back, "success", t("budgets.flash.cancelled"));
};
