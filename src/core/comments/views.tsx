/**
 * The comments section any resource page includes: `<CommentsSection ctx data />` with the data of
 * `loadCommentsSection` (section.ts). Everything works as plain links and form posts; a small script
 * (public/comments-live.js) adds new comments as they are posted and says so in a live region.
 */
import { createHash } from "node:crypto";
import { render } from "preact-render-to-string";
import type { RequestContext } from "../http/context";
import { formatDateTime } from "../i18n/formats";
import { localize } from "../i18n/translator";
import type { MessageKey } from "../i18n/catalogues";
import type { Translatable } from "../i18n/locales";
import { assetUrl } from "../../web/assets";
import { CsrfField } from "../../web/ui/forms";
import { HideButton, ReportLink } from "../moderation/views";
import { COMMENT_SORTS, type Alignment, type CommentView } from "./queries";
import { discussionUrl, threadUrl, type CommentNode, type CommentsSectionData, type DiscussionContext } from "./section";
import { CommentText } from "./text-view";

export interface DiscussionProps {
  ctx: RequestContext;
  d: DiscussionContext;
}

export const ALIGNMENT_LABELS: Record<Alignment, MessageKey> = { 1: "comments.alignment.inFavour", [-1]: "comments.alignment.against", 0: "comments.alignment.neutral" };
const ALIGNMENT_VALUES: Array<{ value: string; alignment: Alignment }> = [
  { value: "in_favour", alignment: 1 },
  { value: "against", alignment: -1 },
  { value: "neutral", alignment: 0 },
];

export const titleText = (ctx: RequestContext, title: string | Translatable): string => (typeof title === "string" ? title : localize(title, ctx.locale, ctx.org.defaultLocale).text);
/**
 * Vote labels repeat the same few counts down a discussion, and a plural message costs some twenty
 * microseconds to format: formatted once per language and values, per instance.
 */
const counted = new Map<string, Map<string, string>>();
function tCount(ctx: RequestContext, key: "comments.vote.up" | "comments.vote.down" | "comments.vote.counts", values: Record<string, number>): string {
  let memo = counted.get(ctx.locale);
  if (!memo) counted.set(ctx.locale, (memo = new Map()));
  const id = `${key}:${Object.values(values).join(":")}`;
  let text = memo.get(id);
  if (text === undefined) {
    if (memo.size > 5_000) memo.clear();
    text = ctx.t(key, values);
    memo.set(id, text);
  }
  return text;
}
const when = (ctx: RequestContext, d: Date) => formatDateTime(ctx.locale, d, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" });
const authorOf = (ctx: RequestContext, c: { authorName: string | null }) => c.authorName ?? ctx.t("accounts.deletedParticipant");
const signInHref = (d: DiscussionContext) => `/users/sign-in?return_to=${encodeURIComponent(`${d.viewUrl}#comments`)}`;

function Hidden({ ctx, d }: { ctx: RequestContext; d: DiscussionContext }) {
  return (
    <>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="return_to" value={d.viewUrl} />
    </>
  );
}

function Votes({ ctx, c, d }: { ctx: RequestContext; c: CommentNode; d: DiscussionContext }) {
  const { t } = ctx;
  if (c.deleted || c.hidden) return null;
  if (!c.canVote) {
    return (
      <p class="comment-votes comment-votes-static">
        <span aria-hidden="true">
          ▲ {c.upVotes} ▼ {c.downVotes}
        </span>
        <span class="visually-hidden">{tCount(ctx, "comments.vote.counts", { up: c.upVotes, down: c.downVotes })}</span>
      </p>
    );
  }
  // Each button says what it does and how many agree; aria-pressed says the reader's own vote, and
  // pressing it again withdraws it.
  return (
    <form method="post" action={`/comments/${c.id}/vote`} class="comment-votes">
      <Hidden ctx={ctx} d={d} />
      <div role="group" aria-label={t("comments.vote.group", { name: authorOf(ctx, c) })}>
        <button type="submit" name="value" value={c.myVote === 1 ? "none" : "up"} class="comment-vote comment-vote-up" aria-pressed={c.myVote === 1 ? "true" : "false"} aria-label={tCount(ctx, "comments.vote.up", { count: c.upVotes })}>
          <span aria-hidden="true">▲ {c.upVotes}</span>
        </button>{" "}
        <button type="submit" name="value" value={c.myVote === -1 ? "none" : "down"} class="comment-vote comment-vote-down" aria-pressed={c.myVote === -1 ? "true" : "false"} aria-label={tCount(ctx, "comments.vote.down", { count: c.downVotes })}>
          <span aria-hidden="true">▼ {c.downVotes}</span>
        </button>
      </div>
    </form>
  );
}

function ReplyForm({ ctx, c, d }: { ctx: RequestContext; c: CommentNode; d: DiscussionContext }) {
  const { t } = ctx;
  const id = `comment-reply-${c.id}`;
  return (
    <details class="comment-reply">
      <summary>{t("comments.reply.summary")}</summary>
      <form method="post" action="/comments" class="form comment-form">
        <Hidden ctx={ctx} d={d} />
        <input type="hidden" name="resourceType" value={d.ref.type} />
        <input type="hidden" name="resourceId" value={String(d.ref.id)} />
        <input type="hidden" name="parentId" value={String(c.id)} />
        <div class="field">
          <label for={id}>{t("comments.reply.label", { name: authorOf(ctx, c) })}</label>
          <p id={`${id}-hint`} class="hint">
            {t("comments.form.hint", { max: d.maxLength })}
          </p>
          <textarea id={id} name="body" rows={4} required aria-describedby={`${id}-hint`} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t("comments.reply.submit")}
          </button>
        </div>
      </form>
    </details>
  );
}

