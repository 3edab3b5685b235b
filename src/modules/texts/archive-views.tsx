/** The archive: a text's list of stage snapshots (a part the text's page includes) and a snapshot, read-only. */
import type { RequestContext } from "../../core/http/context";
import { formatDateTime } from "../../core/i18n/formats";
import { Form, Submit } from "../../web/ui/forms";
import type { Snapshot, SnapshotComment, SnapshotSummary } from "./archive";
import type { AnnotationView, BlockPageText } from "./block-queries";
import { AmendmentSummary, AnnotatedBody, AnnotationList, tr } from "./block-views";

/** The snapshots of a text, each linked (`archiveHref` is `<text>/archive`). */
export function SnapshotList({ ctx, archiveHref, snapshots, headingLevel = 2 }: { ctx: RequestContext; archiveHref: string; snapshots: SnapshotSummary[]; headingLevel?: 2 | 3 }) {
  const { t } = ctx;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="text-archive" class="text-archive">
      <Heading id="text-archive">{t("texts.archive.heading")}</Heading>
      {snapshots.length === 0 ? (
        <p>{t("texts.archive.none")}</p>
      ) : (
        <ul>
          {snapshots.map((s) => {
            const step = s.stepTitle ? tr(ctx, s.stepTitle).text : t("texts.archive.noStep");
            return (
              <li>
                <a href={`${archiveHref}/${s.id}`}>{t("texts.archive.entry", { step, n: s.versionNumber, date: formatDateTime(ctx.locale, s.frozenAt, { dateStyle: "long" }) })}</a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function ArchiveIndexView({ ctx, textHref, text, snapshots, editor }: { ctx: RequestContext; textHref: string; text: BlockPageText; snapshots: SnapshotSummary[]; editor: boolean }) {
  const { t } = ctx;
  const title = tr(ctx, text.title);
  return (
    <div class="text-archive-page">
      <p class="breadcrumb">
        <a href={textHref} lang={title.lang}>
          {t("texts.block.backToText", { title: title.text })}
        </a>
      </p>
      <h1>{t("texts.archive.title", { title: title.text })}</h1>
      <SnapshotList ctx={ctx} archiveHref={`${textHref}/archive`} snapshots={snapshots} />
      {editor && (
        <Form ctx={ctx} action={`${textHref}/archive`}>
          <p class="hint">{t("texts.archive.freezeHint")}</p>
          <Submit>{t("texts.archive.freeze")}</Submit>
        </Form>
      )}
    </div>
  );
}

const ALIGNMENT_KEYS = { 1: "texts.archive.inFavour", [-1]: "texts.archive.against", 0: "texts.archive.neutral" } as const;

function FrozenComments({ ctx, comments, label }: { ctx: RequestContext; comments: SnapshotComment[] | undefined; label?: string }) {
  if (!comments || comments.length === 0) return null;
  return (
    <ul class="text-archive-comments" aria-label={label}>
      {comments.map((c) => (
        <li style={c.depth > 0 ? `margin-inline-start: ${Math.min(c.depth, 4) * 1.5}rem` : undefined}>
          <p class="meta">
            {c.author ?? ctx.t("texts.annotation.formerParticipant")} · {ctx.t(ALIGNMENT_KEYS[(c.alignment > 0 ? 1 : c.alignment < 0 ? -1 : 0) as 1 | -1 | 0])}
          </p>
          <p>{c.body}</p>
        </li>
      ))}
    </ul>
  );
}

export function SnapshotView({ ctx, textHref, snapshot: s }: { ctx: RequestContext; textHref: string; snapshot: Snapshot }) {
  const { t } = ctx;
  const title = tr(ctx, s.title);
  const d = s.data;
  const step = d.stepTitle ? tr(ctx, d.stepTitle).text : t("texts.archive.noStep");
  let n = 0;
  // Each frozen annotation gets a view (numbered in the snapshot) and keeps its discussion by that number.
  const discussions = new Map<number, SnapshotComment[] | undefined>();
  const asViews = (list: typeof d.orphaned): AnnotationView[] =>
    list.map((a) => {
      discussions.set(++n, a.comments);
      return { id: n, authorId: null, authorName: a.author, exact: a.exact, prefix: "", suffix: "", start: a.start, end: a.end, note: a.note, status: "anchored", createdAt: s.frozenAt };
    });
  const annotationDiscussion = (a: AnnotationView) => <FrozenComments ctx={ctx} comments={discussions.get(a.id)} label={t("texts.archive.annotationDiscussion", { quote: a.exact })} />;
  return (
    <div class="text-snapshot">
      <p class="breadcrumb">
        <a href={textHref} lang={title.lang}>
          {t("texts.block.backToText", { title: title.text })}
        </a>{" "}
        · <a href={`${textHref}/archive`}>{t("texts.archive.heading")}</a>
      </p>
      <h1 lang={title.lang}>{title.text}</h1>
      <p class="notice">{t("texts.archive.frozenNotice", { step, n: d.versionNumber, date: formatDateTime(ctx.locale, s.frozenAt, { dateStyle: "long", timeStyle: "short" }) })}</p>
      {d.blocks.map((b) => {
        const annotations = asViews(b.annotations);
        const numbers = new Map(annotations.map((a, i) => [a.id, i + 1]));
        return (
          <section class="text-snapshot-block" aria-label={t("texts.archive.blockLabel", { n: d.blocks.indexOf(b) + 1 })}>
            <AnnotatedBody ctx={ctx} body={b.body} lang={d.locale} annotations={annotations} numbers={numbers} />
            {annotations.length > 0 && <AnnotationList ctx={ctx} annotations={annotations} numbers={numbers} extra={annotationDiscussion} />}
            <FrozenComments ctx={ctx} comments={b.comments} />
          </section>
        );
      })}
      <h2>{t("texts.amendment.listTitle")}</h2>
      {d.amendments.length === 0 && <p>{t("texts.amendment.none")}</p>}
      {d.amendments.map((a) => (
        <>
          <AmendmentSummary
            ctx={ctx}
            lang={d.locale}
            a={{ ...a, kind: a.kind as "replace", status: a.status as "pending", versionId: 0, authorId: null, authorName: a.author, decidedAt: null, appliedInVersionId: null, mine: 0, createdAt: s.frozenAt }}
          />
          <FrozenComments ctx={ctx} comments={a.comments} label={t("texts.archive.amendmentDiscussion", { n: a.id })} />
        </>
      ))}
      {d.orphaned.length > 0 && (
        <>
          <h2>{t("texts.annotation.orphanedHeading")}</h2>
          <AnnotationList ctx={ctx} annotations={asViews(d.orphaned)} numbers={new Map()} extra={annotationDiscussion} />
        </>
      )}
    </div>
  );
}
