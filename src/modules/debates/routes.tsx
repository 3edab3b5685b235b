/**
 * Public routes of the debates component (relative to /spaces/:slug/c/:componentId): the list, a
 * debate's page with its discussion in two columns, and the participant's own debate (open, edit,
 * close with a conclusion). Every action is a plain form post (303 and a flash, or the form again).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { loadCommentsSection } from "../../core/comments/section";
import { loadEndorsementBox } from "../../core/follows/endorsements";
import { isFollowing } from "../../core/follows/service";
import { parseForm } from "../../core/http/forms";
import { notFound, type FieldErrors } from "../../core/http/result";
import { can } from "../../core/permissions/can";
import { redirectWithFlash } from "../../web/render";
import { authorConclusionInput, participantInput } from "./inputs";
import { factsOfDetails } from "./kit";
import { LIST_SORTS, LIST_STATES, listDebates, type DebateDetails, type DebateFilter } from "./queries";
import { componentName, idParams, loadVisible, mayEnter, place, resourceOf, type C, type Handler } from "./route-parts";
import { authorMayChange } from "./rules";
import { closeDebate, createParticipantDebate, updateOwnDebate } from "./service";
import type { DebateSettings, DebateStepSettings } from "./settings";
import { text } from "./view-parts";
import { CloseFormPage, DebateFormPage, IndexPage, MembersOnlyPage, ShowPage, type FormValues } from "./views";

const listQuery = z.object({
  state: z.enum(LIST_STATES).optional().catch(undefined),
  sort: z.enum(LIST_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** Outside a members-only area: a 403 page saying so (with a way to sign in for a visitor). */
function refuse(req: FastifyRequest, reply: FastifyReply, c: C) {
  const name = componentName(req, c);
  const signIn = req.ctx.user ? null : `/users/sign-in?return_to=${encodeURIComponent(c.base)}`;
  return sendComponentPage(req, reply, c, { title: name, status: 403, body: <MembersOnlyPage ctx={req.ctx} componentName={name} signInHref={signIn} /> });
}

const index: Handler = async (req, reply, c) => {
  if (!mayEnter(c)) return refuse(req, reply, c);
  const { db } = c.deps;
  const q = listQuery.parse(req.query ?? {});
  const filter: DebateFilter = { componentId: c.component.id, state: q.state ?? "open", sort: q.sort ?? "recent", page: q.page ?? 1 };
  const [list, create] = await Promise.all([
    listDebates(db, filter),
    c.settings.step.creationEnabled ? can(req.ctx.user, "create", { space: c.space, component: c.component }, { db, returnTo: c.base, access: c.access }) : Promise.resolve(null),
  ]);
  const name = componentName(req, c);
  return sendComponentPage(req, reply, c, {
    title: name,
    body: <IndexPage ctx={req.ctx} base={c.base} componentName={name} settings={c.settings} filter={filter} items={list.items} total={list.total} hasNext={list.hasNext} creationOpen={create !== null && create.status !== "unauthorized"} />,
  });
};

const show: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const user = req.ctx.user;
  const d = await loadVisible(req, c);
  const facts = factsOfDetails(d, c.space, c.settings.global.membersOnly);
  const ref = { type: "debate", id: d.id };
  const query = (req.query ?? {}) as Record<string, unknown>;
  const [comments, endorsements, following] = await Promise.all([
    loadCommentsSection(db, ref, user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component, facts }, path: `${c.base}/${d.id}` }),
    loadEndorsementBox(db, { facts, space: c.space, component: c.component }, user),
    user ? isFollowing(db, user.id, ref) : Promise.resolve(false),
  ]);
  return sendComponentPage(req, reply, c, {
    title: text(req.ctx, d.title).text,
    body: <ShowPage ctx={req.ctx} base={c.base} d={d} kit={{ comments, endorsements, following, followers: d.followersCount }} authorTools={authorMayChange(resourceOf(d), user)} />,
  });
};

function sendForm(req: FastifyRequest, reply: FastifyReply, c: C, opts: { heading: string; action: string; values: FormValues; errors?: FieldErrors; status?: number }) {
  return sendComponentPage(req, reply, c, { title: opts.heading, status: opts.status ?? 200, body: <DebateFormPage ctx={req.ctx} heading={opts.heading} action={opts.action} values={opts.values} errors={opts.errors} /> });
}