function OwnTools({ ctx, c, d }: { ctx: RequestContext; c: CommentNode; d: DiscussionContext }) {
  const { t } = ctx;
  if (!c.editUntil && !c.canDelete) return null;
  return (
    <>
      {c.editUntil && (
        <a class="comment-edit" href={`/comments/${c.id}/edit?return_to=${encodeURIComponent(d.viewUrl)}`}>
          {t("comments.edit.link")}
        </a>
      )}
      {c.canDelete && (
        <details class="confirm-disclosure comment-delete">
          <summary>{t("comments.delete.summary")}</summary>
          <div class="confirm-box" role="group" aria-labelledby={`comment-delete-${c.id}`}>
            <p id={`comment-delete-${c.id}`}>{t("comments.delete.confirm")}</p>
            <form method="post" action={`/comments/${c.id}/delete`} class="form-actions">
              <Hidden ctx={ctx} d={d} />
              <button type="submit" class="button button-danger">
                {t("comments.delete.submit")}
              </button>
            </form>
          </div>
        </details>
      )}
    </>
  );
}

/**
 * Under someone else's comment: "Report"; for the space's moderators also "Hide". Every page with a
 * discussion shows these same tools (component pages once passed a "report" slot of their own that
 * replaced them, and moderators lost "Hide" there).
 */
function ModerationTools({ ctx, c, d }: { ctx: RequestContext; c: CommentView; d: DiscussionContext }) {
  if (!ctx.user) return null;
  return (
    <>
      {ctx.user.id !== c.authorId && <ReportLink ctx={ctx} type="comment" id={c.id} />}
      {d.moderator && <HideButton ctx={ctx} type="comment" id={c.id} returnTo={`${d.viewUrl}#comment-${c.id}`} />}
    </>
  );
}

