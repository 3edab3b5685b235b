/** The organization settings form. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { LOCALE_NAMES, LOCALES, type Locale } from "../i18n/locales";
import { Form, Select, Submit, TextArea, TextField } from "../../web/ui/forms";

export interface SettingsValues {
  name: Partial<Record<Locale, string>>;
  description: Partial<Record<Locale, string>>;
  termsOfUse: Partial<Record<Locale, string>>;
  defaultLocale: string;
  availableLocales: string[];
  host: string;
  /** Reports from different people that hide a thing until reviewed (moderation). */
  reportThreshold?: string | number;
  commentMaxLength?: string | number;
}

/** A group of checkboxes with one legend, its error shown under the legend (and in the summary). */
function LocaleChoices({ ctx, values, errors }: { ctx: RequestContext; values: string[]; errors?: FieldErrors | undefined }) {
  const error = errors?.availableLocales;
  return (
    <fieldset class={`field${error ? " field-error" : ""}`} id="field-availableLocales" aria-describedby={error ? "field-availableLocales-error" : undefined}>
      <legend>{ctx.t("organization.availableLocales")}</legend>
      {error && <p id="field-availableLocales-error" class="error-message">{ctx.t(error.key, error.values)}</p>}
      {LOCALES.map((l) => (
        <div class="field-checkbox">
          <input type="checkbox" id={`field-availableLocales-${l}`} name="availableLocales" value={l} checked={values.includes(l)} />
          <label for={`field-availableLocales-${l}`} lang={l}>{LOCALE_NAMES[l]}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function SettingsPage({ ctx, values, errors }: { ctx: RequestContext; values: SettingsValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("organization.title")}</h1>
      <p>{t("organization.intro")}</p>
      <Form ctx={ctx} action="/admin/organization" errors={errors}>
        <fieldset>
          <legend>{t("organization.names")}</legend>
          {LOCALES.map((l) => (
            <TextField ctx={ctx} name={`name_${l}`} label={t("organization.nameIn", { language: LOCALE_NAMES[l] })} value={values.name[l]} errors={errors} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("organization.descriptions")}</legend>
          {LOCALES.map((l) => (
            <TextArea ctx={ctx} name={`description_${l}`} label={t("organization.descriptionIn", { language: LOCALE_NAMES[l] })} value={values.description[l]} errors={errors} rows={3} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("organization.terms.legend")}</legend>
          <p class="hint">{t("organization.terms.hint")}</p>
          {LOCALES.map((l) => (
            <TextArea ctx={ctx} name={`terms_${l}`} label={t("organization.terms.in", { language: LOCALE_NAMES[l] })} value={values.termsOfUse[l]} errors={errors} rows={8} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("organization.languages")}</legend>
          <LocaleChoices ctx={ctx} values={values.availableLocales} errors={errors} />
          <Select
            ctx={ctx}
            name="defaultLocale"
            label={t("organization.defaultLocale")}
            hint={t("organization.defaultLocaleHint")}
            value={values.defaultLocale}
            options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            errors={errors}
            required
          />
        </fieldset>
        <TextField ctx={ctx} name="host" label={t("organization.host")} hint={t("organization.hostHint")} value={values.host} errors={errors} required />
        <TextField ctx={ctx} name="reportThreshold" type="number" inputmode="numeric" label={t("moderation.settings.threshold")} hint={t("moderation.settings.thresholdHint")} value={values.reportThreshold} errors={errors} />
        <TextField ctx={ctx} name="commentMaxLength" type="number" inputmode="numeric" label={t("comments.settings.organizationMaxLength")} hint={t("comments.settings.organizationMaxLengthHint")} value={values.commentMaxLength} errors={errors} />
        <Submit>{t("common.save")}</Submit>
      </Form>
    </>
  );
}

/** The public terms of use (sanitised Markdown), or a plain note while the organization has none. */
export function TermsPage({ ctx, html, lang, missing }: { ctx: RequestContext; html: string | null; lang: Locale; missing: boolean }) {
  const { t } = ctx;
  return (
    <article class="terms-page">
      <h1>{t("organization.terms.title")}</h1>
      {html === null ? (
        <p>{t("organization.terms.none")}</p>
      ) : (
        <>
          {missing && <p class="hint">{t("common.notInYourLanguage", { language: LOCALE_NAMES[lang] })}</p>}
          <div class="rich-text" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />
        </>
      )}
    </article>
  );
}
