/**
 * Back-office routes: a budget's outcome page (relative to the component's manage base). The admin
 * chooses a rule and asks for a computation (a queued outcome, computed by a job in a worker thread),
 * reloads the page to see its status, reviews it and publishes it once voting is closed (a computation
 * before that is a preview). Plain forms; no JavaScript needed.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound, type FieldErrors } from "../../core/http/result";
import type { RequestContext } from "../../core/http/context";
import type { MessageKey } from "../../core/i18n/catalogues";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { actorOf, sendSpaceAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { Form, RadioGroup, Submit, TextField, CsrfField } from "../../web/ui/forms";
import { findComponentBudget, listOutcomes, publishOutcome, requestOutcome, type OutcomeRow } from "./outcome-job";
import { formatMoney } from "./money";
import { OUTCOME_RULES, type OutcomeRule } from "./schema";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

type C = ComponentRequest<BudgetSettings, BudgetStepSettings>;
type Handler = (req: FastifyRequest, reply: FastifyReply, c: C) => Promise<FastifyReply>;

const budgetParams = z.object({ budgetId: z.string().regex(/^\d{1,15}$/) });
const outcomeParams = budgetParams.extend({ outcomeId: z.string().regex(/^\d{1,15}$/) });

const RULE_LABEL: Record<OutcomeRule, MessageKey> = {
  greedy: "budgets.outcome.admin.rule.greedy",
  "greedy-threshold": "budgets.outcome.admin.rule.greedy-threshold",
  "mes-add1": "budgets.outcome.admin.rule.mes-add1",
};
const STATUS_LABEL: Record<OutcomeRow["status"], MessageKey> = {
  queued: "budgets.outcome.admin.status.queued",
  running: "budgets.outcome.admin.status.running",
  done: "budgets.outcome.admin.status.done",
  failed: "budgets.outcome.admin.status.failed",
};

const tr = (ctx: RequestContext, v: Translatable) => localize(v, ctx.locale, ctx.org.defaultLocale).text;
const money = (ctx: RequestContext, n: number, currency: string) => formatMoney(ctx.locale, currency, n);
const number = (ctx: RequestContext, n: number) => new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 2 }).format(n);

async function loadBudget(c: C) {
  const budget = await findComponentBudget(c.deps.db, c.component.id, Number(c.params.budgetId));
  if (!budget) throw notFound();
  return budget;
}

function OutcomeTable({ ctx, o, currency }: { ctx: RequestContext; o: OutcomeRow; currency: string }) {
  const { t } = ctx;
  const r = o.result;
  if (!r) return null;
  const mes = r.rule === "mes-add1";
  return (
    <table>
      <caption>{t("budgets.outcome.admin.table", { rule: t(RULE_LABEL[o.rule]) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("budgets.outcome.admin.col.project")}</th>
          <th scope="col">{t("budgets.outcome.admin.col.cost")}</th>
          <th scope="col">{t("budgets.outcome.admin.col.votes")}</th>
          <th scope="col">{t("budgets.outcome.admin.col.selected")}</th>
          <th scope="col">{t("budgets.outcome.admin.col.why")}</th>
        </tr>
      </thead>
      <tbody>
        {r.projects.map((p) => (
          <tr>
            <th scope="row">{p.id}</th>
            <td>{money(ctx, p.cost, currency)}</td>
            <td>
              {number(ctx, p.votes)}
              {p.score !== undefined ? ` (${t("budgets.outcome.admin.score", { score: number(ctx, p.score) })})` : ""}
            </td>
            <td>{p.selected ? t("budgets.outcome.admin.yes") : t("budgets.outcome.admin.no")}</td>
            <td>
              {mes && p.round !== undefined
                ? t("budgets.outcome.admin.why.mes", { round: p.round, price: money(ctx, p.pricePerVoter ?? 0, currency), support: number(ctx, p.effectiveSupport ?? 0) })
                : p.belowThreshold
                  ? t("budgets.outcome.admin.why.threshold")
                  : p.position !== undefined
                    ? t("budgets.outcome.admin.why.greedy", { position: p.position, left: money(ctx, p.leftWhenConsidered ?? 0, currency) })
                    : ""}
              {p.tie ? ` ${t("budgets.outcome.admin.why.tie")}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function page(req: FastifyRequest, reply: FastifyReply, c: C, values: { rule?: string; threshold?: string } = {}, errors?: FieldErrors) {
  const { t } = req.ctx;
  const budget = await loadBudget(c);
  const { outcomes, ballots } = await listOutcomes(c.deps.db, budget.id);
  const title = t("budgets.outcome.admin.title", { budget: tr(req.ctx, budget.title) });
  const closed = c.settings.step.votes === "finished";
  const base = `${c.base}/${budget.id}/outcome`;
  const publicResults = componentPath(c.space, c.component.id, `/budgets/${budget.id}/results`);
  const latest = outcomes[0];
  const body = (
    <section aria-labelledby="outcome-title">
      <p>
        <a href={c.base}>{t("budgets.outcome.admin.back")}</a>
      </p>
      <h1 id="outcome-title">{title}</h1>
      <p>{t("budgets.outcome.admin.ballots", { count: ballots, total: money(req.ctx, budget.total, budget.currency) })}</p>
      <p class={closed ? undefined : "hint"}>{t(closed ? "budgets.outcome.admin.closed" : "budgets.outcome.admin.preview")}</p>
      <Form ctx={req.ctx} action={base} errors={errors}>
        <RadioGroup ctx={req.ctx} name="rule" legend={t("budgets.outcome.admin.rule")} value={values.rule ?? latest?.rule ?? "mes-add1"} errors={errors} options={OUTCOME_RULES.map((r) => ({ value: r, label: t(RULE_LABEL[r]) }))} />
        <TextField ctx={req.ctx} name="threshold" label={t("budgets.outcome.admin.threshold")} hint={t("budgets.outcome.admin.thresholdHint")} value={values.threshold ?? (latest?.threshold === null || latest === undefined ? "" : String(latest.threshold))} inputmode="numeric" errors={errors} />
        <Submit>{t("budgets.outcome.admin.compute")}</Submit>
      </Form>
      <h2>{t("budgets.outcome.admin.history")}</h2>
      {outcomes.length === 0 ? (
        <p>{t("budgets.outcome.admin.none")}</p>
      ) : (
        <>
          <p>
            <a href={base}>{t("budgets.outcome.admin.refresh")}</a>
          </p>
          <ul class="outcome-list">
            {outcomes.map((o) => (
              <li>
                <h3>
                  {t(RULE_LABEL[o.rule])}
                  {o.threshold !== null ? ` (${t("budgets.outcome.admin.thresholdValue", { threshold: number(req.ctx, o.threshold) })})` : ""} — {t(STATUS_LABEL[o.status])}
                  {o.publishedAt ? ` — ${t("budgets.outcome.admin.published")}` : ""}
                </h3>
                <p>
                  {t("budgets.outcome.admin.requested", { at: o.createdAt.toISOString().slice(0, 16).replace("T", " ") })}
                  {o.durationMs !== null ? ` ${t("budgets.outcome.admin.duration", { ms: number(req.ctx, o.durationMs) })}` : ""}
                </p>
                {o.status === "failed" && <p class="error-message">{t("budgets.outcome.admin.failed", { error: o.error ?? "" })}</p>}
                {o.result && (
                  <>
                    <p>
                      {t("budgets.outcome.admin.summary", { selected: o.result.selected.length, spent: money(req.ctx, o.result.spent, budget.currency), ballots: o.result.ballots })}
                      {o.result.endowment !== undefined ? ` ${t("budgets.outcome.admin.endowment", { endowment: money(req.ctx, o.result.endowment, budget.currency) })}` : ""}
                    </p>
                    {o.inputsDigest && (
                      <p>
                        {t("budgets.outcome.admin.digest")} <code>{o.inputsDigest}</code> (<a href={`/open-data/budgets/${budget.id}.pb`}>{t("budgets.outcome.admin.file")}</a>)
                      </p>
                    )}
                    <OutcomeTable ctx={req.ctx} o={o} currency={budget.currency} />
                    {o.status === "done" && !o.publishedAt && closed && (
                      <form method="post" action={`${base}/${o.id}/publish`} class="inline-form">
                        <CsrfField ctx={req.ctx} />
                        <button type="submit" class="button">
                          {t("budgets.outcome.admin.publish")}
                        </button>
                      </form>
                    )}
                    {o.publishedAt && (
                      <p>
                        <a href={publicResults}>{t("budgets.outcome.admin.viewPublic")}</a>
                      </p>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
  return sendSpaceAdminPage(req, reply, c.space, { title, tab: "components", body, status: errors ? 422 : 200 });
}

const show: Handler = (req, reply, c) => page(req, reply, c);

const compute: Handler = async (req, reply, c) => {
  const budget = await loadBudget(c);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const rule = typeof body.rule === "string" ? body.rule : "";
  const thresholdText = typeof body.threshold === "string" ? body.threshold.trim() : "";
  const values = { rule, threshold: thresholdText };
  if (!(OUTCOME_RULES as readonly string[]).includes(rule)) return page(req, reply, c, values, { rule: { key: "budgets.outcome.admin.error.rule" } });
  let threshold: number | undefined;
  if (rule === "greedy-threshold") {
    threshold = Number(thresholdText.replace(",", "."));
    if (thresholdText === "" || !Number.isFinite(threshold) || threshold < 0) return page(req, reply, c, values, { threshold: { key: "budgets.outcome.admin.error.threshold" } });
  }
  await requestOutcome(c.deps, actorOf(req), c.space.id, budget.id, rule as OutcomeRule, threshold);
  return redirectWithFlash(reply, `${c.base}/${budget.id}/outcome`, "success", req.ctx.t("budgets.outcome.admin.queued"));
};

const publish: Handler = async (req, reply, c) => {
  const budget = await loadBudget(c);
  const back = `${c.base}/${budget.id}/outcome`;
  if (c.settings.step.votes !== "finished") return redirectWithFlash(reply, back, "error", req.ctx.t("budgets.outcome.admin.error.open"));
  const r = await publishOutcome(c.deps.db, actorOf(req), c.space.id, budget.id, Number(c.params.outcomeId));
  if (!r.ok && r.reason === "missing") throw notFound();
  if (!r.ok) return redirectWithFlash(reply, back, "error", req.ctx.t(r.reason === "stale" ? "budgets.outcome.admin.error.stale" : "budgets.outcome.admin.error.notDone"));
  return redirectWithFlash(reply, back, "success", req.ctx.t("budgets.outcome.admin.publishedFlash"));
};

export const outcomeAdminRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [
  { method: "GET", path: "/:budgetId/outcome", params: budgetParams, handler: show },
  { method: "POST", path: "/:budgetId/outcome", params: budgetParams, handler: compute },
  { method: "POST", path: "/:budgetId/outcome/:outcomeId/publish", params: outcomeParams, handler: publish },
];
