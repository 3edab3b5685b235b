/** The signed-out pages: register, "check your mail", resend confirmation, sign in, forgotten password, reset. */
import { listComponentManifests } from "../../components/registry";
import type { RequestContext } from "../../http/context";
import type { FieldErrors } from "../../http/result";
import { Checkbox, Form, Submit, TextField } from "../../../web/ui/forms";
import { MIN_PASSWORD_LENGTH } from "../passwords";

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

function Links({ items }: { items: Array<{ href: string; text: string }> }) {
  return (
    <ul class="account-links">
      {items.map((i) => (
        <li><a href={i.href}>{i.text}</a></li>
      ))}
    </ul>
  );
}

export function RegisterView({ ctx, values = {}, errors }: { ctx: RequestContext; values?: Values; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <section class="account-page">
      <h1>{t("accounts.register.title")}</h1>
      <p id="register-promises">{t("accounts.register.intro")}</p>
      {/* What an account lets one do here: the core's, then each installed component's promise. */}
      <ul aria-labelledby="register-promises">
        <li>{t("accounts.register.promise.core")}</li>
        {listComponentManifests().flatMap((m) => (m.accountPromise ? [<li>{t(m.accountPromise)}</li>] : []))}
      </ul>
      <Form ctx={ctx} action="/users/sign-up" errors={errors}>
        <TextField ctx={ctx} name="name" label={t("accounts.register.name")} hint={t("accounts.register.nameHint")} value={str(values.name)} errors={errors} required autocomplete="name" />
        <TextField ctx={ctx} name="email" type="email" label={t("accounts.register.email")} hint={t("accounts.register.emailHint")} value={str(values.email)} errors={errors} required autocomplete="email" inputmode="email" />
        <TextField ctx={ctx} name="password" type="password" label={t("accounts.register.password")} hint={t("accounts.register.passwordHint", { min: MIN_PASSWORD_LENGTH })} errors={errors} required autocomplete="new-password" />
        <p class="terms-link">
          <a href="/terms">{t("accounts.register.readTerms")}</a>
        </p>
        <Checkbox ctx={ctx} name="terms" label={t("accounts.register.terms")} checked={values.terms === "on"} errors={errors} />
        <Checkbox ctx={ctx} name="newsletter" label={t("accounts.register.newsletter")} checked={values.newsletter === "on"} errors={errors} />
        <Submit>{t("accounts.register.submit")}</Submit>
      </Form>
      <Links items={[{ href: "/users/sign-in", text: t("accounts.register.haveAccount") }]} />
    </section>
  );
}

export function CheckMailView({ ctx }: { ctx: RequestContext }) {
  const { t } = ctx;
  return (
    <section class="account-page">
      <h1>{t("accounts.register.sent.title")}</h1>
      <p>{t("accounts.register.sent.body")}</p>
      <p>{t("accounts.register.sent.noMail")}</p>
      <Links items={[{ href: "/users/confirm/resend", text: t("accounts.resend.title") }]} />
    </section>
  );
}

/** One-field forms asking for an address: resend the confirmation link, forgotten password. */
export function EmailRequestView({ ctx, kind, values = {}, errors }: { ctx: RequestContext; kind: "resend" | "forgot"; values?: Values; errors?: FieldErrors }) {
  const { t } = ctx;
  const resend = kind === "resend";
  return (
    <section class="account-page">
      <h1>{t(resend ? "accounts.resend.title" : "accounts.forgot.title")}</h1>
      <p>{t(resend ? "accounts.resend.intro" : "accounts.forgot.intro")}</p>
      <Form ctx={ctx} action={resend ? "/users/confirm/resend" : "/users/password/forgot"} errors={errors}>
        <TextField ctx={ctx} name="email" type="email" label={t("accounts.signIn.email")} value={str(values.email)} errors={errors} required autocomplete="email" inputmode="email" />
        <Submit>{t(resend ? "accounts.resend.submit" : "accounts.forgot.submit")}</Submit>
      </Form>
      <Links items={[{ href: "/users/sign-in", text: t("accounts.signIn.title") }]} />
    </section>
  );
}

export function SignInView({ ctx, values = {}, errors, returnTo }: { ctx: RequestContext; values?: Values; errors?: FieldErrors; returnTo: string }) {
  const { t } = ctx;
  return (
    <section class="account-page">
      <h1>{t("accounts.signIn.title")}</h1>
      <Form ctx={ctx} action="/users/sign-in" errors={errors}>
        {returnTo !== "/" && <input type="hidden" name="return_to" value={returnTo} />}
        <TextField ctx={ctx} name="email" type="email" label={t("accounts.signIn.email")} value={str(values.email)} errors={errors} required autocomplete="username" inputmode="email" />
        <TextField ctx={ctx} name="password" type="password" label={t("accounts.signIn.password")} errors={errors} required autocomplete="current-password" />
        <Submit>{t("accounts.signIn.submit")}</Submit>
      </Form>
      <Links
        items={[
          { href: "/users/password/forgot", text: t("accounts.signIn.forgot") },
          { href: "/users/sign-up", text: t("accounts.signIn.noAccount") },
          { href: "/users/confirm/resend", text: t("accounts.signIn.resend") },
        ]}
      />
    </section>
  );
}

export function ResetView({ ctx, token, errors }: { ctx: RequestContext; token: string; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <section class="account-page">
      <h1>{t("accounts.reset.title")}</h1>
      <Form ctx={ctx} action="/users/password/reset" errors={errors}>
        <input type="hidden" name="token" value={token} />
        <TextField ctx={ctx} name="password" type="password" label={t("accounts.reset.password")} hint={t("accounts.register.passwordHint", { min: MIN_PASSWORD_LENGTH })} errors={errors} required autocomplete="new-password" />
        <Submit>{t("accounts.reset.submit")}</Submit>
      </Form>
    </section>
  );
}

/** A mail link that no longer works: say so, and offer the way to a new one. */
export function InvalidLinkView({ ctx, again }: { ctx: RequestContext; again: { href: string; text: string } }) {
  const { t } = ctx;
  return (
    <section class="account-page">
      <h1>{t("accounts.confirm.invalid.title")}</h1>
      <p>{t("accounts.confirm.invalid.body")}</p>
      <Links items={[again]} />
    </section>
  );
}
