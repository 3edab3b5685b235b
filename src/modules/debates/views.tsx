/** The public pages of the debates component: the list, a debate, and the participant's forms. */
import type { ComponentChildren } from "preact";
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import type { EndorsementBox } from "../../core/follows/endorsements";
import { Endorsements } from "../../core/follows/endorsement-views";
import { FollowButton } from "../../core/follows/views";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { LOCALES, LOCALE_NAMES } from "../../core/i18n/locales";
import { HiddenNotice, ReportLink } from "../../core/moderation/views";
import { Form, Select, Submit, TextArea, TextField } from "../../web/ui/forms";
import { LIST_SORTS, LIST_STATES, type DebateDetails, type DebateFilter, type DebateListItem } from "./queries";
import type { DebatesSettings } from "./settings";
import { formatDay, Paragraphs, Period, text } from "./view-parts";

const listUrl = (base: string, f: Pick<DebateFilter, "state" | "sort" | "page">, change: Partial<DebateFilter> = {}) => {
  const v = { ...f, ...change };
  const q = new URLSearchParams();
  if (v.state !== "open") q.set("state", v.state);
  if (v.sort !== "recent") q.set("sort", v.sort);
  if (v.page > 1) q.set("page", String(v.page));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
};

function Badges({ ctx, d }: { ctx: RequestContext; d: Pick<DebateListItem, "official" | "closedAt"> }) {
  const { t } = ctx;
  return (
    <>
      {d.official && <span class="badge debate-badge-official">{t("debates.badge.official")}</span>}{" "}
      <span class={`badge ${d.closedAt ? "debate-badge-closed" : "debate-badge-open"}`}>{t(d.closedAt ? "debates.badge.closed" : "debates.badge.open")}</span>
    </>
  );
}

function Item({ ctx, base, d }: { ctx: RequestContext; base: string; d: DebateListItem }) {
  const { t } = ctx;
  const title = text(ctx, d.title);
  return (
    <li class="debate-card">
      <h2>
        <a href={`${base}/${d.id}`} lang={title.lang}>
          {title.text}
        </a>
      </h2>
      <p class="debate-meta">
        <Badges ctx={ctx} d={d} /> {d.official ? t("debates.by.organization") : t("debates.by.participant", { name: d.authorName ?? t("accounts.deletedParticipant") })} ·{" "}
        {t("debates.count.comments", { count: d.commentsCount })}
        {(d.startAt || d.endAt) && (
          <>
            {" "}
            · <Period ctx={ctx} startAt={d.startAt} endAt={d.endAt} />
          </>
        )}
      </p>
    </li>
  );
}

export interface IndexProps {
  ctx: RequestContext;
  base: string;
  componentName: string;
  settings: DebatesSettings;
  filter: DebateFilter;
  items: DebateListItem[];
  total: number;
  hasNext: boolean;
  /** Participants may open a debate here (the link is offered; the form asks to sign in or verify). */
  creationOpen: boolean;
}

