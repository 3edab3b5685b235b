/**
 * Back-office routes of conversations (relative to /admin/spaces/:spaceId/components/:id/manage; the
 * dispatcher lets the space's administrators in, and moderators into the moderation screen):
 * conversations (create, edit), their seed statements, and moderation decisions.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { nestFields, parseNested } from "../../core/components/form-values";
import { notFound, type FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { conversationInput, decisionInput, seedsInput, statementInput } from "./admin-inputs";
import { addSeedStatements, editSeedStatement, listConversations, listStatements, loadConversation, loadStatement, saveConversation, type StatementFilter } from "./admin-service";
import { ConversationForm, ConversationListPage, StatementForm, StatementsPage, valuesOf, type ConversationValues } from "./admin-views";
import { decide } from "./moderation";
import type { ConversationSettings, ConversationStepSettings } from "./settings";

type C = ComponentRequest<ConversationSettings, ConversationStepSettings>;
type Route = ComponentRoute<ConversationSettings, ConversationStepSettings>;
type Handler = Route["handler"];

const ID = /^\d{1,15}$/;
const conversationParams = z.object({ conversationId: z.string().regex(ID) });
const statementParams = conversationParams.extend({ tid: z.string().regex(/^\d{1,9}$/) });
const idOf = (raw: string | undefined) => (raw !== undefined && ID.test(raw) ? Number(raw) : -1);
const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
const page = sendComponentAdminPage;
const tr = (v: Record<string, unknown>, k: string) => (v[k] && typeof v[k] === "object" ? (v[k] as Translatable) : undefined);
const on = (v: Record<string, unknown>, k: string) => v[k] === "on" || v[k] === "true";
const topicText = (req: FastifyRequest, t: Translatable) => localize(t, req.ctx.locale, req.ctx.org.defaultLocale).text;
/** Administrators (of the space or the organization) add and edit seeds; moderators moderate. */
const isAdmin = (c: C) => c.access.orgAdmin || c.access.roles.includes("admin");
const statementsHref = (c: C, id: number) => `${c.base}/${id}/statements`;

const list: Handler = async (req, reply, c) => {
  const rows = await listConversations(c.deps.db, c.component.id);
  const name = localize(c.component.name, req.ctx.locale, req.ctx.org.defaultLocale).text;
  return page(req, reply, c, name, <ConversationListPage ctx={req.ctx} base={c.base} publicBase={componentPath(c.space, c.component.id)} componentName={name} conversations={rows} />);
};

async function conversationForm(req: FastifyRequest, reply: FastifyReply, c: C, id: number | null, values: ConversationValues | null, errors?: FieldErrors) {
  const { t } = req.ctx;
  const current = id === null ? null : await loadConversation(c.deps.db, c.component.id, id);
  if (id !== null && !current) throw notFound();
  const shown = values ?? (current ? valuesOf(current) : {});
  const heading = current ? t("conversations.admin.edit", { topic: topicText(req, current.topic) }) : t("conversations.admin.new");
  const action = current ? `${c.base}/${current.id}/edit` : `${c.base}/new`;
  return page(req, reply, c, heading, <ConversationForm ctx={req.ctx} base={c.base} action={action} heading={heading} values={shown} errors={errors} />, errors ? 422 : 200);
}

function saveRoute(existing: boolean): Handler {
  return async (req, reply, c) => {
    const id = existing ? idOf(c.params.conversationId) : null;
    const values = nestFields(req.body);
    const parsed = parseNested(conversationInput, values);
    const result = parsed.ok ? await saveConversation(c.deps.db, actorOf(req), place(c), id, parsed.value) : parsed;
    if (!result.ok) {
      if (result.errors._form && id !== null) throw notFound();
      const shown: ConversationValues = {
        topic: tr(values, "topic"),
        description: tr(values, "description"),
        moderation: typeof values.moderation === "string" ? values.moderation : undefined,
        participantStatements: on(values, "participantStatements"),
        strictMode: on(values, "strictMode"),
        anonymousAllowed: on(values, "anonymousAllowed"),
        reportPublic: on(values, "reportPublic"),
        published: on(values, "published"),
      };
      return conversationForm(req, reply, c, id, shown, result.errors);
    }
    const target = existing ? c.base : statementsHref(c, result.value.id);
    return redirectWithFlash(reply, target, "success", req.ctx.t("conversations.admin.saved"));
  };
}

const filterQuery = z.object({
  filter: z.enum(["all", "pending"]).optional().catch(undefined),
  page: z.coerce.number().int().min(0).max(100_000).optional().catch(undefined),
});

async function statementsPage(req: FastifyRequest, reply: FastifyReply, c: C, state: { seeds: string; errors?: FieldErrors } = { seeds: "" }) {
  const id = idOf(c.params.conversationId);
  const conversation = await loadConversation(c.deps.db, c.component.id, id);
  if (!conversation) throw notFound();
  const q = filterQuery.parse(req.query ?? {});
  const pageNo = q.page ?? 0;
  const pending = await listStatements(c.deps.db, id, "pending", 0);
  // Pending first when there are some; else every statement.
  const filter: StatementFilter = q.filter ?? (pending.total > 0 ? "pending" : "all");
  const data = filter === "pending" && pageNo === 0 ? pending : await listStatements(c.deps.db, id, filter, pageNo);
  const title = req.ctx.t("conversations.admin.statementsOf") + " " + topicText(req, conversation.topic);
  return page(
    req,
    reply,
    c,
    title,
    <StatementsPage ctx={req.ctx} base={c.base} conversation={conversation} filter={filter} page={pageNo} rows={data.rows} total={data.total} pending={pending.total} seeds={state.seeds} errors={state.errors} canSeed={isAdmin(c)} />,
    state.errors ? 422 : 200,
  );
}

