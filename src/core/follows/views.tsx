/** Follow buttons, the confirmation before stopping, and the list of what a person follows. */
import type { RequestContext } from "../http/context";
import { dateTimeFormat } from "../i18n/formats";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { CsrfField } from "../../web/ui/forms";
import type { FollowedItem } from "./queries";
import type { ResourceRef } from "../resources/kinds";
import { SPACE_TYPE } from "./target";

const titleText = (ctx: RequestContext, title: string | Translatable) => (typeof title === "string" ? title : localize(title, ctx.locale, ctx.org.defaultLocale).text);

/** The fields of a follow form: what, on or off, and where to come back. */
function FollowFields({ ctx, target, follow, returnTo }: { ctx: RequestContext; target: ResourceRef; follow: boolean; returnTo: string }) {
  return (
    <>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="resourceType" value={target.type} />
      <input type="hidden" name="resourceId" value={String(target.id)} />
      <input type="hidden" name="follow" value={follow ? "on" : "off"} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );
}

/**
 * Follow / stop following, as a plain form post (no script needed). `labels` name the two states
 * ("Follow this petition" / "Stop following"); `count` shows the number of followers beside it.
 */
export function FollowButton(props: { ctx: RequestContext; target: ResourceRef; following: boolean; returnTo: string; labels?: { follow: string; unfollow: string }; count?: string; hint?: string }) {
  const { ctx, target, following } = props;
  const labels = props.labels ?? { follow: ctx.t("follows.follow"), unfollow: ctx.t("follows.unfollow") };
  return (
    <form method="post" action="/follows" class="follow-form">
      <FollowFields ctx={ctx} target={target} follow={!following} returnTo={props.returnTo} />
      <button type="submit" class={following ? "button button-secondary" : "button"}>
        {following ? labels.unfollow : labels.follow}
      </button>
      {props.count && <span> {props.count}</span>}
      {props.hint && !following && <span class="hint"> {props.hint}</span>}
    </form>
  );
}

/** Following a space: its page's button. */
export function SpaceFollowButton({ ctx, spaceId, following, returnTo }: { ctx: RequestContext; spaceId: number; following: boolean; returnTo: string }) {
  return (
    <FollowButton
      ctx={ctx}
      target={{ type: SPACE_TYPE, id: spaceId }}
      following={following}
      returnTo={returnTo}
      labels={{ follow: ctx.t("follows.space.follow"), unfollow: ctx.t("follows.space.unfollow") }}
      hint={ctx.t("follows.space.hint")}
    />
  );
}

export interface UnfollowPageProps {
  ctx: RequestContext;
  target: ResourceRef;
  /** Null when the person can no longer see it. */
  title: string | Translatable | null;
  url: string | null;
  following: boolean;
  /** The space it is in, when the person follows that space too. */
  space: { id: number; title: Translatable } | null;
}

/** "Stop following X?" with a button: the link in notices and mails leads here, and only the form changes anything. */
export function UnfollowPage({ ctx, target, title, url, following, space }: UnfollowPageProps) {
  const { t } = ctx;
  const name = title === null ? t("follows.list.unseen") : titleText(ctx, title);
  const back = url ?? "/account/follows";
  return (
    <section class="unfollow-page">
      <h1>{t("follows.confirm.title")}</h1>
      {following ? (
        <form method="post" action="/follows" class="form">
          <p>{t("follows.confirm.intro", { title: name })}</p>
          <FollowFields ctx={ctx} target={target} follow={false} returnTo={back} />
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              {t("follows.confirm.submit")}
            </button>
          </div>
        </form>
      ) : (
        <p>{t("follows.confirm.notFollowing", { title: name })}</p>
      )}
      {space && (
        <form method="post" action="/follows" class="form">
          <p>{t("follows.confirm.space", { space: titleText(ctx, space.title) })}</p>
          <FollowFields ctx={ctx} target={{ type: SPACE_TYPE, id: space.id }} follow={false} returnTo={back} />
          <div class="form-actions">
            <button type="submit" class="button">
              {t("follows.confirm.submitSpace")}
            </button>
          </div>
        </form>
      )}
      <p>
        <a href={back}>{t("follows.confirm.back")}</a>
      </p>
    </section>
  );
}

/** What the person follows, a page at a time, each with a button to stop. */
export function FollowsPage({ ctx, items, page, hasNext }: { ctx: RequestContext; items: FollowedItem[]; page: number; hasNext: boolean }) {
  const { t } = ctx;
  const when = dateTimeFormat(ctx.locale, { dateStyle: "medium", timeZone: "Europe/Brussels" });
  const here = page > 1 ? `/account/follows?page=${page}` : "/account/follows";
  return (
    <section class="follows-page">
      <h1>{t("follows.title")}</h1>
      <p>{t("follows.list.intro")}</p>
      {items.length === 0 ? (
        <p>{t("follows.list.empty")}</p>
      ) : (
        <ul class="follows-list">
          {items.map((item) => {
            const name = item.title === null ? t("follows.list.unseen") : titleText(ctx, item.title);
            return (
              <li class="follows-item">
                {item.label && <span class="badge">{t(item.label)}</span>} {item.url ? <a href={item.url}>{name}</a> : <span>{name}</span>}{" "}
                <span class="hint">{t("follows.list.since", { date: when.format(item.since) })}</span>
                <form method="post" action="/follows" class="follow-form">
                  <FollowFields ctx={ctx} target={item} follow={false} returnTo={here} />
                  <button type="submit" class="button button-secondary" aria-label={t("follows.list.unfollowNamed", { title: name })}>
                    {t("follows.unfollow")}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      {(page > 1 || hasNext) && (
        <nav class="pagination" aria-label={t("follows.title")}>
          {page > 1 && <a href={page === 2 ? "/account/follows" : `/account/follows?page=${page - 1}`}>{t("follows.list.newer")}</a>}{" "}
          {hasNext && <a href={`/account/follows?page=${page + 1}`}>{t("follows.list.older")}</a>}
        </nav>
      )}
      <p>
        <a href="/account#notifications">{t("notifications.preferences.title")}</a>
      </p>
    </section>
  );
}
