/** A proposal's page: its text, the answer, supports, the author's actions, and the participation kit's parts. */
import type { Attachment } from "../../core/attachments/service";
import { AttachmentList } from "../../core/attachments/views";
import type { ComponentChildren } from "preact";
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import type { CoauthorBox } from "../../core/follows/coauthors";
import { Coauthors } from "../../core/follows/coauthor-views";
import type { EndorsementBox } from "../../core/follows/endorsements";
import { Endorsements } from "../../core/follows/endorsement-views";
import { FollowButton } from "../../core/follows/views";
import type { RequestContext } from "../../core/http/context";
import type { LinkedFromSection } from "../../core/resources/linked-from";
import { LinkedFrom } from "../../core/resources/linked-from-views";
import { LOCALE_NAMES } from "../../core/i18n/locales";
import { HiddenNotice, ReportLink } from "../../core/moderation/views";
import type { Permission } from "../../core/permissions/can";
import type { PersonSupports, ProposalDetails, SimilarProposal } from "./queries";
import type { ProposalsSettings } from "./settings";
import { formatCost, formatCount, formatDate, Paragraphs, StateBadge, StateStyles, SupportsSummary, text } from "./view-parts";

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
  /** What other components' resources say about this proposal ("this contribution led to..."). */
  linkedFrom?: LinkedFromSection[] | undefined;
  /** Its images and documents. */
  attachments?: Attachment[];
  /** The participation kit's parts (published proposals only). */
  kit: KitParts | null;
  /** Its amendments, earlier versions and origin (amendments/views.tsx), published proposals only. */
  amendments?: ComponentChildren;
  /** Where it came from and where it went: merge, split, import (admin-tools-views.tsx). */
  history?: ComponentChildren;
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
      {kit.comments && <CommentsSection ctx={ctx} data={kit.comments} />}
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
      {props.attachments && <AttachmentList ctx={ctx} items={props.attachments} />}
      {props.isAuthor && <AuthorActions {...props} />}
      {draft && <Similar ctx={ctx} base={props.base} similar={props.similar} />}
      <Answer ctx={ctx} p={p} />
      {props.linkedFrom && <LinkedFrom ctx={ctx} sections={props.linkedFrom} />}
      {!draft && <Supports {...props} />}
      {props.history}
      {props.amendments}
      {props.kit && <Kit ctx={ctx} base={props.base} p={p} kit={props.kit} isAuthor={props.isAuthor} />}
      <p>
        <a href={props.base}>{t("proposals.show.back")}</a>
      </p>
    </article>
  );
}
