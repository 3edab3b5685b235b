/**
 * Seating's addresses. Site-wide: `/sortition/seats/<token>`, a drawn person's answer page (their link
 * works even when the assembly is private: the token is the authority; the page sends no referrer).
 * Back office, under a draw: invite the panel, record an answer received by phone or letter, start a
 * rotation. Errors re-render the draw's page through `render` (admin-routes.tsx's page).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { z } from "zod";
import { siteRoute, type ComponentRequest, type ComponentRoute, type SiteRoute } from "../../core/components/define";
import { notFound, type FieldErrors } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { actorOf } from "../../core/spaces/admin-parts";
import { redirectWithFlash, sendPage } from "../../web/render";
import { DRAW_JOB } from "./draw-run";
import { findDraw, startDraw } from "./draw-service";
import { rotationCount } from "./rotation-plan";
import { rotationDue, rotationPreview, startRotation } from "./rotation";
import type { DrawRow } from "./schema";
import { answerSeat, findSeatByToken, invitePanel, listSeats, seatDeps, type SeatAnswer } from "./seats-service";
import { seatPath } from "./seating-mail";
import { RotationPanel, SeatingPanel, SeatPage, type RotationValues } from "./seating-views";
import type { SortitionSettings, SortitionStepSettings } from "./settings";

type C = ComponentRequest<SortitionSettings, SortitionStepSettings>;

/** What a re-rendered draw page shows in its seating and rotation parts. */
export interface SeatingExtra {
  inviteErrors?: FieldErrors;
  confirmDays?: string;
  rotationErrors?: FieldErrors;
  rotation?: RotationValues;
}

export type DrawPageRender = (req: FastifyRequest, reply: FastifyReply, c: C, extra: { seating?: SeatingExtra }) => Promise<FastifyReply>;

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

async function seatPage(req: FastifyRequest, reply: FastifyReply, token: string, sd: ReturnType<typeof seatDeps>, extra: { errors?: FieldErrors; showName?: string } = {}) {
  const seat = await findSeatByToken(sd, token);
  if (!seat) throw notFound();
  reply.header("referrer-policy", "no-referrer").header("cache-control", "no-store");
  const assembly = localize(seat.assembly, req.ctx.locale, req.ctx.org.defaultLocale).text;
  return sendPage(req, reply, { title: req.ctx.t("sortition.seat.title", { assembly }), status: extra.errors ? 422 : 200, body: <SeatPage ctx={req.ctx} seat={seat} action={seatPath(token)} errors={extra.errors} showName={extra.showName} /> });
}

export const seatSiteRoutes: SiteRoute[] = [
  siteRoute({ method: "GET", path: "/sortition/seats/:token", params: tokenParams, rateLimit: { max: 60, timeWindow: "1 minute" }, handler: (req, reply, { deps, params }) => seatPage(req, reply, params.token, seatDeps(deps)) }),
  siteRoute({
    method: "POST",
    path: "/sortition/seats/:token",
    params: tokenParams,
    rateLimit: { max: 20, timeWindow: "1 minute" },
    handler: async (req, reply, { deps, params }) => {
      const { t } = req.ctx;
      const sd = seatDeps(deps);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const showName = typeof body.showName === "string" ? body.showName : "";
      const confirm = body.answer === "confirm";
      if (confirm && showName !== "yes" && showName !== "no") return seatPage(req, reply, params.token, sd, { errors: { showName: { key: "sortition.seat.error.showName" } } });
      const seat = await findSeatByToken(sd, params.token);
      if (!seat) throw notFound();
      const answer: SeatAnswer = confirm ? { confirm: true, showName: showName === "yes" } : { confirm: false };
      const r = await answerSeat(sd, { staffId: null, ip: req.ip }, seat.id, answer);
      const back = seatPath(params.token);
      if (!r.ok) return redirectWithFlash(reply, back, "error", t(r.reason === "expired" ? "sortition.seat.expired" : "sortition.seat.error.answered"));
      return redirectWithFlash(reply, back, "success", t(r.status === "confirmed" ? "sortition.seat.confirmed" : "sortition.seat.refused"));
    },
  }),
];

/** The seating and rotation parts of a draw's back-office page (four queries at most, whatever the number of seats). */
export async function seatingParts(req: FastifyRequest, c: C, draw: DrawRow, here: string, extra: SeatingExtra = {}): Promise<{ node: VNode | null; started: boolean }> {
  if (draw.status !== "published" || c.space.type !== "assembly") return { node: null, started: false };
  const seats = await listSeats(c.deps.db, draw.id);
  const preview = await rotationPreview(c.deps.db, draw);
  const months = c.settings.global.rotationMonths;
  const seated = preview.sitting > 0;
  const title = localize(draw.title, req.ctx.locale, req.ctx.org.defaultLocale).text;
  const node = (
    <>
      <SeatingPanel ctx={req.ctx} here={here} confirmDays={draw.confirmDays} seats={seats} canInvite={seats.length === 0 && !draw.seatedAt} errors={extra.inviteErrors} values={extra.confirmDays === undefined ? {} : { confirmDays: extra.confirmDays }} />
      {seated && !preview.rotated && (
        <RotationPanel
          ctx={req.ctx}
          here={here}
          sitting={preview.sitting}
          leaving={rotationCount(preview.sitting)}
          due={rotationDue(draw, seated, preview.rotated, months)}
          months={months}
          values={extra.rotation ?? { title: req.ctx.t("sortition.rotation.newTitle", { n: preview.depth + 1, title }) }}
          errors={extra.rotationErrors}
        />
      )}
    </>
  );
  return { node, started: seats.length > 0 };
}

