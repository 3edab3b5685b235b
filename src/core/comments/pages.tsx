/**
 * The comments' own pages: a comment form that came back with an error (the text kept), the author's
 * edit form, and a thread's own pages (its replies beyond those shown under the resource).
 */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import { formatDateTime } from "../i18n/formats";
import { Form, Submit, TextArea } from "../../web/ui/forms";
import type { Alignment } from "./queries";
import { threadUrl, type DiscussionContext, type ThreadData } from "./section";
import { ALIGNMENT_LABELS, CommentItem, titleText } from "./views";

const CHOICES: Array<{ value: string; alignment: Alignment }> = [
  { value: "in_favour", alignment: 1 },
  { value: "against", alignment: -1 },
  { value: "neutral", alignment: 0 },
];

export interface FormPageProps {
  ctx: RequestContext;
  d: DiscussionContext;
  /** Replying to this comment's author. */
  parent?: { id: number; authorName: string } | undefined;
  values: { body?: string | undefined; alignment?: string | undefined };
  errors: FieldErrors;
}

/** A comment or reply that could not be published, with the reason and the text as it was typed. */
export function CommentFormPage({ ctx, d, parent, values, errors }: FormPageProps) {
  const { t } = ctx;
  const title = parent ? t("comments.reply.pageTitle", { name: parent.authorName }) : t("comments.form.pageTitle", { title: titleText(ctx, d.title) });
  const chosen = values.alignment ?? "neutral";
  return (
    <section class="comment-form-page">
      <h1>{title}</h1>
      <Form ctx={ctx} action="/comments" errors={errors}>
        <input type="hidden" name="return_to" value={d.viewUrl} />
        <input type="hidden" name="resourceType" value={d.ref.type} />
        <input type="hidden" name="resourceId" value={String(d.ref.id)} />
        {parent && <input type="hidden" name="parentId" value={String(parent.id)} />}
        <TextArea ctx={ctx} name="body" label={parent ? t("comments.reply.label", { name: parent.authorName }) : t("comments.form.body")} hint={t("comments.form.hint", { max: d.maxLength })} value={values.body} rows={8} errors={errors} required />
        {d.alignment && !parent && (
          <fieldset class="field-group comment-alignment-choice" id="field-alignment">
            <legend>{t("comments.form.alignment")}</legend>
            {CHOICES.map((a) => (
              <div class="field field-radio">
                <input type="radio" id={`alignment-${a.value}`} name="alignment" value={a.value} checked={chosen === a.value} />
                <label for={`alignment-${a.value}`}>{t(ALIGNMENT_LABELS[a.alignment])}</label>
              </div>
            ))}
          </fieldset>
        )}
        <Submit>{parent ? t("comments.reply.submit") : t("comments.form.submit")}</Submit>
      </Form>
      <p>
        <a href={`${d.viewUrl}#comments`}>{t("comments.form.back", { title: titleText(ctx, d.title) })}</a>
      </p>
    </section>
  );
}

export interface EditPageProps {
  ctx: RequestContext;
  id: number;
  body: string;
  until: Date | null;
  returnTo: string;
  maxLength: number;
  errors?: FieldErrors | undefined;
}

/** The author's edit form, while the edit window lasts (or the reason it no longer does). */
export function EditCommentPage({ ctx, id, body, until, returnTo, maxLength, errors }: EditPageProps) {
  const { t } = ctx;
  return (
    <section class="comment-form-page">
      <h1>{t("comments.edit.title")}</h1>
      {until && <p>{t("comments.edit.until", { time: formatDateTime(ctx.locale, until, { timeStyle: "short", timeZone: "Europe/Brussels" }) })}</p>}
      <Form ctx={ctx} action={`/comments/${id}/edit`} errors={errors}>
        <input type="hidden" name="return_to" value={returnTo} />
        <TextArea ctx={ctx} name="body" label={t("comments.form.body")} hint={t("comments.form.hint", { max: maxLength })} value={body} rows={8} errors={errors} required />
        {until && <Submit>{t("comments.edit.submit")}</Submit>}
      </Form>
      <p>
        <a href={`${returnTo}#comment-${id}`}>{t("common.cancel")}</a>
      </p>
    </section>
  );
}

/** A thread on its own page: its first comment and one page of replies. */
export function ThreadPage({ ctx, data }: { ctx: RequestContext; data: ThreadData }) {
  const { t } = ctx;
  const title = titleText(ctx, data.title);
  return (
    <section class="comments comment-thread-page" id="comments" aria-labelledby="thread-title">
      <h1 id="thread-title">{t("comments.thread.title", { title })}</h1>
      <p>
        <a href={`${data.url}#comment-${data.root.id}`}>{t("comments.thread.back", { title })}</a>
      </p>
      <ol class="comments-list">
        <CommentItem ctx={ctx} c={data.root} d={data} />
      </ol>
      {(data.page > 1 || data.hasNext) && (
        <nav class="pager comments-pager" aria-label={t("comments.pager.label")}>
          {data.page > 1 && <a href={threadUrl(data.root.id, data.page - 1)}>{t("comments.thread.previous")}</a>} <span>{t("comments.pager.position", { page: data.page })}</span>{" "}
          {data.hasNext && <a href={threadUrl(data.root.id, data.page + 1)}>{t("comments.thread.next")}</a>}
        </nav>
      )}
    </section>
  );
}
