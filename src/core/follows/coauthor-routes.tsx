/**
 * Co-authorship of any resource whose kind declares `coauthors`: the page of one resource's
 * co-authorships (GET /coauthorships/:type/:id: the invitee answers there, authors invite and withdraw,
 * co-authors leave) and its form posts. Every route resolves the resource for the person first (an
 * invitee sees it as its authors do, within the space's rules); otherwise a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendComponentPage } from "../components/page";
import { forbidden, notFound, type FieldErrors } from "../http/result";
import { redirectWithFlash } from "../../web/render";
import "./endorsement-coauthor-data";
import { coauthorLimit, coauthorshipUrl, inviteCoauthor, isAuthor, leaveCoauthorship, listCoauthorships, resolveForCoauthorship, respondToInvitation, withdrawInvitation } from "./coauthors";
import { CoauthorshipPage } from "./coauthor-views";
import { frameOf, resourceId, resourceType } from "./endorsement-routes";
import { titleText } from "./endorsement-views";

const params = z.object({ type: resourceType, id: resourceId });
const inviteForm = z.object({ identifier: z.string().max(320).catch("") });
const respondForm = z.object({ response: z.enum(["accept", "decline"]) });
const withdrawForm = z.object({ userId: resourceId });

// An invitation names an account by nickname or email: a few per quarter hour per person, so nobody
// walks through addresses to learn who has an account.
const inviteRateLimit = { rateLimit: { max: 20, timeWindow: "15 minutes", keyGenerator: (req: FastifyRequest) => (req.ctx?.user ? `u${req.ctx.user.id}` : req.ip) } };

export async function coauthorRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  /** The resource and the person's part in it, or a 404 (and the reply sent to sign in when signed out). */
  async function load(req: FastifyRequest, reply: FastifyReply) {
    const p = params.safeParse(req.params);
    if (!p.success) throw notFound();
    const user = req.ctx.user;
    if (!user) {
      // Back to the page, not to a form post's address.
      await redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(coauthorshipUrl({ type: p.data.type, id: p.data.id }))}`, "info", req.ctx.t("error.signInRequired"));
      return null;
    }
    const found = await resolveForCoauthorship(db, { type: p.data.type, id: p.data.id }, user);
    if (!found) throw notFound();
    const { resolved, status } = found;
    const role = isAuthor(resolved.facts, user.id, status) ? (status === "accepted" ? "coauthor" : "author") : status === "invited" ? "invited" : null;
    return { user, resolved, status, role, ref: { type: p.data.type, id: p.data.id } } as const;
  }

  async function render(req: FastifyRequest, reply: FastifyReply, ctx: NonNullable<Awaited<ReturnType<typeof load>>>, form: { errors?: FieldErrors; identifier?: string } = {}) {
    const { resolved, role, ref } = ctx;
    if (!role) throw forbidden();
    const title = titleText(req.ctx, resolved.facts.title);
    const coauthorships = role === "invited" ? [] : await listCoauthorships(db, ref);
    const backUrl = resolved.facts.public || role !== "invited" ? resolved.facts.url : null;
    return sendComponentPage(req, reply, frameOf(resolved), {
      title: req.ctx.t("coauthors.page.title", { title }),
      status: form.errors ? 422 : 200,
      body: (
        <CoauthorshipPage
          ctx={req.ctx}
          title={title}
          backUrl={backUrl}
          actionBase={coauthorshipUrl(ref)}
          role={role}
          coauthorships={coauthorships}
          max={coauthorLimit(resolved.kind)}
          {...(form.errors ? { errors: form.errors } : {})}
          {...(form.identifier !== undefined ? { identifier: form.identifier } : {})}
        />
      ),
    });
  }

  app.get("/coauthorships/:type/:id", async (req, reply) => {
    const ctx = await load(req, reply);
    if (!ctx) return reply;
    return render(req, reply, ctx);
  });

  app.post("/coauthorships/:type/:id/invite", { config: inviteRateLimit }, async (req, reply) => {
    const ctx = await load(req, reply);
    if (!ctx) return reply;
    if (ctx.role !== "author" && ctx.role !== "coauthor") throw forbidden();
    const { identifier } = inviteForm.parse(req.body ?? {});
    const out = await inviteCoauthor(db, ctx.resolved, ctx.user.id, identifier);
    if (!out.ok) return render(req, reply, ctx, { errors: out.errors, identifier });
    return redirectWithFlash(reply, coauthorshipUrl(ctx.ref), "success", req.ctx.t("coauthors.flash.invited", { name: out.value.name }));
  });

  app.post("/coauthorships/:type/:id/respond", async (req, reply) => {
    const ctx = await load(req, reply);
    if (!ctx) return reply;
    const form = respondForm.safeParse(req.body);
    if (ctx.role !== "invited" || !form.success) return redirectWithFlash(reply, coauthorshipUrl(ctx.ref), "error", req.ctx.t("coauthors.error.noInvitation"));
    const accept = form.data.response === "accept";
    const out = await respondToInvitation(db, ctx.resolved, ctx.user.id, accept);
    const { facts } = ctx.resolved;
    if (!out.ok) return redirectWithFlash(reply, coauthorshipUrl(ctx.ref), "error", req.ctx.t("coauthors.error.noInvitation"));
    if (accept) return redirectWithFlash(reply, facts.url, "success", req.ctx.t("coauthors.flash.accepted", { title: titleText(req.ctx, facts.title) }));
    return redirectWithFlash(reply, facts.public ? facts.url : "/", "success", req.ctx.t("coauthors.flash.declined"));
  });

  app.post("/coauthorships/:type/:id/withdraw", async (req, reply) => {
    const ctx = await load(req, reply);
    if (!ctx) return reply;
    if (ctx.role !== "author" && ctx.role !== "coauthor") throw forbidden();
    const form = withdrawForm.safeParse(req.body);
    const out = form.success ? await withdrawInvitation(db, ctx.resolved, form.data.userId) : null;
    if (!out?.ok) return redirectWithFlash(reply, coauthorshipUrl(ctx.ref), "error", req.ctx.t("coauthors.error.noInvitation"));
    return redirectWithFlash(reply, coauthorshipUrl(ctx.ref), "success", req.ctx.t("coauthors.flash.withdrawn"));
  });

  app.post("/coauthorships/:type/:id/leave", async (req, reply) => {
    const ctx = await load(req, reply);
    if (!ctx) return reply;
    const out = await leaveCoauthorship(db, ctx.ref, ctx.user.id);
    if (!out.ok) return redirectWithFlash(reply, coauthorshipUrl(ctx.ref), "error", req.ctx.t("coauthors.error.notCoauthor"));
    const { facts } = ctx.resolved;
    return redirectWithFlash(reply, facts.public ? facts.url : "/", "success", req.ctx.t("coauthors.flash.left", { title: titleText(req.ctx, facts.title) }));
  });
}
