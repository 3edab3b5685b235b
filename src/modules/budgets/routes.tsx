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
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { can } from "../../core/permissions/can";
import { assetUrl } from "../../web/assets";
import { text } from "./ballot-format";
import type { VoteAccess } from "./ballot-panel";
import { assignedBudget, loadBallot } from "./ballot-store";
import { BROWSE_SORTS, browseProjects, budgetIds, budgetPlacements, checkedOutBudgets, listBudgets, type BrowseSort, type ProjectFilter } from "./browse";
import { BudgetPage, BudgetsIndex, type IndexBudget } from "./budget-page";
import type { BudgetSettings, BudgetStepSettings } from "./settings";
import { BACK, budgetBase, budgetOr404, budgetParams, viewOf, type C, type Handler } from "./vote-parts";
import { add, cancel, checkout, confirm, points, rank, remove } from "./vote-routes";

const SEED_COOKIE = "pnyx_budgets_seed";
const SEED_MAX = 2_147_483_646;

const listQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  category: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  scope: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  sort: z.enum(BROWSE_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

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
