/**
 * Public routes of the budgets component (relative to /spaces/:slug/c/:componentId): the budgets, a
 * budget's projects with the person's ballot, and the ballot's actions. Every action is a plain form
 * post answered with a 303 and a flash (public/budgets-ballot.js posts the same forms without a reload).
 * Voting needs the step's `votes` = "enabled" and the action `vote` (the component's permission, e.g. a
 * census verification), checked with the core's `can()`.
 *
 * GET  /                                   the budgets (one budget: straight to it)
 * GET  /budgets/:budgetId                  its projects (q, category, scope, sort, page) and the ballot
 * POST /budgets/:budgetId/ballot/add       projectId [, points (cumulative), rank (ordinal)]
 * POST /budgets/:budgetId/ballot/remove    projectId
 * POST /budgets/:budgetId/ballot/points    projectId, points (whole number; 0 takes the project out)
 * POST /budgets/:budgetId/ballot/rank      projectId, rank (1 = first; 0 takes the project out)
 * POST /budgets/:budgetId/ballot/checkout  without projectId: the summary page of the ballot as filled;
 *                                          with the whole ballot, checks it out in this one request:
 *                                          projectId (repeated, one per project), and per project
 *                                          points[<projectId>] (cumulative; default 1) or
 *                                          rank[<projectId>] (ordinal; default: the order of the
 *                                          projectId fields). It replaces what was filled before.
 * POST /budgets/:budgetId/ballot/confirm   checks out the ballot as filled (the summary's button)
 * POST /budgets/:budgetId/ballot/cancel    a cast vote back to being filled, its projects kept
 *                                          (when the step's changeVoteAllowed)
 * Every post also takes `_csrf`; add/remove/points/rank take `back` (the budget page's query string, to
 * come back to the same page) or `from=project` (back to the project's page).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound } from "../../core/http/result";
import { authorize } from "../../core/permissions/authorize";
import { can } from "../../core/permissions/can";
import { redirectWithFlash } from "../../web/render";
import { assetUrl } from "../../web/assets";
import { text, translateRule } from "./ballot-format";
import type { BallotView, VoteAccess } from "./ballot-panel";
import { validateBallot } from "./ballot-rules";
import { addProject, assignedBudget, cancelCheckout, checkoutBallot, checkoutWith, loadBallot, removeProject, resolveWanted, setPoints, setRank, type StoreBudget, type StoreError, type StoreResult, type WantedItem } from "./ballot-store";
import { BROWSE_SORTS, browseProjects, budgetIds, budgetPlacements, checkedOutBudgets, findBudget, findBudgetRules, listBudgets, projectTitle, type BrowseSort, type BudgetSummary, type ProjectFilter } from "./browse";
import { BudgetPage, BudgetsIndex, SummaryPage, type IndexBudget } from "./budget-page";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

type C = ComponentRequest<BudgetSettings, BudgetStepSettings>;
type Handler = ComponentRoute<BudgetSettings, BudgetStepSettings>["handler"];

const budgetParams = z.object({ budgetId: z.string().regex(/^\d{1,15}$/) });
const budgetIdOf = (c: C) => Number(c.params.budgetId);
const budgetBase = (c: C, id: number) => `${c.base}/budgets/${id}`;
const SEED_COOKIE = "pnyx_budgets_seed";
const SEED_MAX = 2_147_483_646;

const listQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  category: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  scope: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  sort: z.enum(BROWSE_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

const idField = z.string().regex(/^\d{1,15}$/).transform(Number);
const smallInt = z.string().trim().regex(/^\d{1,6}$/).transform(Number);
const BACK = /^\?[\w=&%.+~-]{0,500}$/;

/** The reader's shuffle: a person keeps theirs (their id), a visitor's is kept in a cookie. */
function seedFor(req: FastifyRequest, reply: FastifyReply): number {
  if (req.ctx.user) return req.ctx.user.id % SEED_MAX;
  const kept = Number(req.cookies[SEED_COOKIE]);
  if (Number.isInteger(kept) && kept >= 0 && kept <= SEED_MAX) return kept;
  const seed = Math.floor(Math.random() * SEED_MAX);
  reply.setCookie(SEED_COOKIE, String(seed), { path: "/", httpOnly: true, sameSite: "lax", maxAge: 24 * 3600 });
  return seed;
}

/**
 * What the reader may do in this budget: the step, then `can()` (sign in, verify, refused), then the
 * workflow (random: only the budget drawn for them, drawn now if needed; one: not after voting elsewhere).
 */
