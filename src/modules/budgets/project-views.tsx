/** A project's public page: its cost, description, filing, place, files, authors, origin, votes, the ballot button, follows and comments. */
import { AttachmentList } from "../../core/attachments/views";
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import { FollowButton } from "../../core/follows/views";
import type { RequestContext } from "../../core/http/context";
import { ReportLink } from "../../core/moderation/views";
import type { ResourceFacts } from "../../core/resources/kinds";
import { RichText } from "../../core/spaces/view-parts";
import { CsrfField } from "../../web/ui/forms";
import type { ProjectPage as Project } from "./catalogue";
import { formatMoney } from "./money";
import { text } from "./catalogue-view-parts";

/** What the ballot button offers: nothing (voting closed), add, remove, or a note that the vote is checked out. */
export type BallotButton = { kind: "none" } | { kind: "add" } | { kind: "remove" } | { kind: "checkedOut" };

export interface ProjectPageProps {
  ctx: RequestContext;
  /** The component's public base (/spaces/:slug/c/:id). */
  base: string;
  project: Project;
  /** The resource it comes from, when the public may see it. */
  source: ResourceFacts | null;
  /** Counted votes (and points), when the step shows them. */
  votes: { votes: number; points: number; withPoints: boolean } | null;
  ballot: BallotButton;
  comments: CommentsSectionData | null;
  following: boolean;
}

function BallotForm({ ctx, base, project, ballot }: { ctx: RequestContext; base: string; project: Project; ballot: BallotButton }) {
  const { t } = ctx;
  if (ballot.kind === "none") return null;
  if (ballot.kind === "checkedOut") return <p class="budget-project-ballot">{t("budgets.project.checkedOut")}</p>;
  const title = text(ctx, project.title).text;
  const add = ballot.kind === "add";
  return (
    <form method="post" action={`${base}/budgets/${project.budgetId}/ballot/${add ? "add" : "remove"}`} class="budget-project-ballot inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="projectId" value={String(project.id)} />
      <button type="submit" class={add ? "button" : "button button-secondary"}>
        {add ? t("budgets.project.add") : t("budgets.project.remove")}
        <span class="visually-hidden"> {title}</span>
      </button>
    </form>
  );
}

export function ProjectPageView({ ctx, base, project: p, source, votes, ballot, comments, following }: ProjectPageProps) {
  const { t } = ctx;
  const title = text(ctx, p.title);
  const budgetTitle = text(ctx, p.budgetTitle);
  const url = `${base}/budgets/${p.budgetId}/projects/${p.id}`;
  const sourceTitle = source ? text(ctx, typeof source.title === "string" ? { [ctx.locale]: source.title } : source.title) : null;
  return (
    <article class="budget-project">
      <p class="budget-project-budget">
        <a href={`${base}/budgets/${p.budgetId}`} lang={budgetTitle.lang}>
          {budgetTitle.text}
        </a>
      </p>
      <h1 lang={title.lang}>{title.text}</h1>
      {p.hidden && <p class="notice">{t("budgets.project.hiddenNotice")}</p>}
      <dl class="budget-project-facts">
        <dt>{t("budgets.project.cost")}</dt>
        <dd>{formatMoney(ctx.locale, p.currency, p.cost)}</dd>
        {p.categoryName && (
          <>
            <dt>{t("budgets.project.category")}</dt>
            <dd>{text(ctx, p.categoryName).text}</dd>
          </>
        )}
        {p.scopeName && (
          <>
            <dt>{t("budgets.project.scope")}</dt>
            <dd>{text(ctx, p.scopeName).text}</dd>
          </>
        )}
        {p.address && (
          <>
            <dt>{t("budgets.project.address")}</dt>
            <dd>
              <address>{p.address}</address>
            </dd>
          </>
        )}
        {p.authors.length > 0 && (
          <>
            <dt>{t("budgets.project.authors", { count: p.authors.length })}</dt>
            <dd>{p.authors.join(", ")}</dd>
          </>
        )}
        {votes && (
          <>
            <dt>{t("budgets.project.votesLabel")}</dt>
            <dd>{votes.withPoints ? t("budgets.project.votesPoints", { count: votes.votes, points: votes.points }) : t("budgets.project.votes", { count: votes.votes })}</dd>
          </>
        )}
      </dl>
      <BallotForm ctx={ctx} base={base} project={p} ballot={ballot} />
      <RichText ctx={ctx} value={p.description} />
      {source && sourceTitle && (
        <p class="budget-project-source">
          {t("budgets.project.comesFrom")}{" "}
          <a href={source.url} lang={sourceTitle.lang}>
            {sourceTitle.text}
          </a>
        </p>
      )}
      <AttachmentList ctx={ctx} items={p.attachments} />
      <div class="budget-project-kit">
        <FollowButton ctx={ctx} target={{ type: "budget_project", id: p.id }} following={following} returnTo={url} />
        {ctx.user && <ReportLink ctx={ctx} type="budget_project" id={p.id} />}
      </div>
      {comments && <CommentsSection ctx={ctx} data={comments} />}
      <p>
        <a href={`${base}/budgets/${p.budgetId}`}>{t("budgets.project.back", { budget: budgetTitle.text })}</a>
      </p>
    </article>
  );
}
