/** Back-office views of the proposals component: the list with bulk actions (publish answers, merge), answering, official proposals, answer states. */
import type { ComponentChildren } from "preact";
import { AttachmentList } from "../../core/attachments/views";
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { DeleteLink } from "../../core/spaces/admin-confirm";
import { Pager } from "../../core/spaces/view-parts";
import { CsrfField, Form, Select, Submit, TextField } from "../../web/ui/forms";
import { ADMIN_SORTS, ADMIN_STATUSES, type AdminFilter, type AdminRow } from "./admin-queries";
import type { Choice, ProposalDetails } from "./queries";
import { SYSTEM_TOKENS, type ProposalState } from "./states";
import { choiceOptions } from "./view-parts";
import { formatCost, formatDate, Paragraphs, StateBadge, StateStyles, text } from "./view-parts";

export function adminListHref(base: string, f: AdminFilter, page = f.page): string {
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.state) params.set("state", f.state);
  if (f.categoryId) params.set("category", String(f.categoryId));
  if (f.scopeId) params.set("scope", String(f.scopeId));
  if (f.status) params.set("status", f.status);
  if (f.answer) params.set("answer", f.answer);
  params.set("sort", f.sort);
  if (page > 1) params.set("page", String(page));
  return `${base}?${params.toString()}`;
}

