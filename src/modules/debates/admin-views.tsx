/** The back office of the debates component: the list, the organization's debate form, closing and reopening. */
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { CsrfField, Form, Submit, TextField } from "../../web/ui/forms";
import type { DebateDetails, DebateListItem } from "./queries";
import { formatDay, Paragraphs, text } from "./view-parts";

export function AdminListPage({ ctx, base, publicBase, componentName, items, page, hasNext }: { ctx: RequestContext; base: string; publicBase: string; componentName: string; items: Array<DebateListItem & { hidden: boolean }>; page: number; hasNext: boolean }) {
  const { t } = ctx;
  return (
    <>
      <h1>{componentName}</h1>
      <p>
        <a class="button" href={`${base}/new`}>
          {t("debates.admin.new")}
        </a>{" "}
        <a href={publicBase}>{t("debates.admin.publicPage")}</a>
      </p>
      {items.length === 0 ? (
        <p>{t("debates.admin.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{componentName}</caption>
          <thead>
            <tr>
              <th scope="col">{t("debates.form.title")}</th>
              <th scope="col">{t("debates.admin.author")}</th>
              <th scope="col">{t("debates.admin.state")}</th>
              <th scope="col">{t("debates.admin.comments")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => {
              const title = text(ctx, d.title);
              return (
                <tr>
                  <td lang={title.lang}>
                    <a href={`${publicBase}/${d.id}`}>{title.text}</a>
                  </td>
                  <td>{d.official ? t("debates.by.organization") : (d.authorName ?? t("accounts.deletedParticipant"))}</td>
                  <td>
                    {t(d.closedAt ? "debates.badge.closed" : "debates.badge.open")}
                    {d.hidden ? ` · ${t("debates.admin.hidden")}` : ""}
                  </td>
                  <td>{d.commentsCount}</td>
                  <td>
                    {d.official && (
                      <>
                        <a href={`${base}/${d.id}/edit`}>{t("debates.admin.edit", { title: title.text })}</a>{" "}
                      </>
                    )}
                    <a href={`${base}/${d.id}/close`}>{t(d.closedAt ? "debates.admin.editConclusion" : "debates.admin.close", { title: title.text })}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {(page > 1 || hasNext) && (
        <nav class="pager" aria-label={t("debates.pager.label")}>
          {page > 1 && <a href={`${base}?page=${page - 1}`}>{t("debates.pager.previous")}</a>} <span>{t("debates.pager.position", { page })}</span> {hasNext && <a href={`${base}?page=${page + 1}`}>{t("debates.pager.next")}</a>}
        </nav>
      )}
    </>
  );
}

export interface OfficialValues {
  title?: Translatable;
  description?: Translatable;
  instructions?: Translatable;
  startAt?: string;
  endAt?: string;
}

/** A `datetime-local` value of a date (UTC, as the form reads it back). */
export const localValue = (d: Date | null): string => (d ? d.toISOString().slice(0, 16) : "");

export function OfficialForm({ ctx, base, action, heading, values, errors }: { ctx: RequestContext; base: string; action: string; heading: string; values: OfficialValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <p>
        <a href={base}>{t("debates.admin.back")}</a>
      </p>
      <h1>{heading}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        <TranslatableField ctx={ctx} name="title" label={t("debates.form.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={t("debates.form.description")} hint={t("debates.form.plainText")} value={values.description} errors={errors} multiline rows={6} required />
        <TranslatableField ctx={ctx} name="instructions" label={t("debates.admin.instructions")} hint={t("debates.form.plainText")} value={values.instructions} errors={errors} multiline rows={3} />
        <TextField ctx={ctx} name="startAt" type="datetime-local" label={t("debates.admin.startAt")} hint={t("debates.admin.timeHint")} value={values.startAt} errors={errors} />
        <TextField ctx={ctx} name="endAt" type="datetime-local" label={t("debates.admin.endAt")} hint={t("debates.admin.timeHint")} value={values.endAt} errors={errors} />
        <Submit>{t("debates.admin.save")}</Submit>
      </Form>
    </>
  );
}

/** Closing (or correcting the conclusion of) a debate; reopening a closed one. */
export function CloseAdminPage({ ctx, base, d, values, errors }: { ctx: RequestContext; base: string; d: DebateDetails; values: { conclusion?: Translatable }; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const title = text(ctx, d.title);
  return (
    <>
      <p>
        <a href={base}>{t("debates.admin.back")}</a>
      </p>
      <h1>{t(d.closedAt ? "debates.admin.conclusionTitle" : "debates.admin.closeTitle")}</h1>
      <p lang={title.lang}>
        <strong>{title.text}</strong>
      </p>
      {d.closedAt && <p>{t("debates.conclusion.closedOn", { date: formatDay(ctx, d.closedAt) })}</p>}
      {!d.official && !d.closedAt && <Paragraphs text={text(ctx, d.description).text} />}
      <Form ctx={ctx} action={`${base}/${d.id}/close`} errors={errors}>
        <TranslatableField ctx={ctx} name="conclusion" label={t("debates.close.conclusion")} hint={t("debates.form.plainText")} value={values.conclusion} errors={errors} multiline rows={5} required />
        <Submit>{t(d.closedAt ? "debates.admin.saveConclusion" : "debates.close.submit")}</Submit>
      </Form>
      {d.closedAt && (
        <form method="post" action={`${base}/${d.id}/reopen`} class="form-actions">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button button-secondary">
            {t("debates.admin.reopen")}
          </button>
        </form>
      )}
    </>
  );
}