async function accessFor(req: FastifyRequest, c: C, budgetId: number): Promise<{ access: VoteAccess; assigned: boolean }> {
  const { t } = req.ctx;
  const step = c.settings.step;
  if (step.votes === "disabled") return { access: { kind: "disabled" }, assigned: false };
  if (step.votes === "finished") return { access: { kind: "finished" }, assigned: false };
  const returnTo = budgetBase(c, budgetId);
  const permission = await can(req.ctx.user, "vote", { space: c.space, component: c.component }, { db: c.deps.db, returnTo, access: c.access });
  if (permission.status === "signIn") return { access: { kind: "signIn", href: `/users/sign-in?return_to=${encodeURIComponent(returnTo)}` }, assigned: false };
  if (permission.status === "pending") return { access: { kind: "pending", href: permission.verifyUrl }, assigned: false };
  if (permission.status === "unauthorized") return { access: { kind: "denied", reason: t(permission.reason, permission.values) }, assigned: false };
  const user = req.ctx.user;
  if (!user) return { access: { kind: "open" }, assigned: false };
  const workflow = c.settings.global.workflow;
  if (workflow === "random") {
    const drawn = await assignedBudget(c.deps.db, c.component.id, user.id, await budgetIds(c.deps.db, c.component.id), true);
    if (drawn !== budgetId) return { access: { kind: "blocked", reason: t("budgets.ballot.error.notAssigned") }, assigned: false };
    return { access: { kind: "open" }, assigned: true };
  }
  if (workflow === "one" && (await checkedOutBudgets(c.deps.db, c.component.id, user.id)).some((id) => id !== budgetId)) {
    return { access: { kind: "blocked", reason: t("budgets.ballot.error.otherBudget") }, assigned: false };
  }
  return { access: { kind: "open" }, assigned: false };
}

const index: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const user = req.ctx.user;
  const workflow = c.settings.global.workflow;
  const all = await listBudgets(db, c.component.id, user?.id ?? null);
  if (all.length === 1 && all[0]) return reply.redirect(budgetBase(c, all[0].id), 302);
  let drawn: number | null = null;
  let voted: number[] = [];
  if (user && workflow === "random") drawn = await assignedBudget(db, c.component.id, user.id, all.map((b) => b.id), c.settings.step.votes === "enabled");
  if (user && workflow === "one") voted = all.filter((b) => b.state === "checkedOut").map((b) => b.id);
  const budgets: IndexBudget[] = all
    .filter((b) => drawn === null || b.id === drawn)
    .map((b) => ({ ...b, assigned: drawn === b.id, closed: workflow === "one" && voted.length > 0 && !voted.includes(b.id) }));
  const name = text(req.ctx, c.component.name).text;
  return sendComponentPage(req, reply, c, {
    title: name,
    body: <BudgetsIndex ctx={req.ctx} base={c.base} name={name} budgets={budgets} workflow={workflow} announcement={c.settings.step.announcement} />,
  });
};

async function budgetOr404(req: FastifyRequest, c: C): Promise<BudgetSummary> {
  const budget = await findBudget(c.deps.db, c.component.id, budgetIdOf(c), req.ctx.user?.id ?? null);
  if (!budget) throw notFound();
  return budget;
}

function viewOf(req: FastifyRequest, c: C, budget: BudgetSummary, access: VoteAccess, ballot: BallotView["ballot"], back: string): BallotView {
  return { ctx: req.ctx, budgetBase: budgetBase(c, budget.id), budget, access, ballot, changeAllowed: c.settings.step.changeVoteAllowed, back };
}

const show: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const user = req.ctx.user;
  const step = c.settings.step;
  const budget = await budgetOr404(req, c);
  const q = listQuery.parse(req.query ?? {});
  const sorts: BrowseSort[] = BROWSE_SORTS.filter((s) => s !== "most_voted" || step.showVotes);
  const sort = q.sort && sorts.includes(q.sort) ? q.sort : "random";
  const filter: ProjectFilter = {
    budgetId: budget.id,
    q: q.q || undefined,
    categoryId: q.category,
    scopeId: q.scope,
    sort,
    seed: sort === "random" ? seedFor(req, reply) : 0,
    page: q.page ?? 1,
    perPage: c.settings.global.projectsPerPage,
    votes: step.showVotes,
  };
  const [list, placements, ballot, { access, assigned }] = await Promise.all([
    browseProjects(db, filter, req.ctx.locale),
    budgetPlacements(db, budget.id),
    user ? loadBallot(db, budget.id, user.id) : Promise.resolve(null),
    accessFor(req, c, budget.id),
  ]);
  const search = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
  const view = viewOf(req, c, budget, access, ballot, BACK.test(search) ? search : "");
  return sendComponentPage(req, reply, c, {
    title: text(req.ctx, budget.title).text,
    body: (
      <BudgetPage
        view={view}
        base={c.base}
        budget={budget}
        announcement={step.announcement}
        filter={filter}
        sorts={sorts}
        projects={list.items}
        total={list.total}
        placements={placements}
        assigned={assigned}
        script={assetUrl("budgets-ballot.js")}
      />
    ),
  });
};

