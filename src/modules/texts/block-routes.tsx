/**
 * A block's page (`/texts/:textId/blocks/:blockId` under the component) and its forms: annotate a
 * passage (quote it; choose the occurrence when it occurs several times), delete one's own annotation,
 * propose an amendment. Plain form posts: a 303 with a flash, or the page again with the errors (422).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { loadCommentsSection } from "../../core/comments/section";
import { notFound, type FieldErrors } from "../../core/http/result";
import { canPreviewSpace } from "../../core/permissions/access";
import { authorize } from "../../core/permissions/authorize";
import { can } from "../../core/permissions/can";
import { assetUrl } from "../../web/assets";
import { redirectWithFlash } from "../../web/render";
import { createAmendment } from "./amendments";
import { createAnnotation, deleteOwnAnnotation, type Occurrence } from "./annotations";
import { loadAmendments, loadAnnotation, loadBlockAnnotations, loadCurrentBlock, loadOrphanedAnnotations, loadTextHead, type BlockPageBlock, type BlockPageText } from "./block-queries";
import { AnnotationPageView, BlockPageView, OrphanedAnnotationsPage, tr, type AmendmentFormValues, type AnnotationFormValues } from "./block-views";
import { AMENDMENT_KINDS } from "./schema";
import type { TextSettings, TextStepSettings } from "./settings";

type C = ComponentRequest<TextSettings, TextStepSettings>;
type Handler = ComponentRoute<TextSettings, TextStepSettings>["handler"];

const ID = /^\d{1,15}$/;
const blockParams = z.object({ textId: z.string().regex(ID), blockId: z.string().regex(ID) });
const annotationParams = blockParams.extend({ annotationId: z.string().regex(ID) });

export const textHref = (c: C, textId: number) => `${c.base}/texts/${textId}`;
const blockHref = (c: C, textId: number, blockId: number) => `${textHref(c, textId)}/blocks/${blockId}`;

/**
 * The text and the block as this reader may see them: a text not yet published, a block not in the
 * current version, or one hidden by moderation is a 404 except to the space's staff.
 */
export async function visibleText(c: C, textId: number): Promise<BlockPageText> {
  const text = await loadTextHead(c.deps.db, c.component.id, textId);
  if (!text || text.currentVersionId === null) throw notFound();
  if (!text.published && !canPreviewSpace(c.access)) throw notFound();
  return text;
}

async function visibleBlock(c: C): Promise<{ text: BlockPageText; block: BlockPageBlock }> {
  const text = await visibleText(c, Number(c.params.textId));
  const block = await loadCurrentBlock(c.deps.db, text, Number(c.params.blockId));
  if (!block || (block.hidden && !canPreviewSpace(c.access))) throw notFound();
  return { text, block };
}

interface Forms {
  annotate?: { values: AnnotationFormValues; errors?: FieldErrors | undefined; occurrences?: Occurrence[] | undefined };
  amend?: { values: AmendmentFormValues; errors?: FieldErrors | undefined };
}

/** Whether the reader may take an action here: the form, a note saying why not, or nothing. */
async function mayDo(req: FastifyRequest, c: C, action: "annotate" | "amend"): Promise<{ form: boolean; note: string | null }> {
  const permission = await can(req.ctx.user, action, { space: c.space, component: c.component }, { db: c.deps.db, returnTo: req.url, access: c.access });
  if (permission.status === "ok" || permission.status === "pending") return { form: true, note: null };
  if (permission.status === "signIn") return { form: false, note: req.ctx.t("texts.block.signInToTakePart") };
  return { form: false, note: req.ctx.t(permission.reason, permission.values) };
}

