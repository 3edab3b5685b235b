/** Back-office views: census lists per space and the granted authorizations. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { Checkbox, CsrfField, Form, Select, Submit, TextArea } from "../../web/ui/forms";
import type { CensusListInfo } from "./census";
import type { CensusSecondAttribute } from "./schema";
import type { AuthorizationRow } from "./service";
import { regionKey } from "./views";
import { formatDateTime } from "../i18n/formats";

const HANDLERS = ["email_confirmed", "census", "age_residence"] as const;
const handlerLabel = (ctx: RequestContext, name: string) =>
  name === "census" ? ctx.t("verifications.census.name") : name === "age_residence" ? ctx.t("verifications.ageResidence.name") : name === "email_confirmed" ? ctx.t("verifications.emailConfirmed.name") : name;

export const formatDate = (ctx: RequestContext, d: Date) => formatDateTime(ctx.locale, d, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const title = (ctx: RequestContext, v: Translatable | null) => (v ? localize(v, ctx.locale, ctx.org.defaultLocale).text : "");

export interface CensusIndexRow {
  spaceId: number;
  title: Translatable;
  entryCount: number | null;
  uploadedAt: Date | null;
}

export function CensusIndexPage({ ctx, rows }: { ctx: RequestContext; rows: CensusIndexRow[] }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("verifications.admin.census.title")}</h1>
      <p>{t("verifications.admin.census.intro")}</p>
      {rows.length === 0 ? (
        <p>{t("verifications.admin.census.noSpaces")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("verifications.admin.census.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("verifications.admin.col.space")}</th>
              <th scope="col">{t("verifications.admin.col.entries")}</th>
              <th scope="col">{t("verifications.admin.col.updated")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{title(ctx, r.title)}</td>
                <td>{r.entryCount === null ? t("verifications.admin.census.none") : r.entryCount}</td>
                <td>{r.uploadedAt ? formatDate(ctx, r.uploadedAt) : ""}</td>
                <td>
                  <a href={`/admin/census/${r.spaceId}`}>{t("verifications.admin.census.manage", { space: title(ctx, r.title) })}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface CensusUploadData {
  spaceId: number;
  spaceTitle: Translatable;
  current: CensusListInfo | null;
  values?: { secondAttribute?: string; hasHeader?: boolean; csv?: string };
  errors?: FieldErrors;
}

export function CensusUploadPage({ ctx, data }: { ctx: RequestContext; data: CensusUploadData }) {
  const { t } = ctx;
  const space = title(ctx, data.spaceTitle);
  const kinds: CensusSecondAttribute[] = ["birth_date", "text"];
  return (
    <>
      <h1>{t("verifications.admin.census.spaceTitle", { space })}</h1>
      <p>
        {data.current
          ? t("verifications.admin.census.current", { count: data.current.entryCount, date: formatDate(ctx, data.current.uploadedAt) })
          : t("verifications.admin.census.noneYet")}
      </p>
      {data.current && <p>{t("verifications.admin.census.claimed", { count: data.current.claimed })}</p>}
      <p class="hint">{t("verifications.census.privacy")}</p>
      <h2>{t("verifications.admin.census.uploadHeading")}</h2>
      <p>{t("verifications.admin.census.replaceWarning")}</p>
      <Form ctx={ctx} action={`/admin/census/${data.spaceId}`} errors={data.errors} enctype="multipart/form-data">
        <Select
          ctx={ctx}
          name="secondAttribute"
          label={t("verifications.admin.census.secondAttribute")}
          value={data.values?.secondAttribute ?? data.current?.secondAttribute ?? "birth_date"}
          options={kinds.map((k) => ({ value: k, label: t(k === "birth_date" ? "verifications.census.birthDate" : "verifications.admin.census.kindText") }))}
          errors={data.errors}
          required
        />
        <div class={`field${data.errors?.file ? " field-error" : ""}`}>
          <label for="field-file">{t("verifications.admin.census.file")}</label>
          <p id="field-file-hint" class="hint">{t("verifications.admin.census.fileHint")}</p>
          <input id="field-file" name="file" type="file" accept=".csv,text/csv,text/plain" aria-describedby="field-file-hint" />
        </div>
        <TextArea ctx={ctx} name="csv" label={t("verifications.admin.census.paste")} hint={t("verifications.admin.census.pasteHint")} value={data.values?.csv} errors={data.errors} rows={8} />
        <Checkbox ctx={ctx} name="hasHeader" label={t("verifications.admin.census.hasHeader")} checked={data.values?.hasHeader ?? true} errors={data.errors} />
        <Submit>{t("verifications.admin.census.submit")}</Submit>
      </Form>
      <p><a href="/admin/census">{t("verifications.admin.census.back")}</a></p>
    </>
  );
}

function Details({ ctx, row }: { ctx: RequestContext; row: AuthorizationRow }) {
  const m = row.metadata;
  if (row.handler === "age_residence") return <>{ctx.t("verifications.ageResidence.declared", { year: String(m.birthYear ?? ""), region: ctx.t(regionKey(String(m.region ?? ""))) })}</>;
  return null;
}

export function AuthorizationsPage({ ctx, data }: { ctx: RequestContext; data: { handler: string | undefined; rows: AuthorizationRow[]; next: number | null } }) {
  const { t } = ctx;
  const more = (before: number) => `/admin/verifications?${new URLSearchParams({ ...(data.handler ? { handler: data.handler } : {}), before: String(before) }).toString()}`;
  return (
    <>
      <h1>{t("verifications.admin.auth.title")}</h1>
      <p>{t("verifications.admin.auth.intro")}</p>
      <form method="get" action="/admin/verifications" class="form filter-form">
        <Select
          ctx={ctx}
          name="handler"
          label={t("verifications.admin.auth.method")}
          value={data.handler ?? ""}
          options={[{ value: "", label: t("verifications.admin.auth.all") }, ...HANDLERS.map((h) => ({ value: h, label: handlerLabel(ctx, h) }))]}
        />
        <div class="form-actions"><button type="submit" class="button">{t("verifications.admin.auth.filter")}</button></div>
      </form>
      {data.rows.length === 0 ? (
        <p>{t("verifications.admin.auth.none")}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t("verifications.admin.auth.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("verifications.admin.col.person")}</th>
              <th scope="col">{t("verifications.admin.auth.method")}</th>
              <th scope="col">{t("verifications.admin.col.space")}</th>
              <th scope="col">{t("verifications.admin.col.details")}</th>
              <th scope="col">{t("verifications.admin.col.granted")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr>
                <td>{r.userName}{r.userEmail ? <><br /><small>{r.userEmail}</small></> : null}</td>
                <td>{handlerLabel(ctx, r.handler)}</td>
                <td>{title(ctx, r.spaceTitle)}</td>
                <td><Details ctx={ctx} row={r} /></td>
                <td>{formatDate(ctx, r.grantedAt)}</td>
                <td>
                  <form method="post" action={`/admin/verifications/${r.id}/revoke`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button button-danger">{t("verifications.admin.auth.revoke", { person: r.userName })}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label={t("verifications.admin.auth.pages")} class="pagination">
        {data.next !== null && <a href={more(data.next)}>{t("verifications.admin.auth.older")}</a>}
      </nav>
    </>
  );
}
