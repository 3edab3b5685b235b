/**
 * The back office's part of a citizens' suggestion: the parliament's decision while it awaits one
 * (accept and create the committee, or refuse with public reasons), then the committee's links and the
 * follow-up report (its due date within 6 to 9 months of the recommendations, then the report itself).
 */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { Localized } from "../../web/layout";
import { Form, Submit, TextArea, TextField } from "../../web/ui/forms";
import { committeeSlug } from "./committee-slug";
import { FollowUpStatus } from "./committee-view";
import type { PetitionDetails } from "./queries";
import { formatDate } from "./view-parts";

type Props = { ctx: RequestContext; p: PetitionDetails; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined };

export function CommitteeAdmin({ ctx, p, errors, values }: Props) {
  const rules = p.type.committee;
  if (!rules) return null;
  const { t } = ctx;
  const c = p.committee;
  const v = values ?? {};
  return (
    <section aria-labelledby="decision-title" class="petition-committee-admin">
      <h2 id="decision-title">{t("petitions.committee.decisionTitle")}</h2>
      {p.state === "awaiting_decision" && !c && (
        <>
          <p>{t("petitions.committee.decisionIntro", { drawn: rules.drawnSeats, elected: rules.electedSeats })}</p>
          <Form ctx={ctx} action={`/admin/petitions/${p.id}/decision/accept`} class="form petition-decision">
            <h3>{t("petitions.committee.acceptTitle")}</h3>
            <TextField ctx={ctx} name="title" label={t("petitions.committee.assemblyTitle")} value={v.title ?? p.title} errors={errors} required />
            <TextField ctx={ctx} name="slug" label={t("petitions.committee.slug")} value={v.slug ?? committeeSlug(p.title)} errors={errors} required />
            <TextArea ctx={ctx} name="note" label={t("petitions.committee.acceptNote")} value={v.note} errors={errors} rows={3} />
            <Submit>{t("petitions.committee.accept")}</Submit>
          </Form>
          <Form ctx={ctx} action={`/admin/petitions/${p.id}/decision/refuse`} class="form petition-decision">
            <h3>{t("petitions.committee.refuseTitle")}</h3>
            <TextArea ctx={ctx} name="reasons" label={t("petitions.committee.reasons")} value={v.reasons} errors={errors} rows={6} required />
            <Submit>{t("petitions.committee.refuse")}</Submit>
          </Form>
        </>
      )}
      {c?.outcome === "refused" && <p>{t("petitions.committee.show.refused", { date: formatDate(ctx, c.decidedAt) })}</p>}
      {c?.outcome === "accepted" && (
        <>
          <p>{t("petitions.committee.show.accepted", { date: formatDate(ctx, c.decidedAt), drawn: c.drawnSeats, elected: c.electedSeats })}</p>
          {c.space && (
            <ul>
              <li>
                <a href={`/assemblies/${c.space.slug}`}>
                  <Localized ctx={ctx} value={c.space.title} />
                </a>
              </li>
              <li>
                <a href={`/admin/spaces/${c.space.id}/components`}>{t("petitions.followUp.admin.assemblyAdmin")}</a>
              </li>
            </ul>
          )}
          <h3>{t("petitions.followUp.admin.title")}</h3>
          <FollowUpStatus ctx={ctx} c={c} />
          {!c.reportPublishedAt && (
            <>
              <Form ctx={ctx} action={`/admin/petitions/${p.id}/follow-up`} class="form petition-follow-up">
                <TextField ctx={ctx} name="recommendationsAt" type="date" label={t("petitions.followUp.admin.recommendationsAt")} value={v.recommendationsAt ?? c.recommendationsAt ?? undefined} errors={errors} required />
                <TextField ctx={ctx} name="reportDueAt" type="date" label={t("petitions.followUp.admin.dueAt")} value={v.reportDueAt ?? c.reportDueAt ?? undefined} errors={errors} required />
                <Submit>{t("petitions.followUp.admin.save")}</Submit>
              </Form>
              {c.reportDueAt && (
                <Form ctx={ctx} action={`/admin/petitions/${p.id}/follow-up/report`} class="form petition-follow-up">
                  <TextArea ctx={ctx} name="reportBody" label={t("petitions.followUp.admin.reportBody")} value={v.reportBody} errors={errors} rows={8} required />
                  <TextField ctx={ctx} name="reportUrl" type="url" label={t("petitions.followUp.admin.reportUrl")} value={v.reportUrl} errors={errors} />
                  <Submit>{t("petitions.followUp.admin.publish")}</Submit>
                </Form>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
