/** The account page (profile, address, password, my data, delete) and the delete confirmation. */
import { listComponentManifests } from "../../components/registry";
import type { RequestContext } from "../../http/context";
import type { FieldErrors } from "../../http/result";
import { LOCALE_NAMES } from "../../i18n/locales";
import { Checkbox, CsrfField, Form, Select, Submit, TextField } from "../../../web/ui/forms";
import { MIN_PASSWORD_LENGTH } from "../passwords";
import { personalDataExporters } from "../personal-data";
import type { SessionSummary } from "../service/account";
import { describeUserAgent } from "../user-agent";
import { dateTimeFormat } from "../../i18n/formats";
import type { Preferences } from "../../notifications/preferences";
import { NotificationPreferences } from "../../notifications/preferences-view";

export interface AccountData {
  name: string;
  email: string;
  pendingEmail: string | null;
  locale: string;
  newsletter: boolean;
  notifications: Preferences;
  sessions: SessionSummary[];
}

export type AccountForm = "profile" | "notifications" | "email" | "password";

/**
 * One page, several forms. Only the form that was sent shows errors; field names differ between the
 * forms (ids on a page must be unique), so each summary link points at the right control.
 */
export function AccountView({ ctx, data, failed }: { ctx: RequestContext; data: AccountData; failed?: { form: AccountForm; errors: FieldErrors; values: Record<string, unknown> } }) {
  const { t } = ctx;
  const errorsFor = (form: AccountForm) => (failed?.form === form ? failed.errors : undefined);
  const value = (form: AccountForm, name: string, fallback: string) => {
    const v = failed?.form === form ? failed.values[name] : undefined;
    return typeof v === "string" ? v : fallback;
  };
  return (
    <section class="account-page account-settings">
      <h1>{t("accounts.account.title")}</h1>
      <nav aria-label={t("accounts.account.sections")}>
        <ul class="account-links">
          <li><a href="#profile">{t("accounts.profile.title")}</a></li>
          <li><a href="#notifications">{t("notifications.preferences.title")}</a></li>
          <li><a href="#email">{t("accounts.email.title")}</a></li>
          <li><a href="#password">{t("accounts.password.title")}</a></li>
          <li><a href="#sessions">{t("accounts.sessions.title")}</a></li>
          <li><a href="#data">{t("accounts.data.title")}</a></li>
          <li><a href="#delete">{t("accounts.delete.title")}</a></li>
        </ul>
      </nav>

      <section id="profile" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("accounts.profile.title")}</h2>
        <Form ctx={ctx} action="/account/profile" errors={errorsFor("profile")}>
          <TextField ctx={ctx} name="name" label={t("accounts.profile.name")} value={value("profile", "name", data.name)} errors={errorsFor("profile")} required autocomplete="name" />
          <Select
            ctx={ctx}
            name="locale"
            label={t("accounts.profile.locale")}
            value={value("profile", "locale", data.locale)}
            options={ctx.org.availableLocales.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            errors={errorsFor("profile")}
          />
          <Checkbox ctx={ctx} name="newsletter" label={t("accounts.profile.newsletter")} checked={failed?.form === "profile" ? failed.values.newsletter === "on" : data.newsletter} />
          <Submit>{t("common.save")}</Submit>
        </Form>
      </section>

      <NotificationPreferences ctx={ctx} preferences={data.notifications} errors={errorsFor("notifications")} values={failed?.form === "notifications" ? failed.values : undefined} />

      <section id="email" aria-labelledby="email-title">
        <h2 id="email-title">{t("accounts.email.title")}</h2>
        <p>{t("accounts.email.current", { email: data.email })}</p>
        {data.pendingEmail && <p>{t("accounts.email.pending", { email: data.pendingEmail })}</p>}
        <Form ctx={ctx} action="/account/email" errors={errorsFor("email")}>
          <TextField ctx={ctx} name="new_email" type="email" label={t("accounts.email.new")} hint={t("accounts.email.newHint")} value={value("email", "new_email", "")} errors={errorsFor("email")} required autocomplete="email" inputmode="email" />
          <TextField ctx={ctx} name="email_password" type="password" label={t("accounts.password.current")} errors={errorsFor("email")} required autocomplete="current-password" />
          <Submit>{t("accounts.email.submit")}</Submit>
        </Form>
      </section>

      <section id="password" aria-labelledby="password-title">
        <h2 id="password-title">{t("accounts.password.title")}</h2>
        <Form ctx={ctx} action="/account/password" errors={errorsFor("password")}>
          <TextField ctx={ctx} name="current_password" type="password" label={t("accounts.password.current")} errors={errorsFor("password")} required autocomplete="current-password" />
          <TextField ctx={ctx} name="new_password" type="password" label={t("accounts.password.new")} hint={t("accounts.register.passwordHint", { min: MIN_PASSWORD_LENGTH })} errors={errorsFor("password")} required autocomplete="new-password" />
          <Submit>{t("accounts.password.submit")}</Submit>
        </Form>
      </section>

      <Sessions ctx={ctx} sessions={data.sessions} />

      <section id="data" aria-labelledby="data-title">
        <h2 id="data-title">{t("accounts.data.title")}</h2>
        <p>{t("accounts.data.intro")}</p>
        <p><a class="button button-secondary" href="/account/data" download>{t("accounts.data.download")}</a></p>
      </section>

      <section id="delete" aria-labelledby="delete-title">
        <h2 id="delete-title">{t("accounts.delete.title")}</h2>
        <p>{t("accounts.delete.intro")}</p>
        <p><a href="/account/delete">{t("accounts.delete.link")}</a></p>
      </section>
    </section>
  );
}

