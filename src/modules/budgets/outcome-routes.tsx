/** Public routes of a budget's published outcome: why each project was or was not funded, charts and tables. */
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { loadPublishedOutcome } from "./outcome-view-queries";
import { NotYetPage, OutcomePage } from "./outcome-view";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

const budgetParams = z.object({ budgetId: z.string().regex(/^\d{1,15}$/) });

type Handler = ComponentRoute<BudgetSettings, BudgetStepSettings>["handler"];

/** The published outcome of a budget; before one is published, a 404 that says the results are not out yet. */
const results: Handler = async (req, reply, c) => {
  const data = await loadPublishedOutcome(c.deps.db, c.component.id, Number(c.params.budgetId));
  if (!data) throw notFound();
  const { ctx } = req;
  const budgetTitle = localize(data.budget.title, ctx.locale, ctx.org.defaultLocale).text;
  const { outcome } = data;
  if (!outcome) {
    return sendComponentPage(req, reply, c, { title: ctx.t("budgets.outcome.notYet.title"), status: 404, body: <NotYetPage ctx={ctx} base={c.base} budgetId={data.budget.id} budgetTitle={data.budget.title} /> });
  }
  return sendComponentPage(req, reply, c, { title: ctx.t("budgets.outcome.title", { budget: budgetTitle }), body: <OutcomePage ctx={ctx} base={c.base} data={{ ...data, outcome }} /> });
};

export const outcomeRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [{ method: "GET", path: "/budgets/:budgetId/results", params: budgetParams, visitorCache: true, handler: results }];
