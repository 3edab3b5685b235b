/** Back-office views of the budgets catalogue: the budgets, a budget's form, its projects, a project's form, the import. */
import type { ComponentChildren } from "preact";
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import type { HandOverItem } from "../../core/resources/kinds";
import { DeleteLink } from "../../core/spaces/admin-confirm";
import { Form, RadioGroup, Select, Submit, TextField } from "../../web/ui/forms";
import { RULE_FIELDS, RULES_OF } from "./admin-inputs";
import { type BudgetSummary, type Choice, type ProjectRow } from "./catalogue";
import { formatMoney } from "./money";
import { choiceOptions, text } from "./catalogue-view-parts";
import { VOTE_TYPES } from "./schema";

type V = string | undefined;

export function BudgetListPage({ ctx, base, publicBase, componentName, budgets }: { ctx: RequestContext; base: string; publicBase: string; componentName: string; budgets: BudgetSummary[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{componentName}</h1>
      <p class="admin-actions">
        <a class="button" href={`${base}/new`}>
          {t("budgets.admin.budget.new")}
        </a>{" "}
        {budgets.length > 0 && (
          <a class="button button-secondary" href={`${base}/import`}>
            {t("budgets.admin.import.title")}
          </a>
        )}{" "}
        {budgets.length > 0 && <a href={`${base}/paper`}>{t("budgets.admin.paperBallots")}</a>}{" "}
        <a href={publicBase}>{t("budgets.admin.publicPage")}</a>
      </p>
      {budgets.length === 0 ? (
        <p>{t("budgets.admin.budget.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("budgets.admin.budget.list")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("budgets.admin.budget.title")}</th>
              <th scope="col">{t("budgets.admin.budget.total")}</th>
              <th scope="col">{t("budgets.admin.budget.voteType")}</th>
              <th scope="col">{t("budgets.admin.budget.projects")}</th>
              <th scope="col">{t("budgets.admin.budget.ballots")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {budgets.map((b) => {
              const title = text(ctx, b.title);
              return (
                <tr>
                  <td lang={title.lang}>{title.text}</td>
                  <td>{formatMoney(ctx.locale, b.currency, b.total)}</td>
                  <td>{t(`budgets.admin.voteType.${b.voteType}`)}</td>
                  <td>{b.projects}</td>
                  <td>{b.ballots}</td>
                  <td class="admin-actions">
                    <a href={`${base}/${b.id}/projects`}>
                      {t("budgets.admin.project.manage")}
                      <span class="visually-hidden"> {title.text}</span>
                    </a>{" "}
                    <a href={`${base}/${b.id}/outcome`}>
                      {t("budgets.admin.budget.outcome")}
                      <span class="visually-hidden"> {title.text}</span>
                    </a>{" "}
                    <a href={`${base}/${b.id}/edit`}>
                      {t("common.edit")}
                      <span class="visually-hidden"> {title.text}</span>
                    </a>{" "}
                    <DeleteLink ctx={ctx} href={`${base}/${b.id}/delete`} name={title.text} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface BudgetValues {
  title?: Translatable | undefined;
  description?: Translatable | undefined;
  total?: V;
  currency?: V;
  scopeId?: V;
  voteType?: V;
  weight?: V;
  minPercent?: V;
  minProjects?: V;
  maxProjects?: V;
  maxPoints?: V;
  maxPointsPerProject?: V;
  maxLength?: V;
}

/** The rule fields, once each, grouped under the kinds that take them, so what applies is said next to the field. */
function RuleFields({ ctx, values, errors }: { ctx: RequestContext; values: BudgetValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <fieldset class="field-group">
      <legend>{t("budgets.admin.rules.legend")}</legend>
      <p class="hint">{t("budgets.admin.rules.intro")}</p>
      {RULE_FIELDS.map((k) => {
        const kinds = VOTE_TYPES.filter((v) => RULES_OF[v].includes(k))
          .map((v) => t(`budgets.admin.voteType.${v}`))
          .join(", ");
        return <TextField ctx={ctx} name={k} type="number" label={t(`budgets.admin.rules.${k}`)} hint={t("budgets.admin.rules.appliesTo", { kinds, what: t(`budgets.admin.rules.${k}.hint`) })} value={values[k]} errors={errors} />;
      })}
    </fieldset>
  );
}

export function BudgetForm(props: { ctx: RequestContext; base: string; action: string; heading: string; values: BudgetValues; errors?: FieldErrors | undefined; scopes: Choice[] }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={props.base}>{t("budgets.admin.back")}</a>
      </p>
      <h1>{props.heading}</h1>
      <Form ctx={ctx} action={props.action} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={t("budgets.admin.budget.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={t("budgets.admin.description")} hint={t("budgets.admin.markdownHint")} value={values.description} errors={errors} multiline rows={5} />
        <TextField ctx={ctx} name="total" label={t("budgets.admin.budget.total")} hint={t("budgets.admin.amountHint")} value={values.total} errors={errors} inputmode="text" required />
        <TextField ctx={ctx} name="currency" label={t("budgets.admin.budget.currency")} hint={t("budgets.admin.budget.currencyHint")} value={values.currency ?? "EUR"} errors={errors} required />
        {props.scopes.length > 0 && <Select ctx={ctx} name="scopeId" label={t("budgets.admin.scope")} value={values.scopeId ?? ""} errors={errors} options={[{ value: "", label: t("budgets.admin.none") }, ...choiceOptions(ctx, props.scopes)]} />}
        <RadioGroup
          ctx={ctx}
          name="voteType"
          legend={t("budgets.admin.budget.voteType")}
          options={VOTE_TYPES.map((v) => ({ value: v, label: `${t(`budgets.admin.voteType.${v}`)} — ${t(`budgets.admin.voteType.${v}.hint`)}` }))}
          value={values.voteType ?? "knapsack"}
          errors={errors}
        />
        <RuleFields ctx={ctx} values={values} errors={errors} />
        <TextField ctx={ctx} name="weight" type="number" label={t("budgets.admin.weight")} hint={t("budgets.admin.weightHint")} value={values.weight ?? "0"} errors={errors} />
        <Submit>{t("common.save")}</Submit>
      </Form>
    </>
  );
}

export function ProjectListPage({ ctx, base, publicBase, budget, projects }: { ctx: RequestContext; base: string; publicBase: string; budget: BudgetSummary; projects: ProjectRow[] }) {
  const { t } = ctx;
  const name = text(ctx, budget.title);
  const spent = projects.reduce((s, p) => s + p.cost, 0);
  return (
    <>
      <p>
        <a href={base}>{t("budgets.admin.back")}</a>
      </p>
      <h1>{t("budgets.admin.project.list", { budget: name.text })}</h1>
      <p>{t("budgets.admin.project.summary", { count: projects.length, cost: formatMoney(ctx.locale, budget.currency, spent), total: formatMoney(ctx.locale, budget.currency, budget.total) })}</p>
      <p class="admin-actions">
        <a class="button" href={`${base}/${budget.id}/projects/new`}>
          {t("budgets.admin.project.new")}
        </a>{" "}
        <a class="button button-secondary" href={`${base}/import?budgetId=${budget.id}`}>
          {t("budgets.admin.import.title")}
        </a>
      </p>
      {projects.length === 0 ? (
        <p>{t("budgets.admin.project.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("budgets.admin.project.list", { budget: name.text })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("budgets.admin.project.title")}</th>
              <th scope="col">{t("budgets.admin.project.cost")}</th>
              <th scope="col">{t("budgets.admin.category")}</th>
              <th scope="col">{t("budgets.admin.project.votes")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => {
              const title = text(ctx, p.title);
              return (
                <tr>
                  <td>
                    <a href={`${publicBase}/budgets/${budget.id}/projects/${p.id}`} lang={title.lang}>
                      {title.text}
                    </a>
                    {p.hidden && <span class="badge"> {t("budgets.admin.project.hidden")}</span>}
                    {p.sourceType && <span class="hint"> {t("budgets.admin.project.imported")}</span>}
                  </td>
                  <td>{formatMoney(ctx.locale, budget.currency, p.cost)}</td>
                  <td>{p.categoryName ? text(ctx, p.categoryName).text : ""}</td>
                  <td>{budget.voteType === "cumulative" || budget.voteType === "ordinal" ? t("budgets.admin.project.votesPoints", { votes: p.votes, points: p.points }) : p.votes}</td>
                  <td class="admin-actions">
                    <a href={`${base}/${budget.id}/projects/${p.id}/edit`}>
                      {t("common.edit")}
                      <span class="visually-hidden"> {title.text}</span>
                    </a>{" "}
                    <DeleteLink ctx={ctx} href={`${base}/${budget.id}/projects/${p.id}/delete`} name={title.text} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface ProjectValues {
  title?: Translatable | undefined;
  description?: Translatable | undefined;
  cost?: V;
  categoryId?: V;
  scopeId?: V;
  address?: V;
  latitude?: V;
  longitude?: V;
  weight?: V;
}

export function ProjectForm(props: { ctx: RequestContext; backHref: string; action: string; heading: string; currency: string; values: ProjectValues; errors?: FieldErrors | undefined; categories: Choice[]; scopes: Choice[]; attachments: ComponentChildren }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const none = { value: "", label: t("budgets.admin.none") };
  return (
    <>
      <p>
        <a href={props.backHref}>{t("budgets.admin.project.back")}</a>
      </p>
      <h1>{props.heading}</h1>
      <Form ctx={ctx} action={props.action} errors={errors} enctype="multipart/form-data">
        <TranslatableField ctx={ctx} name="title" label={t("budgets.admin.project.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={t("budgets.admin.description")} hint={t("budgets.admin.markdownHint")} value={values.description} errors={errors} multiline rows={8} />
        <TextField ctx={ctx} name="cost" label={t("budgets.admin.project.costIn", { currency: props.currency })} hint={t("budgets.admin.amountHint")} value={values.cost} errors={errors} inputmode="text" required />
        {props.categories.length > 0 && <Select ctx={ctx} name="categoryId" label={t("budgets.admin.category")} value={values.categoryId ?? ""} errors={errors} options={[none, ...choiceOptions(ctx, props.categories)]} />}
        {props.scopes.length > 0 && <Select ctx={ctx} name="scopeId" label={t("budgets.admin.scope")} value={values.scopeId ?? ""} errors={errors} options={[none, ...choiceOptions(ctx, props.scopes)]} />}
        <TextField ctx={ctx} name="address" label={t("budgets.admin.project.address")} value={values.address} errors={errors} autocomplete="off" />
        <fieldset class="field-group">
          <legend>{t("budgets.admin.project.location")}</legend>
          <p class="hint">{t("budgets.admin.project.locationHint")}</p>
          <TextField ctx={ctx} name="latitude" label={t("budgets.admin.project.latitude")} value={values.latitude} errors={errors} inputmode="text" />
          <TextField ctx={ctx} name="longitude" label={t("budgets.admin.project.longitude")} value={values.longitude} errors={errors} inputmode="text" />
        </fieldset>
        <TextField ctx={ctx} name="weight" type="number" label={t("budgets.admin.weight")} hint={t("budgets.admin.weightHint")} value={values.weight ?? "0"} errors={errors} />
        {props.attachments}
        <Submit>{t("common.save")}</Submit>
      </Form>
    </>
  );
}

export interface ImportSourceOption {
  value: string;
  label: string;
}

export function ImportPage(props: {
  ctx: RequestContext;
  base: string;
  budgets: BudgetSummary[];
  sources: ImportSourceOption[];
  source: string;
  budgetId: string;
  /** The items of the chosen source, with whether each is already a project here; null before a source is chosen. */
  items: Array<HandOverItem & { imported: boolean }> | null;
  currency: string;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, base, errors } = props;
  const { t } = ctx;
  const budgetOptions = props.budgets.map((b) => ({ value: String(b.id), label: text(ctx, b.title).text }));
  const toImport = props.items?.filter((i) => !i.imported && i.cost !== null) ?? [];
  return (
    <>
      <p>
        <a href={base}>{t("budgets.admin.back")}</a>
      </p>
      <h1>{t("budgets.admin.import.title")}</h1>
      <p>{t("budgets.admin.import.intro")}</p>
      {props.sources.length === 0 ? (
        <p>{t("budgets.admin.import.noSource")}</p>
      ) : (
        <Form ctx={ctx} action={`${base}/import`} method="get" errors={errors}>
          <Select ctx={ctx} name="source" label={t("budgets.admin.import.source")} value={props.source} errors={errors} options={[{ value: "", label: t("budgets.admin.import.chooseSource") }, ...props.sources]} required />
          <Select ctx={ctx} name="budgetId" label={t("budgets.admin.import.budget")} value={props.budgetId} errors={errors} options={budgetOptions} required />
          <Submit>{t("budgets.admin.import.show")}</Submit>
        </Form>
      )}
      {props.items && (
        <section aria-labelledby="import-list-title">
          <h2 id="import-list-title">{t("budgets.admin.import.listTitle", { count: props.items.length })}</h2>
          {props.items.length === 0 ? (
            <p>{t("budgets.admin.import.none")}</p>
          ) : (
            <table>
              <caption class="visually-hidden">{t("budgets.admin.import.listTitle", { count: props.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("budgets.admin.project.title")}</th>
                  <th scope="col">{t("budgets.admin.project.cost")}</th>
                  <th scope="col">{t("budgets.admin.import.state")}</th>
                </tr>
              </thead>
              <tbody>
                {props.items.map((i) => {
                  const title = text(ctx, typeof i.title === "string" ? { [ctx.locale]: i.title } : i.title);
                  return (
                    <tr>
                      <td>
                        <a href={i.url} lang={title.lang}>
                          {title.text}
                        </a>
                      </td>
                      <td>{i.cost === null ? "" : formatMoney(ctx.locale, props.currency, i.cost)}</td>
                      <td>{i.imported ? t("budgets.admin.import.already") : t("budgets.admin.import.new")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {toImport.length > 0 && (
            <Form ctx={ctx} action={`${base}/import`}>
              <input type="hidden" name="source" value={props.source} />
              <input type="hidden" name="budgetId" value={props.budgetId} />
              <Submit>{t("budgets.admin.import.submit", { count: toImport.length })}</Submit>
            </Form>
          )}
        </section>
      )}
    </>
  );
}