const addSeeds: Handler = async (req, reply, c) => {
  if (!isAdmin(c)) throw notFound();
  const id = idOf(c.params.conversationId);
  const values = nestFields(req.body);
  const parsed = parseNested(seedsInput, values);
  const seeds = typeof values.statements === "string" ? values.statements : "";
  if (!parsed.ok) {
    // A too long line is named by its number: say it on the field.
    const errors: FieldErrors = {};
    for (const [k, e] of Object.entries(parsed.errors)) errors[k.startsWith("statements") ? "statements" : k] ??= e;
    return statementsPage(req, reply, c, { seeds, errors });
  }
  const result = await addSeedStatements(c.deps.db, actorOf(req), place(c), id, parsed.value.statements, req.ctx.user?.id ?? null);
  if (!result.ok) throw notFound();
  return redirectWithFlash(reply, `${statementsHref(c, id)}?filter=all`, "success", req.ctx.t("conversations.admin.seeds.added", { count: result.value.tids.length }));
};

const moderate: Handler = async (req, reply, c) => {
  const id = idOf(c.params.conversationId);
  const tid = Number(c.params.tid);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const parsed = decisionInput.safeParse(body);
  const back = typeof body.back === "string" && body.back.startsWith(`${statementsHref(c, id)}?`) ? body.back : statementsHref(c, id);
  if (!parsed.success) return redirectWithFlash(reply, back, "error", req.ctx.t("conversations.admin.decision.invalid"));
  const done = await decide(c.deps.db, actorOf(req), place(c), id, tid, parsed.data.decision);
  if (!done.ok) throw notFound();
  return redirectWithFlash(reply, back, "success", req.ctx.t(`conversations.admin.decision.${parsed.data.decision}.done`, { tid }));
};

async function statementForm(req: FastifyRequest, reply: FastifyReply, c: C, value: string | null, errors?: FieldErrors) {
  if (!isAdmin(c)) throw notFound();
  const id = idOf(c.params.conversationId);
  const tid = Number(c.params.tid);
  const s = await loadStatement(c.deps.db, c.component.id, id, tid);
  if (!s || !s.isSeed) throw notFound();
  const back = `${statementsHref(c, id)}?filter=all`;
  return page(req, reply, c, req.ctx.t("conversations.admin.statement.edit", { tid }), <StatementForm ctx={req.ctx} back={back} action={`${statementsHref(c, id)}/${tid}/edit`} tid={tid} value={value ?? s.text} errors={errors} />, errors ? 422 : 200);
}

const saveStatement: Handler = async (req, reply, c) => {
  if (!isAdmin(c)) throw notFound();
  const id = idOf(c.params.conversationId);
  const tid = Number(c.params.tid);
  const values = nestFields(req.body);
  const parsed = parseNested(statementInput, values);
  const result = parsed.ok ? await editSeedStatement(c.deps.db, actorOf(req), place(c), id, tid, parsed.value.text) : parsed;
  if (!result.ok) {
    if (result.errors._form) throw notFound();
    return statementForm(req, reply, c, typeof values.text === "string" ? values.text : "", result.errors);
  }
  return redirectWithFlash(reply, `${statementsHref(c, id)}?filter=all`, "success", req.ctx.t("conversations.admin.statement.saved", { tid }));
};

const MODERATORS: Route["roles"] = ["moderator"];

export const conversationAdminRoutes: Route[] = [
  { method: "GET", path: "/", handler: list },
  { method: "GET", path: "/new", handler: async (req, reply, c) => conversationForm(req, reply, c, null, null) },
  { method: "POST", path: "/new", handler: saveRoute(false) },
  { method: "GET", path: "/:conversationId/edit", params: conversationParams, handler: async (req, reply, c) => conversationForm(req, reply, c, idOf(c.params.conversationId), null) },
  { method: "POST", path: "/:conversationId/edit", params: conversationParams, handler: saveRoute(true) },
  { method: "GET", path: "/:conversationId/statements", params: conversationParams, roles: MODERATORS, handler: async (req, reply, c) => statementsPage(req, reply, c) },
  { method: "POST", path: "/:conversationId/statements/new", params: conversationParams, handler: addSeeds },
  { method: "POST", path: "/:conversationId/statements/:tid/moderate", params: statementParams, roles: MODERATORS, handler: moderate },
  { method: "GET", path: "/:conversationId/statements/:tid/edit", params: statementParams, handler: async (req, reply, c) => statementForm(req, reply, c, null) },
  { method: "POST", path: "/:conversationId/statements/:tid/edit", params: statementParams, handler: saveStatement },
];