const asValues = (body: unknown): FormValues => {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : undefined);
  return { title: s("title"), description: s("description"), language: s("language") };
};

const newForm: Handler = async (req, reply, c) => {
  if (!mayEnter(c)) return refuse(req, reply, c);
  return sendForm(req, reply, c, { heading: req.ctx.t("debates.new.title"), action: `${c.base}/new`, values: { language: req.ctx.locale } });
};

const create: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user) throw notFound();
  if (!mayEnter(c)) return refuse(req, reply, c);
  const parsed = parseForm(participantInput, req.body);
  const result = parsed.ok ? await createParticipantDebate(c.deps.db, user.id, place(c), parsed.value) : parsed;
  if (!result.ok) return sendForm(req, reply, c, { heading: req.ctx.t("debates.new.title"), action: `${c.base}/new`, values: asValues(req.body), errors: result.errors, status: 422 });
  return redirectWithFlash(reply, `${c.base}/${result.value.id}`, "success", req.ctx.t("debates.new.saved"));
};

/** The reader's own open debate, or a 404 (another's debate, the organization's, or closed). */
async function ownOpen(req: FastifyRequest, c: C): Promise<DebateDetails> {
  const d = await loadVisible(req, c);
  if (!authorMayChange(resourceOf(d), req.ctx.user)) throw notFound();
  return d;
}

const editForm: Handler = async (req, reply, c) => {
  const d = await ownOpen(req, c);
  const values = { title: d.title[d.language], description: d.description[d.language], language: d.language };
  return sendForm(req, reply, c, { heading: req.ctx.t("debates.edit.title"), action: `${c.base}/${d.id}/edit`, values });
};

const update: Handler = async (req, reply, c) => {
  const d = await ownOpen(req, c);
  const user = req.ctx.user;
  if (!user) throw notFound();
  const parsed = parseForm(participantInput, req.body);
  const result = parsed.ok ? await updateOwnDebate(c.deps.db, user.id, place(c), d.id, parsed.value) : parsed;
  if (!result.ok) return sendForm(req, reply, c, { heading: req.ctx.t("debates.edit.title"), action: `${c.base}/${d.id}/edit`, values: asValues(req.body), errors: result.errors, status: 422 });
  return redirectWithFlash(reply, `${c.base}/${d.id}`, "success", req.ctx.t("debates.edit.saved"));
};

const closeForm: Handler = async (req, reply, c) => {
  const d = await ownOpen(req, c);
  return sendComponentPage(req, reply, c, { title: req.ctx.t("debates.close.title"), body: <CloseFormPage ctx={req.ctx} action={`${c.base}/${d.id}/close`} d={d} /> });
};

const close: Handler = async (req, reply, c) => {
  const d = await ownOpen(req, c);
  const user = req.ctx.user;
  if (!user) throw notFound();
  const parsed = parseForm(authorConclusionInput, req.body);
  const result = parsed.ok ? await closeDebate(c.deps.db, { id: user.id, ip: req.ip }, place(c), d.id, { [d.language]: parsed.value.conclusion }, "author") : parsed;
  if (!result.ok) {
    const value = typeof (req.body as Record<string, unknown> | undefined)?.conclusion === "string" ? String((req.body as Record<string, unknown>).conclusion) : undefined;
    return sendComponentPage(req, reply, c, { title: req.ctx.t("debates.close.title"), status: 422, body: <CloseFormPage ctx={req.ctx} action={`${c.base}/${d.id}/close`} d={d} value={value} errors={result.errors} /> });
  }
  return redirectWithFlash(reply, `${c.base}/${d.id}`, "success", req.ctx.t("debates.close.saved"));
};

export const debateRoutes: Array<ComponentRoute<DebateSettings, DebateStepSettings>> = [
  { method: "GET", path: "/", handler: index },
  { method: "GET", path: "/new", action: "create", handler: newForm },
  { method: "POST", path: "/new", action: "create", rateLimit: { max: 10, timeWindow: "1 minute" }, handler: create },
  { method: "GET", path: "/:debateId", params: idParams, handler: show },
  { method: "GET", path: "/:debateId/edit", params: idParams, handler: editForm },
  { method: "POST", path: "/:debateId/edit", params: idParams, handler: update },
  { method: "GET", path: "/:debateId/close", params: idParams, handler: closeForm },
  { method: "POST", path: "/:debateId/close", params: idParams, handler: close },
];