export function IndexPage({ ctx, base, componentName, settings, filter, items, total, hasNext, creationOpen }: IndexProps) {
  const { t } = ctx;
  const announcement = text(ctx, settings.step.announcement);
  return (
    <>
      <h1>{componentName}</h1>
      {settings.global.membersOnly && <p class="notice debates-members-notice">{t("debates.membersOnly.badge")}</p>}
      {announcement.text && <Paragraphs text={announcement.text} lang={announcement.lang} class="announcement" />}
      {creationOpen && (
        <p>
          <a class="button" href={`${base}/new`}>
            {t("debates.index.new")}
          </a>
        </p>
      )}
      <nav class="debates-filter" aria-label={t("debates.filter.state")}>
        <ul>
          {LIST_STATES.map((s) => (
            <li>
              <a href={listUrl(base, filter, { state: s, page: 1 })} aria-current={filter.state === s ? "true" : undefined}>
                {t(`debates.filter.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <nav class="debates-sort" aria-label={t("debates.sort.label")}>
        <ul>
          {LIST_SORTS.map((s) => (
            <li>
              <a href={listUrl(base, filter, { sort: s, page: 1 })} aria-current={filter.sort === s ? "true" : undefined}>
                {t(`debates.sort.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p role="status">{t("debates.index.count", { count: total })}</p>
      {items.length > 0 && (
        <ul class="debates-list">
          {items.map((d) => (
            <Item ctx={ctx} base={base} d={d} />
          ))}
        </ul>
      )}
      {(filter.page > 1 || hasNext) && (
        <nav class="pager" aria-label={t("debates.pager.label")}>
          {filter.page > 1 && <a href={listUrl(base, filter, { page: filter.page - 1 })}>{t("debates.pager.previous")}</a>} <span>{t("debates.pager.position", { page: filter.page })}</span>{" "}
          {hasNext && <a href={listUrl(base, filter, { page: filter.page + 1 })}>{t("debates.pager.next")}</a>}
        </nav>
      )}
    </>
  );
}

export interface KitParts {
  comments: CommentsSectionData | null;
  endorsements: EndorsementBox | null;
  following: boolean;
  followers: number;
}

export interface ShowProps {
  ctx: RequestContext;
  base: string;
  d: DebateDetails;
  kit: KitParts;
  /** The reader is the author of this participant's debate and it is open (edit, close). */
  authorTools: boolean;
}

export function ShowPage({ ctx, base, d, kit, authorTools }: ShowProps) {
  const { t } = ctx;
  const title = text(ctx, d.title);
  const description = text(ctx, d.description);
  const instructions = text(ctx, d.instructions);
  const conclusion = text(ctx, d.conclusion);
  const url = `${base}/${d.id}`;
  const isAuthor = Boolean(ctx.user && d.authorId === ctx.user.id);
  return (
    <article class="debate">
      {d.hiddenAt && <HiddenNotice ctx={ctx} />}
      <h1 lang={title.lang}>{title.text}</h1>
      <p class="debate-meta">
        <Badges ctx={ctx} d={d} /> {d.official ? t("debates.by.organization") : t("debates.by.participant", { name: d.authorName ?? t("accounts.deletedParticipant") })} ·{" "}
        {t("debates.openedOn", { date: formatDay(ctx, d.createdAt) })}
        {(d.startAt || d.endAt) && (
          <>
            {" "}
            · <Period ctx={ctx} startAt={d.startAt} endAt={d.endAt} />
          </>
        )}
      </p>
      {d.closedAt && (
        <section class="debate-conclusion" aria-labelledby="debate-conclusion-title">
          <h2 id="debate-conclusion-title">{t("debates.conclusion.title")}</h2>
          <p class="debate-meta">{t("debates.conclusion.closedOn", { date: formatDay(ctx, d.closedAt) })}</p>
          {conclusion.text && <Paragraphs text={conclusion.text} lang={conclusion.lang} />}
        </section>
      )}
      <Paragraphs text={description.text} lang={description.lang} />
      {instructions.text && (
        <section class="debate-instructions" aria-labelledby="debate-instructions-title">
          <h2 id="debate-instructions-title">{t("debates.instructions.title")}</h2>
          <Paragraphs text={instructions.text} lang={instructions.lang} />
        </section>
      )}
      {authorTools && (
        <p class="debate-author-tools">
          <a class="button button-secondary" href={`${url}/edit`}>
            {t("debates.edit.link")}
          </a>{" "}
          <a class="button button-secondary" href={`${url}/close`}>
            {t("debates.close.link")}
          </a>
        </p>
      )}
      <div class="debate-kit">
        <FollowButton ctx={ctx} target={{ type: "debate", id: d.id }} following={kit.following} returnTo={url} count={t("debates.count.followers", { count: kit.followers })} />
        {!isAuthor && <ReportLink ctx={ctx} type="debate" id={d.id} inline />}
      </div>
      <Endorsements ctx={ctx} box={kit.endorsements} />
      {kit.comments && <CommentsSection ctx={ctx} data={kit.comments} />}
    </article>
  );
}

export interface FormValues {
  title?: string | undefined;
  description?: string | undefined;
  language?: string | undefined;
}

export function DebateFormPage({ ctx, heading, action, values, errors, intro }: { ctx: RequestContext; heading: string; action: string; values: FormValues; errors?: FieldErrors | undefined; intro?: ComponentChildren }) {
  const { t } = ctx;
  return (
    <>
      <h1>{heading}</h1>
      {intro}
      <Form ctx={ctx} action={action} errors={errors}>
        <TextField ctx={ctx} name="title" label={t("debates.form.title")} value={values.title} errors={errors} required />
        <TextArea ctx={ctx} name="description" label={t("debates.form.description")} hint={t("debates.form.plainText")} value={values.description} errors={errors} rows={8} required />
        <Select ctx={ctx} name="language" label={t("debates.form.language")} value={values.language ?? ctx.locale} errors={errors} options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))} required />
        <Submit>{t("debates.form.submit")}</Submit>
      </Form>
    </>
  );
}

/** The author closes their debate: the conclusion, in the debate's language. */
export function CloseFormPage({ ctx, action, d, value, errors }: { ctx: RequestContext; action: string; d: DebateDetails; value?: string | undefined; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const title = text(ctx, d.title);
  return (
    <>
      <h1>{t("debates.close.title")}</h1>
      <p>
        {t("debates.close.intro")} <strong lang={title.lang}>{title.text}</strong>
      </p>
      <Form ctx={ctx} action={action} errors={errors}>
        <TextArea ctx={ctx} name="conclusion" label={t("debates.close.conclusion")} hint={t("debates.form.plainText")} value={value} errors={errors} rows={8} required />
        <Submit>{t("debates.close.submit")}</Submit>
      </Form>
    </>
  );
}

/** What a person outside a members-only discussion area sees instead of its debates. */
export function MembersOnlyPage({ ctx, componentName, signInHref }: { ctx: RequestContext; componentName: string; signInHref: string | null }) {
  const { t } = ctx;
  return (
    <section class="error-page">
      <h1>{componentName}</h1>
      <p>{t("debates.membersOnly.refused")}</p>
      {signInHref && (
        <p>
          <a class="button" href={signInHref}>
            {t("debates.membersOnly.signIn")}
          </a>
        </p>
      )}
    </section>
  );
}
