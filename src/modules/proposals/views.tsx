/** Public views of the proposals component: the list with its filters, a proposal, the form. */
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import type { CoauthorBox } from "../../core/follows/coauthors";
import { Coauthors } from "../../core/follows/coauthor-views";
import type { EndorsementBox } from "../../core/follows/endorsements";
import { Endorsements } from "../../core/follows/endorsement-views";
import { FollowButton } from "../../core/follows/views";
import { HiddenNotice, ReportLink } from "../../core/moderation/views";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { LOCALE_NAMES, type Translatable } from "../../core/i18n/locales";
import type { Permission } from "../../core/permissions/can";
import { Pager } from "../../core/spaces/view-parts";
import { Checkbox, Form, Select, Submit, TextArea, TextField } from "../../web/ui/forms";
import type { BrowseFilter, ProposalSummary } from "./browse";
import type { Choice, PersonSupports, ProposalDetails, SimilarProposal } from "./queries";
import type { ProposalsSettings, Sort } from "./settings";
import type { ProposalState } from "./states";
import { formatCost, formatCount, formatDate, Paragraphs, ProposalCard, StateBadge, StateStyles, text } from "./view-parts";

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

const indent = (c: Choice) => `${"— ".repeat(c.depth)}`;
export const choiceOptions = (ctx: RequestContext, choices: Choice[]) => choices.map((c) => ({ value: String(c.id), label: `${indent(c)}${text(ctx, c.name).text}` }));