async function sendBlockPage(req: FastifyRequest, reply: FastifyReply, c: C, forms: Forms = {}, status = 200) {
  const { db } = c.deps;
  const user = req.ctx.user;
  const { text, block } = await visibleBlock(c);
  const here = blockHref(c, text.id, block.id);
  const query = (req.query ?? {}) as Record<string, unknown>;
  const [annotations, amendments, comments, annotate, amend] = await Promise.all([
    loadBlockAnnotations(db, text.id, block.id),
    loadAmendments(db, text.id, user?.id ?? null, { blockId: block.id }),
    loadCommentsSection(db, { type: "text_block", id: block.id }, user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component }, path: here }),
    mayDo(req, c, "annotate"),
    mayDo(req, c, "amend"),
  ]);
  const title = tr(req.ctx, text.title).text;
  return sendComponentPage(req, reply, c, {
    title: `${title} — ${req.ctx.t("texts.block.title", { n: block.position + 1 })}`,
    status,
    body: (
      <BlockPageView
        ctx={req.ctx}
        textHref={textHref(c, text.id)}
        blockHref={here}
        text={text}
        block={block}
        annotations={annotations}
        amendments={amendments}
        comments={comments}
        annotate={annotate.form ? (forms.annotate ?? { values: {} }) : null}
        amend={amend.form ? (forms.amend ?? { values: {} }) : null}
        annotateNote={annotate.note}
        amendNote={amend.note}
        script={assetUrl("texts-annotate.js")}
      />
    ),
  });
}

/** A link from the text's page (the selection script) may bring the quote and its offset. */
const show: Handler = (req, reply, c) => {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const exact = typeof q.exact === "string" ? q.exact.slice(0, 5_000) : undefined;
  const start = typeof q.start === "string" && /^\d{1,9}$/.test(q.start) ? q.start : undefined;
  return sendBlockPage(req, reply, c, exact ? { annotate: { values: { exact, start } } } : {});
};

const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
};
const intField = (body: unknown, name: string): number | undefined => {
  const v = field(body, name).trim();
  return /^\d{1,9}$/.test(v) ? Number(v) : undefined;
};

const annotate: Handler = async (req, reply, c) => {
  if (!(await authorize(req, reply, c, "annotate"))) return reply;
  const user = req.ctx.user;
  if (!user) throw notFound();
  const { text, block } = await visibleBlock(c);
  // The quote is taken as typed (spaces included: it must be the block's own text); the note is trimmed.
  const start = intField(req.body, "start");
  const values = { exact: field(req.body, "exact"), note: field(req.body, "note").trim(), start: start === undefined ? undefined : String(start) };
  const errors: FieldErrors = {};
  if (values.exact.trim() === "") errors.exact = { key: "validation.required" };
  if (values.note === "") errors.note = { key: "validation.required" };
  const max = c.settings.global.maxLength;
  if (Array.from(values.note).length > max) errors.note = { key: "validation.tooLong", values: { max } };
  if (Object.keys(errors).length > 0) return sendBlockPage(req, reply, c, { annotate: { values, errors } }, 422);
  const outcome = await createAnnotation(c.deps.db, user.id, c.component.id, text.id, block.id, { exact: values.exact, note: values.note, occurrence: intField(req.body, "occurrence"), start });
  if (outcome.kind === "invalid") return sendBlockPage(req, reply, c, { annotate: { values, errors: outcome.errors } }, 422);
  if (outcome.kind === "ambiguous") {
    const choose: FieldErrors = { occurrence: { key: "texts.annotation.chooseOccurrence", values: { count: outcome.occurrences.length } } };
    return sendBlockPage(req, reply, c, { annotate: { values, errors: choose, occurrences: outcome.occurrences } }, 422);
  }
  return redirectWithFlash(reply, `${blockHref(c, text.id, block.id)}#annotation-${outcome.id}`, "success", req.ctx.t("texts.annotation.saved"));
};

const removeAnnotation: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user) throw notFound();
  const { text, block } = await visibleBlock(c);
  if (!(await deleteOwnAnnotation(c.deps.db, user.id, text.id, Number(c.params.annotationId)))) throw notFound();
  return redirectWithFlash(reply, blockHref(c, text.id, block.id), "success", req.ctx.t("texts.annotation.deleted"));
};

