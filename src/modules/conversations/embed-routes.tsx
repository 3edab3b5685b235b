/**
 * Embedding a conversation in another site, as Pol.is's embed code does: `/embed.js`
 * (public/conversations-embed.js) finds the page's `div.polis` elements and opens
 * `/conversations/<data-conversation_id>/embed` in an iframe that resizes itself. The embedded page
 * may be framed by any site (its CSP's frame-ancestors, and only its); it has no site chrome.
 *
 * In a frame on another site, browsers send no cookies: the embedded participant is named by the
 * embedding site's `xid` (`data-xid`) or by an anonymous token carried in the page's own links and
 * forms (signed, never a session), so its vote form needs no CSRF cookie. Signing in, verifications
 * and writing statements happen on the whole conversation's page (a link opens it in a new tab).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import type { Db } from "../../db/client";
import { notFound } from "../../core/http/result";
import { isLocale, type Locale } from "../../core/i18n/locales";
import { localize, translator } from "../../core/i18n/translator";
import { NO_ACCESS } from "../../core/permissions/access";
import { can } from "../../core/permissions/can";
import { findComponent, findSpaceById } from "../../core/spaces/queries";
import { assetsDir, assetUrl } from "../../web/assets";
import { sendHtml } from "../../web/render";
import { findEmbedded, findXidParticipant, type EmbeddedConversation } from "./embed-queries";
import { EmbedPage } from "./embed-views";
import { nextStatement } from "./next-statement";
import { findConversation, findParticipant, loadVotingPage } from "./page-queries";
import { castVote, ensureParticipant, newAnonymousToken } from "./votes";

const refParams = z.object({ ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
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
const identity = {
  xid: z.string().trim().min(1).max(200).optional().catch(undefined),
  ui_lang: z.string().max(20).optional().catch(undefined),
  p: z.string().max(200).optional().catch(undefined),
  skip: skipList,
};
const pageQuery = z.object({ ...identity, m: z.enum(["voted", "invalid"]).optional().catch(undefined) });
const voteBody = z.object({ ...identity, tid: z.coerce.number().int().min(0).max(2 ** 31 - 1), vote: z.enum(["agree", "disagree", "pass", "skip"]) });
const VALUES = { agree: 1, disagree: -1, pass: 0 } as const;

/** Pol.is's ui_lang ("fr", "fr-BE", "nl_NL") as one of the platform's languages. */
export function embedLocale(uiLang: string | undefined, fallback: Locale): Locale {
  const base = (uiLang ?? "").slice(0, 2).toLowerCase();
  return isLocale(base) ? base : fallback;
}

function tokenOf(req: FastifyRequest, signed: string | undefined): string | null {
  if (!signed) return null;
  const u = req.unsignCookie(signed);
  return u.valid && u.value && /^[A-Za-z0-9_-]{20,64}$/.test(u.value) ? u.value : null;
}

/** Whether an anonymous visitor may vote here: the conversation allows it and the component's vote needs nothing more. */
async function anonymousMayVote(db: Db, e: EmbeddedConversation, returnTo: string): Promise<boolean> {
  if (!e.anonymousAllowed) return false;
  const [space, component] = await Promise.all([findSpaceById(db, e.spaceId), findComponent(db, e.spaceId, e.componentId)]);
  if (!space || !component) return false;
  return (await can(null, "vote", { space, component }, { db, returnTo, access: NO_ACCESS })).status === "ok";
}

/** The embedded page's address with its identity and skips (what links and redirects carry instead of cookies). */
function embedUrl(ref: string, q: { xid?: string | undefined; ui_lang?: string | undefined; p?: string | undefined; skip: number[]; m?: string }): string {
  const params = new URLSearchParams();
  if (q.xid) params.set("xid", q.xid);
  else if (q.p) params.set("p", q.p);
  if (q.ui_lang) params.set("ui_lang", q.ui_lang);
  if (q.skip.length > 0) params.set("skip", q.skip.join(","));
  if (q.m) params.set("m", q.m);
  const s = params.toString();
  return `/conversations/${ref}/embed${s ? `?${s}` : ""}`;
}

/** Lets any site frame this answer (the rest of the site keeps frame-ancestors 'none'). */
function frameable(reply: FastifyReply): void {
  const csp = reply.getHeader("content-security-policy");
  if (typeof csp === "string") reply.header("content-security-policy", csp.replace(/frame-ancestors [^;]*/, "frame-ancestors *"));
  reply.removeHeader("x-frame-options");
}

let embedScript: Promise<string> | null = null;