/** What a signed-in person has given and what the rules leave them ("3 of 10 supports given"). */
function SupportsSummary({ ctx, person, settings }: { ctx: RequestContext; person: PersonSupports; settings: ProposalsSettings }) {
  const { t } = ctx;
  const { supportLimit, minimumSupportsPerPerson: minimum } = settings.global;
  const missing = Math.max(0, minimum - person.given);
  return (
    <div class="proposals-supports-summary" role="status">
      <p>{supportLimit > 0 ? t("proposals.support.givenOfLimit", { given: person.given, limit: supportLimit }) : t("proposals.support.given", { given: person.given })}</p>
      {minimum > 0 && missing > 0 && <p>{t("proposals.support.provisionalNote", { minimum, missing })}</p>}
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

export interface ShowProps {
  ctx: RequestContext;
  base: string;
  p: ProposalDetails;
  settings: ProposalsSettings;
  /** `can(user, "support", proposal)`; null when supports are not offered on this proposal. */
  supportPermission: Permission | null;
  mayEdit: boolean;
  mayWithdraw: boolean;
  /** The reader is an author (drafts: the draft's page is its preview). */
  isAuthor: boolean;
  person: PersonSupports | null;
  similar: SimilarProposal[];
  /** The participation kit's parts (published proposals only). */
  kit: KitParts | null;
}

export interface KitParts {
  comments: CommentsSectionData | null;
  endorsements: EndorsementBox | null;
  coauthors: CoauthorBox | null;
  following: boolean;
}

/** Follow, co-authors, endorsements, report, then the discussion: all from the participation kit. */
function Kit({ ctx, base, p, kit, isAuthor }: { ctx: RequestContext; base: string; p: ProposalDetails; kit: KitParts; isAuthor: boolean }) {
  const { t } = ctx;
  const url = `${base}/${p.id}`;
  return (
    <>
      <div class="proposal-kit">
        <FollowButton ctx={ctx} target={{ type: "proposal", id: p.id }} following={kit.following} returnTo={url} count={t("proposals.count.followers", { count: p.followsCount })} />
        {!isAuthor && <ReportLink ctx={ctx} type="proposal" id={p.id} inline />}
      </div>
      <Coauthors ctx={ctx} box={kit.coauthors} />
      <Endorsements ctx={ctx} box={kit.endorsements} />
      {kit.comments && <CommentsSection ctx={ctx} data={kit.comments} reportLink={(c) => (ctx.user && ctx.user.id !== c.authorId ? <ReportLink ctx={ctx} type="comment" id={c.id} /> : null)} />}
    </>
  );
}

function Answer({ ctx, p }: { ctx: RequestContext; p: ProposalDetails }) {
  const { t } = ctx;
  if (!p.statePublishedAt || !p.state) return null;
  const answer = text(ctx, p.answer);
  const costReport = text(ctx, p.costReport);
  const period = text(ctx, p.executionPeriod);
  return (
    <section class="proposal-answer" aria-labelledby="proposal-answer-title">
      <h2 id="proposal-answer-title">{t("proposals.answer.title")}</h2>
      <p>
        <StateBadge ctx={ctx} state={p.state} /> · {formatDate(ctx, p.statePublishedAt)}
      </p>
      {answer.text && <Paragraphs text={answer.text} lang={answer.lang} />}
      {p.state.token === "accepted" && p.costCents !== null && (
        <dl>
          <dt>{t("proposals.answer.cost")}</dt>
          <dd>{formatCost(ctx, p.costCents)}</dd>
          {costReport.text && (
            <>
              <dt>{t("proposals.answer.costReport")}</dt>
              <dd lang={costReport.lang}>{costReport.text}</dd>
            </>
          )}
          {period.text && (
            <>
              <dt>{t("proposals.answer.executionPeriod")}</dt>
              <dd lang={period.lang}>{period.text}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

function Supports(props: ShowProps) {
  const { ctx, base, p, settings, supportPermission: permission } = props;
  const { t } = ctx;
  const { thresholdPerProposal: threshold } = settings.global;
  const hidden = settings.step.supportCountsHidden;
  const open = settings.step.supportsEnabled;
  if (!open && p.supportsCount === 0) return null;
  return (
    <section class="proposal-supports" aria-labelledby="proposal-supports-title">
      <h2 id="proposal-supports-title">{t("proposals.support.title")}</h2>
      {!hidden && (
        <p>
          {t("proposals.count.supports", { count: p.supportsCount })}
          {threshold > 0 && ` · ${t("proposals.support.threshold", { threshold: formatCount(ctx, threshold) })}`}
        </p>
      )}
      {!hidden && threshold > 0 && (
        <progress max={threshold} value={Math.min(p.supportsCount, threshold)} aria-label={t("proposals.support.progress")}>
          {Math.floor((100 * p.supportsCount) / threshold)}%
        </progress>
      )}
      {p.mySupport && <p>{p.mySupport.provisional ? t("proposals.support.yoursProvisional", { minimum: settings.global.minimumSupportsPerPerson }) : t("proposals.support.youSupport")}</p>}
      {permission?.status === "unauthorized" && <p>{t(permission.reason, permission.values)}</p>}
      {permission && permission.status !== "unauthorized" && (
        <form method="post" action={`${base}/${p.id}/${p.mySupport ? "unsupport" : "support"}`} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class={p.mySupport ? "button button-secondary" : "button"}>
            {p.mySupport ? t("proposals.support.withdraw") : t("proposals.support.give")}
          </button>
        </form>
      )}
      {props.person && open && <SupportsSummary ctx={ctx} person={props.person} settings={settings} />}
    </section>
  );
}

function AuthorActions({ ctx, base, p, mayEdit, mayWithdraw }: ShowProps) {
  const { t } = ctx;
  if (!p.publishedAt) {
    return (
      <div class="button-row">
        <form method="post" action={`${base}/${p.id}/publish`} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <button type="submit" class="button">
            {t("proposals.draft.publish")}
          </button>
        </form>
        <a class="button button-secondary" href={`${base}/${p.id}/edit`}>
          {t("proposals.draft.edit")}
        </a>
        <a class="button button-danger" href={`${base}/${p.id}/discard`}>
          {t("proposals.draft.discard")}
        </a>
      </div>
    );
  }
  if (!mayEdit && !mayWithdraw) return null;
  return (
    <p class="button-row">
      {mayEdit && (
        <a class="button button-secondary" href={`${base}/${p.id}/edit`}>
          {t("proposals.show.edit")}
        </a>
      )}
      {mayWithdraw && (
        <a class="button button-danger" href={`${base}/${p.id}/withdraw`}>
          {t("proposals.show.withdraw")}
        </a>
      )}
    </p>
  );
}

/** Published proposals near the draft's title: perhaps support one of them instead. */
function Similar({ ctx, base, similar }: { ctx: RequestContext; base: string; similar: SimilarProposal[] }) {
  const { t } = ctx;
  return (
    <section class="proposal-similar" aria-labelledby="proposal-similar-title">
      <h2 id="proposal-similar-title">{t("proposals.similar.title")}</h2>
      {similar.length === 0 ? (
        <p>{t("proposals.similar.none")}</p>
      ) : (
        <>
          <p>{t("proposals.similar.intro")}</p>
          <ul>
            {similar.map((s) => (
              <li>
                <a href={`${base}/${s.id}`}>{s.title}</a> · {t("proposals.count.supports", { count: s.supportsCount })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ShowPage(props: ShowProps) {
  const { ctx, p } = props;
  const { t } = ctx;
  const title = text(ctx, p.title);
  const body = text(ctx, p.body);
  const draft = !p.publishedAt;
  const authors = p.official ? t("proposals.official") : [p.authorName ?? t("accounts.deletedParticipant"), ...p.coauthorNames.map((n) => n || t("accounts.deletedParticipant"))].join(", ");
  return (
    <article class="proposal">
      {p.state && <StateStyles ctx={ctx} states={[p.state]} />}
      {draft && (
        <p class="preview-notice" role="note">
          {t("proposals.draft.notice")}
        </p>
      )}
      {p.hiddenAt && <HiddenNotice ctx={ctx} />}
      <h1 lang={title.lang}>{title.text}</h1>
      <p class="proposal-meta">
        {p.official ? <span class="badge">{authors}</span> : t("proposals.show.by", { authors })}
        {p.publishedAt && ` · ${formatDate(ctx, p.publishedAt)}`}
        {p.categoryName && ` · ${text(ctx, p.categoryName).text}`}
        {p.scopeName && ` · ${text(ctx, p.scopeName).text}`}
        {p.withdrawnAt && (
          <>
            {" · "}
            <span class="badge">{t("proposals.withdrawnBadge")}</span>
          </>
        )}
        {p.statePublishedAt && p.state && (
          <>
            {" · "}
            <StateBadge ctx={ctx} state={p.state} />
          </>
        )}
      </p>
      {body.lang && <p class="translation-note">{t("common.notInYourLanguage", { language: LOCALE_NAMES[p.language] })}</p>}
      <Paragraphs text={body.text} lang={body.lang} />
      {props.isAuthor && <AuthorActions {...props} />}
      {draft && <Similar ctx={ctx} base={props.base} similar={props.similar} />}
      <Answer ctx={ctx} p={p} />
      {!draft && <Supports {...props} />}
      {props.kit && <Kit ctx={ctx} base={props.base} p={p} kit={props.kit} isAuthor={props.isAuthor} />}
      <p>
        <a href={props.base}>{t("proposals.show.back")}</a>
      </p>
    </article>
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
}: {
  ctx: RequestContext;
  heading: string;
  action: string;
  values: FormValues;
  errors?: FieldErrors | undefined;
  settings: ProposalsSettings;
  categories: Choice[];
  scopes: Choice[];
}) {
  const { t } = ctx;
  const none = { value: "", label: t("proposals.form.none") };
  return (
    <div class="proposal-form">
      <h1>{heading}</h1>
      <p>{t("proposals.form.intro")}</p>
      <Form ctx={ctx} action={action} errors={errors}>
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
        <Submit>{t("proposals.form.submit")}</Submit>
      </Form>
    </div>
  );
}

