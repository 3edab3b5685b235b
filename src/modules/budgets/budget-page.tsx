/** The public budget pages: the component's budgets, a budget's projects with the ballot, and the summary before casting the vote. */
import type { ComponentChildren } from "preact";
import type { RequestContext } from "../../core/http/context";
import type { Translatable } from "../../core/i18n/locales";
import { CsrfField } from "../../web/ui/forms";
import { text } from "./ballot-format";
import { formatMoney } from "./money";
import { BallotPanel, ProjectControl, progressOf, type BallotView } from "./ballot-panel";
import type { BudgetSummary, Choice, ProjectFilter, ProjectSummary } from "./browse";
import type { BudgetWorkflow } from "./settings";

/** Plain text typed in a textarea, a paragraph per blank line; each piece is a text node (escaped). */
export function Paragraphs({ value, ctx }: { value: Translatable; ctx: RequestContext }) {
  const { text: body, lang } = text(ctx, value);
  const paragraphs = body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div class="budget-description" lang={lang}>
      {paragraphs.map((p) => (
        <p>{p}</p>
      ))}
    </div>
  );
}

/** A few layout rules of these pages (mobile first: the ballot above the projects, beside them on wide screens). */
export function BudgetStyles({ ctx }: { ctx: RequestContext }) {
  const css = `
.budget-layout{display:grid;gap:1.5rem}
@media (min-width:60rem){.budget-layout{grid-template-columns:minmax(0,1fr) 20rem}.budget-layout>.budget-ballot{grid-column:2;grid-row:1;position:sticky;top:1rem;align-self:start}}
.budget-ballot{border:1px solid currentColor;border-radius:.5rem;padding:1rem}
.budget-ballot-bar{width:100%;height:1.1rem;accent-color:var(--color-primary)}
.budget-projects{list-style:none;padding:0;display:grid;gap:1rem}
.budget-project{border-top:1px solid #ccc;padding-top:1rem}
.budget-project h3{margin:0 0 .25rem}
.budget-points{width:5rem}
.budget-filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;border:0;padding:0}
.budget-cards{list-style:none;padding:0;display:grid;gap:1rem}`;
  return <style nonce={ctx.nonce} dangerouslySetInnerHTML={{ __html: css }} />;
}

export function Announcement({ ctx, value }: { ctx: RequestContext; value: Translatable | undefined }) {
  const a = text(ctx, value);
  return a.text ? (
    <div class="callout" role="note" lang={a.lang}>
      {a.text}
    </div>
  ) : null;
}

export interface IndexBudget extends BudgetSummary {
  /** Workflow "one": the reader voted in another budget. Workflow "random": not the one drawn. */
  closed: boolean;
  assigned: boolean;
}

