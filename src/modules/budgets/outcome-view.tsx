/**
 * A budget's public results page: the rule in words, the selected projects against the budget, the
 * votes per project (SVG charts, each with a table of the same figures), why each project was or was
 * not funded, and how to recompute it from the open data.
 */
import type { RequestContext } from "../../core/http/context";
import type { Translatable } from "../../core/i18n/locales";
import { formatNumber } from "../../core/i18n/numbers";
import { localize } from "../../core/i18n/translator";
import { BarChart, StackedBar } from "./chart-svg";
import type { PublishedOutcome } from "./outcome-view-queries";
import { whySentences } from "./outcome-view-why";
import { formatMoney } from "./money";
import type { OutcomeProject } from "./schema";

const title = (ctx: RequestContext, v: Translatable) => {
  const l = localize(v, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
};

export interface OutcomePageProps {
  ctx: RequestContext;
  /** The component's public base. */
  base: string;
  data: PublishedOutcome & { outcome: NonNullable<PublishedOutcome["outcome"]> };
}

export function OutcomePage({ ctx, base, data }: OutcomePageProps) {
  const { t, locale } = ctx;
  const { budget, outcome, projects } = data;
  const result = outcome.result;
  const money = (n: number) => formatMoney(locale, budget.currency, n);
  const num = (n: number) => formatNumber(locale, n);
  const percent = (n: number) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(n);
  const budgetTitle = title(ctx, budget.title);
  const budgetPath = `${base}/budgets/${budget.id}`;
  const scored = result.projects.some((p) => p.score !== undefined);
  const byVotes = [...result.projects].sort((a, b) => b.votes - a.votes || (b.score ?? 0) - (a.score ?? 0) || a.cost - b.cost);
  const selected = result.projects.filter((p) => p.selected).sort(selectionOrder);
  const unselected = byVotes.filter((p) => !p.selected);
  const spent = result.spent;
  const left = budget.total - spent;
  const name = (p: OutcomeProject) => {
    const found = projects.get(p.projectId);
    return found && !found.hidden ? title(ctx, found.title) : { text: t("budgets.outcome.hiddenProject"), lang: undefined };
  };
  const ProjectName = ({ p }: { p: OutcomeProject }) => {
    const found = projects.get(p.projectId);
    const n = name(p);
    return found && !found.hidden ? (
      <a href={`${budgetPath}/projects/${p.projectId}`} lang={n.lang}>
        {n.text}
      </a>
    ) : (
      <span>{n.text}</span>
    );
  };
  const ruleText = outcome.rule === "greedy-threshold" ? t("budgets.outcome.rule.greedy-threshold", { threshold: num(outcome.threshold ?? 0) }) : t(`budgets.outcome.rule.${outcome.rule}`);
  const why = (p: OutcomeProject) => whySentences(p, outcome.rule, outcome.threshold, { money, number: num });

  const ProjectList = ({ items }: { items: OutcomeProject[] }) =>
    items.length === 0 ? (
      <p>{t("budgets.outcome.none")}</p>
    ) : (
      <ul class="budget-outcome-projects">
        {items.map((p) => (
          <li class={p.selected ? "budget-outcome-selected" : "budget-outcome-unselected"}>
            <h4>
              <ProjectName p={p} />
            </h4>
            <p class="budget-outcome-figures">
              {t("budgets.outcome.cost", { cost: money(p.cost) })} · {t("budgets.outcome.votes", { count: p.votes })}
              {p.score !== undefined && <> · {t("budgets.outcome.score", { score: num(p.score) })}</>}
            </p>
            {why(p).map((s) => (
              <p class="budget-outcome-why">{t(s.key, s.values)}</p>
            ))}
          </li>
        ))}
      </ul>
    );

  return (
    <article class="budget-outcome">
      <p>
        <a href={budgetPath}>{t("budgets.outcome.back")}</a>
      </p>
      <h1>{t("budgets.outcome.title", { budget: budgetTitle.text })}</h1>
      <p>{t("budgets.outcome.published", { date: new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(outcome.publishedAt) })}</p>
      <p class="budget-outcome-summary">
        {t("budgets.outcome.summary", { selected: selected.length, projects: num(result.projects.length), spent: money(spent), total: money(budget.total), left: money(left), ballots: result.ballots })}
      </p>

      <section aria-labelledby="outcome-rule">
        <h2 id="outcome-rule">{t("budgets.outcome.rule.heading")}</h2>
        <h3>{t(`budgets.outcome.ruleName.${outcome.rule}`)}</h3>
        <p>{ruleText}</p>
        {outcome.rule === "mes-add1" && (
          <>
            {result.endowment !== undefined && <p>{t("budgets.outcome.rule.endowment", { endowment: money(result.endowment) })}</p>}
            <p>{t("budgets.outcome.rule.effectiveSupport")}</p>
          </>
        )}
        {scored && <p>{t("budgets.outcome.rule.score")}</p>}
      </section>

      <section aria-labelledby="outcome-charts">
        <h2 id="outcome-charts">{t("budgets.outcome.chart.heading")}</h2>
        <figure class="budget-outcome-chart">
          <StackedBar
            id="outcome-spent"
            title={t("budgets.outcome.chart.spent.title")}
            desc={t("budgets.outcome.chart.spent.desc", { total: money(budget.total) })}
            total={budget.total}
            items={selected.map((p) => ({ label: `${name(p).text} (${money(p.cost)})`, value: p.cost }))}
            totalText={t("budgets.outcome.chart.spent.total", { spent: money(spent), total: money(budget.total) })}
            restText={t("budgets.outcome.chart.spent.rest", { left: money(left) })}
          />
        </figure>
        <table class="budget-outcome-table">
          <caption>{t("budgets.outcome.table.spent")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("budgets.outcome.table.project")}</th>
              <th scope="col">{t("budgets.outcome.table.cost")}</th>
              <th scope="col">{t("budgets.outcome.table.share")}</th>
            </tr>
          </thead>
          <tbody>
            {selected.map((p) => (
              <tr>
                <th scope="row" lang={name(p).lang}>
                  {name(p).text}
                </th>
                <td>{money(p.cost)}</td>
                <td>{budget.total > 0 ? percent(p.cost / budget.total) : "—"}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("budgets.outcome.table.spentRow")}</th>
              <td>{money(spent)}</td>
              <td>{budget.total > 0 ? percent(spent / budget.total) : "—"}</td>
            </tr>
            <tr>
              <th scope="row">{t("budgets.outcome.table.leftRow")}</th>
              <td>{money(left)}</td>
              <td>{budget.total > 0 ? percent(left / budget.total) : "—"}</td>
            </tr>
            <tr>
              <th scope="row">{t("budgets.outcome.table.totalRow")}</th>
              <td>{money(budget.total)}</td>
              <td>{percent(1)}</td>
            </tr>
          </tfoot>
        </table>

        <figure class="budget-outcome-chart">
          <BarChart
            id="outcome-votes"
            title={t("budgets.outcome.chart.votes.title")}
            desc={t("budgets.outcome.chart.votes.desc", { selected: selected.length })}
            data={byVotes.map((p) => ({ label: name(p).text, value: p.votes, valueText: t("budgets.outcome.votes", { count: p.votes }), marked: p.selected }))}
            markText={t("budgets.outcome.chart.selected")}
          />
        </figure>
        <table class="budget-outcome-table">
          <caption>{t("budgets.outcome.table.votes")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("budgets.outcome.table.project")}</th>
              <th scope="col">{t("budgets.outcome.table.votesColumn")}</th>
              {scored && <th scope="col">{t("budgets.outcome.table.score")}</th>}
              <th scope="col">{t("budgets.outcome.table.cost")}</th>
              <th scope="col">{t("budgets.outcome.table.selected")}</th>
            </tr>
          </thead>
          <tbody>
            {byVotes.map((p) => (
              <tr>
                <th scope="row" lang={name(p).lang}>
                  {name(p).text}
                </th>
                <td>{num(p.votes)}</td>
                {scored && <td>{p.score === undefined ? "—" : num(p.score)}</td>}
                <td>{money(p.cost)}</td>
                <td>{p.selected ? t("budgets.outcome.yes") : t("budgets.outcome.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="outcome-selected">
        <h2 id="outcome-selected">{t("budgets.outcome.selectedHeading", { count: selected.length })}</h2>
        <ProjectList items={selected} />
      </section>
      <section aria-labelledby="outcome-unselected">
        <h2 id="outcome-unselected">{t("budgets.outcome.notSelectedHeading", { count: unselected.length })}</h2>
        <ProjectList items={unselected} />
      </section>

      <section aria-labelledby="outcome-recompute">
        <h2 id="outcome-recompute">{t("budgets.outcome.recompute.heading")}</h2>
        <p>{t("budgets.outcome.recompute.body")}</p>
        <p>
          <code class="budget-outcome-digest">{outcome.inputsDigest ?? "—"}</code>
        </p>
        <p>
          <a href={`/open-data/budgets/${budget.id}.pb`} download>
            {t("budgets.outcome.recompute.download")}
          </a>
        </p>
        <p>{t("budgets.outcome.recompute.how")}</p>
      </section>
    </article>
  );
}

/** Selected projects in the order they were bought: MES rounds, then greedy positions, then votes. */
function selectionOrder(a: OutcomeProject, b: OutcomeProject): number {
  const ra = a.round ?? Number.MAX_SAFE_INTEGER;
  const rb = b.round ?? Number.MAX_SAFE_INTEGER;
  if (ra !== rb) return ra - rb;
  const pa = a.position ?? Number.MAX_SAFE_INTEGER;
  const pb = b.position ?? Number.MAX_SAFE_INTEGER;
  return pa - pb || b.votes - a.votes;
}

export function NotYetPage({ ctx, base, budgetId, budgetTitle }: { ctx: RequestContext; base: string; budgetId: number; budgetTitle: Translatable }) {
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={`${base}/budgets/${budgetId}`}>{t("budgets.outcome.back")}</a>
      </p>
      <h1>{t("budgets.outcome.notYet.title")}</h1>
      <p>{t("budgets.outcome.notYet.body", { budget: title(ctx, budgetTitle).text })}</p>
    </>
  );
}
