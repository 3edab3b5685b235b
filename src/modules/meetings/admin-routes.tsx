/**
 * Back-office routes of the meetings component (relative to
 * /admin/spaces/:spaceId/components/:id/manage; the dispatcher lets only the space's administrators in):
 * meetings (create, edit, publish), their agenda, closing with a report, the registrations (CSV) and
 * the door check of a registration code. Every decision is audited by the service.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { nestFields, parseNested } from "../../core/components/form-values";
import { parseForm } from "../../core/http/forms";
import { notFound, type FieldErrors } from "../../core/http/result";
import { csvLine } from "../../core/open-data/csv";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { AdminListPage, AgendaPage, CloseAdminPage, MeetingForm, RegistrationsPage, type DoorAnswer, type MeetingValues } from "./admin-views";
import { agendaItemInput, closeInput, doorInput, meetingInput } from "./inputs";
import { findByCode, listForAdmin, listRegistrations, loadMeeting, type MeetingDetails } from "./queries";
import { idParams, itemParams, place, type C, type Handler } from "./route-parts";
import { addAgendaItem, closeMeeting, createMeeting, moveAgendaItem, removeAgendaItem, setMeetingPublished, updateMeeting } from "./service";
import type { MeetingSettings, MeetingStepSettings } from "./settings";
import { text } from "./view-parts";
import { utcToZoned } from "./zone";

const page = sendComponentAdminPage;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined) });

async function found(c: C): Promise<MeetingDetails> {
  const m = await loadMeeting(c.deps.db, c.component.id, Number(c.params.meetingId));
  if (!m) throw notFound();
  return m;
}

const list: Handler = async (req, reply, c) => {
  const n = pageQuery.parse(req.query ?? {}).page ?? 1;
  const { items, hasNext } = await listForAdmin(c.deps.db, c.component.id, n);
  const name = text(req.ctx, c.component.name).text;
  return page(req, reply, c, name, <AdminListPage ctx={req.ctx} base={c.base} publicBase={componentPath(c.space, c.component.id)} componentName={name} items={items} page={n} hasNext={hasNext} />);
};

function meetingForm(req: FastifyRequest, reply: FastifyReply, c: C, opts: { id?: number; values: MeetingValues; errors?: FieldErrors }) {
  const heading = req.ctx.t(opts.id ? "meetings.admin.editTitle" : "meetings.admin.new");
  const action = opts.id ? `${c.base}/${opts.id}/edit` : `${c.base}/new`;
  return page(req, reply, c, heading, <MeetingForm ctx={req.ctx} base={c.base} action={action} heading={heading} values={opts.values} errors={opts.errors} />, opts.errors ? 422 : 200);
}

const newForm: Handler = async (req, reply, c) => meetingForm(req, reply, c, { values: { timeZone: c.settings.global.defaultTimeZone, type: "in_person", slots: 0, reservedSlots: 0 } });

const create: Handler = async (req, reply, c) => {
  const values = nestFields(req.body);
  const parsed = parseNested(meetingInput, values);
  const result = parsed.ok ? await createMeeting(c.deps.db, actorOf(req), place(c), parsed.value) : parsed;
  if (!result.ok) return meetingForm(req, reply, c, { values: values as MeetingValues, errors: result.errors });
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("meetings.admin.created"));
};

const editForm: Handler = async (req, reply, c) => {
  const m = await found(c);
  const values: MeetingValues = {
    title: m.title,
    description: m.description,
    type: m.type,
    timeZone: m.timeZone,
    startAt: utcToZoned(m.startAt, m.timeZone),
    endAt: utcToZoned(m.endAt, m.timeZone),
    address: m.address,
    onlineUrl: m.onlineUrl,
    registrationEnabled: m.registrationEnabled,
    slots: m.slots,
    reservedSlots: m.reservedSlots,
    registrationTerms: m.registrationTerms,
  };
  return meetingForm(req, reply, c, { id: m.id, values });
};

const update: Handler = async (req, reply, c) => {
  const m = await found(c);
  const values = nestFields(req.body);
  const parsed = parseNested(meetingInput, values);
  const result = parsed.ok ? await updateMeeting(c.deps.db, actorOf(req), place(c), m.id, parsed.value) : parsed;
  if (!result.ok) return meetingForm(req, reply, c, { id: m.id, values: values as MeetingValues, errors: result.errors });
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("meetings.admin.saved"));
};

const publish =
  (published: boolean): Handler =>
  async (req, reply, c) => {
    const m = await found(c);
    await setMeetingPublished(c.deps.db, actorOf(req), place(c), m.id, published);
    return redirectWithFlash(reply, c.base, "success", req.ctx.t(published ? "meetings.admin.publishedFlash" : "meetings.admin.unpublishedFlash"));
  };

const agenda: Handler = async (req, reply, c) => {
  const m = await found(c);
  return page(req, reply, c, req.ctx.t("meetings.admin.agendaTitle", { title: text(req.ctx, m.title).text }), <AgendaPage ctx={req.ctx} base={c.base} m={m} values={{}} />);
};

const addItem: Handler = async (req, reply, c) => {
  const m = await found(c);
  const values = nestFields(req.body);
  const parsed = parseNested(agendaItemInput, values);
  const result = parsed.ok ? await addAgendaItem(c.deps.db, actorOf(req), place(c), m.id, parsed.value) : parsed;
  if (!result.ok) return page(req, reply, c, req.ctx.t("meetings.admin.agendaTitle", { title: text(req.ctx, m.title).text }), <AgendaPage ctx={req.ctx} base={c.base} m={m} values={values} errors={result.errors} />, 422);
  return redirectWithFlash(reply, `${c.base}/${m.id}/agenda`, "success", req.ctx.t("meetings.admin.itemAdded"));
};

const itemAction =
  (action: "delete" | "up" | "down"): Handler =>
  async (req, reply, c) => {
    const m = await found(c);
    const itemId = Number(c.params.itemId);
    const result = action === "delete" ? await removeAgendaItem(c.deps.db, actorOf(req), place(c), m.id, itemId) : await moveAgendaItem(c.deps.db, actorOf(req), place(c), m.id, itemId, action);
    if (!result.ok) throw notFound();
    return redirectWithFlash(reply, `${c.base}/${m.id}/agenda`, "success", req.ctx.t(action === "delete" ? "meetings.admin.itemRemoved" : "meetings.admin.itemMoved"));
  };

const closeForm: Handler = async (req, reply, c) => {
  const m = await found(c);
  return page(req, reply, c, req.ctx.t("meetings.admin.closeTitle"), <CloseAdminPage ctx={req.ctx} base={c.base} m={m} values={{ minutes: m.minutes, attendeesCount: m.attendeesCount ?? "", recordingUrl: m.recordingUrl }} />);
};

const close: Handler = async (req, reply, c) => {
  const m = await found(c);
  const values = nestFields(req.body);
  const parsed = parseNested(closeInput, values);
  const result = parsed.ok ? await closeMeeting(c.deps.db, actorOf(req), place(c), m.id, parsed.value) : parsed;
  if (!result.ok) return page(req, reply, c, req.ctx.t("meetings.admin.closeTitle"), <CloseAdminPage ctx={req.ctx} base={c.base} m={m} values={values} errors={result.errors} />, 422);
  return redirectWithFlash(reply, c.base, "success", req.ctx.t(m.closedAt ? "meetings.admin.reportSaved" : "meetings.admin.closed"));
};

async function registrationsPage(req: FastifyRequest, reply: FastifyReply, c: C, m: MeetingDetails, door: DoorAnswer, errors?: FieldErrors) {
  const items = await listRegistrations(c.deps.db, m.id);
  return page(req, reply, c, req.ctx.t("meetings.admin.registrationsTitle", { title: text(req.ctx, m.title).text }), <RegistrationsPage ctx={req.ctx} base={c.base} m={m} items={items} door={door} errors={errors} />, errors ? 422 : 200);
}

const registrations: Handler = async (req, reply, c) => registrationsPage(req, reply, c, await found(c), null);

const registrationsCsv: Handler = async (req, reply, c) => {
  const m = await found(c);
  const items = await listRegistrations(c.deps.db, m.id);
  const body = [csvLine(["code", "name", "status", "registered_at"]), ...items.map((r) => csvLine([r.code, r.name ?? "", r.status, r.createdAt.toISOString()]))].join("");
  return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="meeting-${m.id}-registrations.csv"`).header("cache-control", "no-store").send(body);
};

const door: Handler = async (req, reply, c) => {
  const m = await found(c);
  const parsed = parseForm(doorInput, req.body);
  if (!parsed.ok) return registrationsPage(req, reply, c, m, null, parsed.errors);
  const hit = await findByCode(c.deps.db, m.id, parsed.value.code);
  return registrationsPage(req, reply, c, m, { code: parsed.value.code, found: hit });
};

export const meetingAdminRoutes: Array<ComponentRoute<MeetingSettings, MeetingStepSettings>> = [
  { method: "GET", path: "/", handler: list },
  { method: "GET", path: "/new", handler: newForm },
  { method: "POST", path: "/new", handler: create },
  { method: "GET", path: "/:meetingId/edit", params: idParams, handler: editForm },
  { method: "POST", path: "/:meetingId/edit", params: idParams, handler: update },
  { method: "POST", path: "/:meetingId/publish", params: idParams, handler: publish(true) },
  { method: "POST", path: "/:meetingId/unpublish", params: idParams, handler: publish(false) },
  { method: "GET", path: "/:meetingId/agenda", params: idParams, handler: agenda },
  { method: "POST", path: "/:meetingId/agenda", params: idParams, handler: addItem },
  { method: "POST", path: "/:meetingId/agenda/:itemId/delete", params: itemParams, handler: itemAction("delete") },
  { method: "POST", path: "/:meetingId/agenda/:itemId/up", params: itemParams, handler: itemAction("up") },
  { method: "POST", path: "/:meetingId/agenda/:itemId/down", params: itemParams, handler: itemAction("down") },
  { method: "GET", path: "/:meetingId/close", params: idParams, handler: closeForm },
  { method: "POST", path: "/:meetingId/close", params: idParams, handler: close },
  { method: "GET", path: "/:meetingId/registrations", params: idParams, handler: registrations },
  { method: "GET", path: "/:meetingId/registrations.csv", params: idParams, handler: registrationsCsv },
  { method: "POST", path: "/:meetingId/door", params: idParams, handler: door },
];
