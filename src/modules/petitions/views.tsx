/** Public petition pages: browse, one petition (with signing), the author's forms. */
import { CommitteeSection } from "./committee-view";
import type { RequestContext } from "../../core/http/context";
import { isHttpUrl } from "../../core/http/http-url";
import type { FieldErrors } from "../../core/http/result";
import type { Permission } from "../../core/permissions/can";
import { LOCALE_NAMES, LOCALES } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { assetUrl } from "../../web/assets";
import { HiddenNotice, HideButton, ReportLink } from "../../core/moderation/views";
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import { Localized } from "../../web/layout";
import { CategoryFilter, CategorySelect, categoryChoices, FiledUnder, ScopeFilter, ScopeSelect } from "../../core/categories/fields";
import type { ScopeTree, SpaceCategories } from "../../core/categories/queries";
import { Checkbox, CsrfField, ErrorSummary, Form, Select, Submit, TextArea, TextField } from "../../web/ui/forms";
import { regionLabel, STATE_LABELS } from "./labels";
import type { BrowseFilter, PetitionDetails, PetitionSummary } from "./queries";
import { PAGE_SIZE, SORTS, TOTAL_CAP } from "./queries";
import type { PetitionTypeRow, SignerField } from "./schema";
import { PUBLIC_STATES } from "./states";
import { CountsDetail, formatCount, formatDate, Paragraphs, PetitionCard, ProgressBars, StateBadge } from "./view-parts";

export function IndexPage({
  ctx,
  filter,
  items,
  total,
  categories,
  scopes,
  regions,
  base = "/petitions",
}: {
  ctx: RequestContext;
  filter: BrowseFilter;
  items: PetitionSummary[];
  total: number;
  /** The categories to filter by: the component's space's, or every listing space's on /petitions. */
  categories: SpaceCategories[];
  scopes: ScopeTree;
  regions: readonly string[];
  /** Where the list lives: /petitions, or a component's page in its space (which keeps the component). */
  base?: string;
}) {
  const { t } = ctx;
  const page = filter.page ?? 1;
  const inSpace = base !== "/petitions";
  // The filter's fields by their names in the address.
  const names: Record<string, string> = { componentId: "component", categoryId: "category", scopeId: "scope" };
  const qs = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, page: p })) if (v !== undefined && v !== "" && !(inSpace && k === "componentId")) params.set(names[k] ?? k, String(v));
    return `${base}?${params.toString()}`;
  };
  const newHref = filter.componentId ? `/petitions/new?component=${filter.componentId}` : "/petitions/new";
  const any = { value: "", label: t("petitions.filter.any") };
  return (
    <div class="petitions-index">
      <h1>{t("petitions.index.title")}</h1>
      <p>{t("petitions.index.intro")}</p>
      <p class="petitions-actions">
        <a class="button button-primary" href={newHref}>
          {t("petitions.index.new")}
        </a>{" "}
        {ctx.user && <a href="/petitions/mine">{t("petitions.index.mine")}</a>}
      </p>
      <section aria-labelledby="petitions-filter-title" class="petitions-filter">
        <h2 id="petitions-filter-title">{t("petitions.filter.title")}</h2>
        <Form ctx={ctx} action={base} method="get" class="form form-inline">
          {filter.componentId && !inSpace && <input type="hidden" name="component" value={String(filter.componentId)} />}
          <TextField ctx={ctx} name="q" type="search" label={t("petitions.filter.q")} value={filter.q} />
          <Select ctx={ctx} name="state" label={t("petitions.filter.state")} value={filter.state} options={[any, ...PUBLIC_STATES.map((s) => ({ value: s, label: t(STATE_LABELS[s]) }))]} />
          <CategoryFilter ctx={ctx} trees={categoryChoices(ctx, categories)} value={filter.categoryId} />
          <ScopeFilter ctx={ctx} tree={scopes} value={filter.scopeId} />
          <Select ctx={ctx} name="region" label={t("petitions.filter.region")} value={filter.region} options={[any, ...regions.map((r) => ({ value: r, label: regionLabel(t, r) }))]} />
          <Select ctx={ctx} name="sort" label={t("petitions.filter.sort")} value={filter.sort ?? "most_signed"} options={SORTS.map((s) => ({ value: s, label: t(`petitions.sort.${s}`) }))} />
          <Submit>{t("petitions.filter.submit")}</Submit>
        </Form>
      </section>
      <h2>{total > TOTAL_CAP ? t("petitions.index.resultsMore", { count: TOTAL_CAP }) : t("petitions.index.results", { count: total })}</h2>
      {items.length === 0 ? (
        <p>{t("petitions.index.empty")}</p>
      ) : (
        <ul class="petition-list">
          {items.map((p) => (
            <PetitionCard ctx={ctx} p={p} />
          ))}
        </ul>
      )}
      {total > PAGE_SIZE && (
        <nav aria-label={t("petitions.pager.label")} class="pager">
          {page > 1 && <a href={qs(page - 1)}>{t("petitions.pager.previous")}</a>}{" "}
          {page * PAGE_SIZE < total && <a href={qs(page + 1)}>{t("petitions.pager.next")}</a>}
        </nav>
      )}
      <p>
        <a href="/petitions.csv">{t("petitions.index.openData")}</a>
      </p>
    </div>
  );
}