const body = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>) : {});
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** The translated refusals, one line. */
function refusal(req: FastifyRequest, currency: string, errors: StoreError[]): string {
  return errors.map((e) => translateRule(req.ctx, currency, e)).join(" ");
}

interface VoteContext {
  db: C["deps"]["db"];
  budget: StoreBudget & { currency: string; title: BudgetSummary["title"] };
  userId: number;
  onlyOne: boolean;
}

/**
 * The checks every ballot action shares: the budget, `can("vote")` (the step's `votes` and the
 * permission; sign in / verify / 403 answered here), and the workflow "random". Null: answered.
 */
async function voting(req: FastifyRequest, reply: FastifyReply, c: C): Promise<VoteContext | null> {
  const budget = await findBudgetRules(c.deps.db, c.component.id, budgetIdOf(c));
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
const optionalInt = (value: unknown): number | undefined | "invalid" => {
  const raw = first(value);
  if (raw === undefined || raw === "") return undefined;
  const n = smallInt.safeParse(raw);
  return n.success ? n.data : "invalid";
};

const add = changeRoute(async (v, projectId, form) => {
  const points = optionalInt(form.points);
  const rank = optionalInt(form.rank);
  if (points === "invalid" || rank === "invalid") return "invalid";
  return addProject(v.db, v.budget, v.userId, { projectId, points, rank }, opts(v));
}, "budgets.flash.added");

const remove = changeRoute((v, projectId) => removeProject(v.db, v.budget, v.userId, projectId), "budgets.flash.removed");

const points = changeRoute(async (v, projectId, form) => {
  const n = optionalInt(form.points);
  if (n === undefined || n === "invalid") return "invalid";
  return setPoints(v.db, v.budget, v.userId, projectId, n, opts(v));
}, "budgets.flash.points");

const rank = changeRoute(async (v, projectId, form) => {
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
    const id = idField.safeParse(x);
    if (!id.success) return null;
    const points = optionalInt(form[`points[${id.data}]`]);
    const rank = optionalInt(form[`rank[${id.data}]`]);
    if (points === "invalid" || rank === "invalid") return null;
    out.push({ projectId: id.data, points, rank });
  }
  return out;
}

/** The summary page of the ballot as filled, or, with the whole ballot in the request, the checkout itself. */
const checkout: Handler = async (req, reply, c) => {
  const v = await voting(req, reply, c);
  if (!v) return reply;
  const form = body(req);
  const { t } = req.ctx;
  const back = budgetBase(c, v.budget.id);
  if (form.projectId !== undefined) {
    const wanted = wantedFrom(form);
    if (!wanted) return redirectWithFlash(reply, `${back}#ballot`, "error", t("budgets.ballot.error.invalidInput"));
    const items = await resolveWanted(v.db, v.budget, wanted);
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

const confirm: Handler = async (req, reply, c) => {
  const v = await voting(req, reply, c);
  if (!v) return reply;
  return afterCheckout(req, reply, budgetBase(c, v.budget.id), v, await checkoutBallot(v.db, v.budget, v.userId, opts(v)));
};

const cancel: Handler = async (req, reply, c) => {
  const v = await voting(req, reply, c);
  if (!v) return reply;
  const { t } = req.ctx;
  const back = `${budgetBase(c, v.budget.id)}#ballot`;
  if (!c.settings.step.changeVoteAllowed) return redirectWithFlash(reply, back, "error", t("budgets.ballot.error.changeNotAllowed"));
  await cancelCheckout(v.db, v.budget.id, v.userId);
  return redirectWithFlash(reply, back, "success", t("budgets.flash.cancelled"));
};

export const ballotRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [
  { method: "GET", path: "/", handler: index },
  { method: "GET", path: "/budgets/:budgetId", params: budgetParams, handler: show },
  { method: "POST", path: "/budgets/:budgetId/ballot/add", params: budgetParams, handler: add },
  { method: "POST", path: "/budgets/:budgetId/ballot/remove", params: budgetParams, handler: remove },
  { method: "POST", path: "/budgets/:budgetId/ballot/points", params: budgetParams, handler: points },
  { method: "POST", path: "/budgets/:budgetId/ballot/rank", params: budgetParams, handler: rank },
  { method: "POST", path: "/budgets/:budgetId/ballot/checkout", params: budgetParams, handler: checkout },
  { method: "POST", path: "/budgets/:budgetId/ballot/confirm", params: budgetParams, handler: confirm },
  { method: "POST", path: "/budgets/:budgetId/ballot/cancel", params: budgetParams, handler: cancel },
];
