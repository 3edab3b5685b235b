/**
 * Public routes of the conversations component (relative to /spaces/:slug/c/:componentId): a
 * conversation's voting page, its vote form (agree / disagree / pass / skip) and its statement form;
 * the map, group pages and live events are in group-routes.tsx. A visitor without an account takes
 * part under an anonymous identity (identity.ts) when the conversation allows it; who may vote or
 * write is the component's permission (`can()`: step settings, verifications).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import type { FieldErrors } from "../../core/http/result";
import { notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { can } from "../../core/permissions/can";
import { assetUrl } from "../../web/assets";
import { redirectWithFlash } from "../../web/render";
import { groupRoutes } from "./group-routes";
import { groupLabel } from "./map-model";
import { ensureAnonymousToken, anonymousToken } from "./identity";
import { nextStatement } from "./next-statement";
import { findConversation, findParticipant, listConversations, loadVotingPage, type PageConversation } from "./page-queries";
import type { ConversationSettings, ConversationStepSettings } from "./settings";
import { ownStatements, STATEMENT_MAX_LENGTH, writeStatement, type WriteError } from "./statements";
import { ConversationListView, VotingView, type Gate } from "./views";
import { castVote, castVoteAs, ensureParticipant } from "./votes";

export { IDENTITY_COOKIE } from "./identity";

type Route = ComponentRoute<ConversationSettings, ConversationStepSettings>;
type Handler = Route["handler"];
type Request = ComponentRequest<ConversationSettings, ConversationStepSettings>;

const params = z.object({ conversationId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const skipList = z
  .string()
  .optional()
  .catch(undefined)
  .transform((s) =>
    (s ?? "")
      .split(",")
      .filter((x) => /^\d{1,9}$/.test(x))
      .map(Number)
      .slice(0, 500),
  );
const tidValue = z.coerce.number().int().min(0).max(2 ** 31 - 1);
const voteBody = z.object({ tid: tidValue, vote: z.enum(["agree", "disagree", "pass", "skip"]), skip: skipList });
const pageQuery = z.object({ skip: skipList, statement: tidValue.optional().catch(undefined) });
const statementBody = z.object({ text: z.string().max(20_000).catch("") });
const VALUES = { agree: 1, disagree: -1, pass: 0 } as const;
const RECORDED = { agree: "conversations.vote.recorded.agree", disagree: "conversations.vote.recorded.disagree", pass: "conversations.vote.recorded.pass" } as const;
const WRITE_ERRORS: Record<WriteError, FieldErrors[string]> = {
  empty: { key: "conversations.write.error.empty" },
  tooLong: { key: "conversations.write.error.tooLong", values: { max: STATEMENT_MAX_LENGTH } },
  duplicate: { key: "conversations.write.error.duplicate" },
  closed: { key: "conversations.write.error.closed" },
};

const signInUrl = (url: string) => `/users/sign-in?return_to=${encodeURIComponent(url)}`;

/** What the page offers for `action`: the core's `can()`, then the conversation's own "anonymous allowed". */
async function gateFor(req: FastifyRequest, c: Request, action: "vote" | "write", conversation: PageConversation, url: string): Promise<Gate> {
  const permission = await can(req.ctx.user, action, { space: c.space, component: c.component }, { db: c.deps.db, returnTo: url, access: c.access });
  if (permission.status === "ok") return !req.ctx.user && !conversation.anonymousAllowed ? { kind: "signIn", href: signInUrl(url) } : { kind: "ok" };
  if (permission.status === "signIn") return { kind: "signIn", href: signInUrl(url) };
  if (permission.status === "pending") return { kind: "verify", href: permission.verifyUrl };
  return { kind: "denied", reason: req.ctx.t(permission.reason, permission.values) };
}

async function conversationOf(c: Request): Promise<{ conversation: PageConversation; url: string }> {
  const id = Number(c.params.conversationId);
  const conversation = await findConversation(c.deps.db, c.component.id, id);
  if (!conversation) throw notFound();
  return { conversation, url: `${c.base}/conversations/${id}` };
}

async function renderPage(req: FastifyRequest, reply: FastifyReply, c: Request, form: { value?: string; errors?: FieldErrors } = {}): Promise<FastifyReply> {
  const { conversation, url } = await conversationOf(c);
  const { t } = req.ctx;
  const user = req.ctx.user;
  const db = c.deps.db;
  const pid = await findParticipant(db, conversation.id, { userId: user?.id ?? null, anonymousToken: user ? null : anonymousToken(req) });
  const [data, own, vote, write] = await Promise.all([
    loadVotingPage(db, conversation, pid),
    pid !== null && conversation.participantStatements ? ownStatements(db, conversation.id, pid) : Promise.resolve([]),
    gateFor(req, c, "vote", conversation, url),
    conversation.participantStatements ? gateFor(req, c, "write", conversation, url) : Promise.resolve({ kind: "ok" } as const),
  ]);
  const query = pageQuery.parse(req.query ?? {});
  const byTid = new Map(data.statements.map((s) => [s.tid, s]));
  // `?statement=` shows one statement again (to change the vote on it); otherwise the engine's routing.
  const chosen = query.statement !== undefined ? byTid.get(query.statement) : undefined;
  const done = new Set([...data.votes.keys(), ...query.skip]);
  const statement = chosen ?? nextStatement(data.statements, done, data.priorities);
  const votes = [...data.votes].flatMap(([tid, value]) => {
    const s = byTid.get(tid);
    return s ? [{ statement: s, value }] : [];
  });
  const flash = req.ctx.flash;
  const next = statement ? t("conversations.vote.next", { text: statement.text }) : data.statements.length === 0 ? t("conversations.page.none") : t("conversations.page.done");
  return sendComponentPage(req, reply, c, {
    title: localize(conversation.topic, req.ctx.locale, req.ctx.org.defaultLocale).text,
    ...(form.errors ? { status: 422 } : {}),
    body: (
      <VotingView
        ctx={req.ctx}
        conversation={conversation}
        url={url}
        statement={statement}
        current={statement ? data.votes.get(statement.tid) : undefined}
        voted={votes.length}
        total={data.statements.length}
        skipped={query.skip}
        announcement={flash ? `${flash.text} ${next}` : ""}
        vote={vote}
        write={write}
        writeValue={form.value}
        writeErrors={form.errors}
        own={own}
        votes={votes}
        group={data.group === null ? null : { id: data.group, label: groupLabel(data.group) }}
        script={assetUrl("conversations-vote.js")}
      />
    ),
  });
}