const drawParams = z.object({ drawId: z.string().regex(/^\d{1,15}$/) });
const seatParams = z.object({ drawId: z.string().regex(/^\d{1,15}$/), seatId: z.string().regex(/^\d{1,15}$/) });

async function loadDraw(c: C): Promise<DrawRow> {
  const draw = await findDraw(c.deps.db, c.component.id, Number(c.params.drawId));
  if (!draw) throw notFound();
  return draw;
}

const text = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

/** The back office's seating routes; `render` re-renders a draw's page with a form's errors. */
export function seatingAdminRoutes(render: DrawPageRender): Array<ComponentRoute<SortitionSettings, SortitionStepSettings>> {
  const invite = async (req: FastifyRequest, reply: FastifyReply, c: C) => {
    const draw = await loadDraw(c);
    const back = `${c.base}/draws/${draw.id}`;
    const raw = text(((req.body ?? {}) as Record<string, unknown>).confirmDays);
    const days = Number(raw);
    if (!/^\d{1,2}$/.test(raw) || days < 1 || days > 90) return render(req, reply, c, { seating: { inviteErrors: { confirmDays: { key: "sortition.seating.error.confirmDays" } }, confirmDays: raw } });
    if (c.space.type !== "assembly") return redirectWithFlash(reply, back, "error", req.ctx.t("sortition.admin.error.notAssembly"));
    const r = await invitePanel(seatDeps(c.deps), actorOf(req), draw.id, days);
    if (!r.ok) return redirectWithFlash(reply, back, "error", req.ctx.t(r.reason === "invited" ? "sortition.seating.error.invited" : r.reason === "seated" ? "sortition.seating.error.seated" : "sortition.admin.error.status"));
    return redirectWithFlash(reply, back, "success", req.ctx.t("sortition.seating.invitedFlash", { invited: r.invited, mailed: r.mailed }));
  };

  const answer = async (req: FastifyRequest, reply: FastifyReply, c: C) => {
    const draw = await loadDraw(c);
    const back = `${c.base}/draws/${draw.id}`;
    const value = text(((req.body ?? {}) as Record<string, unknown>).answer);
    const parsed: SeatAnswer | null = value === "confirm-shown" ? { confirm: true, showName: true } : value === "confirm-hidden" ? { confirm: true, showName: false } : value === "refuse" ? { confirm: false } : null;
    if (!parsed) return redirectWithFlash(reply, back, "error", req.ctx.t("sortition.seating.error.answer"));
    const actor = actorOf(req);
    const r = await answerSeat(seatDeps(c.deps), { staffId: actor.id || null, ip: actor.ip }, Number(c.params.seatId), parsed, draw.id);
    if (!r.ok && r.reason === "unknown") throw notFound();
    if (!r.ok) return redirectWithFlash(reply, back, "error", req.ctx.t("sortition.seating.error.answered"));
    if (r.replacements.length > 0) return redirectWithFlash(reply, back, "success", req.ctx.t("sortition.seating.replacedFlash", { rows: r.replacements.join(", ") }));
    return redirectWithFlash(reply, back, "success", req.ctx.t("sortition.seating.recordedFlash"));
  };

  const rotate = async (req: FastifyRequest, reply: FastifyReply, c: C) => {
    const draw = await loadDraw(c);
    const back = `${c.base}/draws/${draw.id}`;
    const b = (req.body ?? {}) as Record<string, unknown>;
    const values: RotationValues = { title: text(b.title), commitment: text(b.commitment), randomness: text(b.randomness) };
    const errors: FieldErrors = {};
    if (!values.title) errors.title = { key: "validation.required" };
    else if ((values.title ?? "").length > 200) errors.title = { key: "validation.tooLong", values: { max: 200 } };
    if ((values.commitment ?? "").length > 2_000) errors.commitment = { key: "validation.tooLong", values: { max: 2_000 } };
    if ((values.randomness ?? "").length > 500) errors.randomness = { key: "validation.tooLong", values: { max: 500 } };
    if (Object.keys(errors).length > 0) return render(req, reply, c, { seating: { rotationErrors: errors, rotation: values } });
    const actor = actorOf(req);
    const r = await startRotation(c.deps.db, actor, c.space.id, draw.id, { title: { [req.ctx.locale]: values.title ?? "" }, commitment: values.commitment ?? "", randomness: values.randomness || undefined });
    if (!r.ok) return redirectWithFlash(reply, back, "error", req.ctx.t(r.reason === "rotated" ? "sortition.rotation.error.rotated" : r.reason === "empty" ? "sortition.rotation.error.empty" : r.reason === "pool" ? "sortition.rotation.error.pool" : "sortition.admin.error.status"));
    // With its randomness known, the new draw runs now through the worker, as the Run button does.
    if (values.randomness) {
      const started = await startDraw(c.deps.db, actor, c.space.id, r.drawId);
      if (started.ok) await c.deps.jobs.send(DRAW_JOB, { drawId: r.drawId });
    }
    return redirectWithFlash(reply, `${c.base}/draws/${r.drawId}`, "success", req.ctx.t("sortition.rotation.startedFlash", { leaving: r.leaving }));
  };

  return [
    { method: "POST", path: "/draws/:drawId/invite", params: drawParams, handler: invite },
    { method: "POST", path: "/draws/:drawId/seats/:seatId/answer", params: seatParams, handler: answer },
    { method: "POST", path: "/draws/:drawId/rotate", params: drawParams, handler: rotate },
  ];
}
