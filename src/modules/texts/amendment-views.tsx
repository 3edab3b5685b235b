/** An amendment's page (with the editors' decision form and its discussion) and a text's list of amendments. */
import type { CommentsSectionData } from "../../core/comments/section";
import { CommentsSection } from "../../core/comments/views";
import type { RequestContext } from "../../core/http/context";
import type { FieldErrors } from "../../core/http/result";
import { ReportLink } from "../../core/moderation/views";
import { ErrorSummary, Form, TextArea } from "../../web/ui/forms";
import type { AmendmentView, BlockPageText } from "./block-queries";
import { AmendmentSummary, ReactionForm, tr } from "./block-views";

function DecisionForm({ ctx, action, decision }: { ctx: RequestContext; action: string; decision?: { reason: string; errors: FieldErrors } | undefined }) {
  const { t } = ctx;
  return (
    <Form ctx={ctx} action={action} errors={decision?.errors} class="form text-amendment-decide">
      <TextArea ctx={ctx} name="reason" label={t("texts.amendment.reason")} hint={t("texts.amendment.reasonHint")} value={decision?.reason} rows={3} errors={decision?.errors} required />
      <div class="actions">
        <button type="submit" name="decision" value="accept" class="button">
          {t("texts.amendment.accept")}
        </button>{" "}
        <button type="submit" name="decision" value="reject" class="button button-secondary">
          {t("texts.amendment.reject")}
        </button>
      </div>
    </Form>
  );
}

export function AmendmentPageView({ ctx, textHref, text, a, editor, decision, comments }: { ctx: RequestContext; textHref: string; text: BlockPageText; a: AmendmentView; editor: boolean; decision?: { reason: string; errors: FieldErrors } | undefined; comments: CommentsSectionData | null }) {
  const { t } = ctx;
  const title = tr(ctx, text.title);
  return (
    <div class="text-amendment-page">
      <p class="breadcrumb">
        <a href={textHref} lang={title.lang}>
          {t("texts.block.backToText", { title: title.text })}
        </a>
        {a.blockId !== null && (
          <>
            {" · "}
            <a href={`${textHref}/blocks/${a.blockId}`}>{t("texts.amendment.toBlock")}</a>
          </>
        )}
        {" · "}
        <a href={`${textHref}/amendments`}>{t("texts.amendment.listTitle")}</a>
      </p>
      <h1>{t("texts.amendment.title", { n: a.id })}</h1>
      <AmendmentSummary ctx={ctx} a={a} lang={text.locale} headingLevel={2}>
        {ctx.user && <ReactionForm ctx={ctx} action={`${textHref}/amendments/${a.id}/react`} a={a} />}
        {ctx.user && ctx.user.id !== a.authorId && <ReportLink ctx={ctx} type="text_amendment" id={a.id} />}
      </AmendmentSummary>
      {editor && a.status !== "pending" && decision && <ErrorSummary ctx={ctx} errors={decision.errors} />}
      {editor && a.status === "pending" && (
        <section aria-labelledby="decide-title">
          <h2 id="decide-title">{t("texts.amendment.decideHeading")}</h2>
          <DecisionForm ctx={ctx} action={`${textHref}/amendments/${a.id}/decide`} decision={decision} />
        </section>
      )}
      {comments && <CommentsSection ctx={ctx} data={comments} />}
    </div>
  );
}

export function AmendmentsListView({ ctx, textHref, text, amendments }: { ctx: RequestContext; textHref: string; text: BlockPageText; amendments: AmendmentView[] }) {
  const { t } = ctx;
  const title = tr(ctx, text.title);
  return (
    <div class="text-amendments-page">
      <p class="breadcrumb">
        <a href={textHref} lang={title.lang}>
          {t("texts.block.backToText", { title: title.text })}
        </a>
      </p>
      <h1>{t("texts.amendment.listTitle")}</h1>
      {amendments.length === 0 && <p>{t("texts.amendment.none")}</p>}
      {amendments.map((a) => (
        <AmendmentSummary ctx={ctx} a={a} lang={text.locale} href={`${textHref}/amendments/${a.id}`} headingLevel={2} />
      ))}
    </div>
  );
}
