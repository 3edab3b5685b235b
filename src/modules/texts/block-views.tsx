/**
 * A block's own page: its wording in the current version with its annotations highlighted (each
 * <mark> tied to its entry in the list of annotations, which keyboard and screen-reader users read),
 * the forms to annotate a passage and to propose an amendment, the amendments on it as word-level
 * diffs, and its discussion (the comment kit, for / against / neutral). Works without JavaScript;
 * public/texts-annotate.js turns a selection into the same annotation form.
 */
import type { ComponentChildren } from "preact";
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { formatDateTime } from "../../core/i18n/formats";
import { localize } from "../../core/i18n/translator";
import { ReportLink } from "../../core/moderation/views";
import { CsrfField, Form, Submit, TextArea } from "../../web/ui/forms";
import { wordDiff } from "../../engines/texts/word-diff";
import { segments, type Occurrence } from "./annotations";
import type { AmendmentView, AnnotationView, BlockPageBlock, BlockPageText } from "./block-queries";

/** A translatable text in the reader's language (or another), with its `lang` when it is another. */
export function tr(ctx: RequestContext, value: Translatable | null | undefined): { text: string; lang: string | undefined } {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
}

/** The block's wording with its annotations as <mark>s, each followed by a link to its note. */
export function AnnotatedBody({ ctx, body, lang, annotations, numbers }: { ctx: RequestContext; body: string; lang: string; annotations: AnnotationView[]; numbers: Map<number, number> }) {
  const pieces = segments(
    body,
    annotations.map((a) => ({ id: a.id, start: a.start, end: a.end })),
  );
  const ends = new Map<number, number[]>();
  let at = 0;
  for (const p of pieces) {
    at += Array.from(p.text).length;
    for (const a of annotations) if (a.end === at) ends.set(at, [...(ends.get(at) ?? []), a.id]);
  }
  let pos = 0;
  return (
    <p class="text-block-body" lang={lang} data-annotatable="true">
      {pieces.map((p) => {
        pos += Array.from(p.text).length;
        const closing = ends.get(pos) ?? [];
        ends.delete(pos);
        const refs = closing.map((id) => (
          <sup class="text-annotation-ref">
            <a href={`#annotation-${id}`} aria-label={ctx.t("texts.annotation.refLabel", { n: numbers.get(id) ?? 0 })}>
              {numbers.get(id)}
            </a>
          </sup>
        ));
        if (p.ids.length === 0) return [p.text, ...refs];
        return [
          <mark class="text-annotation" data-annotations={p.ids.join(" ")} aria-describedby={p.ids.map((id) => `annotation-${id}`).join(" ")}>
            {p.text}
          </mark>,
          ...refs,
        ];
      })}
    </p>
  );
}

export function AnnotationList({
  ctx,
  annotations,
  numbers,
  deleteAction,
  discussHref,
  extra,
}: {
  ctx: RequestContext;
  annotations: AnnotationView[];
  numbers: Map<number, number>;
  deleteAction?: ((a: AnnotationView) => string | null) | undefined;
  discussHref?: ((a: AnnotationView) => string) | undefined;
  /** More under each annotation (the archive's frozen discussion). */
  extra?: ((a: AnnotationView) => ComponentChildren) | undefined;
}) {
  const { t } = ctx;
  if (annotations.length === 0) return <p>{t("texts.annotation.none")}</p>;
  return (
    <ol class="text-annotations">
      {annotations.map((a) => {
        const del = deleteAction?.(a) ?? null;
        return (
          <li id={`annotation-${a.id}`} value={numbers.get(a.id)}>
            <blockquote class="text-annotation-quote">
              <p>{a.exact}</p>
            </blockquote>
            <p class="text-annotation-note">{a.note}</p>
            <p class="meta">
              {a.authorName ?? t("texts.annotation.formerParticipant")} · <time dateTime={a.createdAt.toISOString()}>{formatDateTime(ctx.locale, a.createdAt, { dateStyle: "medium" })}</time>
              {discussHref && (
                <>
                  {" · "}
                  <a href={discussHref(a)}>
                    {t("texts.annotation.discuss")}
                    <span class="visually-hidden"> “{a.exact}”</span>
                  </a>
                </>
              )}
            </p>
            {del && (
              <form method="post" action={del} class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit" class="button-link">
                  {t("texts.annotation.delete")}
                  <span class="visually-hidden"> {a.exact}</span>
                </button>
              </form>
            )}
            {extra?.(a)}
          </li>
        );
      })}
    </ol>
  );
}

export interface AnnotationFormValues {
  exact?: string | undefined;
  note?: string | undefined;
  /** The selection's offset (code points), when the script or a link brought it. */
  start?: string | undefined;
}