export function AdminListPage(props: {
  ctx: RequestContext;
  base: string;
  publicBase: string;
  componentName: string;
  filter: AdminFilter;
  rows: AdminRow[];
  hasNext: boolean;
  states: ProposalState[];
  categories: Choice[];
  scopes?: Choice[] | undefined;
  officialEnabled: boolean;
  /** More bulk actions inside the list's form (evaluators: evaluation/views.tsx). */
  bulkExtra?: ComponentChildren;
}) {
  const { ctx, base, filter } = props;
  const { t } = ctx;
  const byId = new Map(props.states.map((s) => [s.id, s]));
  const any = { value: "", label: t("proposals.filter.any") };
  return (
    <>
      <StateStyles ctx={ctx} states={props.states} />
      <h1>{t("proposals.admin.title", { name: props.componentName })}</h1>
      <p class="button-row">
        {props.officialEnabled && (
          <a class="button" href={`${base}/new`}>
            {t("proposals.admin.newOfficial")}
          </a>
        )}
        <a class="button button-secondary" href={`${base}/states`}>
          {t("proposals.admin.states.title")}
        </a>
        <a class="button button-secondary" href={`${base}/answers/import`}>
          {t("proposals.import.answers.link")}
        </a>
        <a class="button button-secondary" href={`${base}/import`}>
          {t("proposals.tools.import.link")}
        </a>
        <a href={`${base}/export.csv`}>{t("proposals.tools.export.csv")}</a>
        <a href={`${base}/export.json`}>{t("proposals.tools.export.json")}</a>
        <a href={props.publicBase}>{t("proposals.admin.publicPage")}</a>
      </p>
      <Form ctx={ctx} action={base} method="get" class="form filter-form">
        <TextField ctx={ctx} name="q" type="search" label={t("proposals.admin.search")} value={filter.q} />
        <Select
          ctx={ctx}
          name="state"
          label={t("proposals.admin.state")}
          value={filter.state ?? ""}
          options={[any, { value: "none", label: t("proposals.admin.notAnswered") }, { value: "waiting", label: t("proposals.admin.waiting") }, ...props.states.map((s) => ({ value: String(s.id), label: text(ctx, s.name).text }))]}
        />
        {props.categories.length > 0 && <Select ctx={ctx} name="category" label={t("proposals.filter.category")} value={filter.categoryId ? String(filter.categoryId) : ""} options={[any, ...choiceOptions(ctx, props.categories)]} />}
        {props.scopes && props.scopes.length > 0 && <Select ctx={ctx} name="scope" label={t("proposals.filter.scope")} value={filter.scopeId ? String(filter.scopeId) : ""} options={[any, ...choiceOptions(ctx, props.scopes)]} />}
        <Select
          ctx={ctx}
          name="answer"
          label={t("proposals.tools.filter.answer")}
          value={filter.answer ?? ""}
          options={[any, { value: "with", label: t("proposals.tools.filter.answer.with") }, { value: "without", label: t("proposals.tools.filter.answer.without") }]}
        />
        <Select
          ctx={ctx}
          name="status"
          label={t("proposals.tools.filter.status")}
          value={filter.status ?? ""}
          options={[{ value: "", label: t("proposals.tools.filter.status.default") }, ...ADMIN_STATUSES.map((s) => ({ value: s, label: t(`proposals.tools.filter.status.${s}`) }))]}
        />
        <Select ctx={ctx} name="sort" label={t("proposals.filter.sort")} value={filter.sort} options={ADMIN_SORTS.map((s) => ({ value: s, label: t(`proposals.admin.sort.${s}`) }))} />
        <Submit>{t("proposals.filter.submit")}</Submit>
      </Form>
      {props.rows.length === 0 ? (
        <p>{t("proposals.index.empty")}</p>
      ) : (
        <form method="post" action={`${base}/publish-answers`}>
          <CsrfField ctx={ctx} />
          <p class="hint">{t("proposals.tools.bulkHint")}</p>
          <table>
            <caption class="visually-hidden">{t("proposals.admin.title", { name: props.componentName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("proposals.admin.select")}</th>
                <th scope="col">#</th>
                <th scope="col">{t("proposals.form.title")}</th>
                <th scope="col">{t("proposals.admin.author")}</th>
                <th scope="col">{t("proposals.admin.state")}</th>
                <th scope="col">{t("proposals.support.title")}</th>
                <th scope="col">{t("proposals.admin.comments")}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => {
                const title = text(ctx, r.title);
                const state = r.stateId === null ? undefined : byId.get(r.stateId);
                return (
                  <tr>
                    <td>
                      <input type="checkbox" name="ids" value={String(r.id)} id={`select-${r.id}`} />
                      <label for={`select-${r.id}`} class="visually-hidden">
                        {t("proposals.admin.selectOne", { title: title.text })}
                      </label>
                    </td>
                    <td>{r.id}</td>
                    <td>
                      <a href={`${base}/${r.id}`} lang={title.lang}>
                        {title.text}
                      </a>
                      {r.closed ? ` · ${t("proposals.tools.closedBadge")}` : r.withdrawn && ` · ${t("proposals.withdrawnBadge")}`}
                      {r.hidden && ` · ${t("proposals.admin.hidden")}`}
                    </td>
                    <td>{r.official ? t("proposals.official") : (r.authorName ?? t("accounts.deletedParticipant"))}</td>
                    <td>
                      {state ? <StateBadge ctx={ctx} state={state} /> : t("proposals.admin.notAnswered")}
                      {state && !r.answerPublished && ` · ${t("proposals.admin.notPublished")}`}
                    </td>
                    <td>{r.supportsCount}</td>
                    <td>{r.commentsCount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {props.bulkExtra}
          <div class="form-actions">
            <button type="submit" class="button">
              {t("proposals.admin.publishSelected")}
            </button>
            <button type="submit" class="button button-secondary" formaction={`${base}/merge/new`}>
              {t("proposals.tools.merge.button")}
            </button>
          </div>
        </form>
      )}
      <Pager ctx={ctx} page={filter.page} hasNext={props.hasNext} href={(page) => adminListHref(base, filter, page)} />
    </>
  );
}

export interface AnswerValues {
  stateId?: string | undefined;
  answer?: Translatable | undefined;
  cost?: string | undefined;
  costReport?: Translatable | undefined;
  executionPeriod?: Translatable | undefined;
}

export function AdminProposalPage(props: {
  ctx: RequestContext;
  base: string;
  publicUrl: string;
  p: ProposalDetails;
  states: ProposalState[];
  values: AnswerValues;
  errors?: FieldErrors | undefined;
  publishNow: boolean;
  withCosts: boolean;
  /** The tools' part: history (merge, split, import) and the split link. */
  tools?: ComponentChildren;
  /** Where the answer form posts (the evaluation page's own route); the proposal's by default. */
  answerAction?: string;
  /** Offer to publish a waiting answer (not to an evaluator). */
  mayPublish?: boolean;
  /** Evaluation: its evaluators and private notes (evaluation/views.tsx). */
  evaluation?: ComponentChildren;
}) {
  const { ctx, base, p } = props;
  const { t } = ctx;
  const title = text(ctx, p.title);
  const body = text(ctx, p.body);
  const waiting = p.state !== null && p.statePublishedAt === null;
  return (
    <>
      <StateStyles ctx={ctx} states={props.states} />
      <p>
        <a href={base}>{t("proposals.admin.back")}</a>
      </p>
      <h1 lang={title.lang}>{title.text}</h1>
      <p>
        {p.official ? t("proposals.official") : t("proposals.show.by", { authors: [p.authorName ?? t("accounts.deletedParticipant"), ...p.coauthorNames.map((n) => n || t("accounts.deletedParticipant"))].join(", ") })}
        {p.publishedAt && ` · ${formatDate(ctx, p.publishedAt)}`} · {t("proposals.count.supports", { count: p.supportsCount })} · {t("proposals.count.comments", { count: p.commentsCount })}
        {p.withdrawnAt && ` · ${t("proposals.withdrawnBadge")}`}
        {p.hiddenAt && ` · ${t("proposals.admin.hidden")}`}
      </p>
      <p>
        <a href={props.publicUrl}>{t("proposals.admin.publicPage")}</a>
      </p>
      <Paragraphs text={body.text} lang={body.lang} />
      <AttachmentList ctx={ctx} items={p.attachments} />
      {props.evaluation}
      {props.tools}
      <section aria-labelledby="answer-title">
        <h2 id="answer-title">{t("proposals.answer.title")}</h2>
        {p.state && (
          <p>
            <StateBadge ctx={ctx} state={p.state} /> · {p.statePublishedAt ? t("proposals.admin.publishedOn", { date: formatDate(ctx, p.statePublishedAt) }) : t("proposals.admin.notPublished")}
            {p.costCents !== null && ` · ${formatCost(ctx, p.costCents)}`}
          </p>
        )}
        {waiting && props.mayPublish !== false && (
          <form method="post" action={`${base}/publish-answers`} class="inline-form">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="ids" value={String(p.id)} />
            <button type="submit" class="button">
              {t("proposals.admin.publishOne")}
            </button>
          </form>
        )}
        <p class="hint">{props.publishNow ? t("proposals.admin.publishedAtOnce") : t("proposals.admin.publishedLater")}</p>
        <Form ctx={ctx} action={props.answerAction ?? `${base}/${p.id}/answer`} errors={props.errors}>
          <Select
            ctx={ctx}
            name="stateId"
            label={t("proposals.admin.state")}
            value={props.values.stateId ?? ""}
            errors={props.errors}
            required
            options={[{ value: "", label: t("proposals.admin.chooseState") }, ...props.states.map((s) => ({ value: String(s.id), label: text(ctx, s.name).text }))]}
          />
          <TranslatableField ctx={ctx} name="answer" label={t("proposals.admin.answerText")} hint={t("proposals.admin.answerHint")} value={props.values.answer} errors={props.errors} multiline rows={6} />
          <fieldset>
            <legend>{t("proposals.admin.acceptedOnly")}</legend>
            <TextField ctx={ctx} name="cost" label={t("proposals.admin.cost")} hint={t("proposals.admin.costHint")} value={props.values.cost} errors={props.errors} required={props.withCosts} inputmode="text" />
            <TranslatableField ctx={ctx} name="costReport" label={t("proposals.answer.costReport")} value={props.values.costReport} errors={props.errors} multiline rows={3} />
            <TranslatableField ctx={ctx} name="executionPeriod" label={t("proposals.answer.executionPeriod")} value={props.values.executionPeriod} errors={props.errors} required={props.withCosts} />
          </fieldset>
          <Submit>{t("proposals.admin.saveAnswer")}</Submit>
        </Form>
      </section>
    </>
  );
}

export interface OfficialValues {
  title?: Translatable | undefined;
  body?: Translatable | undefined;
  categoryId?: string | undefined;
  scopeId?: string | undefined;
}

export function OfficialForm({ ctx, base, values, errors, categories, scopes, attachments }: { ctx: RequestContext; base: string; values: OfficialValues; errors?: FieldErrors | undefined; categories: Choice[]; scopes: Choice[]; attachments?: ComponentChildren }) {
  const { t } = ctx;
  const none = { value: "", label: t("proposals.form.none") };
  return (
    <>
      <h1>{t("proposals.admin.newOfficial")}</h1>
      <p>{t("proposals.admin.officialIntro")}</p>
      <Form ctx={ctx} action={`${base}/new`} errors={errors} enctype={attachments ? "multipart/form-data" : undefined}>
        <TranslatableField ctx={ctx} name="title" label={t("proposals.form.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="body" label={t("proposals.admin.officialBody")} hint={t("proposals.admin.plainText")} value={values.body} errors={errors} multiline rows={8} required />
        {categories.length > 0 && <Select ctx={ctx} name="categoryId" label={t("proposals.form.category")} value={values.categoryId ?? ""} errors={errors} options={[none, ...choiceOptions(ctx, categories)]} />}
        {scopes.length > 0 && <Select ctx={ctx} name="scopeId" label={t("proposals.form.scope")} value={values.scopeId ?? ""} errors={errors} options={[none, ...choiceOptions(ctx, scopes)]} />}
        {attachments}
        <Submit>{t("proposals.admin.publishOfficial")}</Submit>
      </Form>
    </>
  );
}

export function StatesPage({ ctx, base, states }: { ctx: RequestContext; base: string; states: ProposalState[] }) {
  const { t } = ctx;
  return (
    <>
      <StateStyles ctx={ctx} states={states} />
      <p>
        <a href={base}>{t("proposals.admin.back")}</a>
      </p>
      <h1>{t("proposals.admin.states.title")}</h1>
      <p>{t("proposals.admin.states.intro")}</p>
      <p>
        <a class="button" href={`${base}/states/new`}>
          {t("proposals.admin.states.new")}
        </a>
      </p>
      <table>
        <caption class="visually-hidden">{t("proposals.admin.states.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("proposals.admin.states.name")}</th>
            <th scope="col">{t("proposals.admin.states.token")}</th>
            <th scope="col">{t("proposals.admin.states.weight")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {states.map((s) => (
            <tr>
              <td>
                <StateBadge ctx={ctx} state={s} />
              </td>
              <td>
                <code>{s.token}</code>
              </td>
              <td>{s.weight}</td>
              <td class="admin-actions">
                <a href={`${base}/states/${s.id}/edit`}>
                  {t("common.edit")}
                  <span class="visually-hidden"> {text(ctx, s.name).text}</span>
                </a>
                {!SYSTEM_TOKENS.includes(s.token) && <DeleteLink ctx={ctx} href={`${base}/states/${s.id}/delete`} name={text(ctx, s.name).text} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export interface StateValues {
  token?: string | undefined;
  name?: Translatable | undefined;
  bgColor?: string | undefined;
  textColor?: string | undefined;
  weight?: string | number | undefined;
}

export function StateForm({ ctx, action, heading, values, errors, system }: { ctx: RequestContext; action: string; heading: string; values: StateValues; errors?: FieldErrors | undefined; system: boolean }) {
  const { t } = ctx;
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        {system ? (
          <>
            <p>{t("proposals.admin.states.systemToken", { token: values.token ?? "" })}</p>
            <input type="hidden" name="token" value={values.token ?? ""} />
          </>
        ) : (
          <TextField ctx={ctx} name="token" label={t("proposals.admin.states.token")} hint={t("proposals.admin.states.tokenHint")} value={values.token} errors={errors} required />
        )}
        <TranslatableField ctx={ctx} name="name" label={t("proposals.admin.states.name")} value={values.name} errors={errors} required />
        <TextField ctx={ctx} name="bgColor" type="color" label={t("proposals.admin.states.bgColor")} value={values.bgColor ?? "#e9ecef"} errors={errors} required />
        <TextField ctx={ctx} name="textColor" type="color" label={t("proposals.admin.states.textColor")} hint={t("proposals.admin.states.contrastHint")} value={values.textColor ?? "#212529"} errors={errors} required />
        <TextField ctx={ctx} name="weight" type="number" label={t("proposals.admin.states.weight")} value={values.weight ?? 0} errors={errors} />
        <Submit>{t("common.save")}</Submit>
      </Form>
    </>
  );
}
