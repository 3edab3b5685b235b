/** Back-office views of texts: the list, a text's form (Markdown or a file), the preview, publishing, the history with its diffs. */
import { TranslatableField } from "../../core/components/fields";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { formatDateTime } from "../../core/i18n/formats";
import type { Translatable } from "../../core/i18n/locales";
import { LOCALE_NAMES } from "../../core/i18n/locales";
import { CsrfField, Form, Select, Submit, TextArea } from "../../web/ui/forms";
import type { TextSummary, VersionBlock, VersionRecord } from "./queries";
import { DiffView, TableOfContents, text, TextBody, type DiffRow } from "./views";

const date = (ctx: RequestContext, d: Date | null) => (d ? formatDateTime(ctx.locale, d, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) : "");

export function TextListPage({ ctx, base, publicBase, componentName, items }: { ctx: RequestContext; base: string; publicBase: string; componentName: string; items: TextSummary[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{componentName}</h1>
      <p class="admin-actions">
        <a class="button" href={`${base}/new`}>
          {t("texts.admin.new")}
        </a>{" "}
        <a href={publicBase}>{t("texts.admin.publicPage")}</a>
      </p>
      {items.length === 0 ? (
        <p>{t("texts.admin.empty")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("texts.admin.list")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("texts.admin.title")}</th>
              <th scope="col">{t("texts.admin.state")}</th>
              <th scope="col">{t("texts.admin.blocks")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((x) => {
              const title = text(ctx, x.title);
              const hidden = <span class="visually-hidden"> {title.text}</span>;
              return (
                <tr>
                  <td lang={title.lang}>{title.text}</td>
                  <td>
                    {x.currentNumber !== null && t("texts.admin.publishedVersion", { number: x.currentNumber })} {x.draftNumber !== null && <span class="badge">{t("texts.admin.draftVersion", { number: x.draftNumber })}</span>}
                  </td>
                  <td>{x.blocks}</td>
                  <td class="admin-actions">
                    <a href={`${base}/${x.id}/edit`}>
                      {t("texts.admin.editDraft")}
                      {hidden}
                    </a>{" "}
                    {x.currentNumber !== null && (
                      <form method="post" action={`${base}/${x.id}/apply-amendments`} class="inline-form">
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="link-button">
                          {t("texts.admin.applyAmendments")}
                          {hidden}
                        </button>
                      </form>
                    )}{" "}
                    {x.draftNumber !== null && (
                      <>
                        <a href={`${base}/${x.id}/preview`}>
                          {t("texts.admin.preview")}
                          {hidden}
                        </a>{" "}
                        <a href={`${base}/${x.id}/publish`}>
                          {t("texts.admin.publish")}
                          {hidden}
                        </a>{" "}
                      </>
                    )}
                    {x.currentNumber !== null && (
                      <>
                        <a href={`${base}/${x.id}/versions`}>
                          {t("texts.admin.history")}
                          {hidden}
                        </a>{" "}
                        <a href={`${publicBase}/texts/${x.id}`}>
                          {t("texts.admin.read")}
                          {hidden}
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface TextFormValues {
  /** Asked for a new text only. */
  locale?: string;
  title?: Translatable;
  description?: Translatable;
  source?: string;
}

export function TextFormPage({ ctx, base, heading, action, values, errors }: { ctx: RequestContext; base: string; heading: string; action: string; values: TextFormValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const fileError = errors?.file;
  return (
    <>
      <h1>{heading}</h1>
      <p>
        <a href={base}>{t("texts.admin.back")}</a>
      </p>
      <Form ctx={ctx} action={action} errors={errors} enctype="multipart/form-data">
        <TranslatableField ctx={ctx} name="title" label={t("texts.admin.title")} value={values.title} errors={errors} required />
        <TranslatableField ctx={ctx} name="description" label={t("texts.admin.description")} value={values.description} errors={errors} multiline rows={3} />
        {values.locale !== undefined && <Select ctx={ctx} name="locale" label={t("texts.admin.locale")} hint={t("texts.admin.localeHint")} value={values.locale} errors={errors} options={ctx.org.availableLocales.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} />}
        <TextArea ctx={ctx} name="source" label={t("texts.admin.source")} hint={t("texts.admin.sourceHint")} value={values.source} errors={errors} rows={24} />
        <div class={`field${fileError ? " field-error" : ""}`}>
          <label for="field-file">{t("texts.admin.file")}</label>
          <p id="field-file-hint" class="hint">
            {t("texts.admin.fileHint")}
          </p>
          {fileError && (
            <p id="field-file-error" class="error-message">
              {t(fileError.key, fileError.values)}
            </p>
          )}
          <input id="field-file" type="file" name="file" accept=".md,.markdown,.txt,.docx,.odt" aria-describedby={fileError ? "field-file-hint field-file-error" : "field-file-hint"} aria-invalid={fileError ? "true" : undefined} />
        </div>
        <Submit>{t("texts.admin.saveDraft")}</Submit>
      </Form>
    </>
  );
}

export function PreviewPage({ ctx, base, textId, title, locale, number, blocks }: { ctx: RequestContext; base: string; textId: number; title: Translatable; locale: string; number: number; blocks: VersionBlock[] }) {
  const { t } = ctx;
  const name = text(ctx, title);
  const counts = { same: 0, changed: 0, moved: 0, new: 0 };
  for (const b of blocks) counts[b.change]++;
  return (
    <>
      <h1>
        {t("texts.admin.previewTitle", { number })} — <span lang={name.lang}>{name.text}</span>
      </h1>
      <p class="admin-actions">
        <a href={`${base}/${textId}/edit`}>{t("texts.admin.editDraft")}</a> <a class="button" href={`${base}/${textId}/publish`}>{t("texts.admin.publish")}</a>
      </p>
      <p>{t("texts.admin.previewSummary", counts)}</p>
      <div class="text-preview">
        <TableOfContents ctx={ctx} locale={locale} blocks={blocks} />
        <TextBody ctx={ctx} locale={locale} blocks={blocks} showChange />
      </div>
    </>
  );
}

export function PublishPage({ ctx, base, textId, title, number, rows, values, errors }: { ctx: RequestContext; base: string; textId: number; title: Translatable; number: number; rows: DiffRow[] | null; values: { reason?: Translatable }; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const name = text(ctx, title);
  return (
    <>
      <h1>
        {t("texts.admin.publishTitle", { number })} — <span lang={name.lang}>{name.text}</span>
      </h1>
      <p>
        <a href={`${base}/${textId}/preview`}>{t("texts.admin.preview")}</a> · <a href={base}>{t("texts.admin.back")}</a>
      </p>
      <Form ctx={ctx} action={`${base}/${textId}/publish`} errors={errors}>
        <TranslatableField ctx={ctx} name="reason" label={t("texts.admin.reason")} hint={t("texts.admin.reasonHint")} value={values.reason} errors={errors} multiline rows={3} required />
        <Submit>{t("texts.admin.publishNow", { number })}</Submit>
      </Form>
      {rows && (
        <section aria-labelledby="publish-diff">
          <h2 id="publish-diff">{t("texts.admin.changesToPublish")}</h2>
          <DiffView ctx={ctx} rows={rows} locale="" />
        </section>
      )}
    </>
  );
}

export function HistoryPage({ ctx, base, textId, title, versions }: { ctx: RequestContext; base: string; textId: number; title: Translatable; versions: VersionRecord[] }) {
  const { t } = ctx;
  const name = text(ctx, title);
  return (
    <>
      <h1>
        {t("texts.versions.title")} — <span lang={name.lang}>{name.text}</span>
      </h1>
      <p>
        <a href={base}>{t("texts.admin.back")}</a>
      </p>
      <table>
        <caption class="visually-hidden">{t("texts.versions.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("texts.admin.version")}</th>
            <th scope="col">{t("texts.admin.publishedAt")}</th>
            <th scope="col">{t("texts.versions.reason")}</th>
            <th scope="col">{t("texts.admin.annotations")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const reason = text(ctx, v.reason);
            return (
              <tr>
                <td>{v.status === "draft" ? t("texts.admin.draftVersion", { number: v.number }) : v.number}</td>
                <td>{date(ctx, v.publishedAt)}</td>
                <td lang={reason.lang}>{reason.text}</td>
                <td>{v.reanchor ? t("texts.versions.reanchor", v.reanchor) : ""}</td>
                <td>{v.status === "published" && v.number > 1 && <a href={`${base}/${textId}/versions/${v.number}`}>{t("texts.read.changes")}</a>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export function VersionDiffPage({ ctx, base, textId, title, number, rows, locale }: { ctx: RequestContext; base: string; textId: number; title: Translatable; number: number; rows: DiffRow[]; locale: string }) {
  const { t } = ctx;
  const name = text(ctx, title);
  return (
    <>
      <h1>
        {t("texts.diff.title", { number, previous: number - 1 })} — <span lang={name.lang}>{name.text}</span>
      </h1>
      <p>
        <a href={`${base}/${textId}/versions`}>{t("texts.versions.title")}</a>
      </p>
      <DiffView ctx={ctx} rows={rows} locale={locale} />
    </>
  );
}
