/** The newsletter back office and the unsubscribe pages. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { LOCALE_NAMES, LOCALES, type Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { TranslatableField } from "../components/fields";
import { CheckboxGroup, CsrfField, ErrorSummary, Form, Submit } from "../../web/ui/forms";
import type { NewsletterRow } from "./schema";
import { formatDateTime } from "../i18n/formats";

const date = (ctx: RequestContext, d: Date) => formatDateTime(ctx.locale, d, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" });

export function NewslettersPage({ ctx, rows, subscribers }: { ctx: RequestContext; rows: NewsletterRow[]; subscribers: number }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("newsletters.title")}</h1>
      <p>{t("newsletters.subscribers", { count: subscribers })}</p>
      <p>
        <a class="button" href="/admin/newsletters/new">
          {t("newsletters.new")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("newsletters.empty")}</p>
      ) : (
        <table class="admin-table">
          <caption class="visually-hidden">{t("newsletters.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("newsletters.subject")}</th>
              <th scope="col">{t("newsletters.status")}</th>
              <th scope="col">{t("newsletters.recipients")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr>
                <td>
                  <a href={`/admin/newsletters/${n.id}`}>{localize(n.subject, ctx.locale, ctx.org.defaultLocale).text}</a>
                </td>
                <td>{n.status === "sent" && n.sentAt ? t("newsletters.sentOn", { date: date(ctx, n.sentAt) }) : t("newsletters.draft")}</td>
                <td>{n.status === "sent" ? n.recipients : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function NewsletterForm({ ctx, action, values, errors, heading }: { ctx: RequestContext; action: string; values: { subject?: Translatable; body?: Translatable }; errors?: FieldErrors | undefined; heading: string }) {
  const { t } = ctx;
  return (
    <>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="subject" label={t("newsletters.subject")} value={values.subject} errors={errors} required />
        <TranslatableField ctx={ctx} name="body" label={t("newsletters.body")} hint={t("newsletters.bodyHint")} value={values.body} errors={errors} multiline rows={12} required />
        <Submit>{t("newsletters.saveDraft")}</Submit>
      </Form>
    </>
  );
}

export interface SpaceChoice {
  id: number;
  title: Translatable;
}

export function NewsletterPage({ ctx, row, html, progress, spaces, errors }: { ctx: RequestContext; row: NewsletterRow; html: string; progress: { queued: number; total: number } | null; spaces: SpaceChoice[]; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const subject = localize(row.subject, ctx.locale, ctx.org.defaultLocale);
  const missing = LOCALES.filter((l) => !row.subject[l] || !row.body[l]);
  const base = `/admin/newsletters/${row.id}`;
  return (
    <>
      <h1>{t("newsletters.preview", { subject: subject.text })}</h1>
      {missing.length > 0 && <p class="notice">{t("newsletters.missingLanguages", { languages: missing.map((l) => LOCALE_NAMES[l]).join(", ") })}</p>}
      <section aria-labelledby="preview-title" class="newsletter-preview">
        <h2 id="preview-title">{t("newsletters.previewTitle")}</h2>
        <div class="rich-text" lang={subject.locale} dangerouslySetInnerHTML={{ __html: html }} />
      </section>
      {row.status === "sent" ? (
        <>
          <ErrorSummary ctx={ctx} errors={errors} />
          <p>
            {t("newsletters.sentTo", { count: row.recipients, date: row.sentAt ? date(ctx, row.sentAt) : "" })} {progress && t("newsletters.progress", { queued: progress.queued, total: progress.total })}
          </p>
        </>
      ) : (
        <>
          <p>
            <a href={`${base}/edit`}>{t("common.edit")}</a>
          </p>
          <form method="post" action={`${base}/test`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {t("newsletters.sendTest")}
            </button>
          </form>
          <section aria-labelledby="send-title">
            <h2 id="send-title">{t("newsletters.sendTitle")}</h2>
            <Form ctx={ctx} action={`${base}/send`} errors={errors}>
              <fieldset id="field-audience" class="field-group">
                <legend>{t("newsletters.audience")}</legend>
                <div class="field field-checkbox">
                  <input type="radio" id="audience-all" name="audience" value="all" checked />
                  <label for="audience-all">{t("newsletters.audience.all")}</label>
                </div>
                <div class="field field-checkbox">
                  <input type="radio" id="audience-spaces" name="audience" value="spaces" />
                  <label for="audience-spaces">{t("newsletters.audience.spaces")}</label>
                </div>
              </fieldset>
              <CheckboxGroup ctx={ctx} name="spaceIds" legend={t("newsletters.spaces")} options={spaces.map((s) => ({ value: String(s.id), label: localize(s.title, ctx.locale, ctx.org.defaultLocale).text }))} checked={[]} errors={errors} />
              <Submit>{t("newsletters.reviewSend")}</Submit>
            </Form>
          </section>
        </>
      )}
    </>
  );
}

/** The last step before sending: how many people it reaches, then one button. */
export function ConfirmSendPage({ ctx, row, audience, count }: { ctx: RequestContext; row: NewsletterRow; audience: { kind: string; spaceIds: number[] }; count: number }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("newsletters.confirmTitle")}</h1>
      <p>{t("newsletters.confirmIntro", { subject: localize(row.subject, ctx.locale, ctx.org.defaultLocale).text, count })}</p>
      <form method="post" action={`/admin/newsletters/${row.id}/send`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="audience" value={audience.kind} />
        {audience.spaceIds.map((id) => (
          <input type="hidden" name="spaceIds" value={String(id)} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="button button-primary" disabled={count === 0}>
          {t("newsletters.confirmSend", { count })}
        </button>
      </form>
      <p>
        <a href={`/admin/newsletters/${row.id}`}>{t("newsletters.back")}</a>
      </p>
    </>
  );
}

export function UnsubscribePage({ ctx, action, done }: { ctx: RequestContext; action: string; done: boolean }) {
  const { t } = ctx;
  return (
    <section class="account-page">
      <h1>{t("newsletters.unsubscribe.title")}</h1>
      {done ? (
        <>
          <p>{t("newsletters.unsubscribe.done")}</p>
          <p>
            <a href="/account">{t("newsletters.unsubscribe.account")}</a>
          </p>
        </>
      ) : (
        <form method="post" action={action}>
          <CsrfField ctx={ctx} />
          <p>{t("newsletters.unsubscribe.intro")}</p>
          <button type="submit" class="button button-primary">
            {t("newsletters.unsubscribe.submit")}
          </button>
        </form>
      )}
    </section>
  );
}