export interface ShowProps {
  ctx: RequestContext;
  p: PetitionDetails;
  signable: boolean;
  /** `can(user, "sign")`: the form is shown when ok; otherwise what the person can do about it. */
  permission: Permission | null;
  showRegions: boolean;
  own: { state: string } | null;
  following: boolean;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
  publicUrl: string;
  /** The discussion (core comments), or null when comments are off. */
  comments?: CommentsSectionData | null | undefined;
}

function SignForm({ ctx, p, errors, values }: ShowProps) {
  const { t, user } = ctx;
  const asks = (f: SignerField) => p.type.signerFields.includes(f);
  // Age and residence come from the signer's verification: nothing to type.
  const verified = p.type.verification === "age_residence";
  const path = `/petitions/${p.id}`;
  return (
    <section aria-labelledby="sign-title" class="petition-sign" id="sign">
      <h2 id="sign-title">{t("petitions.sign.title")}</h2>
      <p>{t("petitions.show.rules", { age: p.type.minAge, regions: p.type.residenceRegions.length ? p.type.residenceRegions.map((r) => regionLabel(t, r)).join(", ") : "none" })}</p>
      {user ? (
        <p>{t("petitions.sign.asAccount", { name: user.name, email: user.email })}</p>
      ) : (
        <p>
          {t("petitions.sign.signedIn")} <a href={`/users/sign-in?return_to=${encodeURIComponent(path)}`}>{t("petitions.sign.signInLink")}</a>
        </p>
      )}
      <Form ctx={ctx} action={`${path}/sign`} errors={errors}>
        {!user && asks("name") && <TextField ctx={ctx} name="name" label={t("petitions.sign.name")} value={values?.name} autocomplete="name" errors={errors} required />}
        {!user && <TextField ctx={ctx} name="email" type="email" label={t("petitions.sign.email")} hint={t("petitions.sign.emailHint")} value={values?.email} autocomplete="email" errors={errors} required />}
        {!verified && asks("birthDate") && (
          <TextField ctx={ctx} name="birthDate" label={t("petitions.sign.birthDate")} hint={t("petitions.sign.birthDateHint")} value={values?.birthDate} autocomplete="bday" errors={errors} required />
        )}
        {!verified && asks("postalCode") && (
          <TextField ctx={ctx} name="postalCode" label={t("petitions.sign.postalCode")} value={values?.postalCode} autocomplete="postal-code" inputmode="numeric" errors={errors} required />
        )}
        {asks("name") && <Checkbox ctx={ctx} name="showName" label={t("petitions.sign.showName")} checked={values?.showName === "on"} errors={errors} />}
        <Submit>{t("petitions.sign.submit")}</Submit>
      </Form>
    </section>
  );
}

