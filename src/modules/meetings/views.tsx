/** The public pages of the meetings component: a space's list, the site-wide directory, a meeting. */
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import { FollowButton } from "../../core/follows/views";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { HiddenNotice, ReportLink } from "../../core/moderation/views";
import { Checkbox, Form, Select, Submit } from "../../web/ui/forms";
import type { MeetingDetails, MeetingListItem, OwnRegistration, When as WhenTab } from "./queries";
import { WHEN } from "./queries";
import { MEETING_TYPES, type MeetingType } from "./schema";
import { MeetingOutcome, Paragraphs, text, typeKey, When, Where } from "./view-parts";

export interface ListState {
  when: WhenTab;
  type?: MeetingType | undefined;
  space?: string | undefined;
  page: number;
}

const listUrl = (base: string, s: ListState, change: Partial<ListState> = {}) => {
  const v = { ...s, ...change };
  const q = new URLSearchParams();
  if (v.when !== "upcoming") q.set("when", v.when);
  if (v.type) q.set("type", v.type);
  if (v.space) q.set("space", v.space);
  if (v.page > 1) q.set("page", String(v.page));
  const str = q.toString();
  return str ? `${base}?${str}` : base;
};

function Item({ ctx, href, m, showSpace }: { ctx: RequestContext; href: string; m: MeetingListItem; showSpace: boolean }) {
  const { t } = ctx;
  const title = text(ctx, m.title);
  const space = text(ctx, m.spaceTitle);
  return (
    <li class="meeting-card">
      <h2>
        <a href={href} lang={title.lang}>
          {title.text}
        </a>
      </h2>
      <p class="meeting-meta">
        <span class="badge">{t(typeKey(m.type))}</span> {m.closedAt && <span class="badge">{t("meetings.badge.closed")}</span>} <When ctx={ctx} m={m} />
      </p>
      <p class="meeting-meta">
        <Where ctx={ctx} m={m} />
        {showSpace && (
          <>
            {" · "}
            <span lang={space.lang}>{space.text}</span>
          </>
        )}
      </p>
    </li>
  );
}