/** One comment with its replies; also the fragment the live script inserts. */
export function CommentItem({ ctx, c, d }: DiscussionProps & { c: CommentNode }) {
  const { t } = ctx;
  const name = authorOf(ctx, c);
  const gone = c.deleted || c.hidden;
  return (
    <li class={`comment comment-depth-${c.depth}`} id={`comment-${c.id}`} data-comment={c.id} data-parent={c.parentId ?? undefined} data-alignment={d.alignment && c.depth === 0 ? c.alignment : undefined}>
      <article class="comment-card" aria-label={gone ? t(c.deleted ? "comments.comment.deleted" : "comments.comment.hidden") : t("comments.comment.by", { name })}>
        {gone ? (
          <p class="comment-placeholder">{t(c.deleted ? "comments.comment.deleted" : "comments.comment.hidden")}</p>
        ) : (
          <>
            <header class="comment-meta">
              <strong class="comment-author">{name}</strong>
              {d.alignment && c.depth === 0 && c.alignment !== 0 && <span class={`comment-alignment comment-alignment-${c.alignment > 0 ? "in-favour" : "against"}`}>{t(ALIGNMENT_LABELS[c.alignment])}</span>}{" "}
              <a class="comment-permalink" href={`#comment-${c.id}`}>
                <time dateTime={c.createdAt.toISOString()}>{when(ctx, c.createdAt)}</time>
              </a>
              {c.edited && <span class="comment-edited"> · {t("comments.comment.edited")}</span>}
              {c.inReplyTo !== undefined && (
                <span class="comment-in-reply-to">
                  {" "}
                  · <a href={`#comment-${c.parentId ?? c.rootId}`}>{t("comments.comment.inReplyTo", { name: c.inReplyTo ?? ctx.t("accounts.deletedParticipant") })}</a>
                </span>
              )}
            </header>
            <div class="comment-body">
              <CommentText body={c.body} mentions={c.mentions} />
            </div>
          </>
        )}
        <div class="comment-actions">
          <Votes ctx={ctx} c={c} d={d} />
          <OwnTools ctx={ctx} c={c} d={d} />
          {!gone && <ModerationTools ctx={ctx} c={c} d={d} />}
          {c.canReply && <ReplyForm ctx={ctx} c={c} d={d} />}
        </div>
      </article>
      {c.children.length > 0 && (
        <ol class="comment-replies" data-replies-of={c.id} aria-label={t("comments.comment.replies", { name: gone ? t("comments.comment.deleted") : name })}>
          {c.children.map((child) => (
            <CommentItem ctx={ctx} c={child} d={d} />
          ))}
        </ol>
      )}
      {c.more > 0 && (
        <p class="comment-more">
          <a href={threadUrl(c.id)}>{t("comments.thread.more", { count: c.more })}</a>
        </p>
      )}
    </li>
  );
}