const amendmentInput = z.object({ kind: z.enum(AMENDMENT_KINDS) });

const amend: Handler = async (req, reply, c) => {
  if (!(await authorize(req, reply, c, "amend"))) return reply;
  const user = req.ctx.user;
  if (!user) throw notFound();
  const { text, block } = await visibleBlock(c);
  const values = { kind: field(req.body, "kind"), body: field(req.body, "body"), explanation: field(req.body, "explanation") };
  const kind = amendmentInput.safeParse({ kind: values.kind });
  if (!kind.success) return sendBlockPage(req, reply, c, { amend: { values, errors: { kind: { key: "validation.required" } } } }, 422);
  const result = await createAmendment(c.deps.db, user.id, c.component.id, text.id, block.id, { kind: kind.data.kind, body: values.body, explanation: values.explanation }, c.settings.global.maxLength);
  if (!result.ok) return sendBlockPage(req, reply, c, { amend: { values, errors: result.errors } }, 422);
  return redirectWithFlash(reply, `${textHref(c, text.id)}/amendments/${result.value.id}`, "success", req.ctx.t("texts.amendment.saved"));
};

/** The text's annotations whose passage has gone (`?status=orphaned`, the only list for now). */
const orphaned: Handler = async (req, reply, c) => {
  const text = await visibleText(c, Number(c.params.textId));
  const annotations = await loadOrphanedAnnotations(c.deps.db, text.id);
  return sendComponentPage(req, reply, c, {
    title: req.ctx.t("texts.annotation.orphanedTitle", { title: tr(req.ctx, text.title).text }),
    body: <OrphanedAnnotationsPage ctx={req.ctx} textHref={textHref(c, text.id)} text={text} annotations={annotations} />,
  });
};

/** An annotation's page: its passage in context, its note and its discussion (the kit's `text_annotation`). */
const annotationPage: Handler = async (req, reply, c) => {
  const text = await visibleText(c, Number(c.params.textId));
  const a = await loadAnnotation(c.deps.db, text.id, Number(c.params.annotationId));
  if (!a || (a.hidden && !canPreviewSpace(c.access) && a.authorId !== req.ctx.user?.id)) throw notFound();
  const here = `${textHref(c, text.id)}/annotations/${a.id}`;
  const query = (req.query ?? {}) as Record<string, unknown>;
  const comments = await loadCommentsSection(c.deps.db, { type: "text_annotation", id: a.id }, req.ctx.user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component }, path: here });
  return sendComponentPage(req, reply, c, {
    title: `${tr(req.ctx, text.title).text} — ${req.ctx.t("texts.annotation.pageTitle")}`,
    body: <AnnotationPageView ctx={req.ctx} textHref={textHref(c, text.id)} text={text} a={a} comments={comments} />,
  });
};

export const blockRoutes: Array<ComponentRoute<TextSettings, TextStepSettings>> = [
  { method: "GET", path: "/texts/:textId/annotations", params: z.object({ textId: z.string().regex(ID) }), handler: orphaned },
  { method: "GET", path: "/texts/:textId/annotations/:annotationId", params: z.object({ textId: z.string().regex(ID), annotationId: z.string().regex(ID) }), handler: annotationPage },
  { method: "GET", path: "/texts/:textId/blocks/:blockId", params: blockParams, handler: show },
  { method: "POST", path: "/texts/:textId/blocks/:blockId/annotations", params: blockParams, rateLimit: { max: 30, timeWindow: "1 minute" }, handler: annotate },
  { method: "POST", path: "/texts/:textId/blocks/:blockId/annotations/:annotationId/delete", params: annotationParams, handler: removeAnnotation },
  { method: "POST", path: "/texts/:textId/blocks/:blockId/amendments", params: blockParams, rateLimit: { max: 10, timeWindow: "1 minute" }, handler: amend },
];
