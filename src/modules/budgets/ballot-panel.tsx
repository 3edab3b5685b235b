/**
 * The ballot as the budget page shows it: what is chosen, the running total and what is left (text and
 * an accessible progress bar), the rules in words, and the way to cast the vote or change it; and each
 * project's control (add / remove, points, rank). Every control is a plain form; the page's script
 * (public/budgets-ballot.js) only posts the same forms without a reload.
 */
import type { RequestContext } from "../../core/http/context";
import { CsrfField } from "../../web/ui/forms";
import { text, translateRule } from "./ballot-format";
import { formatMoney } from "./money";
import { ballotTotals, describeRules, maxProjectsOf, requirementErrors, type BallotBudget } from "./ballot-rules";
import type { PersonBallot } from "./ballot-store";

/** What the reader may do in this budget now. */
export type VoteAccess =
  | { kind: "open" }
  | { kind: "disabled" }
  | { kind: "finished" }
  | { kind: "signIn"; href: string }
  | { kind: "pending"; href: string }
  | { kind: "denied"; reason: string }
  | { kind: "blocked"; reason: string };

export interface BallotView {
  ctx: RequestContext;
  /** `<component base>/budgets/<id>` */
  budgetBase: string;
  budget: BallotBudget & { currency: string };
  access: VoteAccess;
  ballot: PersonBallot | null;
  /** The step lets people take a cast vote back. */
  changeAllowed: boolean;
  /** The page's query string, kept through the forms so the page comes back as it was. */
  back: string;
}

/** The ballot can be changed now. */
export const editable = (v: Pick<BallotView, "access" | "ballot">) => v.access.kind === "open" && !v.ballot?.checkedOutAt;

/** The running total in words: money (knapsack), points (cumulative) or projects. */
export function progressOf(v: Pick<BallotView, "ctx" | "budget" | "ballot">): { text: string; label: string; value: number; max: number | null; valueText: string } {
  const { ctx, budget } = v;
  const items = v.ballot?.items ?? [];
  const totals = ballotTotals(budget, items);
  const money = (x: number) => formatMoney(ctx.locale, budget.currency, x);
  if (budget.voteType === "knapsack") {
    const t = ctx.t("budgets.ballot.spent", { spent: money(totals.spent), total: money(budget.total), left: money(totals.left) });
    return { text: t, label: ctx.t("budgets.ballot.spentBar"), value: totals.spent, max: budget.total, valueText: t };
  }
  if (budget.voteType === "cumulative") {
    const max = budget.rules.maxPoints && budget.rules.maxPoints > 0 ? budget.rules.maxPoints : null;
    const t = max !== null ? ctx.t("budgets.ballot.points", { used: totals.points, max }) : ctx.t("budgets.ballot.pointsOpen", { used: totals.points });
    return { text: t, label: ctx.t("budgets.ballot.pointsBar"), value: totals.points, max, valueText: t };
  }
  const max = maxProjectsOf(budget);
  const t = max !== null ? ctx.t("budgets.ballot.count", { count: totals.projects, max }) : ctx.t("budgets.ballot.countOpen", { count: totals.projects });
  return { text: t, label: ctx.t("budgets.ballot.countBar"), value: totals.projects, max, valueText: t };
}

function Hidden({ back, projectId }: { back: string; projectId?: number }) {
  return (
    <>
      {projectId !== undefined && <input type="hidden" name="projectId" value={String(projectId)} />}
      {back && <input type="hidden" name="back" value={back} />}
    </>
  );
}