export function BudgetsIndex({ ctx, base, name, budgets, workflow, announcement }: { ctx: RequestContext; base: string; name: string; budgets: IndexBudget[]; workflow: BudgetWorkflow; announcement: Translatable | undefined }) {
  const { t } = ctx;
  return (
    <section class="budgets-index">
      <BudgetStyles ctx={ctx} />
      <h1>{name}</h1>
      <Announcement ctx={ctx} value={announcement} />
      {budgets.length === 0 ? (
        <p>{t("budgets.index.empty")}</p>
      ) : (
        <>
          {budgets.length > 1 && <p>{t(`budgets.index.workflow.${workflow}`)}</p>}
          <ul class="budget-cards">
            {budgets.map((b) => {
              const title = text(ctx, b.title);
              const state = b.closed && b.state === "none" ? t("budgets.index.state.closed") : t(`budgets.index.state.${b.state}`);
              return (
                <li class="card">
                  <h2 lang={title.lang}>
                    <a href={`${base}/budgets/${b.id}`}>{title.text}</a>
                  </h2>
                  {b.assigned && <p>{t("budgets.index.assigned")}</p>}
                  <p>
                    {t("budgets.index.total", { total: formatMoney(ctx.locale, b.currency, b.total) })} · {t("budgets.index.projects", { count: b.projects })}
                  </p>
                  <Excerpt ctx={ctx} value={b.description} />
                  {ctx.user && (
                    <p>
                      {t("budgets.index.stateLabel")} <strong>{state}</strong>
                    </p>
                  )}
                  <p>
                    <a href={`${base}/budgets/${b.id}`}>{t("budgets.index.open", { title: title.text })}</a>
                  </p>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function Excerpt({ ctx, value }: { ctx: RequestContext; value: Translatable }) {
  const d = text(ctx, value);
  if (!d.text) return null;
  const flat = d.text.replace(/\s+/g, " ").trim();
  return <p lang={d.lang}>{flat.length > 240 ? `${flat.slice(0, 240).replace(/\s+\S*$/, "")}…` : flat}</p>;
}

export interface BudgetPageProps {
  view: BallotView;
  base: string;
  budget: BudgetSummary;
  announcement: Translatable | undefined;
  filter: ProjectFilter;
  sorts: readonly string[];
  projects: ProjectSummary[];
  total: number;
  placements: { categories: Choice[]; scopes: Choice[] };
  assigned: boolean;
  /** The script that posts the ballot's forms without a reload. */
  script: string;
}

/** The query string of the page with some parameters changed. */
function queryWith(filter: ProjectFilter, sortDefault: string, change: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  const all: Record<string, string | number | undefined> = { q: filter.q, category: filter.categoryId, scope: filter.scopeId, sort: filter.sort === sortDefault ? undefined : filter.sort, page: filter.page > 1 ? filter.page : undefined, ...change };
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function BudgetPage(p: BudgetPageProps) {
  const { view, budget, filter } = p;
  const { ctx } = view;
  const { t } = ctx;
  const title = text(ctx, budget.title);
  const pages = Math.max(1, Math.ceil(p.total / filter.perPage));
  const defaultSort = p.sorts[0] ?? "random";
  return (
    <section class="budget-page" data-budget-page>
      <BudgetStyles ctx={ctx} />
      <h1 lang={title.lang}>{title.text}</h1>
      <p>
        <strong>{t("budgets.page.total", { total: formatMoney(ctx.locale, budget.currency, budget.total) })}</strong>
      </p>
      {p.assigned && <p>{t("budgets.index.assigned")}</p>}
      <Paragraphs ctx={ctx} value={budget.description} />
      <Announcement ctx={ctx} value={p.announcement} />
      <div class="budget-layout">
        <BallotPanel {...view} />
        <div class="budget-main">
          <h2 id="projects-heading">{t("budgets.page.projectsHeading")}</h2>
          <form method="get" action={`${p.base}/budgets/${budget.id}`} class="budget-filters-form">
            <fieldset class="budget-filters">
              <legend>{t("budgets.filters.legend")}</legend>
              <p>
                <label for="budget-q">{t("budgets.filters.q")}</label>
                <br />
                <input type="search" id="budget-q" name="q" value={filter.q ?? ""} maxLength={200} />
              </p>
              {p.placements.categories.length > 0 && (
                <Select ctx={ctx} id="budget-category" name="category" label={t("budgets.filters.category")} value={filter.categoryId} choices={p.placements.categories} />
              )}
              {p.placements.scopes.length > 0 && <Select ctx={ctx} id="budget-scope" name="scope" label={t("budgets.filters.scope")} value={filter.scopeId} choices={p.placements.scopes} />}
              <p>
                <label for="budget-sort">{t("budgets.filters.sort")}</label>
                <br />
                <select id="budget-sort" name="sort">
                  {p.sorts.map((s) => (
                    <option value={s} selected={s === filter.sort}>
                      {t(`budgets.sort.${s}` as "budgets.sort.random")}
                    </option>
                  ))}
                </select>
              </p>
              <p>
                <button type="submit" class="button secondary">
                  {t("budgets.filters.apply")}
                </button>
              </p>
            </fieldset>
          </form>
          <p role="status">{t("budgets.page.projects", { count: p.total })}</p>
          <ul class="budget-projects" aria-labelledby="projects-heading">
            {p.projects.map((x) => (
              <ProjectCard view={view} base={p.base} budgetId={budget.id} project={x} />
            ))}
          </ul>
          {pages > 1 && (
            <nav class="pagination" aria-label={t("budgets.pagination.label")}>
              <ul>
                {filter.page > 1 && (
                  <li>
                    <a href={`${p.base}/budgets/${budget.id}${queryWith(filter, defaultSort, { page: filter.page - 1 > 1 ? filter.page - 1 : undefined })}`} rel="prev">
                      {t("budgets.pagination.previous")}
                    </a>
                  </li>
                )}
                <li aria-current="page">{t("budgets.pagination.page", { page: filter.page, pages })}</li>
                {filter.page < pages && (
                  <li>
                    <a href={`${p.base}/budgets/${budget.id}${queryWith(filter, defaultSort, { page: filter.page + 1 })}`} rel="next">
                      {t("budgets.pagination.next")}
                    </a>
                  </li>
                )}
              </ul>
            </nav>
          )}
        </div>
      </div>
      <script src={p.script} defer />
    </section>
  );
}

function Select({ ctx, id, name, label, value, choices }: { ctx: RequestContext; id: string; name: string; label: string; value: number | undefined; choices: Choice[] }) {
  return (
    <p>
      <label for={id}>{label}</label>
      <br />
      <select id={id} name={name}>
        <option value="">{ctx.t("budgets.filters.any")}</option>
        {choices.map((c) => (
          <option value={String(c.id)} selected={c.id === value}>
            {text(ctx, c.name).text}
          </option>
        ))}
      </select>
    </p>
  );
}

function ProjectCard({ view, base, budgetId, project }: { view: BallotView; base: string; budgetId: number; project: ProjectSummary }) {
  const { ctx } = view;
  const { t } = ctx;
  const title = text(ctx, project.title);
  const excerpt = text(ctx, project.excerpt);
  const meta: ComponentChildren[] = [t("budgets.browse.cost", { cost: formatMoney(ctx.locale, view.budget.currency, project.cost) })];
  if (project.votes !== null) meta.push(t("budgets.browse.votes", { count: project.votes }));
  const category = project.categoryName ? text(ctx, project.categoryName).text : "";
  const scope = project.scopeName ? text(ctx, project.scopeName).text : "";
  return (
    <li class="budget-project" id={`project-${project.id}`}>
      <article aria-labelledby={`project-title-${project.id}`}>
        <h3 id={`project-title-${project.id}`} lang={title.lang}>
          <a href={`${base}/budgets/${budgetId}/projects/${project.id}`}>{title.text}</a>
        </h3>
        <p class="budget-project-meta">
          <strong>{meta[0]}</strong>
          {meta.slice(1).map((m) => (
            <> · {m}</>
          ))}
          {category && <> · {category}</>}
          {scope && <> · {scope}</>}
        </p>
        {excerpt.text && <p lang={excerpt.lang}>{excerpt.text}</p>}
        <ProjectControl {...view} projectId={project.id} title={title.text} />
      </article>
    </li>
  );
}

/** The summary before casting: the choices, the total, and the confirmation. */
export function SummaryPage({ view, budget, errors }: { view: BallotView; budget: BudgetSummary; errors: string[] }) {
  const { ctx } = view;
  const { t } = ctx;
  const items = view.ballot?.items ?? [];
  const title = text(ctx, budget.title);
  return (
    <section class="budget-summary">
      <h1>{t("budgets.summary.title")}</h1>
      <p lang={title.lang}>
        <strong>{title.text}</strong>
      </p>
      {errors.length > 0 && (
        <div class="error-summary" role="alert">
          <ul>
            {errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <p>{t("budgets.summary.intro")}</p>
      <ol>
        {items.map((i) => {
          const it = text(ctx, i.title);
          return (
            <li>
              <span lang={it.lang}>{it.text}</span> —{" "}
              {view.budget.voteType === "cumulative" ? t("budgets.ballot.pointsOf", { points: i.points }) : view.budget.voteType === "ordinal" ? t("budgets.ballot.rankOf", { rank: i.rank ?? 0 }) : formatMoney(ctx.locale, budget.currency, i.cost)}
            </li>
          );
        })}
      </ol>
      <p>{progressOf(view).text}</p>
      <p>{t(view.changeAllowed ? "budgets.summary.changeable" : "budgets.summary.final")}</p>
      {errors.length === 0 && (
        <form method="post" action={`${view.budgetBase}/ballot/confirm`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="button">
            {t("budgets.summary.confirm")}
          </button>
        </form>
      )}
      <p>
        <a href={`${view.budgetBase}#ballot`}>{t("budgets.summary.back")}</a>
      </p>
    </section>
  );
}
