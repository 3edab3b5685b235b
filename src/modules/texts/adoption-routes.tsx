/**
 * The adoption vote (`/texts/:textId/adoption`): its page, a member's ballot, and the editors' open and
 * close (audited). Plain form posts answered with a 303 and a flash, or the page with the error.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound, type FieldErrors } from "../../core/http/result";
import { authorize } from "../../core/permissions/authorize";
import { redirectWithFlash } from "../../web/render";
import { ADOPTION_CHOICES, castAdoptionBallot, closeAdoption, loadAdoption, openAdoption } from "./adoption";
import { AdoptionPageView } from "./adoption-views";
import { isEditor } from "./amendment-routes";
import { textHref, visibleText } from "./block-routes";
import { tr } from "./block-views";
import type { TextSettings, TextStepSettings } from "./settings";

type C = ComponentRequest<TextSettings, TextStepSettings>;
type Handler = ComponentRoute<TextSettings, TextStepSettings>["handler"];

const textParams = z.object({ textId: z.string().regex(/^\d{1,15}$/) });
const choiceInput = z.object({ choice: z.enum(ADOPTION_CHOICES) });

async function sendAdoptionPage(req: FastifyRequest, reply: FastifyReply, c: C, errors?: FieldErrors, status = 200) {
  const text = await visibleText(c, Number(c.params.textId));
  const state = await loadAdoption(c.deps.db, c.space.id, c.component.id, text.id, req.ctx.user?.id ?? null);
  if (!state) throw notFound();
  return sendComponentPage(req, reply, c, {
    title: `${tr(req.ctx, text.title).text} — ${req.ctx.t("texts.adoption.title", { n: state.versionNumber ?? 0 })}`,
    status,
    body: <AdoptionPageView ctx={req.ctx} textHref={textHref(c, text.id)} text={text} state={state} editor={isEditor(c)} errors={errors} />,
  });
}

const show: Handler = (req, reply, c) => sendAdoptionPage(req, reply, c);

const vote: Handler = async (req, reply, c) => {
  if (!(await authorize(req, reply, c, "adopt"))) return reply;
  const user = req.ctx.user;
  if (!user) throw notFound();
  const text = await visibleText(c, Number(c.params.textId));
  const parsed = choiceInput.safeParse(req.body ?? {});
  if (!parsed.success) return sendAdoptionPage(req, reply, c, { choice: { key: "texts.adoption.chooseOne" } }, 422);
  const result = await castAdoptionBallot(c.deps.db, c.space.id, c.component.id, text.id, user.id, parsed.data.choice);
  if (!result.ok) return sendAdoptionPage(req, reply, c, result.errors, 422);
  return redirectWithFlash(reply, `${textHref(c, text.id)}/adoption`, "success", req.ctx.t("texts.adoption.voted"));
};

const open: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user || !isEditor(c)) throw notFound();
  const text = await visibleText(c, Number(c.params.textId));
  const secret = (req.body as Record<string, unknown> | undefined)?.secret !== undefined;
  const result = await openAdoption(c.deps.db, { id: user.id, ip: req.ip, spaceId: c.space.id }, c.component.id, text.id, secret);
  if (!result.ok) return sendAdoptionPage(req, reply, c, result.errors, 422);
  return redirectWithFlash(reply, `${textHref(c, text.id)}/adoption`, "success", req.ctx.t("texts.adoption.opened"));
};

const close: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user || !isEditor(c)) throw notFound();
  const text = await visibleText(c, Number(c.params.textId));
  const result = await closeAdoption(c.deps.db, { id: user.id, ip: req.ip, spaceId: c.space.id }, c.component.id, text.id);
  if (!result.ok) return sendAdoptionPage(req, reply, c, result.errors, 422);
  return redirectWithFlash(reply, `${textHref(c, text.id)}/adoption`, "success", req.ctx.t(result.value.adopted ? "texts.adoption.closedAdopted" : "texts.adoption.closedNotAdopted"));
};

export const adoptionRoutes: Array<ComponentRoute<TextSettings, TextStepSettings>> = [
  { method: "GET", path: "/texts/:textId/adoption", params: textParams, handler: show },
  { method: "POST", path: "/texts/:textId/adoption/vote", params: textParams, rateLimit: { max: 20, timeWindow: "1 minute" }, handler: vote },
  { method: "POST", path: "/texts/:textId/adoption/open", params: textParams, handler: open },
  { method: "POST", path: "/texts/:textId/adoption/close", params: textParams, handler: close },
];