export function BallotPanel(v: BallotView) {
  const { ctx, budget, access, ballot, budgetBase } = v;
  const { t } = ctx;
  const items = ballot?.items ?? [];
  const canEdit = editable(v);
  const progress = progressOf(v);
  const missing = canEdit && items.length > 0 ? requirementErrors(budget, items) : [];
  return (
    <aside id="ballot" class="budget-ballot" aria-labelledby="ballot-heading" data-ballot-panel>
      <h2 id="ballot-heading">{t("budgets.ballot.heading")}</h2>
      <AccessNote ctx={ctx} access={access} />
      {ballot?.checkedOutAt && (
        <p class="budget-ballot-done">
          <strong>{t("budgets.ballot.checkedOut")}</strong>
        </p>
      )}
      <p id="ballot-progress-text">{progress.text}</p>
      {progress.max !== null && progress.max > 0 && (
        <progress class="budget-ballot-bar" max={progress.max} value={Math.min(progress.value, progress.max)} aria-label={progress.label} aria-valuetext={progress.valueText} />
      )}
      {items.length === 0 ? (
        <p>{t("budgets.ballot.empty")}</p>
      ) : (
        <ol class="budget-ballot-items">
          {items.map((i) => {
            const title = text(ctx, i.title);
            return (
              <li>
                <a href={`#project-${i.projectId}`} lang={title.lang}>
                  {title.text}
                </a>{" "}
                <span class="budget-ballot-item-detail">
                  {budget.voteType === "cumulative" ? t("budgets.ballot.pointsOf", { points: i.points }) : budget.voteType === "ordinal" ? t("budgets.ballot.rankOf", { rank: i.rank ?? 0 }) : formatMoney(ctx.locale, budget.currency, i.cost)}
                </span>
                {canEdit && (
                  <form method="post" action={`${budgetBase}/ballot/remove`} class="inline-form" data-ballot-form>
                    <CsrfField ctx={ctx} />
                    <Hidden back={v.back} projectId={i.projectId} />
                    <button type="submit" class="link-button">
                      {t("budgets.ballot.remove")}
                      <span class="visually-hidden"> {title.text}</span>
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <h3>{t("budgets.ballot.rulesHeading")}</h3>
      <ul class="budget-ballot-rules">
        {describeRules(budget).map((r) => (
          <li>{translateRule(ctx, budget.currency, r)}</li>
        ))}
      </ul>
      {canEdit && items.length > 0 && (
        <>
          {missing.length > 0 && (
            <div class="budget-ballot-missing">
              <p>{t("budgets.ballot.notReady")}</p>
              <ul>
                {missing.map((e) => (
                  <li>{translateRule(ctx, budget.currency, e)}</li>
                ))}
              </ul>
            </div>
          )}
          <form method="post" action={`${budgetBase}/ballot/checkout`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {t("budgets.ballot.checkout")}
            </button>
          </form>
        </>
      )}
      {ballot?.checkedOutAt && access.kind === "open" && v.changeAllowed && (
        <form method="post" action={`${budgetBase}/ballot/cancel`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="button secondary">
            {t("budgets.ballot.cancel")}
          </button>
        </form>
      )}
      <p id="ballot-live" class="visually-hidden" role="status" aria-live="polite" />
    </aside>
  );
}

function AccessNote({ ctx, access }: { ctx: RequestContext; access: VoteAccess }) {
  const { t } = ctx;
  switch (access.kind) {
    case "open":
      return null;
    case "disabled":
      return <p class="budget-ballot-note">{t("budgets.ballot.votingDisabled")}</p>;
    case "finished":
      return <p class="budget-ballot-note">{t("budgets.ballot.votingFinished")}</p>;
    case "signIn":
      return (
        <p class="budget-ballot-note">
          <a href={access.href} class="button">
            {t("budgets.ballot.signIn")}
          </a>
        </p>
      );
    case "pending":
      return (
        <p class="budget-ballot-note">
          <a href={access.href} class="button">
            {t("budgets.ballot.verify")}
          </a>
        </p>
      );
    case "denied":
    case "blocked":
      return <p class="budget-ballot-note">{access.reason}</p>;
  }
}

/** A project's ballot control: add / remove (knapsack, approval), points (cumulative), rank (ordinal). */
export function ProjectControl(v: BallotView & { projectId: number; title: string }) {
  const { ctx, budget, ballot, budgetBase, projectId } = v;
  const { t } = ctx;
  const items = ballot?.items ?? [];
  const mine = items.find((i) => i.projectId === projectId);
  const named = <span class="visually-hidden"> {v.title}</span>;
  if (!editable(v)) {
    return mine ? (
      <p class="ballot-control" id={`control-${projectId}`} data-ballot-control>
        {t("budgets.browse.inBallot")}
      </p>
    ) : (
      <div class="ballot-control" id={`control-${projectId}`} data-ballot-control />
    );
  }
  if (budget.voteType === "cumulative") {
    const max = budget.rules.maxPointsPerProject && budget.rules.maxPointsPerProject > 0 ? budget.rules.maxPointsPerProject : budget.rules.maxPoints;
    return (
      <form method="post" action={`${budgetBase}/ballot/points`} class="ballot-control" id={`control-${projectId}`} data-ballot-control data-ballot-form>
        <CsrfField ctx={ctx} />
        <Hidden back={v.back} projectId={projectId} />
        <label for={`points-${projectId}`}>
          {t("budgets.browse.points")}
          {named}
        </label>{" "}
        <input type="number" id={`points-${projectId}`} name="points" min={0} max={max && max > 0 ? max : undefined} step={1} value={String(mine?.points ?? 0)} inputMode="numeric" class="budget-points" />{" "}
        <button type="submit" class="button secondary">
          {t("budgets.browse.pointsSave")}
          {named}
        </button>
      </form>
    );
  }
  if (budget.voteType === "ordinal") {
    const maxLength = maxProjectsOf(budget);
    const positions = Math.min(maxLength ?? Number.MAX_SAFE_INTEGER, items.length + (mine ? 0 : 1));
    return (
      <form method="post" action={`${budgetBase}/ballot/rank`} class="ballot-control" id={`control-${projectId}`} data-ballot-control data-ballot-form>
        <CsrfField ctx={ctx} />
        <Hidden back={v.back} projectId={projectId} />
        <label for={`rank-${projectId}`}>
          {t("budgets.browse.rank")}
          {named}
        </label>{" "}
        <select id={`rank-${projectId}`} name="rank">
          <option value="0" selected={!mine}>
            {t("budgets.browse.rankNone")}
          </option>
          {Array.from({ length: positions }, (_, k) => (
            <option value={String(k + 1)} selected={mine?.rank === k + 1}>
              {String(k + 1)}
            </option>
          ))}
        </select>{" "}
        <button type="submit" class="button secondary">
          {t("budgets.browse.rankSave")}
          {named}
        </button>
      </form>
    );
  }
  return (
    <form method="post" action={`${budgetBase}/ballot/${mine ? "remove" : "add"}`} class="ballot-control" id={`control-${projectId}`} data-ballot-control data-ballot-form>
      <CsrfField ctx={ctx} />
      <Hidden back={v.back} projectId={projectId} />
      {mine && <span class="budget-in-ballot">{t("budgets.browse.inBallot")} </span>}
      <button type="submit" class={mine ? "button secondary" : "button"}>
        {t(mine ? "budgets.browse.remove" : "budgets.browse.add")}
        {named}
      </button>
    </form>
  );
}
