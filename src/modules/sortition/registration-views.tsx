/** The registration form's pages: the letter's code (step 1), the questions and contact (step 2), done, closed. */
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { Checkbox, Form, RadioGroup, Submit, TextField } from "../../web/ui/forms";
import { STRATUM_FIELD, type RegistrationValues } from "./registration-inputs";
import type { RecruitmentRow } from "./registration-service";

const tr = (ctx: RequestContext, v: Parameters<typeof localize>[0]) => localize(v, ctx.locale, ctx.org.defaultLocale).text;

export const recruitmentTitle = (ctx: RequestContext, r: Pick<RecruitmentRow, "title">) => tr(ctx, r.title);

function Deadline({ ctx, r }: { ctx: RequestContext; r: RecruitmentRow }) {
  if (!r.registrationDeadline) return null;
  return <p>{ctx.t("sortition.register.deadline", { date: r.registrationDeadline.toISOString().slice(0, 10) })}</p>;
}

const CodeField = ({ ctx, code, errors }: { ctx: RequestContext; code: string; errors?: FieldErrors | undefined }) => (
  <TextField ctx={ctx} name="code" label={ctx.t("sortition.register.field.code")} hint={ctx.t("sortition.register.field.codeHint")} value={code} errors={errors} autocomplete="off" required />
);

/** Step 1: the code printed on the letter (or, when allowed, registering as a volunteer). */
export function CodeStep({ ctx, r, action, here, code, errors }: { ctx: RequestContext; r: RecruitmentRow; action: string; here: string; code: string; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{recruitmentTitle(ctx, r)}</h1>
      <p class="step">{t("sortition.register.step", { n: 1, of: 2 })}</p>
      <p>{t("sortition.register.intro")}</p>
      <Deadline ctx={ctx} r={r} />
      <Form ctx={ctx} action={action} errors={errors}>
        <CodeField ctx={ctx} code={code} errors={errors} />
        <Submit>{t("sortition.register.continue")}</Submit>
      </Form>
      {r.volunteersOpen && (
        <section aria-labelledby="volunteer-title">
          <h2 id="volunteer-title">{t("sortition.register.volunteerTitle")}</h2>
          <p>{t("sortition.register.volunteerIntro")}</p>
          <p>
            <a class="button button-secondary" href={`${here}?volunteer=1`}>
              {t("sortition.register.volunteer")}
            </a>
          </p>
        </section>
      )}
    </section>
  );
}

/** The questions (one radio group per stratum), the contact and the consent: shared by the public and the phone forms. */
export function RegistrationFields({ ctx, r, values, errors, phone }: { ctx: RequestContext; r: RecruitmentRow; values: RegistrationValues; errors?: FieldErrors | undefined; phone: boolean }) {
  const { t } = ctx;
  const consent = tr(ctx, r.consentText);
  return (
    <>
      <fieldset>
        <legend>{t("sortition.register.aboutYou")}</legend>
        <p class="hint">{t("sortition.register.aboutYouHint")}</p>
        {r.strata.map((s) => (
          <RadioGroup ctx={ctx} name={STRATUM_FIELD(s.category)} legend={tr(ctx, s.label) || s.category} value={values.strata[s.category] ?? ""} errors={errors} options={s.options.map((o) => ({ value: o.value, label: tr(ctx, o.label) || o.value }))} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("sortition.register.contact")}</legend>
        <TextField ctx={ctx} name="name" label={t("sortition.register.field.name")} value={values.name} errors={errors} autocomplete="name" required />
        <TextField ctx={ctx} name="email" type="email" label={t("sortition.register.field.email")} hint={phone ? t("sortition.register.field.emailPhoneHint") : undefined} value={values.email} errors={errors} autocomplete="email" inputmode="email" required={!phone} />
        <TextField ctx={ctx} name="phone" type="tel" label={t("sortition.register.field.phone")} hint={t("sortition.register.field.phoneHint")} value={values.phone} errors={errors} autocomplete="tel" inputmode="tel" />
        <Checkbox ctx={ctx} name="showName" label={t("sortition.register.field.showName")} hint={t("sortition.register.field.showNameHint")} checked={values.showName} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t("sortition.register.consentTitle")}</legend>
        {consent && (
          <div class="consent-text" id="consent-text">
            {consent.split(/\n{2,}/).map((para) => (
              <p>{para}</p>
            ))}
          </div>
        )}
        <Checkbox ctx={ctx} name="consent" label={t(phone ? "sortition.register.field.consentPhone" : "sortition.register.field.consent")} checked={values.consent} errors={errors} />
      </fieldset>
    </>
  );
}

/** Step 2: the code carried on (shown, to correct it if refused), the questions, the contact and the consent. */
export function DetailsStep({ ctx, r, action, values, errors }: { ctx: RequestContext; r: RecruitmentRow; action: string; values: RegistrationValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const withCode = values.code !== "" || errors?.code !== undefined;
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{recruitmentTitle(ctx, r)}</h1>
      <p class="step">{t("sortition.register.step", { n: 2, of: 2 })}</p>
      {!withCode && <p>{t("sortition.register.asVolunteer")}</p>}
      <Form ctx={ctx} action={action} errors={errors}>
        {withCode ? <CodeField ctx={ctx} code={values.code} errors={errors} /> : <input type="hidden" name="code" value="" />}
        <RegistrationFields ctx={ctx} r={r} values={values} errors={errors} phone={false} />
        <Submit>{t("sortition.register.submit")}</Submit>
      </Form>
    </section>
  );
}

/** A page that only says something (registered, or closed), with the way back. */
function Notice({ ctx, heading, lines, back }: { ctx: RequestContext; heading: string; lines: string[]; back: string }) {
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{heading}</h1>
      {lines.map((line) => (
        <p>{line}</p>
      ))}
      <p>
        <a href={back}>{ctx.t("sortition.register.back")}</a>
      </p>
    </section>
  );
}

export const DonePage = ({ ctx, r, back }: { ctx: RequestContext; r: RecruitmentRow; back: string }) => (
  <Notice ctx={ctx} heading={ctx.t("sortition.register.doneTitle")} lines={[ctx.t("sortition.register.done", { title: recruitmentTitle(ctx, r) }), ctx.t("sortition.register.doneNext")]} back={back} />
);

export const ClosedPage = ({ ctx, r, back }: { ctx: RequestContext; r: RecruitmentRow; back: string }) => <Notice ctx={ctx} heading={recruitmentTitle(ctx, r)} lines={[ctx.t("sortition.register.closed")]} back={back} />;