export function DeleteAccountView({ ctx, errors }: { ctx: RequestContext; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <section class="account-page">
      <h1>{t("accounts.delete.title")}</h1>
      <p>{t("accounts.delete.intro")}</p>
      <ul>
        {personalDataExporters.flatMap((e) => (e.erasure ? [<li>{t(e.erasure)}</li>] : []))}
        {listComponentManifests().flatMap((m) => (m.personalData ? [<li>{t(m.personalData.erasure)}</li>] : []))}
      </ul>
      <Form ctx={ctx} action="/account/delete" errors={errors}>
        <TextField ctx={ctx} name="current_password" type="password" label={t("accounts.delete.password")} errors={errors} required autocomplete="current-password" />
        <Submit>{t("accounts.delete.submit")}</Submit>
      </Form>
      <p><a href="/account">{t("common.cancel")}</a></p>
    </section>
  );
}

function Sessions({ ctx, sessions }: { ctx: RequestContext; sessions: SessionSummary[] }) {
  const { t } = ctx;
  const when = dateTimeFormat(ctx.locale, { dateStyle: "medium", timeStyle: "short" });
  const device = (ua: string | null) => {
    const d = describeUserAgent(ua);
    if (d.browser && d.system) return t("accounts.sessions.browserOn", { browser: d.browser, system: d.system });
    return d.browser ?? d.system ?? t("accounts.sessions.unknownDevice");
  };
  return (
    <section id="sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("accounts.sessions.title")}</h2>
      <p>{t("accounts.sessions.intro")}</p>
      <table>
        <caption class="visually-hidden">{t("accounts.sessions.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accounts.sessions.device")}</th>
            <th scope="col">{t("accounts.sessions.ip")}</th>
            <th scope="col">{t("accounts.sessions.lastSeen")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr>
              <th scope="row">
                {device(s.userAgent)} {s.current && <strong>{t("accounts.sessions.current")}</strong>}
              </th>
              <td>{s.ip ?? "—"}</td>
              <td>{when.format(s.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.some((s) => !s.current) && (
        <form method="post" action="/account/sessions/end-others" class="form">
          <CsrfField ctx={ctx} />
          <Submit>{t("accounts.sessions.endOthers")}</Submit>
        </form>
      )}
    </section>
  );
}
