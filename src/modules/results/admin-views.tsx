/** Back-office views of the results component: the tree, a result's form, its timeline, the statuses, CSV import and export. */
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts } from "../../core/resources/kinds";
import { DeleteLink } from "../../core/spaces/admin-confirm";
import { formatDate } from "../../core/spaces/view-parts";
import { CheckboxGroup, Form, Select, Submit, TextArea, TextField } from "../../web/ui/forms";
import type { ImportError } from "./csv";
import type { Choice, TimelineEntry, TreeRow } from "./queries";
import type { ResultStatus } from "./statuses";
import { choiceOptions, percent, text } from "./view-parts";

const statusLabel = (ctx: RequestContext, s: ResultStatus) => (s.progress === null ? text(ctx, s.name).text : ctx.t("results.admin.statusWithProgress", { name: text(ctx, s.name).text, progress: s.progress }));

export function AdminListPage({ ctx, base, publicBase, componentName, rows }: { ctx: RequestContext; base: string; publicBase: string; componentName: string; rows: TreeRow[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("results.admin.title", { name: componentName })}</h1>
      <p class="button-row">
        <a class="button" href={`${base}/new`}>
          {t("results.admin.new")}
        </a>
        <a class="button button-secondary" href={`${base}/statuses`}>
          {t("results.admin.statuses.title")}
        </a>
        <a class="button button-secondary" href={`${base}/import`}>
          {t("results.admin.csv.title")}
        </a>
        <a class="button button-secondary" href={`${base}/hand-over`}>
          {t("results.admin.followUp.title")}
        </a>
        <a href={publicBase}>{t("results.admin.publicPage")}</a>
      </p>
      {rows.length === 0 ? (
        <p>{t("results.index.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("results.admin.title", { name: componentName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.form.title")}</th>
              <th scope="col">{t("results.show.status")}</th>
              <th scope="col">{t("results.show.progress")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const name = text(ctx, r.title).text;
              return (
                <tr>
                  <td>
                    {"— ".repeat(r.depth)}
                    <a href={`${base}/${r.id}/edit`}>{name}</a>
                    {r.externalId && (
                      <>
                        {" "}
                        <code>{r.externalId}</code>
                      </>
                    )}
                  </td>
                  <td>{r.statusName ? text(ctx, r.statusName).text : ""}</td>
                  <td>{r.progress === null ? "" : t("results.progress.value", { value: percent(r.progress) })}</td>
                  <td class="admin-actions">
                    <a href={`${base}/${r.id}/timeline`}>
                      {t("results.admin.timeline.link")}
                      <span class="visually-hidden"> {name}</span>
                    </a>{" "}
                    {r.depth < 2 && (
                      <a href={`${base}/new?parent=${r.id}`}>
                        {t("results.admin.newChild")}
                        <span class="visually-hidden"> {name}</span>
                      </a>
                    )}{" "}
                    <DeleteLink ctx={ctx} href={`${base}/${r.id}/delete`} name={name} />
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

export interface ResultValues {
  title?: Translatable | undefined;
  description?: Translatable | undefined;
  parentId?: string | undefined;
  externalId?: string | undefined;
  categoryId?: string | undefined;
  scopeId?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  statusId?: string | undefined;
  progress?: string | undefined;
  linkPicked?: string[] | undefined;
  linkTyped?: string | undefined;
}

export interface ResultFormProps {
  ctx: RequestContext;
  base: string;
  /** Where the form posts (new or edit) and where its search of linkable resources goes. */
  action: string;
  heading: string;
  values: ResultValues;
  errors?: FieldErrors | undefined;
  parents: TreeRow[];
  statuses: ResultStatus[];
  categories: Choice[];
  scopes: Choice[];
  /** The space's resources to tick, and what was searched. */
  linkable: ResourceFacts[];
  linkQuery: string;
  /** The result has sub-results: its progress is their mean. */
  hasChildren: boolean;
}

export function ResultForm(props: ResultFormProps) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const none = { value: "", label: t("results.form.none") };
  const picked = values.linkPicked ?? [];
  const options = props.linkable.map((f) => ({ value: `${f.type}:${f.id}`, label: `#${f.id} ${text(ctx, typeof f.title === "string" ? { [ctx.locale]: f.title } : f.title).text}` }));
  // Links already chosen but outside the list shown stay ticked.
  for (const v of picked) if (!options.some((o) => o.value === v)) options.unshift({ value: v, label: v });
  return (
    <>
      <p>
        <a href={props.base}>{t("results.admin.back")}</a>
      </p>
      <h1>{props.heading}</h1>
      <Form ctx={ctx} action={props.action} method="get" class="form filter-form">
        <TextField ctx={ctx} name="linkq" type="search" label={t("results.form.linkSearch")} hint={t("results.form.linkSearchHint")} value={props.linkQuery} />
        <Submit>{t("results.form.linkSearchSubmit")}</Submit>
      </Form>
      <Form ctx={ctx} action={props.action} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={t("results.form.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={t("results.form.description")} hint={t("results.form.plainText")} value={values.description} errors={errors} multiline rows={6} />
        <Select ctx={ctx} name="parentId" label={t("results.form.parent")} value={values.parentId ?? ""} errors={errors} options={[{ value: "", label: t("results.form.topLevel") }, ...props.parents.map((p) => ({ value: String(p.id), label: `${"— ".repeat(p.depth)}${text(ctx, p.title).text}` }))]} />
        <TextField ctx={ctx} name="externalId" label={t("results.form.externalId")} hint={t("results.form.externalIdHint")} value={values.externalId} errors={errors} />
        {props.categories.length > 0 && <Select ctx={ctx} name="categoryId" label={t("results.filter.category")} value={values.categoryId ?? ""} errors={errors} options={[none, ...choiceOptions(ctx, props.categories)]} />}
        {props.scopes.length > 0 && <Select ctx={ctx} name="scopeId" label={t("results.filter.scope")} value={values.scopeId ?? ""} errors={errors} options={[none, ...choiceOptions(ctx, props.scopes)]} />}
        <TextField ctx={ctx} name="startDate" type="date" label={t("results.form.startDate")} value={values.startDate} errors={errors} />
        <TextField ctx={ctx} name="endDate" type="date" label={t("results.form.endDate")} value={values.endDate} errors={errors} />
        <Select ctx={ctx} name="statusId" label={t("results.show.status")} value={values.statusId ?? ""} errors={errors} options={[none, ...props.statuses.map((s) => ({ value: String(s.id), label: statusLabel(ctx, s) }))]} />
        {props.hasChildren ? (
          <p class="hint">{t("results.form.progressComputed")}</p>
        ) : (
          <TextField ctx={ctx} name="progress" label={t("results.form.progress")} hint={t("results.form.progressHint")} value={values.progress} errors={errors} inputmode="text" />
        )}
        {options.length > 0 ? (
          <CheckboxGroup ctx={ctx} name="linkPicked" legend={t("results.form.links")} options={options} checked={picked} errors={errors} />
        ) : (
          <p class="hint">{t("results.form.noLinkable")}</p>
        )}
        <TextField ctx={ctx} name="linkTyped" label={t("results.form.linkTyped")} hint={t("results.form.linkTypedHint")} value={values.linkTyped} errors={errors} />
        <Submit>{t("common.save")}</Submit>
      </Form>
    </>
  );
}

export interface UpdateValues {
  entryDate?: string | undefined;
  text?: Translatable | undefined;
  statusId?: string | undefined;
  progress?: string | undefined;
}

export function TimelinePage(props: { ctx: RequestContext; base: string; resultId: number; title: Translatable; entries: TimelineEntry[]; statuses: ResultStatus[]; values: UpdateValues; errors?: FieldErrors | undefined }) {
  const { ctx, base, values, errors } = props;
  const { t } = ctx;
  const none = { value: "", label: t("results.form.unchanged") };
  const name = text(ctx, props.title).text;
  return (
    <>
      <p>
        <a href={base}>{t("results.admin.back")}</a> · <a href={`${base}/${props.resultId}/edit`}>{t("common.edit")}</a>
      </p>
      <h1>{t("results.admin.timeline.title", { title: name })}</h1>
      <h2>{t("results.admin.timeline.add")}</h2>
      <Form ctx={ctx} action={`${base}/${props.resultId}/timeline`} errors={errors}>
        <TextField ctx={ctx} name="entryDate" type="date" label={t("results.admin.timeline.date")} value={values.entryDate} errors={errors} required />
        <TranslatableField ctx={ctx} name="text" label={t("results.admin.timeline.text")} value={values.text} errors={errors} multiline rows={4} required />
        <Select ctx={ctx} name="statusId" label={t("results.show.status")} value={values.statusId ?? ""} errors={errors} options={[none, ...props.statuses.map((s) => ({ value: String(s.id), label: statusLabel(ctx, s) }))]} />
        <TextField ctx={ctx} name="progress" label={t("results.form.progress")} hint={t("results.admin.timeline.progressHint")} value={values.progress} errors={errors} inputmode="text" />
        <Submit>{t("results.admin.timeline.submit")}</Submit>
      </Form>
      <h2>{t("results.show.timeline")}</h2>
      {props.entries.length === 0 ? (
        <p>{t("results.admin.timeline.empty")}</p>
      ) : (
        <ul>
          {props.entries.map((u) => (
            <li>
              <time dateTime={u.entryDate}>{formatDate(ctx, u.entryDate)}</time> — {text(ctx, u.text).text}
              {u.statusName && ` · ${text(ctx, u.statusName).text}`}
              {u.progress !== null && ` · ${t("results.progress.value", { value: percent(u.progress) })}`}{" "}
              <form method="post" action={`${base}/${props.resultId}/timeline/${u.id}/delete`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                <button type="submit" class="button button-danger button-small">
                  {t("common.delete")}
                  <span class="visually-hidden"> {formatDate(ctx, u.entryDate)}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function StatusesPage({ ctx, base, statuses }: { ctx: RequestContext; base: string; statuses: ResultStatus[] }) {
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={base}>{t("results.admin.back")}</a>
      </p>
      <h1>{t("results.admin.statuses.title")}</h1>
      <p>{t("results.admin.statuses.intro")}</p>
      <p>
        <a class="button" href={`${base}/statuses/new`}>
          {t("results.admin.statuses.new")}
        </a>
      </p>
      <table>
        <caption class="visually-hidden">{t("results.admin.statuses.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.admin.statuses.name")}</th>
            <th scope="col">{t("results.admin.statuses.token")}</th>
            <th scope="col">{t("results.form.progress")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {statuses.map((s) => (
            <tr>
              <td>{text(ctx, s.name).text}</td>
              <td>
                <code>{s.token}</code>
              </td>
              <td>{s.progress === null ? "" : t("results.progress.value", { value: s.progress })}</td>
              <td class="admin-actions">
                <a href={`${base}/statuses/${s.id}/edit`}>
                  {t("common.edit")}
                  <span class="visually-hidden"> {text(ctx, s.name).text}</span>
                </a>{" "}
                <DeleteLink ctx={ctx} href={`${base}/statuses/${s.id}/delete`} name={text(ctx, s.name).text} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export interface StatusValues {
  token?: string | undefined;
  name?: Translatable | undefined;
  progress?: string | number | undefined;
  weight?: string | number | undefined;
}

export function StatusForm({ ctx, action, heading, values, errors }: { ctx: RequestContext; action: string; heading: string; values: StatusValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="token" label={t("results.admin.statuses.token")} hint={t("results.admin.statuses.tokenHint")} value={values.token} errors={errors} required />
        <TranslatableField ctx={ctx} name="name" label={t("results.admin.statuses.name")} value={values.name} errors={errors} required />
        <TextField ctx={ctx} name="progress" type="number" label={t("results.form.progress")} hint={t("results.admin.statuses.progressHint")} value={values.progress} errors={errors} />
        <TextField ctx={ctx} name="weight" type="number" label={t("results.admin.statuses.weight")} value={values.weight ?? 0} errors={errors} />
        <Submit>{t("common.save")}</Submit>
      </Form>
    </>
  );
}

export function CsvPage({ ctx, base, csv, errors, formErrors }: { ctx: RequestContext; base: string; csv?: string | undefined; errors?: ImportError[] | undefined; formErrors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={base}>{t("results.admin.back")}</a>
      </p>
      <h1>{t("results.admin.csv.title")}</h1>
      <h2>{t("results.admin.csv.exportHeading")}</h2>
      <p>
        <a class="button button-secondary" href={`${base}/export.csv`}>
          {t("results.admin.csv.export")}
        </a>
      </p>
      <h2>{t("results.admin.csv.importHeading")}</h2>
      <p>{t("results.admin.csv.intro")}</p>
      {errors && errors.length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h3>{t("results.admin.csv.refused", { count: errors.length })}</h3>
          <ul>
            {errors.slice(0, 100).map((e) => (
              <li>{t(e.key, e.values)}</li>
            ))}
          </ul>
        </div>
      )}
      <Form ctx={ctx} action={`${base}/import`} errors={formErrors} enctype="multipart/form-data">
        <div class="field">
          <label for="field-file">{t("results.admin.csv.file")}</label>
          <input id="field-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <TextArea ctx={ctx} name="csv" label={t("results.admin.csv.paste")} value={csv} errors={formErrors} rows={8} />
        <Submit>{t("results.admin.csv.submit")}</Submit>
      </Form>
    </>
  );
}
