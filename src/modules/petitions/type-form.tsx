/**
 * The petition type form. It renders from a saved type or from what the administrator just sent, so a
 * refused form comes back with every value as typed (nothing is lost to a validation error).
 */
import { stringList } from "../../core/components/form-values";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { LOCALE_NAMES, LOCALES, type Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { ALL_REGIONS } from "../../core/verifications/regions";
import { Checkbox, CheckboxGroup, Form, Select, Submit, TextArea, TextField } from "../../web/ui/forms";
import { regionLabel } from "./labels";
import { BRUSSELS_COMMITTEE } from "./committee-rules";
import { SIGNER_FIELDS, type PetitionTypeRow } from "./schema";

export interface TypeFormValues {
  title: Translatable;
  threshold: string;
  quota: Record<string, string>;
  minAge: string;
  residence: string[];
  signingDays: string;
  coSponsorsRequired: string;
  allowWithdrawal: boolean;
  verification: string;
  signerFields: string[];
  criteria: string;
  reviewDays: string;
  answerDays: string;
  committee: boolean;
  drawnSeats: string;
  electedSeats: string;
  resubmissionMonths: string;
}

export const NEW_TYPE: TypeFormValues = {
  title: {},
  threshold: "",
  quota: {},
  minAge: "16",
  residence: [],
  signingDays: "180",
  coSponsorsRequired: "0",
  allowWithdrawal: true,
  verification: "email",
  signerFields: [...SIGNER_FIELDS],
  criteria: "",
  reviewDays: "30",
  answerDays: "180",
  committee: false,
  drawnSeats: String(BRUSSELS_COMMITTEE.drawnSeats),
  electedSeats: String(BRUSSELS_COMMITTEE.electedSeats),
  resubmissionMonths: String(BRUSSELS_COMMITTEE.resubmissionMonths),
};

export function formValuesOfType(type: PetitionTypeRow, ctx: RequestContext): TypeFormValues {
  return {
    title: type.title,
    threshold: String(type.threshold),
    quota: Object.fromEntries(Object.entries(type.regionThresholds).map(([r, n]) => [r, String(n)])),
    minAge: String(type.minAge),
    residence: type.residenceRegions,
    signingDays: String(type.signingDays),
    coSponsorsRequired: String(type.coSponsorsRequired),
    allowWithdrawal: type.allowWithdrawal,
    verification: type.verification,
    signerFields: type.signerFields,
    criteria: type.criteria.map((c) => localize(c.label, ctx.locale, ctx.org.defaultLocale).text).join("\n"),
    reviewDays: String(type.reviewDays),
    answerDays: String(type.answerDays),
    committee: type.committee !== null,
    drawnSeats: String((type.committee ?? BRUSSELS_COMMITTEE).drawnSeats),
    electedSeats: String((type.committee ?? BRUSSELS_COMMITTEE).electedSeats),
    resubmissionMonths: String((type.committee ?? BRUSSELS_COMMITTEE).resubmissionMonths),
  };
}


/** The values as posted (body with nested names already grouped: title.fr -> title: {fr}). */
export function formValuesOfBody(body: Record<string, unknown>): TypeFormValues {
  const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  const group = (k: string): Record<string, string> => {
    const v = body[k];
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
  };
  return {
    title: group("title"),
    threshold: str("threshold"),
    quota: group("quota"),
    minAge: str("minAge"),
    residence: stringList(body.residence),
    signingDays: str("signingDays"),
    coSponsorsRequired: str("coSponsorsRequired"),
    allowWithdrawal: body.allowWithdrawal === "on",
    verification: str("verification"),
    signerFields: stringList(body.signerFields),
    criteria: str("criteria"),
    reviewDays: str("reviewDays"),
    answerDays: str("answerDays"),
    committee: body.committee === "on",
    drawnSeats: str("drawnSeats"),
    electedSeats: str("electedSeats"),
    resubmissionMonths: str("resubmissionMonths"),
  };
}

export function TypeFormPage({ ctx, action, v, errors, title }: { ctx: RequestContext; action: string; v: TypeFormValues; errors?: FieldErrors | undefined; title: string }) {
  const { t } = ctx;
  return (
    <div>
      <h1>{title}</h1>
      <Form ctx={ctx} action={action} errors={errors}>
        {LOCALES.map((l) => (
          <TextField ctx={ctx} name={`title.${l}`} label={t("petitions.admin.typeTitle", { language: LOCALE_NAMES[l] })} value={v.title[l]} errors={errors} />
        ))}
        <TextField ctx={ctx} name="threshold" type="number" label={t("petitions.admin.threshold")} value={v.threshold} errors={errors} required />
        {ALL_REGIONS.map((r) => (
          <TextField ctx={ctx} name={`quota.${r}`} type="number" label={t("petitions.admin.quota", { region: regionLabel(t, r) })} value={v.quota[r] ?? "0"} errors={errors} />
        ))}
        <TextField ctx={ctx} name="minAge" type="number" label={t("petitions.admin.minAge")} value={v.minAge} errors={errors} />
        <CheckboxGroup ctx={ctx} name="residence" legend={t("petitions.admin.residence")} options={ALL_REGIONS.map((r) => ({ value: r, label: regionLabel(t, r) }))} checked={v.residence} errors={errors} />
        <TextField ctx={ctx} name="signingDays" type="number" label={t("petitions.admin.signingDays")} value={v.signingDays} errors={errors} />
        <TextField ctx={ctx} name="coSponsorsRequired" type="number" label={t("petitions.admin.coSponsors")} value={v.coSponsorsRequired} errors={errors} />
        <Checkbox ctx={ctx} name="allowWithdrawal" label={t("petitions.admin.allowWithdrawal")} checked={v.allowWithdrawal} />
        <Select
          ctx={ctx}
          name="verification"
          label={t("petitions.admin.verification")}
          value={v.verification}
          options={(["email", "account", "age_residence"] as const).map((x) => ({ value: x, label: t(`petitions.admin.verification.${x}`) }))}
        />
        <CheckboxGroup
          ctx={ctx}
          name="signerFields"
          legend={t("petitions.admin.signerFields")}
          options={SIGNER_FIELDS.map((f) => ({ value: f, label: t(`petitions.admin.signerField.${f}`) }))}
          checked={v.signerFields}
          errors={errors}
        />
        <TextArea ctx={ctx} name="criteria" label={t("petitions.admin.criteriaText")} value={v.criteria} errors={errors} />
        <TextField ctx={ctx} name="reviewDays" type="number" label={t("petitions.admin.reviewDays")} value={v.reviewDays} errors={errors} />
        <TextField ctx={ctx} name="answerDays" type="number" label={t("petitions.admin.answerDays")} value={v.answerDays} errors={errors} />
        <fieldset>
          <legend>{t("petitions.admin.committee.legend")}</legend>
          <Checkbox ctx={ctx} name="committee" label={t("petitions.admin.committee.enabled")} checked={v.committee} />
          <TextField ctx={ctx} name="drawnSeats" type="number" label={t("petitions.admin.committee.drawnSeats")} value={v.drawnSeats} errors={errors} />
          <TextField ctx={ctx} name="electedSeats" type="number" label={t("petitions.admin.committee.electedSeats")} value={v.electedSeats} errors={errors} />
          <TextField ctx={ctx} name="resubmissionMonths" type="number" label={t("petitions.admin.committee.resubmissionMonths")} value={v.resubmissionMonths} errors={errors} />
        </fieldset>
        <Submit>{t("petitions.admin.typeSave")}</Submit>
      </Form>
    </div>
  );
}
