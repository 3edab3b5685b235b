/**
 * Public routes of the meetings component (relative to /spaces/:slug/c/:componentId): the list
 * (upcoming / past, by type), a meeting's page and its calendar file (`/:id.ics`), registering and
 * cancelling as plain form posts (303 and a flash, or the page again with the error).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { loadCommentsSection } from "../../core/comments/section";
import { isFollowing } from "../../core/follows/service";
import { parseForm } from "../../core/http/forms";
import { notFound, type FieldErrors } from "../../core/http/result";
import { redirectWithFlash } from "../../web/render";
import { calendarOf } from "./feed";
import { registerInput } from "./inputs";
import { factsOfDetails } from "./kit";
import { findRegistration, listMeetings, WHEN, type MeetingDetails } from "./queries";
import { idParams, loadVisible, pageParams, place, type C, type Handler } from "./route-parts";
import { linkNotice, linkVisible } from "./rules";
import { MEETING_TYPES } from "./schema";
import { cancelRegistration, capacityOf, register, registrationOpen } from "./service";
import type { MeetingSettings, MeetingStepSettings } from "./settings";
import { text } from "./view-parts";
import { IndexPage, ShowPage } from "./views";

export const listQuery = z.object({
  when: z.enum(WHEN).optional().catch(undefined),
  type: z.enum(MEETING_TYPES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

const index: Handler = async (req, reply, c) => {
  const q = listQuery.parse(req.query ?? {});
  const state = { when: q.when ?? "upcoming", type: q.type, page: q.page ?? 1 };
  const list = await listMeetings(c.deps.db, c.component.id, state);
  const name = text(req.ctx, c.component.name).text;
  return sendComponentPage(req, reply, c, {
    title: name,
    body: <IndexPage ctx={req.ctx} base={c.base} componentName={name} announcement={c.settings.step.announcement} feedUrl={`/spaces/${encodeURIComponent(c.space.slug)}/meetings.ics`} state={state} items={list.items} total={list.total} hasNext={list.hasNext} />,
  });
};

async function showPage(req: FastifyRequest, reply: FastifyReply, c: C, m: MeetingDetails, opts: { errors?: FieldErrors; status?: number } = {}) {
  const { db } = c.deps;
  const user = req.ctx.user;
  const url = `${c.base}/${m.id}`;
  const ref = { type: "meeting", id: m.id };
  const query = (req.query ?? {}) as Record<string, unknown>;
  const [registration, comments, following] = await Promise.all([
    user && m.registrationEnabled ? findRegistration(db, m.id, user.id) : Promise.resolve(null),
    loadCommentsSection(db, ref, user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component, facts: factsOfDetails(m, c.space) }, path: url }),
    user ? isFollowing(db, user.id, ref) : Promise.resolve(false),
  ]);
  const now = new Date();
  const status = registration?.status ?? null;
  const capacity = capacityOf(m);
  return sendComponentPage(req, reply, c, {
    title: text(req.ctx, m.title).text,
    status: opts.status ?? 200,
    body: (
      <ShowPage
        ctx={req.ctx}
        url={url}
        m={m}
        registration={registration}
        registrationOpen={registrationOpen(m, now)}
        placesLeft={capacity === null ? null : Math.max(0, capacity - m.registeredCount)}
        link={{ visible: linkVisible(m, now, status), notice: linkNotice(m, now, status) }}
        comments={comments}
        following={following}
        errors={opts.errors}
      />
    ),
  });
}

const show: Handler = async (req, reply, c) => {
  const raw = c.params.meetingId ?? "";
  const ics = raw.endsWith(".ics");
  const m = await loadVisible(c, Number(ics ? raw.slice(0, -4) : raw));
  if (!ics) return showPage(req, reply, c, m);
  const reader = { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale, online: req.ctx.t("meetings.where.online") };
  const body = calendarOf(c.deps.config.PUBLIC_URL, reader, text(req.ctx, m.title).text, [{ ...m, slug: c.space.slug }]);
  return reply
    .header("content-type", "text/calendar; charset=utf-8")
    .header("content-disposition", `attachment; filename="meeting-${m.id}.ics"`)
    .header("cache-control", "no-store")
    .send(body);
};

const doRegister: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user) throw notFound();
  const m = await loadVisible(c, Number(c.params.meetingId));
  const parsed = parseForm(registerInput, req.body);
  const result = parsed.ok ? await register(c.deps.db, user.id, place(c), m.id, parsed.value) : parsed;
  if (!result.ok) return showPage(req, reply, c, m, { errors: result.errors, status: 422 });
  const message = result.value.status === "registered" ? req.ctx.t("meetings.registration.saved", { code: result.value.code }) : req.ctx.t("meetings.registration.savedWaiting", { code: result.value.code });
  return redirectWithFlash(reply, `${c.base}/${m.id}`, "success", message);
};

const doCancel: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user) throw notFound();
  const m = await loadVisible(c, Number(c.params.meetingId));
  const result = await cancelRegistration(c.deps.db, user.id, place(c), m.id);
  if (!result.ok) return showPage(req, reply, c, m, { errors: result.errors, status: 422 });
  return redirectWithFlash(reply, `${c.base}/${m.id}`, "success", req.ctx.t("meetings.registration.cancelled"));
};

export const meetingRoutes: Array<ComponentRoute<MeetingSettings, MeetingStepSettings>> = [
  { method: "GET", path: "/", handler: index },
  { method: "GET", path: "/:meetingId", params: pageParams, handler: show },
  { method: "POST", path: "/:meetingId/register", params: idParams, action: "register", rateLimit: { max: 20, timeWindow: "1 minute" }, handler: doRegister },
  { method: "POST", path: "/:meetingId/cancel", params: idParams, action: "register", rateLimit: { max: 20, timeWindow: "1 minute" }, handler: doCancel },
];
