/**
 * Amendments' pages: the form (the proposal's wording to change), an amendment's page (its word-level
 * diff, its state, the reactions and the participation kit), and the section of a proposal's page
 * listing its amendments, its earlier versions and where it came from.
 */
import type { ComponentChildren } from "preact";
import type { CommentsSectionData } from "../../../core/comments/section";
import { CommentsSection } from "../../../core/comments/views";
import type { EndorsementBox } from "../../../core/follows/endorsements";
import { Endorsements } from "../../../core/follows/endorsement-views";
import { FollowButton } from "../../../core/follows/views";
import type { RequestContext } from "../../../core/http/context";
import type { FieldErrors } from "../../../core/http/result";
import type { MessageKey } from "../../../core/i18n/catalogues";
import type { Locale } from "../../../core/i18n/locales";
import { HiddenNotice, ReportLink } from "../../../core/moderation/views";
import type { Permission } from "../../../core/permissions/can";
import { Form, Submit, TextArea, TextField } from "../../../web/ui/forms";
import { formatDate, Paragraphs, text } from "../view-parts";
import { wordDiff } from "./diff";
import { DiffText } from "./diff-view";
import type { AmendmentDetails, AmendmentsBoxData } from "./queries";
import type { AmendmentState } from "./schema";

const STATE_KEYS: Record<AmendmentState, MessageKey> = {
  draft: "proposals.amendments.state.draft",
  evaluating: "proposals.amendments.state.evaluating",
  accepted: "proposals.amendments.state.accepted",
  rejected: "proposals.amendments.state.rejected",
  withdrawn: "proposals.amendments.state.withdrawn",
};

export function AmendmentStateBadge({ ctx, state }: { ctx: RequestContext; state: AmendmentState }) {
  return <span class={`badge amendment-state amendment-state-${state}`}>{ctx.t(STATE_KEYS[state])}</span>;
}

/** The reader's language or the amendment's own, for `lang`. */
const langOf = (ctx: RequestContext, language: Locale) => (language === ctx.locale ? undefined : language);

export interface AmendmentFormValues {
  title?: string | undefined;
  body?: string | undefined;
}

export function AmendmentFormPage(props: {
  ctx: RequestContext;
  heading: string;
  action: string;
  proposalTitle: string;
  proposalHref: string;
  language: Locale;
  values: AmendmentFormValues;
  errors?: FieldErrors | undefined;
  maxTitle: number;
  maxBody: number;
}) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  return (
    <div class="proposal-form amendment-form">
      <h1>{props.heading}</h1>
      <p>
        {t("proposals.amendments.form.intro")} <a href={props.proposalHref}>{props.proposalTitle}</a>
      </p>
      <Form ctx={ctx} action={props.action} errors={errors}>
        <TextField ctx={ctx} name="title" label={t("proposals.amendments.form.title")} hint={t("proposals.form.titleHint", { max: props.maxTitle })} value={values.title} errors={errors} required />
        <TextArea ctx={ctx} name="body" label={t("proposals.amendments.form.body")} hint={t("proposals.form.bodyHint", { max: props.maxBody })} value={values.body} errors={errors} rows={12} required />
        <Submit>{t("proposals.amendments.form.submit")}</Submit>
      </Form>
      <p>
        <a href={props.proposalHref}>{t("common.cancel")}</a>
      </p>
    </div>
  );
}

export interface AmendmentKit {
  comments: CommentsSectionData | null;
  endorsements: EndorsementBox | null;
  following: boolean;
}

export interface AmendmentPageProps {
  ctx: RequestContext;
  /** The proposal's page. */
  proposalHref: string;
  /** This amendment's page. */
  href: string;
  a: AmendmentDetails;
  isAmender: boolean;
  /** The reader may accept or reject it now (an author of the proposal, reactions open, evaluating). */
  mayReact: boolean;
  /** Why reacting is closed, for the proposal's authors. */
  reactionClosed: boolean;
  mayPromote: boolean;
  /** Publishing the draft (`can(user, "amend", proposal)`), for its amender. */
  publishPermission: Permission | null;
  promotedHref: string | null;
  kit: AmendmentKit | null;
}

