/**
 * The public side of a citizens' suggestion on its page: awaiting the parliament's decision, refused
 * with its reasons, or accepted with its committee's assembly, the seats filled, the recommendations
 * (and the parliament's answer to each, in the assembly's proposals component) and the follow-up report
 * with its due date, marked overdue once passed.
 */
import type { RequestContext } from "../../core/http/context";
import { isHttpUrl } from "../../core/http/http-url";
import { Localized } from "../../web/layout";
import { followUpOverdue, type CommitteeDetails } from "./committee-details";
import type { PetitionDetails } from "./queries";
import { formatDate, Paragraphs } from "./view-parts";

/** A calendar day (`YYYY-MM-DD`) in the reader's language. */
const day = (ctx: RequestContext, iso: string) => formatDate(ctx, new Date(`${iso}T12:00:00Z`));

/** The follow-up's dates and report, shared by the public page and the back office. */
export function FollowUpStatus({ ctx, c }: { ctx: RequestContext; c: CommitteeDetails }) {
  const { t } = ctx;
  const overdue = followUpOverdue(c);
  return (
    <div class="petition-follow-up-status">
      {c.recommendationsAt && <p>{t("petitions.followUp.recommendations", { date: day(ctx, c.recommendationsAt) })}</p>}
      {c.reportDueAt && !c.reportPublishedAt && (
        <p class={overdue ? "notice notice-error petition-overdue" : undefined}>
          {overdue ? (
            <>
              <strong>{t("petitions.followUp.overdue")}</strong>: {t("petitions.followUp.overdueText", { date: day(ctx, c.reportDueAt) })}
            </>
          ) : (
            t("petitions.followUp.due", { date: day(ctx, c.reportDueAt) })
          )}
        </p>
      )}
      {c.reportPublishedAt && (
        <div class="petition-follow-up-report">
          <p>
            <strong>{t("petitions.followUp.published", { date: formatDate(ctx, c.reportPublishedAt) })}</strong>
          </p>
          {c.reportBody && <Paragraphs text={c.reportBody} />}
          {c.reportUrl && isHttpUrl(c.reportUrl) && (
            <p>
              <a href={c.reportUrl}>{t("petitions.followUp.document")}</a>
            </p>
          )}
        </div>
      )}
    </div>
  );
}

export function CommitteeSection({ ctx, p }: { ctx: RequestContext; p: PetitionDetails }) {
  if (!p.type.committee) return null;
  const { t } = ctx;
  const c = p.committee;
  if (p.state === "awaiting_decision") return <p class="notice petition-awaiting">{t("petitions.committee.show.awaiting")}</p>;
  if (c?.outcome === "refused") {
    return (
      <section aria-labelledby="refused-title" class="petition-refused">
        <h2 id="refused-title">{t("petitions.committee.show.refusedTitle")}</h2>
        <p>{t("petitions.committee.show.refused", { date: formatDate(ctx, c.decidedAt) })}</p>
        <Paragraphs text={c.reasons} />
      </section>
    );
  }
  if (c?.outcome !== "accepted") return null;
  return (
    <section aria-labelledby="committee-title" class="petition-committee">
      <h2 id="committee-title">{t("petitions.committee.show.title")}</h2>
      <p>{t("petitions.committee.show.accepted", { date: formatDate(ctx, c.decidedAt), drawn: c.drawnSeats, elected: c.electedSeats })}</p>
      {c.reasons && <Paragraphs text={c.reasons} />}
      {c.space && (
        <>
          <p>
            {t("petitions.committee.show.assembly")}:{" "}
            <a href={`/assemblies/${c.space.slug}`}>
              <Localized ctx={ctx} value={c.space.title} />
            </a>
          </p>
          <p>{t("petitions.committee.show.seats", { drawn: c.space.drawn, drawnSeats: c.drawnSeats, elected: c.space.elected, electedSeats: c.electedSeats })}</p>
        </>
      )}
      <h3>{t("petitions.followUp.title")}</h3>
      {c.space?.recommendationsComponentId != null && (
        <p>
          <a href={`/spaces/${c.space.slug}/c/${c.space.recommendationsComponentId}`}>{t("petitions.followUp.recommendationsLink")}</a>
        </p>
      )}
      <FollowUpStatus ctx={ctx} c={c} />
    </section>
  );
}
