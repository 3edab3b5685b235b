/**
 * The report form and `ReportLink`, the view part any page puts next to a resource or a comment:
 *   <ReportLink ctx={ctx} type="petition" id={p.id} inline />    (a disclosure with the form inside)
 *   <ReportLink ctx={ctx} type="comment" id={c.id} />            (a link to the form's page)
 * Both work without JavaScript; visitors are asked to sign in first and come back. Moderators get
 * `<HideButton>` next to a thing, and `<HiddenNotice>` heads a hidden resource's page for its authors and staff.
 */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import type { MessageKey } from "../i18n/catalogues";
import { localize } from "../i18n/translator";
import { CsrfField, ErrorSummary } from "../../web/ui/forms";
import { DETAILS_MAX, REPORT_REASONS } from "./inputs";
import type { ReportReason } from "./schema";
import type { Target } from "./targets";

export const REASON_LABELS: Record<ReportReason, MessageKey> = {
  spam: "moderation.reason.spam",
  offensive: "moderation.reason.offensive",
  does_not_belong: "moderation.reason.does_not_belong",
  other: "moderation.reason.other",
};

export const reportPagePath = (type: string, id: number) => `/reports/new?resourceType=${encodeURIComponent(type)}&resourceId=${id}`;

interface FormProps {
  ctx: RequestContext;
  type: string;
  id: number;
  /** Prefix of the controls' ids: "field" on the form's own page (the error summary links there). */
  idPrefix: string;
  values?: { reason?: string | undefined; details?: string | undefined };
  errors?: FieldErrors | undefined;
}

/** The reasons (a fieldset of radio buttons), the details, and the button. */
export function ReportForm({ ctx, type, id, idPrefix, values = {}, errors }: FormProps) {
  const { t } = ctx;
  const reasonError = errors?.reason;
  const detailsError = errors?.details;
  const reasonId = `${idPrefix}-reason`;
  const detailsId = `${idPrefix}-details`;
  return (
    <form method="post" action="/reports" class="form report-form" novalidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="resourceType" value={type} />
      <input type="hidden" name="resourceId" value={String(id)} />
      <fieldset id={reasonId} class={`field-group${reasonError ? " field-error" : ""}`} aria-describedby={reasonError ? `${reasonId}-error` : undefined}>
        <legend>{t("moderation.report.reasonLegend")}</legend>
        {reasonError && (
          <p id={`${reasonId}-error`} class="error-message">
            {t(reasonError.key, reasonError.values)}
          </p>
        )}
        {REPORT_REASONS.map((r) => (
          <div class="field field-radio">
            <input type="radio" id={`${reasonId}-${r}`} name="reason" value={r} checked={values.reason === r} required />
            <label for={`${reasonId}-${r}`}>{t(REASON_LABELS[r])}</label>
          </div>
        ))}
      </fieldset>
      <div class={`field${detailsError ? " field-error" : ""}`}>
        <label for={detailsId}>{t("moderation.report.details")}</label>
        <p id={`${detailsId}-hint`} class="hint">
          {t("moderation.report.detailsHint", { max: DETAILS_MAX })}
        </p>
        {detailsError && (
          <p id={`${detailsId}-error`} class="error-message">
            {t(detailsError.key, detailsError.values)}
          </p>
        )}
        <textarea id={detailsId} name="details" rows={3} maxLength={DETAILS_MAX} aria-describedby={[`${detailsId}-hint`, detailsError ? `${detailsId}-error` : ""].filter(Boolean).join(" ")} aria-invalid={detailsError ? "true" : undefined}>
          {values.details ?? ""}
        </textarea>
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary">
          {t("moderation.report.submit")}
        </button>
      </div>
    </form>
  );
}

/**
 * "Report" next to a resource or a comment. `inline`: a disclosure holding the form (one per page is
 * best: a long list of comments takes the plain link, which leads to the form's own page).
 */
export function ReportLink({ ctx, type, id, inline = false }: { ctx: RequestContext; type: string; id: number; inline?: boolean }) {
  const { t } = ctx;
  const href = reportPagePath(type, id);
  if (!inline || !ctx.user) {
    return (
      <a href={href} class="report-link" rel="nofollow">
        {t("moderation.report.link")}
      </a>
    );
  }
  return (
    <details class="report-disclosure">
      <summary>{t("moderation.report.link")}</summary>
      <div class="report-box" role="group" aria-label={t("moderation.report.title")}>
        <ReportForm ctx={ctx} type={type} id={id} idPrefix={`report-${type}-${id}`} />
      </div>
    </details>
  );
}

const titleText = (ctx: RequestContext, title: Target["title"]) => (typeof title === "string" ? title : localize(title, ctx.locale, ctx.org.defaultLocale).text);

/** The report form's own page (reached without JavaScript, and after signing in). */
export function ReportPage({ ctx, target, already, values, errors }: { ctx: RequestContext; target: Target; already: boolean; values?: FormProps["values"]; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <section class="report-page">
      <h1>{t("moderation.report.title")}</h1>
      <p>
        {t(target.label)}: <a href={target.url}>{titleText(ctx, target.title)}</a>
      </p>
      {already ? (
        <p class="notice" role="status">
          {t("moderation.report.already")}
        </p>
      ) : (
        <>
          <p>{t("moderation.report.intro")}</p>
          <ErrorSummary ctx={ctx} errors={errors} />
          <ReportForm ctx={ctx} type={target.type} id={target.id} idPrefix="field" values={values} errors={errors} />
        </>
      )}
      <p>
        <a href={target.url}>{t("moderation.report.back")}</a>
      </p>
    </section>
  );
}

/**
 * A moderator's "Hide" next to a comment or a resource nobody reported yet (show it to those whose
 * `resolveResource(...).moderator` is true); it comes back to `returnTo`.
 */
export function HideButton({ ctx, type, id, returnTo }: { ctx: RequestContext; type: string; id: number; returnTo: string }) {
  return (
    <form method="post" action="/admin/moderation/hide" class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="resourceType" value={type} />
      <input type="hidden" name="resourceId" value={String(id)} />
      <input type="hidden" name="return_to" value={returnTo} />
      <button type="submit" class="link-button">
        {ctx.t("moderation.decision.hide")}
      </button>
    </form>
  );
}

/** The notice on a hidden resource's page, for its author and staff (the public gets a 404). */
export function HiddenNotice({ ctx }: { ctx: RequestContext }) {
  return (
    <p class="preview-notice moderation-hidden-notice" role="note">
      {ctx.t("moderation.hidden.notice")}
    </p>
  );
}
