/**
 * Public routes of the conversations component (relative to /spaces/:slug/c/:componentId): a
 * conversation's voting page and its vote form. A visitor without an account votes under an
 * anonymous identity (a random token in a signed cookie) when the conversation allows it.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { redirectWithFlash } from "../../web/render";
import { nextStatement } from "./next-statement";
import { findConversation, findParticipant, loadVotingPage } from "./page-queries";
import type { ConversationSettings, ConversationStepSettings } from "./settings";
import { VotingView } from "./views";
import { castVote, ensureParticipant, newAnonymousToken } from "./votes";

type Route = ComponentRoute<ConversationSettings, ConversationStepSettings>;
type Handler = Route["handler"];

/** The signed cookie carrying an anonymous participant's token (the same identity in every conversation). */
export const IDENTITY_COOKIE = "pnyx_participant";

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
const voteBody = z.object({ tid: z.coerce.number().int().min(0).max(2 ** 31 - 1), vote: z.enum(["agree", "disagree", "pass"]), skip: skipList });
const VALUES = { agree: 1, disagree: -1, pass: 0 } as const;

function anonymousToken(req: FastifyRequest): string | null {
  const raw = req.cookies[IDENTITY_COOKIE];
  if (!raw) return null;
  const u = req.unsignCookie(raw);
  return u.valid && u.value && /^[A-Za-z0-9_-]{20,64}$/.test(u.value) ? u.value : null;
}

const page: Handler = async (req, reply, c) => {
  const id = Number(c.params.conversationId);
  const conversation = await findConversation(c.deps.db, c.component.id, id);
  if (!conversation) throw notFound();
  const user = req.ctx.user;
  const pid = await findParticipant(c.deps.db, id, { userId: user?.id ?? null, anonymousToken: user ? null : anonymousToken(req) });
  const data = await loadVotingPage(c.deps.db, conversation, pid);
  const skipped = skipList.parse((req.query as Record<string, unknown> | undefined)?.["skip"]);
  const done = new Set([...data.votes.keys(), ...skipped]);
  const shown = new Set(data.statements.map((s) => s.tid));
  const url = `${c.base}/conversations/${id}`;
  return sendComponentPage(req, reply, c, {
    title: localize(conversation.topic, req.ctx.locale, req.ctx.org.defaultLocale).text,
    body: (
      <VotingView
        ctx={req.ctx}
        conversation={conversation}
        url={url}
        statement={nextStatement(data.statements, done, data.priorities)}
        voted={[...data.votes.keys()].filter((t) => shown.has(t)).length}
        total={data.statements.length}
        skipped={skipped}
      />
    ),
  });
};

const vote: Handler = async (req, reply: FastifyReply, c) => {
  const id = Number(c.params.conversationId);
  const conversation = await findConversation(c.deps.db, c.component.id, id);
  if (!conversation) throw notFound();
  const url = `${c.base}/conversations/${id}`;
  const body = voteBody.safeParse(req.body ?? {});
  if (!body.success) return redirectWithFlash(reply, url, "error", req.ctx.t("conversations.page.invalid"));
  const back = body.data.skip.length ? `${url}?skip=${body.data.skip.join(",")}` : url;
  const user = req.ctx.user;
  let pid: number;
  if (user) pid = await ensureParticipant(c.deps.db, id, { userId: user.id });
  else {
    if (!conversation.anonymousAllowed) return redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(url)}`, "info", req.ctx.t("conversations.page.signIn"));
    let token = anonymousToken(req);
    if (!token) {
      token = newAnonymousToken();
      reply.setCookie(IDENTITY_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", signed: true, maxAge: 365 * 24 * 3600 });
    }
    pid = await ensureParticipant(c.deps.db, id, { anonymousToken: token });
  }
  const ok = await castVote(c.deps.db, id, pid, body.data.tid, VALUES[body.data.vote]);
  if (!ok) return redirectWithFlash(reply, back, "error", req.ctx.t("conversations.page.invalid"));
  return redirectWithFlash(reply, back, "success", req.ctx.t("conversations.page.voted"));
};

export const conversationRoutes: Route[] = [
  { method: "GET", path: "/conversations/:conversationId", params, handler: page },
  { method: "POST", path: "/conversations/:conversationId/vote", params, action: "vote", rateLimit: { max: 600, timeWindow: "1 minute" }, handler: vote },
];
