/** Public views of the proposals component: the list with its filters, and the proposal form (a proposal's page: show-view.tsx). */
import type { ComponentChildren } from "preact";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { LOCALE_NAMES, type Translatable } from "../../core/i18n/locales";
import { Pager } from "../../core/spaces/view-parts";
import { Checkbox, Form, Select, Submit, TextArea, TextField } from "../../web/ui/forms";
import type { BrowseFilter, ProposalSummary } from "./browse";
import type { Choice, PersonSupports } from "./queries";
import type { ProposalsSettings, Sort } from "./settings";
import type { ProposalState } from "./states";
import { choiceOptions, ProposalCard, StateStyles, SupportsSummary, text } from "./view-parts";

/** The announcement of the step, if the admin wrote one. */
function Announcement({ ctx, value }: { ctx: RequestContext; value: Translatable }) {
  const a = text(ctx, value);
  if (!a.text) return null;
  return (
    <div class="announcement" role="note">
      <p lang={a.lang}>{a.text}</p>
    </div>
  );
}

export interface IndexProps {
  ctx: RequestContext;
  base: string;
  componentName: string;
  settings: ProposalsSettings;
  filter: BrowseFilter;
  /** Sorts offered (most supported is left out while counts are hidden). */
  sorts: readonly Sort[];
  items: ProposalSummary[];
  hasNext: boolean;
  total: number;
  states: ProposalState[];
  categories: Choice[];
  scopes: Choice[];
  person: PersonSupports | null;
  draftId: number | null;
  /** Whether to offer "New proposal" (creation open in this step). */
  creationOpen: boolean;
  /** The reader evaluates proposals here: their list in the back office. */
  evaluateHref?: string | undefined;
}

/** The query string of the list with these filters (the seed kept, so paging stays in one shuffle). */
export function listHref(base: string, f: BrowseFilter, changes: Partial<BrowseFilter> = {}): string {
  const v = { ...f, ...changes };
  const params = new URLSearchParams();
  if (v.q) params.set("q", v.q);
  if (v.state) params.set("state", v.state);
  if (v.categoryId) params.set("category", String(v.categoryId));
  if (v.scopeId) params.set("scope", String(v.scopeId));
  if (v.mine) params.set("mine", "on");
  if (v.withdrawn) params.set("withdrawn", "on");
  params.set("sort", v.sort);
  if (v.sort === "random") params.set("seed", String(v.seed));
  if (v.page > 1) params.set("page", String(v.page));
  return `${base}?${params.toString()}`;
}