const page: Handler = (req, reply, c) => renderPage(req, reply, c);

const index: Handler = async (req, reply, c) => {
  const { locale, org } = req.ctx;
  const title = localize(c.component.name, locale, org.defaultLocale).text;
  const announcement = localize(c.settings.step.announcement, locale, org.defaultLocale).text;
  const items = await listConversations(c.deps.db, c.component.id);
  return sendComponentPage(req, reply, c, { title, body: <ConversationListView ctx={req.ctx} base={c.base} title={title} announcement={announcement} items={items} /> });
};

/** The participant of the person or visitor, created on first use; null when the visitor must sign in. */
async function participantFor(req: FastifyRequest, reply: FastifyReply, c: Request, conversation: PageConversation): Promise<number | null> {
  const user = req.ctx.user;
  if (user) return ensureParticipant(c.deps.db, conversation.id, { userId: user.id });
  if (!conversation.anonymousAllowed) return null;
  return ensureParticipant(c.deps.db, conversation.id, { anonymousToken: ensureAnonymousToken(req, reply) });
}

const vote: Handler = async (req, reply, c) => {
  const { t } = req.ctx;
  const body = voteBody.safeParse(req.body ?? {});
  if (body.success && body.data.vote !== "skip") {
    // The common case in one query: someone already taking part votes (castVoteAs checks the rest).
    const id = Number(c.params.conversationId);
    const url = `${c.base}/conversations/${id}`;
    const who = req.ctx.user ? { userId: req.ctx.user.id } : anonymousToken(req);
    const back = body.data.skip.length ? `${url}?skip=${body.data.skip.join(",")}` : url;
    const value = VALUES[body.data.vote];
    if (who && (await castVoteAs(c.deps.db, { componentId: c.component.id, conversationId: id }, typeof who === "string" ? { anonymousToken: who } : who, body.data.tid, value))) {
      return redirectWithFlash(reply, back, "success", t(RECORDED[body.data.vote]));
    }
  }
  const { conversation, url } = await conversationOf(c);
  if (!body.success) return redirectWithFlash(reply, url, "error", t("conversations.page.invalid"));
  const { tid, skip } = body.data;
  if (body.data.vote === "skip") {
    const skipped = [...new Set([...skip, tid])].slice(-500);
    return redirectWithFlash(reply, `${url}?skip=${skipped.join(",")}`, "info", t("conversations.vote.skipped"));
  }
  const back = skip.length ? `${url}?skip=${skip.join(",")}` : url;
  const pid = await participantFor(req, reply, c, conversation);
  if (pid === null) return redirectWithFlash(reply, signInUrl(url), "info", t("conversations.page.signIn"));
  const ok = await castVote(c.deps.db, conversation.id, pid, tid, VALUES[body.data.vote]);
  if (!ok) return redirectWithFlash(reply, back, "error", t("conversations.page.invalid"));
  return redirectWithFlash(reply, back, "success", t(RECORDED[body.data.vote]));
};

const write: Handler = async (req, reply, c) => {
  const { conversation, url } = await conversationOf(c);
  const { t } = req.ctx;
  const text = statementBody.parse(req.body ?? {}).text;
  if (!conversation.participantStatements) return redirectWithFlash(reply, url, "error", t("conversations.write.error.closed"));
  const pid = await participantFor(req, reply, c, conversation);
  if (pid === null) return redirectWithFlash(reply, signInUrl(url), "info", t("conversations.page.signIn"));
  const outcome = await writeStatement(c.deps.db, conversation.id, { pid, userId: req.ctx.user?.id ?? null }, text);
  if (!outcome.ok) return renderPage(req, reply, c, { value: text, errors: { text: WRITE_ERRORS[outcome.error] } });
  // As in Pol.is, the author agrees with their own statement (once others can see it).
  if (!outcome.waiting) await castVote(c.deps.db, conversation.id, pid, outcome.tid, 1);
  return redirectWithFlash(reply, url, "success", t(outcome.waiting ? "conversations.write.sent.waiting" : "conversations.write.sent.shown"));
};

export const conversationRoutes: Route[] = [
  { method: "GET", path: "/", handler: index },
  { method: "GET", path: "/conversations/:conversationId", params, handler: page },
  { method: "POST", path: "/conversations/:conversationId/vote", params, action: "vote", rateLimit: { max: 600, timeWindow: "1 minute" }, handler: vote },
  { method: "POST", path: "/conversations/:conversationId/statements", params, action: "write", rateLimit: { max: 30, timeWindow: "1 minute" }, handler: write },
  ...groupRoutes,
];