function Tabs({ ctx, base, state }: { ctx: RequestContext; base: string; state: ListState }) {
  const { t } = ctx;
  return (
    <nav class="meetings-tabs" aria-label={t("meetings.filter.when")}>
      <ul>
        {WHEN.map((w) => (
          <li>
            <a href={listUrl(base, state, { when: w, page: 1 })} aria-current={state.when === w ? "page" : undefined}>
              {t(w === "upcoming" ? "meetings.filter.upcoming" : "meetings.filter.past")}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function TypeFilter({ ctx, base, state }: { ctx: RequestContext; base: string; state: ListState }) {
  const { t } = ctx;
  return (
    <nav class="meetings-types" aria-label={t("meetings.filter.type")}>
      <ul>
        <li>
          <a href={listUrl(base, state, { type: undefined, page: 1 })} aria-current={state.type === undefined ? "true" : undefined}>
            {t("meetings.filter.allTypes")}
          </a>
        </li>
        {MEETING_TYPES.map((ty) => (
          <li>
            <a href={listUrl(base, state, { type: ty, page: 1 })} aria-current={state.type === ty ? "true" : undefined}>
              {t(typeKey(ty))}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Pager({ ctx, base, state, hasNext }: { ctx: RequestContext; base: string; state: ListState; hasNext: boolean }) {
  const { t } = ctx;
  if (state.page <= 1 && !hasNext) return null;
  return (
    <nav class="pager" aria-label={t("meetings.pager.label")}>
      {state.page > 1 && <a href={listUrl(base, state, { page: state.page - 1 })}>{t("meetings.pager.previous")}</a>} <span>{t("meetings.pager.position", { page: state.page })}</span>{" "}
      {hasNext && <a href={listUrl(base, state, { page: state.page + 1 })}>{t("meetings.pager.next")}</a>}
    </nav>
  );
}

function List({ ctx, items, hrefOf, showSpace, total }: { ctx: RequestContext; items: MeetingListItem[]; hrefOf: (m: MeetingListItem) => string; showSpace: boolean; total: number }) {
  return (
    <>
      <p role="status">{ctx.t("meetings.index.count", { count: total })}</p>
      {items.length > 0 && (
        <ul class="meetings-list">
          {items.map((m) => (
            <Item ctx={ctx} href={hrefOf(m)} m={m} showSpace={showSpace} />
          ))}
        </ul>
      )}
    </>
  );
}

export interface IndexProps {
  ctx: RequestContext;
  base: string;
  componentName: string;
  announcement: Translatable;
  feedUrl: string;
  state: ListState;
  items: MeetingListItem[];
  total: number;
  hasNext: boolean;
}

export function IndexPage({ ctx, base, componentName, announcement, feedUrl, state, items, total, hasNext }: IndexProps) {
  const { t } = ctx;
  const a = text(ctx, announcement);
  return (
    <>
      <h1>{componentName}</h1>
      {a.text && <Paragraphs text={a.text} lang={a.lang} class="announcement" />}
      <p>
        <a href={feedUrl} type="text/calendar">
          {t("meetings.feed.space")}
        </a>
      </p>
      <Tabs ctx={ctx} base={base} state={state} />
      <TypeFilter ctx={ctx} base={base} state={state} />
      <List ctx={ctx} items={items} hrefOf={(m) => `${base}/${m.id}`} showSpace={false} total={total} />
      <Pager ctx={ctx} base={base} state={state} hasNext={hasNext} />
    </>
  );
}

export function DirectoryPage({ ctx, state, items, total, hasNext, spaces }: { ctx: RequestContext; state: ListState; items: MeetingListItem[]; total: number; hasNext: boolean; spaces: Array<{ slug: string; title: Translatable }> }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t("meetings.directory.title")}</h1>
      <p>
        <a href="/meetings.ics" type="text/calendar">
          {t("meetings.feed.all")}
        </a>
      </p>
      <Tabs ctx={ctx} base="/meetings" state={state} />
      <Form ctx={ctx} action="/meetings" method="get" class="form meetings-filters">
        {state.when !== "upcoming" && <input type="hidden" name="when" value={state.when} />}
        <Select ctx={ctx} name="type" label={t("meetings.filter.type")} value={state.type ?? ""} options={[{ value: "", label: t("meetings.filter.allTypes") }, ...MEETING_TYPES.map((ty) => ({ value: ty, label: t(typeKey(ty)) }))]} />
        <Select ctx={ctx} name="space" label={t("meetings.filter.space")} value={state.space ?? ""} options={[{ value: "", label: t("meetings.filter.allSpaces") }, ...spaces.map((s) => ({ value: s.slug, label: text(ctx, s.title).text }))]} />
        <Submit>{t("meetings.filter.apply")}</Submit>
      </Form>
      <List ctx={ctx} items={items} hrefOf={(m) => `/spaces/${encodeURIComponent(m.spaceSlug)}/c/${m.componentId}/${m.id}`} showSpace total={total} />
      <Pager ctx={ctx} base="/meetings" state={state} hasNext={hasNext} />
    </>
  );
}

export interface ShowProps {
  ctx: RequestContext;
  url: string;
  m: MeetingDetails;
  registration: OwnRegistration | null;
  registrationOpen: boolean;
  /** Places left for registrations (null: no limit). */
  placesLeft: number | null;
  link: { visible: boolean; notice: "soon" | "registeredOnly" | "over" | null };
  comments: CommentsSectionData | null;
  following: boolean;
  errors?: FieldErrors | undefined;
}

function RegistrationBox({ ctx, url, m, registration, registrationOpen, placesLeft, errors }: Pick<ShowProps, "ctx" | "url" | "m" | "registration" | "registrationOpen" | "placesLeft" | "errors">) {
  const { t } = ctx;
  const terms = text(ctx, m.registrationTerms);
  const active = registration && registration.status !== "cancelled" ? registration : null;
  return (
    <section class="meeting-registration" aria-labelledby="meeting-registration-title">
      <h2 id="meeting-registration-title">{t("meetings.registration.title")}</h2>
      {active ? (
        <>
          <p>{active.status === "registered" ? t("meetings.registration.registered") : t("meetings.registration.waiting", { position: active.queuePosition ?? 1 })}</p>
          <p>
            {t("meetings.registration.code")} <strong class="meeting-code">{active.code}</strong>
          </p>
          <p class="hint">{t("meetings.registration.codeHint")}</p>
          {registrationOpen && (
            <Form ctx={ctx} action={`${url}/cancel`}>
              <Submit>{t("meetings.registration.cancel")}</Submit>
            </Form>
          )}
        </>
      ) : registrationOpen ? (
        <>
          <p>{placesLeft === null ? t("meetings.registration.open") : placesLeft > 0 ? t("meetings.registration.placesLeft", { count: placesLeft }) : t("meetings.registration.full")}</p>
          <Form ctx={ctx} action={`${url}/register`} errors={errors}>
            {terms.text && (
              <>
                <h3>{t("meetings.registration.terms")}</h3>
                <Paragraphs text={terms.text} lang={terms.lang} />
                <Checkbox ctx={ctx} name="acceptTerms" label={t("meetings.registration.acceptTerms")} errors={errors} />
              </>
            )}
            <Submit>{placesLeft === 0 ? t("meetings.registration.joinWaiting") : t("meetings.registration.submit")}</Submit>
          </Form>
        </>
      ) : (
        <>
          {errors?._form && (
            <p class="error-message" role="alert">
              {t(errors._form.key, errors._form.values)}
            </p>
          )}
          <p>{t("meetings.registration.closed")}</p>
        </>
      )}
    </section>
  );
}

export function ShowPage(props: ShowProps) {
  const { ctx, url, m, link, comments, following } = props;
  const { t } = ctx;
  const title = text(ctx, m.title);
  const description = text(ctx, m.description);
  const minutes = text(ctx, m.minutes);
  return (
    <article class="meeting">
      {m.hiddenAt && <HiddenNotice ctx={ctx} />}
      {!m.publishedAt && <p class="notice">{t("meetings.unpublished")}</p>}
      <h1 lang={title.lang}>{title.text}</h1>
      <p class="meeting-meta">
        <span class="badge">{t(typeKey(m.type))}</span> {m.closedAt && <span class="badge">{t("meetings.badge.closed")}</span>}
      </p>
      <dl class="meeting-facts">
        <dt>{t("meetings.show.when")}</dt>
        <dd>
          <When ctx={ctx} m={m} />
        </dd>
        <dt>{t("meetings.show.where")}</dt>
        <dd>
          <Where ctx={ctx} m={m} />
        </dd>
      </dl>
      {m.type !== "in_person" && (
        <section class="meeting-link" aria-labelledby="meeting-link-title">
          <h2 id="meeting-link-title">{t("meetings.link.title")}</h2>
          {link.visible ? (
            <p>
              <a class="button" href={m.onlineUrl} rel="noopener noreferrer">
                {t("meetings.link.join")}
              </a>
            </p>
          ) : (
            <p>{t(link.notice === "registeredOnly" ? "meetings.link.registeredOnly" : link.notice === "over" ? "meetings.link.over" : "meetings.link.soon")}</p>
          )}
        </section>
      )}
      <p>
        <a href={`${url}.ics`} type="text/calendar">
          {t("meetings.feed.one")}
        </a>
      </p>
      {m.closedAt && (
        <section class="meeting-report" aria-labelledby="meeting-report-title">
          <h2 id="meeting-report-title">{t("meetings.report.title")}</h2>
          <MeetingOutcome ctx={ctx} m={m} />
          {minutes.text && (
            <>
              <h3>{t("meetings.report.minutes")}</h3>
              <Paragraphs text={minutes.text} lang={minutes.lang} />
            </>
          )}
        </section>
      )}
      {description.text && <Paragraphs text={description.text} lang={description.lang} />}
      {m.agenda.length > 0 && (
        <section class="meeting-agenda" aria-labelledby="meeting-agenda-title">
          <h2 id="meeting-agenda-title">{t("meetings.agenda.title")}</h2>
          <ol>
            {m.agenda.map((a) => {
              const at = text(ctx, a.title);
              const ad = text(ctx, a.description);
              return (
                <li>
                  <strong lang={at.lang}>{at.text}</strong>
                  {a.durationMinutes > 0 && <> ({t("meetings.agenda.duration", { minutes: a.durationMinutes })})</>}
                  {ad.text && <Paragraphs text={ad.text} lang={ad.lang} />}
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {m.registrationEnabled && <RegistrationBox {...props} />}
      <div class="meeting-kit">
        <FollowButton ctx={ctx} target={{ type: "meeting", id: m.id }} following={following} returnTo={url} count={t("meetings.count.followers", { count: m.followersCount })} />
        <ReportLink ctx={ctx} type="meeting" id={m.id} inline />
      </div>
      {comments && <CommentsSection ctx={ctx} data={comments} />}
    </article>
  );
}