export function IndexPage(props: IndexProps) {
  const { ctx, base, filter, settings } = props;
  const { t } = ctx;
  const byId = new Map(props.states.map((s) => [s.id, s]));
  const any = { value: "", label: t("proposals.filter.any") };
  const countsHidden = settings.step.supportCountsHidden;
  return (
    <div class="proposals-index">
      <StateStyles ctx={ctx} states={props.states} />
      <h1>{props.componentName}</h1>
      <Announcement ctx={ctx} value={settings.step.announcement} />
      <p class="button-row">
        {props.draftId !== null ? (
          <a class="button" href={`${base}/${props.draftId}`}>
            {t("proposals.index.continueDraft")}
          </a>
        ) : (
          props.creationOpen && (
            <a class="button" href={`${base}/new`}>
              {t("proposals.index.new")}
            </a>
          )
        )}
        {props.evaluateHref && (
          <a class="button button-secondary" href={props.evaluateHref}>
            {t("proposals.evaluation.toEvaluate")}
          </a>
        )}
      </p>
      {props.person && settings.step.supportsEnabled && <SupportsSummary ctx={ctx} person={props.person} settings={settings} />}
      <section aria-labelledby="proposals-filter-title">
        <h2 id="proposals-filter-title">{t("proposals.filter.title")}</h2>
        <Form ctx={ctx} action={base} method="get" class="form filter-form">
          <TextField ctx={ctx} name="q" type="search" label={t("proposals.filter.q")} value={filter.q} />
          <Select
            ctx={ctx}
            name="state"
            label={t("proposals.filter.state")}
            value={filter.state ?? ""}
            options={[any, { value: "not_answered", label: t("proposals.filter.notAnswered") }, { value: "answered", label: t("proposals.filter.answered") }, ...props.states.map((s) => ({ value: String(s.id), label: text(ctx, s.name).text }))]}
          />
          {props.categories.length > 0 && <Select ctx={ctx} name="category" label={t("proposals.filter.category")} value={filter.categoryId ? String(filter.categoryId) : ""} options={[any, ...choiceOptions(ctx, props.categories)]} />}
          {props.scopes.length > 0 && <Select ctx={ctx} name="scope" label={t("proposals.filter.scope")} value={filter.scopeId ? String(filter.scopeId) : ""} options={[any, ...choiceOptions(ctx, props.scopes)]} />}
          <Select ctx={ctx} name="sort" label={t("proposals.filter.sort")} value={filter.sort} options={props.sorts.map((s) => ({ value: s, label: t(`proposals.sort.${s}`) }))} />
          {ctx.user && <Checkbox ctx={ctx} name="mine" label={t("proposals.filter.mine")} checked={Boolean(filter.mine)} />}
          {filter.withdrawn && <input type="hidden" name="withdrawn" value="on" />}
          {filter.sort === "random" && <input type="hidden" name="seed" value={String(filter.seed)} />}
          <Submit>{t("proposals.filter.submit")}</Submit>
        </Form>
      </section>
      <h2>{filter.withdrawn ? t("proposals.index.withdrawnCount", { count: props.total }) : t("proposals.index.count", { count: props.total })}</h2>
      {props.items.length === 0 ? (
        <p>{t("proposals.index.empty")}</p>
      ) : (
        <ul class="cards proposal-list">
          {props.items.map((p) => {
            const state = p.stateId === null ? undefined : byId.get(p.stateId);
            return <ProposalCard ctx={ctx} base={base} p={p} state={state ?? null} countsHidden={countsHidden} />;
          })}
        </ul>
      )}
      <Pager ctx={ctx} page={filter.page} hasNext={props.hasNext} href={(page) => listHref(base, filter, { page })} />
      <p>
        {filter.withdrawn ? (
          <a href={listHref(base, filter, { withdrawn: false, page: 1 })}>{t("proposals.index.backFromWithdrawn")}</a>
        ) : (
          <a href={listHref(base, filter, { withdrawn: true, page: 1 })}>{t("proposals.index.seeWithdrawn")}</a>
        )}
      </p>
    </div>
  );
}

export interface FormValues {
  title?: string | undefined;
  body?: string | undefined;
  language?: string | undefined;
  categoryId?: string | undefined;
  scopeId?: string | undefined;
}

export function ProposalFormPage({
  ctx,
  heading,
  action,
  values,
  errors,
  settings,
  categories,
  scopes,
  attachments,
}: {
  ctx: RequestContext;
  heading: string;
  action: string;
  values: FormValues;
  errors?: FieldErrors | undefined;
  settings: ProposalsSettings;
  categories: Choice[];
  scopes: Choice[];
  /** The attachment fields (the form is then multipart). */
  attachments?: ComponentChildren;
}) {
  const { t } = ctx;
  const none = { value: "", label: t("proposals.form.none") };
  return (
    <div class="proposal-form">
      <h1>{heading}</h1>
      <p>{t("proposals.form.intro")}</p>
      <Form ctx={ctx} action={action} errors={errors} enctype={attachments ? "multipart/form-data" : undefined}>
        <TextField ctx={ctx} name="title" label={t("proposals.form.title")} hint={t("proposals.form.titleHint", { max: settings.global.titleMaxLength })} value={values.title} errors={errors} required />
        <TextArea ctx={ctx} name="body" label={t("proposals.form.body")} hint={t("proposals.form.bodyHint", { max: settings.global.bodyMaxLength })} value={values.body} errors={errors} rows={12} required />
        <Select
          ctx={ctx}
          name="language"
          label={t("proposals.form.language")}
          hint={t("proposals.form.languageHint")}
          value={values.language ?? ctx.locale}
          errors={errors}
          options={ctx.org.availableLocales.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
        />
        {categories.length > 0 && <Select ctx={ctx} name="categoryId" label={t("proposals.form.category")} value={values.categoryId ?? ""} errors={errors} options={[none, ...choiceOptions(ctx, categories)]} />}
        {scopes.length > 0 && <Select ctx={ctx} name="scopeId" label={t("proposals.form.scope")} value={values.scopeId ?? ""} errors={errors} options={[none, ...choiceOptions(ctx, scopes)]} />}
        {attachments}
        <Submit>{t("proposals.form.submit")}</Submit>
      </Form>
    </div>
  );
}

