/** What the budgets component's public routes share: their types, the budget's address, and the budget a page shows. */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import type { BallotView, VoteAccess } from "./ballot-panel";
import { findBudget, type BudgetSummary } from "./browse";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

export type C = ComponentRequest<BudgetSettings, BudgetStepSettings>;
export type Handler = ComponentRoute<BudgetSettings, BudgetStepSettings>["handler"];

export const budgetParams = z.object({ budgetId: z.string().regex(/^\d{1,15}$/) });
export const budgetIdOf = (c: C) => Number(c.params.budgetId);
export const budgetBase = (c: C, id: number) => `${c.base}/budgets/${id}`;
/** The budget page's query string, as kept through the ballot's forms. */
export const BACK = /^\?[\w=&%.+~-]{0,500}$/;

export async function budgetOr404(req: FastifyRequest, c: C): Promise<BudgetSummary> {
  const budget = await findBudget(c.deps.db, c.component.id, budgetIdOf(c), req.ctx.user?.id ?? null);
  if (!budget) throw notFound();
  return budget;
}

export function viewOf(req: FastifyRequest, c: C, budget: BudgetSummary, access: VoteAccess, ballot: BallotView["ballot"], back: string): BallotView {
  return { ctx: req.ctx, budgetBase: budgetBase(c, budget.id), budget, access, ballot, changeAllowed: c.settings.step.changeVoteAllowed, back };
}
