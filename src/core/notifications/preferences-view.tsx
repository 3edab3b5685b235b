/** The account page's "Notifications" section: how often to mail, following by default, and what one follows. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { Checkbox, Form, RadioGroup, Submit } from "../../web/ui/forms";
import { EMAIL_FREQUENCIES, type Preferences } from "./preferences";

export function NotificationPreferences({ ctx, preferences, errors, values }: { ctx: RequestContext; preferences: Preferences; errors?: FieldErrors | undefined; values?: Record<string, unknown> | undefined }) {
  const { t } = ctx;
  const chosen = typeof values?.emailFrequency === "string" ? values.emailFrequency : preferences.emailFrequency;
  const followByDefault = values ? values.followByDefault === "on" : preferences.followByDefault;
  return (
    <section id="notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t("notifications.preferences.title")}</h2>
      <p>{t("notifications.preferences.intro")}</p>
      <Form ctx={ctx} action="/account/notifications" errors={errors}>
        <RadioGroup
          ctx={ctx}
          name="emailFrequency"
          legend={t("notifications.preferences.frequency")}
          value={chosen}
          errors={errors}
          options={EMAIL_FREQUENCIES.map((f) => ({ value: f, label: t(`notifications.preferences.${f}`) }))}
        />
        <Checkbox ctx={ctx} name="followByDefault" label={t("notifications.preferences.followByDefault")} hint={t("notifications.preferences.followByDefaultHint")} checked={followByDefault} />
        <Submit>{t("notifications.preferences.submit")}</Submit>
      </Form>
      <p>
        <a href="/account/follows">{t("notifications.preferences.follows")}</a>
      </p>
    </section>
  );
}
