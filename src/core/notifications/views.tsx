/** The notifications page. */
import type { RequestContext } from "../http/context";
import { CsrfField } from "../../web/ui/forms";
import type { NotificationItem } from "./service";
import { dateTimeFormat } from "../i18n/formats";
import { unfollowPath } from "./links";
import { notificationText } from "./text";

/** The notification's sentence in the reader's language, its keyed values translated first. */
const text = (ctx: RequestContext, n: NotificationItem): string => notificationText(ctx.t, n);

export function NotificationsPage({ ctx, items, next }: { ctx: RequestContext; items: NotificationItem[]; next: number | undefined }) {
  const { t } = ctx;
  const when = dateTimeFormat(ctx.locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" });
  return (
    <section class="notifications-page">
      <h1>{t("notifications.title")}</h1>
      {items.some((n) => !n.read) && (
        <form method="post" action="/notifications/read">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button">
            {t("notifications.markAllRead")}
          </button>
        </form>
      )}
      {items.length === 0 ? (
        <p>{t("notifications.empty")}</p>
      ) : (
        <ol class="notification-list">
          {items.map((n) => (
            <li class={n.read ? "notification" : "notification notification-unread"}>
              {!n.read && <strong class="notification-new">{t("notifications.new")}</strong>} <a href={`/notifications/${n.id}/open`}>{text(ctx, n)}</a>{" "}
              <time datetime={n.at.toISOString()}>{when.format(n.at)}</time>
              {n.followed && (
                <>
                  {" "}
                  <a class="notification-unfollow" href={unfollowPath(n.followed)}>
                    {t("notifications.unfollow")}
                    <span class="visually-hidden">: {text(ctx, n)}</span>
                  </a>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {next && (
        <p>
          <a href={`/notifications?before=${next}`}>{t("notifications.older")}</a>
        </p>
      )}
    </section>
  );
}