/** Signing is open but not to this person yet: sign in, verify, or the reason. */
function SignBlocked({ ctx, p, permission }: { ctx: RequestContext; p: PetitionDetails; permission: Permission | null }) {
  const { t } = ctx;
  if (!permission || permission.status === "ok") return null;
  const path = `/petitions/${p.id}`;
  return (
    <section aria-labelledby="sign-title" class="petition-sign" id="sign">
      <h2 id="sign-title">{t("petitions.sign.title")}</h2>
      {permission.status === "pending" ? (
        <p>
          <a class="button button-primary" href={permission.verifyUrl}>
            {t("petitions.sign.verifyToSign")}
          </a>
        </p>
      ) : permission.status === "signIn" ? (
        <p>
          {t("petitions.sign.signInToSign")} <a href={`/users/sign-in?return_to=${encodeURIComponent(path)}`}>{t("petitions.sign.signInLink")}</a>
        </p>
      ) : (
        <p>{t(permission.reason, permission.values)}</p>
      )}
    </section>
  );
}

function AuthorTools({ ctx, p, publicUrl, errors }: ShowProps) {
  const { t } = ctx;
  if (!ctx.user || ctx.user.id !== p.authorId) return null;
  const base = `/petitions/${p.id}`;
  const canWithdraw = ["draft", "submitted", "under_review", "published", "threshold_reached"].includes(p.state);
  return (
    <section aria-labelledby="author-tools" class="petition-author-tools">
      <h2 id="author-tools">{t("petitions.show.authorTools")}</h2>
      {/* A refused submission says why here (a draft has no signing form to show it). */}
      {p.state === "draft" && <ErrorSummary ctx={ctx} errors={errors} />}
      {p.state === "draft" && (
        <p>
          <a href={`${base}/edit`}>{t("petitions.show.edit")}</a>
        </p>
      )}
      {(p.state === "draft" || p.state === "submitted") && p.type.coSponsorsRequired > 0 && (
        <>
          <p>{t("petitions.show.cosponsors", { count: formatCount(ctx, p.cosponsors), needed: formatCount(ctx, p.type.coSponsorsRequired) })}</p>
          <p>
            {t("petitions.show.cosponsorLink")} <code>{`${publicUrl}${base}/cosponsor/${p.sponsorToken}`}</code>
          </p>
        </>
      )}
      {p.state === "draft" && (
        <form method="post" action={`${base}/author-transition`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="to" value="submitted" />
          <button type="submit" class="button button-primary">
            {t("petitions.show.submit")}
          </button>
        </form>
      )}
      {canWithdraw && (
        // A confirmation step before this irreversible action, without JavaScript: the disclosure opens the
        // question, which posts to the same action; Cancel reloads the page with it closed.
        <details class="confirm-disclosure">
          <summary class="button button-danger">{t("petitions.show.withdraw")}</summary>
          <div class="confirm-box" role="group" aria-labelledby="withdraw-confirm">
            <p id="withdraw-confirm">
              <strong>{t("spaces.confirm.title")}</strong> {t("spaces.confirm.irreversible")}
            </p>
            <form method="post" action={`${base}/author-transition`} class="form-actions">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="to" value="withdrawn" />
              <button type="submit" class="button button-danger">
                {t("petitions.show.withdraw")}
              </button>
              <a href={base}>{t("common.cancel")}</a>
            </form>
          </div>
        </details>
      )}
    </section>
  );
}

export function ShowPage(props: ShowProps) {
  const { ctx, p, signable, own, following } = props;
  const { t } = ctx;
  const criteria = new Map(p.type.criteria.map((c) => [c.key, c.label]));
  const live = ["published", "threshold_reached"].includes(p.state);
  return (
    <article class="petition" lang={undefined}>
      <h1 lang={p.language}>{p.title}</h1>
      <p class="petition-meta">
        <StateBadge ctx={ctx} state={p.state} /> · {t("petitions.show.type")}: {localize(p.type.title, ctx.locale, ctx.org.defaultLocale).text}
        {p.authorName ? ` · ${t("petitions.show.author", { name: p.authorName })}` : ""}
        {(p.category || p.scope) && " · "}
        <FiledUnder ctx={ctx} category={p.category} scope={p.scope} />
      </p>
      {p.hidden && <HiddenNotice ctx={ctx} />}
      {p.signingEndsAt && live && <p>{t("petitions.show.signingEnds", { date: formatDate(ctx, p.signingEndsAt) })}</p>}
      <section aria-labelledby="progress-title" class="petition-progress-section" data-live={live ? `/petitions/${p.id}/events` : undefined}>
        <h2 id="progress-title">{t("petitions.show.progressTitle")}</h2>
        <ProgressBars ctx={ctx} petitionId={p.id} type={p.type} counts={p.counts} showRegions={props.showRegions} />
        <CountsDetail ctx={ctx} counts={p.counts} />
        {live && <p class="hint petition-live-note" hidden>{t("petitions.show.live")}</p>}
      </section>
      {own && <p class="notice">{own.state === "confirmed" ? t("petitions.sign.youSigned") : own.state === "pending" ? t("petitions.sign.youPending") : null}</p>}
      {own && p.type.allowWithdrawal && signable && (own.state === "confirmed" || own.state === "pending") && (
        <form method="post" action={`/petitions/${p.id}/unsign`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="button">
            {t("petitions.sign.withdraw")}
          </button>
        </form>
      )}
      {signable && !own && (props.permission?.status === "ok" ? <SignForm {...props} /> : <SignBlocked ctx={ctx} p={p} permission={props.permission} />)}
      {p.summary && (
        <p class="petition-summary" lang={p.language}>
          {p.summary}
        </p>
      )}
      <div class="petition-body" lang={p.language}>
        <Paragraphs text={p.body} />
      </div>
      {p.state === "inadmissible" && (
        <section aria-labelledby="reasons-title">
          <h2 id="reasons-title">{t("petitions.show.inadmissibleReasons")}</h2>
          <ul>
            {p.assessments.map((a) => (
              <li>
                <Localized ctx={ctx} value={criteria.get(a.criterion) ?? { en: a.criterion }} />: {a.met ? t("petitions.show.criterionMet") : t("petitions.show.criterionNotMet")}
                {a.note ? ` (${a.note})` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      <CommitteeSection ctx={ctx} p={p} />
      {p.hearingAt && (
        <p>
          {t("petitions.show.hearing", { date: formatDate(ctx, p.hearingAt, true) })}
          {p.hearingLink && isHttpUrl(p.hearingLink) && (
            <>
              {" "}
              · <a href={p.hearingLink}>{t("petitions.show.hearingLink")}</a>
            </>
          )}
        </p>
      )}
      {p.answer && (
        <section aria-labelledby="answer-title" class="petition-answer">
          <h2 id="answer-title">{t("petitions.show.answer")}</h2>
          <Paragraphs text={p.answer} />
          {p.answerUrl && isHttpUrl(p.answerUrl) && (
            <p>
              <a href={p.answerUrl}>{t("petitions.show.answerDocument")}</a>
            </p>
          )}
        </section>
      )}
      {ctx.user && (
        <form method="post" action={`/petitions/${p.id}/follow`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="follow" value={following ? "off" : "on"} />
          <button type="submit" class="button">
            {following ? t("petitions.show.unfollow") : t("petitions.show.follow")}
          </button>{" "}
          <span>{t("petitions.show.followers", { count: p.followers })}</span>
        </form>
      )}
      {!p.hidden && PUBLIC_STATES.includes(p.state) && ctx.user?.id !== p.authorId && (
        <div class="petition-report">
          <ReportLink ctx={ctx} type="petition" id={p.id} inline />
        </div>
      )}
      {!p.hidden && props.comments?.moderator && (
        <div class="petition-moderate">
          <HideButton ctx={ctx} type="petition" id={p.id} returnTo={`/petitions/${p.id}`} />
        </div>
      )}
      <AuthorTools {...props} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("petitions.show.timeline")}</h2>
        <ol class="petition-timeline">
          {p.timeline.map((e) => (
            <li>
              <time dateTime={e.at.toISOString()}>{formatDate(ctx, e.at, true)}</time>: {t(STATE_LABELS[e.toState])}
              {e.note ? ` (${e.note})` : ""}
            </li>
          ))}
        </ol>
      </section>
      {p.publicSigners.length > 0 && (
        <section aria-labelledby="signers-title">
          <h2 id="signers-title">{t("petitions.show.signers")}</h2>
          <p>{p.publicSigners.join(", ")}</p>
        </section>
      )}
      {props.comments && <CommentsSection ctx={ctx} data={props.comments} />}
      {live && <script src={assetUrl("petitions-live.js")} defer />}
    </article>
  );
}

export function PetitionFormPage({
  ctx,
  types,
  categories,
  scopes,
  action,
  title,
  values,
  errors,
}: {
  ctx: RequestContext;
  types: PetitionTypeRow[];
  /** The categories of the spaces the types' components sit in (grouped by space when several). */
  categories: SpaceCategories[];
  scopes: ScopeTree;
  action: string;
  title: string;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <div>
      <h1>{title}</h1>
      {types.length === 0 ? (
        <p>{t("petitions.form.noType")}</p>
      ) : (
        <Form ctx={ctx} action={action} errors={errors}>
          <Select ctx={ctx} name="typeId" label={t("petitions.form.type")} value={values?.typeId} options={types.map((ty) => ({ value: String(ty.id), label: localize(ty.title, ctx.locale, ctx.org.defaultLocale).text }))} errors={errors} required />
          <TextField ctx={ctx} name="title" label={t("petitions.form.title")} hint={t("petitions.form.titleHint")} value={values?.title} errors={errors} required />
          <TextArea ctx={ctx} name="summary" label={t("petitions.form.summary")} value={values?.summary} rows={3} errors={errors} />
          <TextArea ctx={ctx} name="body" label={t("petitions.form.body")} value={values?.body} rows={12} errors={errors} required />
          <Select ctx={ctx} name="language" label={t("petitions.form.language")} value={values?.language ?? ctx.locale} options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} errors={errors} required />
          <CategorySelect ctx={ctx} name="categoryId" trees={categoryChoices(ctx, categories)} value={values?.categoryId} errors={errors} />
          <ScopeSelect ctx={ctx} name="scopeId" tree={scopes} value={values?.scopeId} errors={errors} />
          <Submit>{t("petitions.form.save")}</Submit>
        </Form>
      )}
    </div>
  );
}

/** A one-button confirmation page (co-sponsoring, withdrawing a signature by link). */
export function ConfirmPage({ ctx, title, intro, action, button, errors }: { ctx: RequestContext; title: string; intro: string; action: string; button: string; errors?: FieldErrors | undefined }) {
  return (
    <div>
      <h1>{title}</h1>
      <p>{intro}</p>
      <Form ctx={ctx} action={action} errors={errors}>
        <Submit>{button}</Submit>
      </Form>
    </div>
  );
}

export function MinePage({
  ctx,
  petitions,
}: {
  ctx: RequestContext;
  petitions: Array<{ id: number; title: string; state: PetitionSummary["state"] }>;
}) {
  const { t } = ctx;
  return (
    <div>
      <h1>{t("petitions.mine.title")}</h1>
      {petitions.length === 0 ? (
        <p>{t("petitions.mine.none")}</p>
      ) : (
        <ul>
          {petitions.map((p) => (
            <li>
              <a href={`/petitions/${p.id}`}>{p.title}</a> · <StateBadge ctx={ctx} state={p.state} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/notifications">{t("petitions.mine.notificationsLink")}</a>
      </p>
    </div>
  );
}