export const embedSiteRoutes: SiteRoute[] = [
  siteRoute({
    method: "GET",
    path: "/embed.js",
    handler: async (_req, reply) => {
      embedScript ??= readFile(path.join(assetsDir, "conversations-embed.js"), "utf8");
      return reply.header("content-type", "text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").header("cross-origin-resource-policy", "cross-origin").send(await embedScript);
    },
  }),
  siteRoute<z.infer<typeof refParams>, z.infer<typeof pageQuery>>({
    method: "GET",
    path: "/conversations/:ref/embed",
    params: refParams,
    query: pageQuery,
    handler: async (req, reply, { deps, params, query }) => {
      const e = await findEmbedded(deps.db, params.ref);
      if (!e) throw notFound();
      const conversation = await findConversation(deps.db, e.componentId, e.id);
      if (!conversation) throw notFound();
      const locale = embedLocale(query.ui_lang, req.ctx.locale);
      const t = translator(locale);
      const token = query.xid ? null : tokenOf(req, query.p);
      const pid = query.xid ? await findXidParticipant(deps.db, e.id, query.xid) : await findParticipant(deps.db, e.id, { userId: null, anonymousToken: token });
      const fullUrl = `/spaces/${e.spaceSlug}/c/${e.componentId}/conversations/${e.id}`;
      const [data, canVote] = await Promise.all([loadVotingPage(deps.db, conversation, pid), anonymousMayVote(deps.db, e, fullUrl)]);
      const done = new Set([...data.votes.keys(), ...query.skip]);
      const shown = new Set(data.statements.map((s) => s.tid));
      const statement = nextStatement(data.statements, done, data.priorities);
      const topic = localize(e.topic, locale, req.ctx.org.defaultLocale);
      const hidden: Record<string, string> = {};
      if (query.xid) hidden.xid = query.xid;
      else if (query.p && token) hidden.p = query.p;
      if (query.ui_lang) hidden.ui_lang = query.ui_lang;
      if (query.skip.length > 0) hidden.skip = query.skip.join(",");
      frameable(reply);
      reply.header("cache-control", "no-store");
      return sendHtml(
        reply,
        <EmbedPage
          t={t}
          locale={locale}
          topic={{ text: topic.text, lang: topic.locale === locale ? undefined : topic.locale }}
          statement={statement}
          voted={[...data.votes.keys()].filter((tid) => shown.has(tid)).length}
          total={data.statements.length}
          canVote={canVote}
          action={`/conversations/${params.ref}/embed/vote`}
          hidden={hidden}
          fullUrl={fullUrl}
          message={query.m === "voted" ? t("conversations.page.voted") : query.m === "invalid" ? t("conversations.embed.invalid") : null}
          stylesheet={assetUrl("app.css")}
          script={assetUrl("conversations-embed.js")}
        />,
      );
    },
  }),
  siteRoute<z.infer<typeof refParams>>({
    method: "POST",
    path: "/conversations/:ref/embed/vote",
    params: refParams,
    csrf: false,
    rateLimit: { max: 600, timeWindow: "1 minute" },
    handler: async (req, reply, { deps, params }) => {
      const e = await findEmbedded(deps.db, params.ref);
      if (!e) throw notFound();
      const body = voteBody.safeParse(req.body ?? {});
      const q = pageQuery.parse(req.body ?? {});
      const back = { xid: q.xid, ui_lang: q.ui_lang, p: q.p, skip: q.skip };
      if (!body.success) return reply.redirect(embedUrl(params.ref, { ...back, m: "invalid" }), 303);
      const v = body.data;
      if (v.vote === "skip") return reply.redirect(embedUrl(params.ref, { ...back, skip: [...v.skip, v.tid] }), 303);
      if (!(await anonymousMayVote(deps.db, e, `/conversations/${params.ref}/embed`))) return reply.redirect(embedUrl(params.ref, { ...back, m: "invalid" }), 303);
      let pid: number;
      let signed = v.p;
      if (v.xid) pid = await ensureParticipant(deps.db, e.id, { xid: v.xid });
      else {
        let token = tokenOf(req, v.p);
        if (!token) {
          token = newAnonymousToken();
          signed = reply.signCookie(token);
        }
        pid = await ensureParticipant(deps.db, e.id, { anonymousToken: token });
      }
      const ok = await castVote(deps.db, e.id, pid, v.tid, VALUES[v.vote]);
      return reply.redirect(embedUrl(params.ref, { ...back, p: signed, m: ok ? "voted" : "invalid" }), 303);
    },
  }),
];
