/** The participant's verification pages: the overview and one form per handler. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import type { MessageKey } from "../i18n/catalogues";
import { localize } from "../i18n/translator";
import type { Translatable } from "../i18n/locales";
import { Form, Select, Submit, TextField } from "../../web/ui/forms";
import { COUNTRIES } from "./regions";
import type { CensusSecondAttribute } from "./schema";
import type { AuthorizationMetadata } from "./service";

// Every region and country of the tables in regions.ts has its message (handlers/options.test.ts checks it).
export const regionKey = (code: string) => `verifications.region.${code}` as MessageKey;
export const countryKey = (code: string) => `verifications.country.${code}` as MessageKey;

const withReturn = (path: string, returnTo: string | null, spaceId?: number) => {
  const q = new URLSearchParams();
  if (spaceId !== undefined) q.set("space", String(spaceId));
  if (returnTo) q.set("return_to", returnTo);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};

/** The census form of one space's list, coming back to `returnTo` afterwards. */
export const censusFormPath = (spaceId: number, returnTo: string | null) => withReturn("/verifications/census", returnTo, spaceId);

/** /verifications/census without a space: the lists this person may verify against. */
export function CensusChoicePage({ ctx, lists, returnTo }: { ctx: RequestContext; lists: Array<{ spaceId: number; title: Translatable; verified: boolean }>; returnTo: string | null }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("verifications.census.chooseTitle")}</h1>
      <p>{t("verifications.census.description")}</p>
      {lists.length === 0 ? (
        <p>{t("verifications.census.noLists")}</p>
      ) : (
        <>
          <p>{t("verifications.census.chooseIntro")}</p>
          <ul class="verification-list">
            {lists.map((l) => {
              const space = localize(l.title, ctx.locale, ctx.org.defaultLocale).text;
              return (
                <li>
                  <h2>{space}</h2>
                  <p>
                    <Status ctx={ctx} verified={l.verified} />
                  </p>
                  {!l.verified && (
                    <p>
                      <a href={censusFormPath(l.spaceId, returnTo)}>{t("verifications.census.verifyIn", { space })}</a>
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p>
        <a href={returnTo ?? "/verifications"}>{t(returnTo ? "common.back" : "verifications.backToList")}</a>
      </p>
    </>
  );
}

export interface OverviewData {
  emailConfirmed: boolean;
  ageResidence: AuthorizationMetadata | null;
  census: Array<{ spaceId: number; title: Translatable; verified: boolean }>;
}

function Status({ ctx, verified }: { ctx: RequestContext; verified: boolean }) {
  return <span class={`badge verification-${verified ? "ok" : "pending"}`}>{ctx.t(verified ? "verifications.status.verified" : "verifications.status.notVerified")}</span>;
}

export function OverviewPage({ ctx, data }: { ctx: RequestContext; data: OverviewData }) {
  const { t } = ctx;
  const title = (v: Translatable) => localize(v, ctx.locale, ctx.org.defaultLocale).text;
  return (
    <>
      <h1>{t("verifications.index.title")}</h1>
      <p>{t("verifications.index.intro")}</p>
      <ul class="verification-list">
        <li>
          <h2>{t("verifications.emailConfirmed.name")}</h2>
          <p><Status ctx={ctx} verified={data.emailConfirmed} /></p>
          <p>{t("verifications.emailConfirmed.description")}</p>
          {!data.emailConfirmed && <p><a href="/verifications/email_confirmed">{t("verifications.emailConfirmed.how")}</a></p>}
        </li>
        <li>
          <h2>{t("verifications.ageResidence.name")}</h2>
          <p><Status ctx={ctx} verified={data.ageResidence !== null} /></p>
          <p>{t("verifications.ageResidence.description")}</p>
          {data.ageResidence && (
            <p>{t("verifications.ageResidence.declared", { year: String(data.ageResidence.birthYear ?? ""), region: t(regionKey(String(data.ageResidence.region ?? ""))) })}</p>
          )}
          <p><a href="/verifications/age_residence">{t(data.ageResidence ? "verifications.ageResidence.update" : "verifications.verify")}</a></p>
        </li>
        <li>
          <h2>{t("verifications.census.name")}</h2>
          <p>{t("verifications.census.description")}</p>
          {data.census.length === 0 ? (
            <p>{t("verifications.census.noLists")}</p>
          ) : (
            <ul>
              {data.census.map((c) => (
                <li>
                  {title(c.title)} <Status ctx={ctx} verified={c.verified} />{" "}
                  {!c.verified && <a href={withReturn("/verifications/census", null, c.spaceId)}>{t("verifications.census.verifyIn", { space: title(c.title) })}</a>}
                </li>
              ))}
            </ul>
          )}
        </li>
      </ul>
    </>
  );
}

export function EmailConfirmedPage({ ctx, returnTo }: { ctx: RequestContext; returnTo: string | null }) {
  const { t } = ctx;
  const confirmed = ctx.user?.emailConfirmed ?? false;
  return (
    <>
      <h1>{t("verifications.emailConfirmed.name")}</h1>
      {confirmed ? (
        <p>{t("verifications.emailConfirmed.done")}</p>
      ) : (
        <>
          <p>{t("verifications.emailConfirmed.pending", { email: ctx.user?.email ?? "" })}</p>
          <p><a href="/users/confirm/resend">{t("verifications.emailConfirmed.resend")}</a></p>
        </>
      )}
      <p>
        <a href={returnTo ?? "/verifications"}>{t(returnTo ? "verifications.continue" : "verifications.backToList")}</a>
      </p>
    </>
  );
}

export function NoCensusPage({ ctx, returnTo }: { ctx: RequestContext; returnTo: string | null }) {
  return (
    <>
      <h1>{ctx.t("verifications.census.name")}</h1>
      <p>{ctx.t("verifications.census.noList")}</p>
      <p><a href={returnTo ?? "/verifications"}>{ctx.t(returnTo ? "common.back" : "verifications.backToList")}</a></p>
    </>
  );
}

export interface CensusFormData {
  spaceId: number;
  spaceTitle: Translatable;
  secondAttribute: CensusSecondAttribute;
  returnTo: string | null;
  values?: { identifier?: string; second?: string };
  errors?: FieldErrors;
}

export function CensusPage({ ctx, data }: { ctx: RequestContext; data: CensusFormData }) {
  const { t } = ctx;
  const space = localize(data.spaceTitle, ctx.locale, ctx.org.defaultLocale).text;
  const birth = data.secondAttribute === "birth_date";
  return (
    <>
      <h1>{t("verifications.census.title", { space })}</h1>
      <p>{t("verifications.census.intro")}</p>
      <Form ctx={ctx} action={withReturn("/verifications/census", data.returnTo, data.spaceId)} errors={data.errors}>
        <TextField ctx={ctx} name="identifier" label={t("verifications.census.identifier")} hint={t("verifications.census.identifierHint")} value={data.values?.identifier} errors={data.errors} required autocomplete="off" />
        <TextField
          ctx={ctx}
          name="second"
          label={t(birth ? "verifications.census.birthDate" : "verifications.census.secondText")}
          hint={birth ? t("verifications.dateHint") : t("verifications.census.secondTextHint")}
          value={data.values?.second}
          errors={data.errors}
          required
          autocomplete={birth ? "bday" : "off"}
        />
        <Submit>{t("verifications.verify")}</Submit>
      </Form>
      <p class="hint">{t("verifications.census.privacy")}</p>
    </>
  );
}

export interface AgeResidenceFormData {
  returnTo: string | null;
  values?: { birthDate?: string; country?: string; postalCode?: string };
  errors?: FieldErrors;
}

export function AgeResidencePage({ ctx, data }: { ctx: RequestContext; data: AgeResidenceFormData }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("verifications.ageResidence.name")}</h1>
      <p>{t("verifications.ageResidence.intro")}</p>
      <Form ctx={ctx} action={withReturn("/verifications/age_residence", data.returnTo)} errors={data.errors}>
        <TextField ctx={ctx} name="birthDate" type="date" label={t("verifications.ageResidence.birthDate")} hint={t("verifications.dateHint")} value={data.values?.birthDate} errors={data.errors} required autocomplete="bday" />
        <Select
          ctx={ctx}
          name="country"
          label={t("verifications.ageResidence.country")}
          value={data.values?.country ?? "BE"}
          options={COUNTRIES.map((c) => ({ value: c, label: t(countryKey(c)) }))}
          errors={data.errors}
          required
        />
        <TextField ctx={ctx} name="postalCode" label={t("verifications.ageResidence.postalCode")} hint={t("verifications.ageResidence.postalCodeHint")} value={data.values?.postalCode} errors={data.errors} required autocomplete="postal-code" inputmode="numeric" />
        <Submit>{t("verifications.ageResidence.submit")}</Submit>
      </Form>
      <p class="hint">{t("verifications.ageResidence.privacy")}</p>
    </>
  );
}