function PostButton({ ctx, action, label, cls = "button" }: { ctx: RequestContext; action: string; label: string; cls?: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
}

function Actions(props: AmendmentPageProps) {
  const { ctx, a, href } = props;
  const { t } = ctx;
  const buttons: ComponentChildren[] = [];
  if (props.isAmender && a.state === "draft") {
    if (props.publishPermission?.status === "unauthorized") buttons.push(<p>{t(props.publishPermission.reason, props.publishPermission.values)}</p>);
    else buttons.push(<PostButton ctx={ctx} action={`${href}/publish`} label={t("proposals.amendments.draft.publish")} />);
    buttons.push(
      <a class="button button-secondary" href={`${href}/edit`}>
        {t("proposals.amendments.draft.edit")}
      </a>,
    );
    buttons.push(<PostButton ctx={ctx} action={`${href}/discard`} label={t("proposals.amendments.draft.discard")} cls="button button-danger" />);
  }
  if (props.isAmender && a.state === "evaluating") buttons.push(<PostButton ctx={ctx} action={`${href}/withdraw`} label={t("proposals.amendments.withdraw")} cls="button button-danger" />);
  if (props.mayReact) {
    buttons.push(<PostButton ctx={ctx} action={`${href}/accept`} label={t("proposals.amendments.accept")} />);
    buttons.push(
      <a class="button button-secondary" href={`${href}/reject`}>
        {t("proposals.amendments.reject")}
      </a>,
    );
  }
  if (props.mayPromote) buttons.push(<PostButton ctx={ctx} action={`${href}/promote`} label={t("proposals.amendments.promote")} />);
  return (
    <>
      {props.reactionClosed && a.state === "evaluating" && <p>{t("proposals.amendments.errors.reactionClosed")}</p>}
      {buttons.length > 0 && <div class="button-row">{buttons}</div>}
    </>
  );
}

export function AmendmentPage(props: AmendmentPageProps) {
  const { ctx, a, kit } = props;
  const { t } = ctx;
  const proposalTitle = text(ctx, a.proposalTitle);
  const lang = langOf(ctx, a.language);
  const replacedTitle = a.replacedTitle ? text(ctx, a.replacedTitle) : null;
  const replacedBody = a.replacedBody ? text(ctx, a.replacedBody) : null;
  return (
    <article class="amendment">
      {a.state === "draft" && (
        <p class="preview-notice" role="note">
          {t("proposals.amendments.draft.notice")}
        </p>
      )}
      {a.hiddenAt && <HiddenNotice ctx={ctx} />}
      <p class="amendment-of">
        {t("proposals.amendments.of")}{" "}
        <a href={props.proposalHref} lang={proposalTitle.lang}>
          {proposalTitle.text}
        </a>
      </p>
      <h1 lang={lang}>{a.title}</h1>
      <p class="proposal-meta">
        {t("proposals.amendments.by", { name: a.amenderName ?? t("accounts.deletedParticipant") })}
        {a.publishedAt && ` · ${formatDate(ctx, a.publishedAt)}`} · <AmendmentStateBadge ctx={ctx} state={a.state} />
      </p>
      {a.state === "rejected" && (
        <section aria-labelledby="amendment-rejection-title">
          <h2 id="amendment-rejection-title">{t("proposals.amendments.rejectedTitle")}</h2>
          {a.rejectionReason ? <Paragraphs text={a.rejectionReason} /> : <p>{t("proposals.amendments.noReason")}</p>}
        </section>
      )}
      {a.promotedProposalId !== null && props.promotedHref && (
        <p>
          <a href={props.promotedHref}>{t("proposals.amendments.promotedTo")}</a>
        </p>
      )}
      <section class="amendment-changes" aria-labelledby="amendment-changes-title">
        <h2 id="amendment-changes-title">{t("proposals.amendments.changes")}</h2>
        <p class="hint">{t("proposals.amendments.diff.legend")}</p>
        {a.proposalChanged && a.state !== "accepted" && <p role="note">{t("proposals.amendments.proposalChanged")}</p>}
        <h3>{t("proposals.amendments.form.title")}</h3>
        <DiffText ctx={ctx} pieces={wordDiff(a.baseTitle, a.title)} lang={lang} />
        <h3>{t("proposals.amendments.form.body")}</h3>
        <DiffText ctx={ctx} pieces={wordDiff(a.baseBody, a.body)} lang={lang} />
      </section>
      {a.state === "accepted" && replacedTitle && replacedBody && (
        <section class="amendment-replaced" aria-labelledby="amendment-replaced-title">
          <h2 id="amendment-replaced-title">{t("proposals.amendments.replaced")}</h2>
          {a.reactedAt && <p>{t("proposals.amendments.acceptedOn", { date: formatDate(ctx, a.reactedAt) })}</p>}
          <h3 lang={replacedTitle.lang}>{replacedTitle.text}</h3>
          <Paragraphs text={replacedBody.text} lang={replacedBody.lang} />
        </section>
      )}
      <Actions {...props} />
      {kit && (
        <>
          <div class="proposal-kit">
            <FollowButton ctx={ctx} target={{ type: "amendment", id: a.id }} following={kit.following} returnTo={props.href} count={t("proposals.count.followers", { count: a.followsCount })} />
            {!props.isAmender && <ReportLink ctx={ctx} type="amendment" id={a.id} inline />}
          </div>
          <Endorsements ctx={ctx} box={kit.endorsements} />
          {kit.comments && <CommentsSection ctx={ctx} data={kit.comments} />}
        </>
      )}
      <p>
        <a href={props.proposalHref}>{t("proposals.amendments.back")}</a>
      </p>
    </article>
  );
}

export function RejectPage({ ctx, action, cancelHref, title, errors, reason }: { ctx: RequestContext; action: string; cancelHref: string; title: string; errors?: FieldErrors | undefined; reason?: string | undefined }) {
  const { t } = ctx;
  return (
    <section class="confirm-box" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">{t("proposals.amendments.rejectTitle")}</h1>
      <p>{t("proposals.amendments.rejectIntro", { title })}</p>
      <Form ctx={ctx} action={action} errors={errors}>
        <TextArea ctx={ctx} name="reason" label={t("proposals.amendments.reason")} hint={t("proposals.amendments.reasonHint")} value={reason} errors={errors} rows={5} />
        <div class="form-actions">
          <button type="submit" class="button button-danger">
            {t("proposals.amendments.reject")}
          </button>
          <a href={cancelHref}>{t("common.cancel")}</a>
        </div>
      </Form>
    </section>
  );
}

/** The section of a proposal's page: amend it, its amendments, its earlier versions, its origin. */
export function AmendmentsSection({ ctx, base, proposalId, box, amend }: { ctx: RequestContext; base: string; proposalId: number; box: AmendmentsBoxData; amend: Permission | null }) {
  const { t } = ctx;
  const url = `${base}/${proposalId}`;
  const origin = box.origin;
  const originTitle = origin ? text(ctx, origin.proposalTitle) : null;
  if (!origin && box.items.length === 0 && box.history.length === 0 && box.draftId === null && amend === null) return null;
  return (
    <section class="proposal-amendments" aria-labelledby="proposal-amendments-title">
      {origin && originTitle && (
        <p class="amendment-origin">
          {t("proposals.amendments.origin")}{" "}
          <a href={`${base}/${origin.proposalId}/amendments/${origin.amendmentId}`} lang={originTitle.lang}>
            {originTitle.text}
          </a>
        </p>
      )}
      <h2 id="proposal-amendments-title">{t("proposals.amendments.title")}</h2>
      {box.items.length === 0 ? (
        <p>{t("proposals.amendments.none")}</p>
      ) : (
        <ul class="amendment-list">
          {box.items.map((a) => (
            <li id={`amendment-${a.id}`}>
              <a href={`${url}/amendments/${a.id}`} lang={langOf(ctx, a.language)}>
                {a.title}
              </a>{" "}
              · {t("proposals.amendments.by", { name: a.amenderName ?? t("accounts.deletedParticipant") })} · <AmendmentStateBadge ctx={ctx} state={a.state} />
              {a.hidden && ` · ${t("proposals.amendments.hidden")}`}
            </li>
          ))}
        </ul>
      )}
      {box.draftId !== null ? (
        <p>
          <a class="button button-secondary" href={`${url}/amendments/${box.draftId}`}>
            {t("proposals.amendments.continueDraft")}
          </a>
        </p>
      ) : amend?.status === "unauthorized" ? (
        <p>{t(amend.reason, amend.values)}</p>
      ) : amend ? (
        <p>
          <a class="button button-secondary" href={`${url}/amend`}>
            {t("proposals.amendments.amend")}
          </a>
        </p>
      ) : null}
      {box.history.length > 0 && (
        <>
          <h3>{t("proposals.amendments.history")}</h3>
          <ul>
            {box.history.map((h) => {
              const title = text(ctx, h.title);
              return (
                <li>
                  <a href={`${url}/amendments/${h.amendmentId}`}>{t("proposals.amendments.versionReplaced", { date: formatDate(ctx, h.replacedAt) })}</a>
                  {": "}
                  <span lang={title.lang}>{title.text}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
