/**
 * `<Endorsements box={...} />` for any resource page (load the box with `loadEndorsementBox`): the
 * count, the endorse button (a toggle: aria-pressed, its name naming the resource) and the first
 * endorsers with a link to the full list. Works as a plain form post.
 */
import { displayName } from "../accounts/users";
import type { RequestContext } from "../http/context";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { Pager } from "../spaces/view-parts";
import { CsrfField } from "../../web/ui/forms";
import type { Endorser, EndorsementBox } from "./endorsements";

/** A resource's title in the reader's language. */
export function titleText(ctx: RequestContext, title: string | Translatable): string {
  return typeof title === "string" ? title : localize(title, ctx.locale, ctx.org.defaultLocale).text;
}

function Names({ ctx, endorsers }: { ctx: RequestContext; endorsers: Endorser[] }) {
  return (
    <ul class="endorsers">
      {endorsers.map((e) => (
        <li>{displayName({ name: e.name, deletedAt: e.deleted ? new Date(0) : null }, ctx.t)}</li>
      ))}
    </ul>
  );
}

export function Endorsements({ ctx, box }: { ctx: RequestContext; box: EndorsementBox | null }) {
  if (!box) return null;
  const { t } = ctx;
  const title = titleText(ctx, box.title);
  return (
    <section class="endorsements" id="endorsements" aria-labelledby="endorsements-title">
      <h2 id="endorsements-title">{t("endorsements.title")}</h2>
      <p class="endorsements-count">{t("endorsements.count", { count: box.count })}</p>
      {box.button ? (
        <form method="post" action="/endorsements" class="inline-form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="resourceType" value={box.ref.type} />
          <input type="hidden" name="resourceId" value={String(box.ref.id)} />
          <input type="hidden" name="endorse" value={box.endorsed ? "off" : "on"} />
          <button type="submit" class={box.endorsed ? "button" : "button button-secondary"} aria-pressed={box.endorsed ? "true" : "false"} aria-label={t("endorsements.buttonLabel", { title })}>
            {t("endorsements.button")}
          </button>
          {box.endorsed && <p class="hint">{t("endorsements.youEndorsed")}</p>}
          {!ctx.user && <p class="hint">{t("endorsements.signIn")}</p>}
        </form>
      ) : (
        box.blocked && <p class="hint">{t("endorsements.blocked")}</p>
      )}
      {box.endorsers.length > 0 && (
        <>
          <h3 class="endorsers-title">{t("endorsements.endorsers")}</h3>
          <Names ctx={ctx} endorsers={box.endorsers} />
          <p>
            <a href={box.listUrl}>{t("endorsements.seeAll", { count: box.count })}</a>
          </p>
        </>
      )}
    </section>
  );
}

/** The full list of a resource's endorsers, a page at a time. */
export function EndorsersPage(props: { ctx: RequestContext; title: string; backUrl: string; count: number; endorsers: Endorser[]; page: number; hasNext: boolean; listUrl: string }) {
  const { ctx, title } = props;
  return (
    <section class="endorsers-page">
      <h1>{ctx.t("endorsements.list.title", { title })}</h1>
      <p>{ctx.t("endorsements.count", { count: props.count })}</p>
      {props.endorsers.length === 0 ? <p>{ctx.t("endorsements.list.empty")}</p> : <Names ctx={ctx} endorsers={props.endorsers} />}
      <Pager ctx={ctx} page={props.page} hasNext={props.hasNext} href={(n) => (n === 1 ? props.listUrl : `${props.listUrl}?page=${n}`)} />
      <p>
        <a href={props.backUrl}>{ctx.t("endorsements.list.back", { title })}</a>
      </p>
    </section>
  );
}