/** The form for a new top-level comment (posted to /comments; errors come back on a page of their own). */
export function NewCommentForm({ ctx, d, values, errors }: { ctx: RequestContext; d: DiscussionContext; values?: { body?: string; alignment?: string } | undefined; errors?: Record<string, { key: MessageKey; values?: Record<string, string | number> }> | undefined }) {
  const { t } = ctx;
  const chosen = values?.alignment ?? "neutral";
  const error = errors?.body;
  return (
    <form method="post" action="/comments" class="form comment-form" id="comment-new" novalidate>
      <Hidden ctx={ctx} d={d} />
      <input type="hidden" name="resourceType" value={d.ref.type} />
      <input type="hidden" name="resourceId" value={String(d.ref.id)} />
      <div class={`field${error ? " field-error" : ""}`}>
        <label for="comment-new-body">{t("comments.form.body")}</label>
        <p id="comment-new-body-hint" class="hint">
          {t("comments.form.hint", { max: d.maxLength })}
        </p>
        {error && (
          <p id="comment-new-body-error" class="error-message">
            {t(error.key, error.values)}
          </p>
        )}
        <textarea id="comment-new-body" name="body" rows={5} required aria-invalid={error ? "true" : undefined} aria-describedby={`comment-new-body-hint${error ? " comment-new-body-error" : ""}`}>
          {values?.body ?? ""}
        </textarea>
      </div>
      {d.alignment && (
        <fieldset class="field-group comment-alignment-choice">
          <legend>{t("comments.form.alignment")}</legend>
          {ALIGNMENT_VALUES.map((a) => (
            <div class="field field-radio">
              <input type="radio" id={`comment-new-alignment-${a.value}`} name="alignment" value={a.value} checked={chosen === a.value} />
              <label for={`comment-new-alignment-${a.value}`}>{t(ALIGNMENT_LABELS[a.alignment])}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary">
          {t("comments.form.submit")}
        </button>
      </div>
    </form>
  );
}

/** What stands where the form would be when the reader may not write: read-only, sign in, verify, or why. */
export function WriteNotice({ ctx, d }: { ctx: RequestContext; d: DiscussionContext }) {
  const { t } = ctx;
  const w = d.write;
  if (w.ok) return null;
  if ("errors" in w) {
    const first = Object.values(w.errors)[0];
    return first ? <p class="notice comments-notice">{t(first.key, first.values)}</p> : null;
  }
  if (w.refusal.status === "signIn")
    return (
      <p class="comments-notice">
        {t("comments.section.signIn")} <a href={signInHref(d)}>{t("comments.section.signInLink")}</a>
      </p>
    );
  if (w.refusal.status === "pending")
    return (
      <p class="comments-notice">
        <a class="button button-secondary" href={w.refusal.verifyUrl}>
          {t("comments.section.verify")}
        </a>
      </p>
    );
  return <p class="notice comments-notice">{t(w.refusal.reason, w.refusal.values)}</p>;
}

function SortLinks({ ctx, data }: { ctx: RequestContext; data: CommentsSectionData }) {
  const { t } = ctx;
  return (
    <nav class="comments-sort" aria-label={t("comments.sort.label")}>
      <ul>
        {COMMENT_SORTS.map((s) => (
          <li>
            <a href={`${discussionUrl(data.path, s, 1)}#comments`} aria-current={s === data.sort ? "true" : undefined}>
              {t(`comments.sort.${s}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Where the live script puts a new top-level comment: first (most recent first, first page), last (oldest first, last page), or a notice. */
function insertMode(data: CommentsSectionData): "top" | "bottom" | "notice" {
  if (data.sort === "recent" && data.page === 1) return "top";
  if (data.sort === "oldest" && !data.hasNext) return "bottom";
  return "notice";
}

/**
 * Rendered discussions for visitors without an account, by their exact content: rendering a page of
 * threads (up to some two hundred comments) costs far more than reading them, and every visitor sees
 * the same markup (no forms, no tokens, no votes of their own). The key is a digest of everything the
 * markup shows (the loaded data and the language), so an entry is never stale: a new comment, vote or
 * edit changes the data and so the key. Bounded per instance.
 */
const rendered = new Map<string, string>();
const MAX_RENDERED = 200;

function renderedFor(ctx: RequestContext, data: CommentsSectionData): string {
  const key = createHash("sha1").update(ctx.locale).update("\0").update(ctx.org.defaultLocale).update("\0").update(JSON.stringify(data)).digest("base64");
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const html = render(<SectionBody ctx={ctx} data={data} />);
  if (rendered.size >= MAX_RENDERED) rendered.clear();
  rendered.set(key, html);
  return html;
}

export function CommentsSection({ ctx, data }: { ctx: RequestContext; data: CommentsSectionData }) {
  const attributes = { class: "comments", id: "comments", "aria-labelledby": "comments-title", "data-comments-events": data.eventsUrl, "data-comments-insert": insertMode(data) };
  // Visitors share one rendering; a signed-in reader's own votes, forms and tools are rendered for them.
  if (!ctx.user) return <section {...attributes} dangerouslySetInnerHTML={{ __html: renderedFor(ctx, data) }} />;
  return (
    <section {...attributes}>
      <SectionBody ctx={ctx} data={data} />
    </section>
  );
}

const COLUMNS: Array<{ alignment: Alignment; slug: string; title: "comments.columns.inFavour" | "comments.columns.against" | "comments.columns.neutral"; count: "inFavour" | "against" | "neutral" }> = [
  { alignment: 1, slug: "in-favour", title: "comments.columns.inFavour", count: "inFavour" },
  { alignment: -1, slug: "against", title: "comments.columns.against", count: "against" },
  { alignment: 0, slug: "neutral", title: "comments.columns.neutral", count: "neutral" },
];

/**
 * The "columns" layout: in favour and against side by side, neutral below, each under its own heading
 * (the threads of this page, split by the side their first comment took). The live script puts a new
 * comment in the list of its side (`data-alignment`).
 */
function Columns({ ctx, data }: { ctx: RequestContext; data: CommentsSectionData }) {
  const { t } = ctx;
  const column = (col: (typeof COLUMNS)[number]) => {
    const threads = data.threads.filter((c) => c.alignment === col.alignment);
    return (
      <section class={`comments-column comments-column-${col.slug}`} aria-labelledby={`comments-column-${col.slug}`} data-comments-column>
        <h3 id={`comments-column-${col.slug}`}>{t(col.title, { count: data.counts[col.count] })}</h3>
        {threads.length === 0 && <p class="comments-column-empty" data-comments-empty>{t("comments.columns.empty")}</p>}
        <ol class="comments-list" data-comments-list data-alignment={col.alignment}>
          {threads.map((c) => (
            <CommentItem ctx={ctx} c={c} d={data} />
          ))}
        </ol>
      </section>
    );
  };
  const [inFavour, against, neutral] = COLUMNS;
  return (
    <>
      <div class="comments-columns">
        {inFavour && column(inFavour)}
        {against && column(against)}
      </div>
      {neutral && column(neutral)}
    </>
  );
}

function SectionBody({ ctx, data }: { ctx: RequestContext; data: CommentsSectionData }) {
  const { t } = ctx;
  const { counts } = data;
  return (
    <>
      <h2 id="comments-title">{t("comments.section.title", { count: counts.total })}</h2>
      {data.alignment && data.layout === "list" && counts.total > 0 && <p class="comments-alignment-counts">{t("comments.counts.alignment", { inFavour: counts.inFavour, against: counts.against, neutral: counts.neutral })}</p>}
      {data.blocked && <p class="notice comments-blocked">{t("comments.section.blocked")}</p>}
      {(data.threads.length > 0 || data.page > 1) && <SortLinks ctx={ctx} data={data} />}
      <p class="visually-hidden" aria-live="polite" data-comments-announce data-template={t("comments.live.announce", { name: "{name}" })} />
      <p class="comments-live-more" data-comments-more hidden>
        {t("comments.live.more")} <a href={`${discussionUrl(data.path, "recent", 1)}#comments`}>{t("comments.live.show")}</a>
      </p>
      {data.threads.length === 0 && data.page === 1 && <p data-comments-empty>{t("comments.section.empty")}</p>}
      {data.layout === "columns" ? (
        <Columns ctx={ctx} data={data} />
      ) : (
        <ol class="comments-list" data-comments-list>
          {data.threads.map((c) => (
            <CommentItem ctx={ctx} c={c} d={data} />
          ))}
        </ol>
      )}
      {(data.page > 1 || data.hasNext) && (
        <nav class="pager comments-pager" aria-label={t("comments.pager.label")}>
          {data.page > 1 && <a href={`${discussionUrl(data.path, data.sort, data.page - 1)}#comments`}>{t("comments.pager.previous")}</a>} <span>{t("comments.pager.position", { page: data.page })}</span>{" "}
          {data.hasNext && <a href={`${discussionUrl(data.path, data.sort, data.page + 1)}#comments`}>{t("comments.pager.next")}</a>}
        </nav>
      )}
      {!data.blocked && (
        <div class="comments-new">
          <h3>{t("comments.form.title")}</h3>
          {data.write.ok ? <NewCommentForm ctx={ctx} d={data} /> : <WriteNotice ctx={ctx} d={data} />}
        </div>
      )}
      <script src={assetUrl("comments-live.js")} defer />
    </>
  );
}