export function AnnotationForm({ ctx, action, values, errors, occurrences }: { ctx: RequestContext; action: string; values: AnnotationFormValues; errors?: FieldErrors | undefined; occurrences?: Occurrence[] | undefined }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={action} errors={errors} class="form text-annotation-form">
      <TextArea ctx={ctx} name="exact" label={t("texts.annotation.exact")} hint={t("texts.annotation.exactHint")} value={values.exact} rows={2} errors={errors} required />
      {occurrences && occurrences.length > 1 && (
        <fieldset class="text-occurrences">
          <legend>{t("texts.annotation.whichOccurrence", { count: occurrences.length })}</legend>
          {occurrences.map((o, i) => (
            <div class="radio">
              <input type="radio" id={`occurrence-${i + 1}`} name="occurrence" value={String(i + 1)} checked={i === 0} />
              <label for={`occurrence-${i + 1}`}>
                {t("texts.annotation.occurrence", { n: i + 1 })}: …{o.before}
                <strong>{values.exact}</strong>
                {o.after}…
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {values.start !== undefined && <input type="hidden" name="start" value={values.start} />}
      <TextArea ctx={ctx} name="note" label={t("texts.annotation.note")} value={values.note} rows={4} errors={errors} required />
      <Submit>{t("texts.annotation.submit")}</Submit>
    </Form>
  );
}

/** A word-level diff: removed words in <del>, added in <ins>, each announced to screen readers. */
export function WordDiff({ ctx, before, after, lang }: { ctx: RequestContext; before: string; after: string; lang?: string | undefined }) {
  const ops = wordDiff(before, after);
  return (
    <p class="text-diff" lang={lang}>
      {ops.map((o) =>
        o.op === "equal" ? (
          o.text
        ) : o.op === "insert" ? (
          <ins>
            <span class="visually-hidden">[{ctx.t("texts.diff.inserted")}: </span>
            {o.text}
            <span class="visually-hidden">]</span>
          </ins>
        ) : (
          <del>
            <span class="visually-hidden">[{ctx.t("texts.diff.deleted")}: </span>
            {o.text}
            <span class="visually-hidden">]</span>
          </del>
        ),
      )}
    </p>
  );
}

const STATUS_KEYS = {
  pending: "texts.amendment.status.pending",
  accepted: "texts.amendment.status.accepted",
  rejected: "texts.amendment.status.rejected",
  withdrawn: "texts.amendment.status.withdrawn",
} as const;

const KIND_KEYS = { replace: "texts.amendment.kind.replace", insert: "texts.amendment.kind.insert", delete: "texts.amendment.kind.delete" } as const;

/** An amendment: what it changes (a diff and the proposed wording in full), why, its standing and decision. */
export function AmendmentSummary({ ctx, a, lang, href, children, headingLevel = 3 }: { ctx: RequestContext; a: AmendmentView; lang: string; href?: string | undefined; children?: ComponentChildren; headingLevel?: 2 | 3 }) {
  const { t } = ctx;
  const reason = tr(ctx, a.decisionReason);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article class={`text-amendment text-amendment-${a.status}`} aria-labelledby={`amendment-${a.id}-title`}>
      <Heading id={`amendment-${a.id}-title`}>
        {href ? <a href={href}>{t("texts.amendment.title", { n: a.id })}</a> : t("texts.amendment.title", { n: a.id })} · {t(KIND_KEYS[a.kind])} · {t(STATUS_KEYS[a.status])}
      </Heading>
      {a.kind === "replace" && <WordDiff ctx={ctx} before={a.originalBody} after={a.body} lang={lang} />}
      {a.kind === "delete" && (
        <p class="text-diff" lang={lang}>
          <del>{a.originalBody}</del>
        </p>
      )}
      {a.kind !== "delete" && (
        <>
          <p class="text-amendment-proposed-label">{t("texts.amendment.proposedWording")}</p>
          <blockquote class="text-amendment-proposed" lang={lang}>
            <p>{a.body}</p>
          </blockquote>
        </>
      )}
      {a.explanation && (
        <>
          <p class="text-amendment-proposed-label">{t("texts.amendment.explanation")}</p>
          <p>{a.explanation}</p>
        </>
      )}
      <p class="meta">
        {a.authorName ?? t("texts.annotation.formerParticipant")} · {t("texts.amendment.support", { count: a.support })} · {t("texts.amendment.opposition", { count: a.opposition })}
      </p>
      {a.status !== "pending" && reason.text && (
        <p class="text-amendment-decision">
          {t("texts.amendment.decisionReason")}: <span lang={reason.lang}>{reason.text}</span>
        </p>
      )}
      {children}
    </article>
  );
}

/** Support / oppose buttons (a second press of the same withdraws it). */
export function ReactionForm({ ctx, action, a }: { ctx: RequestContext; action: string; a: AmendmentView }) {
  const { t } = ctx;
  if (a.status !== "pending") return null;
  const button = (value: string, pressed: boolean, label: string) => (
    <button type="submit" name="value" value={pressed ? "0" : value} aria-pressed={pressed ? "true" : "false"} class={pressed ? "button" : "button button-secondary"}>
      {label}
    </button>
  );
  return (
    <form method="post" action={action} class="inline-form text-amendment-react">
      <CsrfField ctx={ctx} />
      {button("1", a.mine > 0, t("texts.amendment.supportButton"))} {button("-1", a.mine < 0, t("texts.amendment.opposeButton"))}
    </form>
  );
}

export interface AmendmentFormValues {
  kind?: string | undefined;
  body?: string | undefined;
  explanation?: string | undefined;
}

export function AmendmentForm({ ctx, action, values, errors }: { ctx: RequestContext; action: string; values: AmendmentFormValues; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const kind = values.kind ?? "replace";
  return (
    <Form ctx={ctx} action={action} errors={errors} class="form text-amendment-form">
      <fieldset>
        <legend>{t("texts.amendment.kindLegend")}</legend>
        {(["replace", "insert", "delete"] as const).map((k) => (
          <div class="radio">
            <input type="radio" id={`amendment-kind-${k}`} name="kind" value={k} checked={kind === k} />
            <label for={`amendment-kind-${k}`}>{t(KIND_KEYS[k])}</label>
          </div>
        ))}
      </fieldset>
      <TextArea ctx={ctx} name="body" label={t("texts.amendment.body")} hint={t("texts.amendment.bodyHint")} value={values.body} rows={6} errors={errors} />
      <TextArea ctx={ctx} name="explanation" label={t("texts.amendment.explanation")} value={values.explanation} rows={3} errors={errors} />
      <Submit>{t("texts.amendment.submit")}</Submit>
    </Form>
  );
}

export interface BlockPageProps {
  ctx: RequestContext;
  textHref: string;
  blockHref: string;
  text: BlockPageText;
  block: BlockPageBlock;
  annotations: AnnotationView[];
  amendments: AmendmentView[];
  comments: CommentsSectionData | null;
  /** The forms shown, with their values and errors when the page comes back with them. */
  annotate: { values: AnnotationFormValues; errors?: FieldErrors | undefined; occurrences?: Occurrence[] | undefined } | null;
  amend: { values: AmendmentFormValues; errors?: FieldErrors | undefined } | null;
  /** Why a form is not there (closed in this phase, sign in first), shown in its section. */
  annotateNote: string | null;
  amendNote: string | null;
  script: string;
}

export function BlockPageView(p: BlockPageProps) {
  const { ctx } = p;
  const { t } = ctx;
  const title = tr(ctx, p.text.title);
  const numbers = new Map(p.annotations.map((a, i) => [a.id, i + 1]));
  const viewer = ctx.user?.id ?? null;
  return (
    <article class="text-block-page" data-text-block={String(p.block.id)} data-version={String(p.block.versionId)} data-block-href={p.blockHref} data-annotate-label={t("texts.annotation.selectionButton")}>
      <p class="breadcrumb">
        <a href={`${p.textHref}#b-${p.block.id}`} lang={title.lang}>
          {t("texts.block.backToText", { title: title.text })}
        </a>
      </p>
      <h1>{p.block.kind === "article" || p.block.kind === "section" ? t("texts.block.headingTitle") : t("texts.block.title", { n: p.block.position + 1 })}</h1>
      <p class="meta">{t("texts.block.inVersion", { n: p.text.versionNumber ?? 0 })}</p>
      {p.block.hidden && <p class="notice">{t("texts.block.hiddenNotice")}</p>}
      <AnnotatedBody ctx={ctx} body={p.block.body} lang={p.text.locale} annotations={p.annotations} numbers={numbers} />
      {ctx.user && <ReportLink ctx={ctx} type="text_block" id={p.block.id} />}

      <section aria-labelledby="annotations-title" class="text-block-annotations">
        <h2 id="annotations-title">{t("texts.annotation.heading", { count: p.annotations.length })}</h2>
        <AnnotationList ctx={ctx} annotations={p.annotations} numbers={numbers} discussHref={(a) => `${p.textHref}/annotations/${a.id}`} deleteAction={(a) => (viewer !== null && a.authorId === viewer ? `${p.blockHref}/annotations/${a.id}/delete` : null)} />
        {p.annotate && (
          <>
            <h3 id="annotate">{t("texts.annotation.formHeading")}</h3>
            <AnnotationForm ctx={ctx} action={`${p.blockHref}/annotations`} values={p.annotate.values} errors={p.annotate.errors} occurrences={p.annotate.occurrences} />
          </>
        )}
        {p.annotateNote && <p class="notice">{p.annotateNote}</p>}
      </section>

      <section aria-labelledby="amendments-title" class="text-block-amendments">
        <h2 id="amendments-title">{t("texts.amendment.heading", { count: p.amendments.length })}</h2>
        {p.amendments.length === 0 && <p>{t("texts.amendment.none")}</p>}
        {p.amendments.map((a) => (
          <AmendmentSummary ctx={ctx} a={a} lang={p.text.locale} href={`${p.textHref}/amendments/${a.id}`}>
            {ctx.user && <ReactionForm ctx={ctx} action={`${p.textHref}/amendments/${a.id}/react`} a={a} />}
          </AmendmentSummary>
        ))}
        {p.amend && (
          <>
            <h3 id="amend">{t("texts.amendment.formHeading")}</h3>
            <AmendmentForm ctx={ctx} action={`${p.blockHref}/amendments`} values={p.amend.values} errors={p.amend.errors} />
          </>
        )}
        {p.amendNote && <p class="notice">{p.amendNote}</p>}
      </section>

      {p.comments && <CommentsSection ctx={ctx} data={p.comments} />}
      <script src={p.script} defer />
    </article>
  );
}


/**
 * The text's annotations whose passage has gone (orphaned at a re-anchoring), with their original
 * quote and note: a part the text's page includes, and the page `/texts/:textId/annotations?status=orphaned`.
 */
export function OrphanedAnnotations({ ctx, annotations, headingLevel = 2, textHref }: { ctx: RequestContext; annotations: AnnotationView[]; headingLevel?: 2 | 3; textHref?: string | undefined }) {
  const { t } = ctx;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const numbers = new Map(annotations.map((a, i) => [a.id, i + 1]));
  return (
    <section aria-labelledby="orphaned-annotations" class="text-orphaned-annotations">
      <Heading id="orphaned-annotations">{t("texts.annotation.orphanedHeading")}</Heading>
      {annotations.length === 0 ? (
        <p>{t("texts.annotation.orphanedNone")}</p>
      ) : (
        <>
          <p>{t("texts.annotation.orphanedIntro")}</p>
          <AnnotationList ctx={ctx} annotations={annotations} numbers={numbers} discussHref={textHref ? (a) => `${textHref}/annotations/${a.id}` : undefined} />
        </>
      )}
    </section>
  );
}

export function OrphanedAnnotationsPage({ ctx, textHref, text, annotations }: { ctx: RequestContext; textHref: string; text: BlockPageText; annotations: AnnotationView[] }) {
  const title = tr(ctx, text.title);
  return (
    <div class="text-orphaned-page">
      <p class="breadcrumb">
        <a href={textHref} lang={title.lang}>
          {ctx.t("texts.block.backToText", { title: title.text })}
        </a>
      </p>
      <h1>{ctx.t("texts.annotation.orphanedTitle", { title: title.text })}</h1>
      <OrphanedAnnotations ctx={ctx} annotations={annotations} textHref={textHref} />
    </div>
  );
}

/** An annotation's own page: the passage in its context, the note, and its discussion. */
export function AnnotationPageView({ ctx, textHref, text, a, comments }: { ctx: RequestContext; textHref: string; text: BlockPageText; a: AnnotationView & { blockId: number | null }; comments: CommentsSectionData | null }) {
  const { t } = ctx;
  const title = tr(ctx, text.title);
  return (
    <div class="text-annotation-page">
      <p class="breadcrumb">
        <a href={textHref} lang={title.lang}>
          {t("texts.block.backToText", { title: title.text })}
        </a>
        {a.blockId !== null && (
          <>
            {" · "}
            <a href={`${textHref}/blocks/${a.blockId}#annotation-${a.id}`}>{t("texts.annotation.toBlock")}</a>
          </>
        )}
      </p>
      <h1>{t("texts.annotation.pageTitle")}</h1>
      {a.status === "orphaned" && <p class="notice">{t("texts.annotation.orphanedNotice")}</p>}
      <blockquote class="text-annotation-context" lang={text.locale}>
        <p>
          {a.prefix && <>…{a.prefix}</>}
          <mark>{a.exact}</mark>
          {a.suffix && <>{a.suffix}…</>}
        </p>
      </blockquote>
      <p class="text-annotation-note">{a.note}</p>
      <p class="meta">
        {a.authorName ?? t("texts.annotation.formerParticipant")} · <time dateTime={a.createdAt.toISOString()}>{formatDateTime(ctx.locale, a.createdAt, { dateStyle: "medium" })}</time>
      </p>
      {ctx.user && ctx.user.id !== a.authorId && <ReportLink ctx={ctx} type="text_annotation" id={a.id} />}
      {comments && <CommentsSection ctx={ctx} data={comments} />}
    </div>
  );
}
