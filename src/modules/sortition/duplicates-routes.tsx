/**
 * Duplicates to review (`/recruitments/<id>/duplicates` under the component's manage base): each repeat
 * beside the registration it repeats, with "keep" (two people: it joins the pool) and "it is a
 * duplicate" (withdrawn) as plain form posts, audited.
 */
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import type { RequestContext } from "../../core/http/context";
import { localize } from "../../core/i18n/translator";
import { actorOf, ActionButton } from "../../core/spaces/admin-parts";
import { redirectWithFlash } from "../../web/render";
import { loadRecruitment, recruitmentParams, sendRegistrationsPage } from "./composition-routes";
import { registrationsBase } from "./composition-views";
import { duplicatesToReview, reviewDuplicate, type DuplicatePair, type RegistrationSummary } from "./duplicates";
import type { RecruitmentRow } from "./registration-service";
import type { SortitionSettings, SortitionStepSettings } from "./settings";

type Route = ComponentRoute<SortitionSettings, SortitionStepSettings>;

const reviewParams = z.object({ recruitmentId: z.string().regex(/^\d{1,15}$/), registrationId: z.string().regex(/^\d{1,15}$/) });
const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function Person({ ctx, r, p }: { ctx: RequestContext; r: RecruitmentRow; p: RegistrationSummary }) {
  const { t } = ctx;
  const answers = r.strata.map((s) => {
    const v = p.features[s.category] ?? "";
    return localize(s.options.find((o) => o.value === v)?.label, ctx.locale, ctx.org.defaultLocale).text || v;
  });
  return (
    <>
      <td>{p.contact?.name ?? "—"}</td>
      <td>{[p.contact?.email, p.contact?.phone].filter(Boolean).join(" · ") || "—"}</td>
      <td>{answers.join(", ")}</td>
      <td>
        {t(p.source === "phone" ? "sortition.registrations.source.phone" : p.source === "invitation" ? "sortition.registrations.source.invitation" : "sortition.registrations.source.volunteer")}, {when(p.createdAt)}
      </td>
    </>
  );
}

function DuplicatesTable({ ctx, r, base, pairs }: { ctx: RequestContext; r: RecruitmentRow; base: string; pairs: DuplicatePair[] }) {
  const { t } = ctx;
  if (pairs.length === 0) return <p>{t("sortition.registrations.noDuplicates")}</p>;
  return (
    <table>
      <caption>{t("sortition.registrations.duplicatesCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("sortition.registrations.col.registration")}</th>
          <th scope="col">{t("sortition.register.field.name")}</th>
          <th scope="col">{t("sortition.registrations.col.contact")}</th>
          <th scope="col">{t("sortition.registrations.col.answers")}</th>
          <th scope="col">{t("sortition.registrations.col.source")}</th>
          <th scope="col">{t("sortition.registrations.col.decision")}</th>
        </tr>
      </thead>
      <tbody>
        {pairs.flatMap(({ repeat, original }) => [
          <tr>
            <th scope="row">{t("sortition.registrations.repeat", { id: repeat.id })}</th>
            <Person ctx={ctx} r={r} p={repeat} />
            <td rowSpan={2}>
              <ActionButton ctx={ctx} action={`${base}/duplicates/${repeat.id}/keep`} label={t("sortition.registrations.keep")} secondary />
              <ActionButton ctx={ctx} action={`${base}/duplicates/${repeat.id}/mark`} label={t("sortition.registrations.markDuplicate")} />
            </td>
          </tr>,
          <tr>
            <th scope="row">{t("sortition.registrations.original", { id: original.id })}</th>
            <Person ctx={ctx} r={r} p={original} />
          </tr>,
        ])}
      </tbody>
    </table>
  );
}

const list: Route["handler"] = async (req, reply, c) => {
  const r = await loadRecruitment(c);
  const pairs = await duplicatesToReview(c.deps.db, c.deps.config, r.id);
  const body = (
    <section aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{req.ctx.t("sortition.registrations.tab.duplicates")}</h2>
      <p>{req.ctx.t("sortition.registrations.duplicatesIntro")}</p>
      <DuplicatesTable ctx={req.ctx} r={r} base={registrationsBase(c.base, r)} pairs={pairs} />
    </section>
  );
  return sendRegistrationsPage(req, reply, c, r, "duplicates", body, { duplicates: pairs.length });
};

const review =
  (decision: "keep" | "duplicate"): Route["handler"] =>
  async (req, reply, c) => {
    const r = await loadRecruitment(c);
    const ok = await reviewDuplicate(c.deps.db, actorOf(req), c.space.id, r.id, Number(c.params.registrationId), decision);
    const back = `${registrationsBase(c.base, r)}/duplicates`;
    if (!ok) return redirectWithFlash(reply, back, "error", req.ctx.t("sortition.registrations.reviewGone"));
    return redirectWithFlash(reply, back, "success", req.ctx.t(decision === "keep" ? "sortition.registrations.kept" : "sortition.registrations.marked"));
  };

export const duplicatesRoutes: Route[] = [
  { method: "GET", path: "/recruitments/:recruitmentId/duplicates", params: recruitmentParams, handler: list },
  { method: "POST", path: "/recruitments/:recruitmentId/duplicates/:registrationId/keep", params: reviewParams, handler: review("keep") },
  { method: "POST", path: "/recruitments/:recruitmentId/duplicates/:registrationId/mark", params: reviewParams, handler: review("duplicate") },
];
