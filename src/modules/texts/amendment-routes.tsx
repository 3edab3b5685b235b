/**
 * An amendment's page (`/texts/:textId/amendments/:amendmentId`) — the diff, the proposed wording in
 * full, support and opposition, the editors' decision form and its discussion (the comment kit) — the
 * text's list of amendments, and their forms: react (one reaction per person), accept or reject with a
 * reason (the text's editors: the space's administrators; audited).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { loadCommentsSection } from "../../core/comments/section";
import { notFound, type FieldErrors } from "../../core/http/result";
import { canAdministerSpace } from "../../core/permissions/access";
import { redirectWithFlash } from "../../web/render";
import { decideAmendment, reactToAmendment } from "./amendments";
import { AmendmentPageView, AmendmentsListView } from "./amendment-views";
import { loadAmendment, loadAmendments } from "./block-queries";
import { textHref, visibleText } from "./block-routes";
import { tr } from "./block-views";
import type { TextSettings, TextStepSettings } from "./settings";

type C = ComponentRequest<TextSettings, TextStepSettings>;
type Handler = ComponentRoute<TextSettings, TextStepSettings>["handler"];

const ID = /^\d{1,15}$/;
const textParams = z.object({ textId: z.string().regex(ID) });
const amendmentParams = textParams.extend({ amendmentId: z.string().regex(ID) });

/** The text's editors: the space's administrators (and the organization's). */
export const isEditor = (c: C): boolean => canAdministerSpace(c.access);

async function sendAmendmentPage(req: FastifyRequest, reply: FastifyReply, c: C, decision?: { reason: string; errors: FieldErrors }, status = 200) {
  const { db } = c.deps;
  const user = req.ctx.user;
  const text = await visibleText(c, Number(c.params.textId));
  const a = await loadAmendment(db, text.id, Number(c.params.amendmentId), user?.id ?? null);
  if (!a) throw notFound();
  const here = `${textHref(c, text.id)}/amendments/${a.id}`;
  const query = (req.query ?? {}) as Record<string, unknown>;
  const comments = await loadCommentsSection(db, { type: "text_amendment", id: a.id }, user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component }, path: here });
  return sendComponentPage(req, reply, c, {
    title: `${tr(req.ctx, text.title).text} — ${req.ctx.t("texts.amendment.title", { n: a.id })}`,
    status,
    body: <AmendmentPageView ctx={req.ctx} textHref={textHref(c, text.id)} text={text} a={a} editor={isEditor(c)} decision={decision} comments={comments} />,
  });
}

const show: Handler = (req, reply, c) => sendAmendmentPage(req, reply, c);

const list: Handler = async (req, reply, c) => {
  const text = await visibleText(c, Number(c.params.textId));
  const amendments = await loadAmendments(c.deps.db, text.id, req.ctx.user?.id ?? null);
  return sendComponentPage(req, reply, c, {
    title: `${tr(req.ctx, text.title).text} — ${req.ctx.t("texts.amendment.listTitle")}`,
    body: <AmendmentsListView ctx={req.ctx} textHref={textHref(c, text.id)} text={text} amendments={amendments} />,
  });
};

const react: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user) return redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(`${textHref(c, Number(c.params.textId))}/amendments/${c.params.amendmentId}`)}`, "info", req.ctx.t("permissions.signInRequired"));
  const text = await visibleText(c, Number(c.params.textId));
  const raw = (req.body as Record<string, unknown> | undefined)?.value;
  const value = raw === "1" ? 1 : raw === "-1" ? -1 : raw === "0" ? 0 : null;
  const here = `${textHref(c, text.id)}/amendments/${c.params.amendmentId}`;
  if (value === null) return redirectWithFlash(reply, here, "error", req.ctx.t("validation.invalid"));
  const done = await reactToAmendment(c.deps.db, user.id, text.id, Number(c.params.amendmentId), value);
  if (!done) return redirectWithFlash(reply, here, "error", req.ctx.t("texts.amendment.notPending"));
  return redirectWithFlash(reply, here, "success", req.ctx.t(value === 0 ? "texts.amendment.reactionWithdrawn" : value > 0 ? "texts.amendment.supported" : "texts.amendment.opposed"));
};

const decide: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user || !isEditor(c)) throw notFound();
  const text = await visibleText(c, Number(c.params.textId));
  const body = (req.body ?? {}) as Record<string, unknown>;
  const reason = typeof body.reason === "string" ? body.reason : "";
  const decision = body.decision === "accept" ? "accepted" : body.decision === "reject" ? "rejected" : null;
  if (!decision) return sendAmendmentPage(req, reply, c, { reason, errors: { decision: { key: "validation.required" } } }, 422);
  const result = await decideAmendment(c.deps.db, { id: user.id, ip: req.ip, spaceId: c.space.id }, text.id, Number(c.params.amendmentId), decision, { locale: req.ctx.locale, text: reason });
  if (!result.ok) return sendAmendmentPage(req, reply, c, { reason, errors: result.errors }, 422);
  return redirectWithFlash(reply, `${textHref(c, text.id)}/amendments/${result.value.id}`, "success", req.ctx.t(decision === "accepted" ? "texts.amendment.acceptedFlash" : "texts.amendment.rejectedFlash"));
};

export const amendmentRoutes: Array<ComponentRoute<TextSettings, TextStepSettings>> = [
  { method: "GET", path: "/texts/:textId/amendments", params: textParams, handler: list },
  { method: "GET", path: "/texts/:textId/amendments/:amendmentId", params: amendmentParams, handler: show },
  { method: "POST", path: "/texts/:textId/amendments/:amendmentId/react", params: amendmentParams, rateLimit: { max: 60, timeWindow: "1 minute" }, handler: react },
  { method: "POST", path: "/texts/:textId/amendments/:amendmentId/decide", params: amendmentParams, handler: decide },
];
