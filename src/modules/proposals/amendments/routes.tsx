/**
 * Amendments' routes (relative to /spaces/:slug/c/:componentId), every one a plain form post answered
 * with a 303 and a flash, or the form again with its errors:
 *   GET/POST /:proposalId/amend                          the form, a draft (the `amend` action)
 *   GET      /:proposalId/amendments/:amendmentId         its page (diff, reactions, the kit)
 *   GET/POST /:proposalId/amendments/:amendmentId/edit    the amender's draft
 *   POST     .../publish | .../discard                    the draft
 *   POST     .../withdraw                                 the amender, while evaluated
 *   POST     .../accept, GET/POST .../reject              the proposal's authors (reason optional)
 *   POST     .../promote                                  the amender, once rejected
 * and the section of a proposal's page (`amendmentsPart`).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { z } from "zod";
import type { ComponentRoute } from "../../../core/components/define";
import { sendComponentPage } from "../../../core/components/page";
import { loadCommentsSection } from "../../../core/comments/section";
import { loadEndorsementBox } from "../../../core/follows/endorsements";
import { isFollowing } from "../../../core/follows/service";
import { parseForm } from "../../../core/http/forms";
import { notFound, type FieldErrors } from "../../../core/http/result";
import { canAdministerSpace, canPreviewSpace } from "../../../core/permissions/access";
import { authorize } from "../../../core/permissions/authorize";
import { can, type Permission } from "../../../core/permissions/can";
import { redirectWithFlash } from "../../../web/render";
import { proposalInput } from "../inputs";
import type { ProposalDetails } from "../queries";
import { loadVisible, place, resourceOf, settingsOf, type C, type Handler } from "../route-parts";
import type { ProposalResource } from "../rules";
import type { ProposalSettings, ProposalStepSettings } from "../settings";
import { text } from "../view-parts";
import { loadAmendmentFacts } from "./kit";
import { findAmendmentDraft, loadAmendment, loadAmendmentsBox, type AmendmentDetails } from "./queries";
import { promotionOpen, reactionOpen, seesAmendment } from "./rules";
import { acceptAmendment, createAmendmentDraft, discardAmendmentDraft, promoteAmendment, publishAmendment, rejectAmendment, updateAmendmentDraft, withdrawAmendment } from "./service";
import { AmendmentFormPage, AmendmentPage, AmendmentsSection, RejectPage, type AmendmentFormValues, type AmendmentKit } from "./views";

const proposalParams = z.object({ proposalId: z.string().regex(/^\d{1,15}$/) });
const amendmentParams = z.object({ proposalId: z.string().regex(/^\d{1,15}$/), amendmentId: z.string().regex(/^\d{1,15}$/) });
const rejectInput = z.object({ reason: z.string().trim().max(2_000, { message: "proposals.amendments.errors.reasonLength" }).optional() });

const amendmentInput = (c: C) => proposalInput(settingsOf(c).global).pick({ title: true, body: true });

const proposalHref = (c: C, p: { id: number }) => `${c.base}/${p.id}`;
const amendmentHref = (c: C, a: { proposalId: number; id: number }) => `${c.base}/${a.proposalId}/amendments/${a.id}`;

const asValues = (body: unknown): AmendmentFormValues => {
  const b = (body ?? {}) as Record<string, unknown>;
  return { title: typeof b.title === "string" ? b.title : undefined, body: typeof b.body === "string" ? b.body : undefined };
};

/** The first error of a failed service call, as a flash. */
const firstError = (req: FastifyRequest, errors: FieldErrors) => {
  const e = Object.values(errors)[0];
  return e ? req.ctx.t(e.key, e.values) : "";
};

async function sendForm(req: FastifyRequest, reply: FastifyReply, c: C, p: ProposalDetails, opts: { heading: string; action: string; values: AmendmentFormValues; errors?: FieldErrors; status?: number }) {
  const g = settingsOf(c).global;
  return sendComponentPage(req, reply, c, {
    title: opts.heading,
    status: opts.status ?? 200,
    body: (
      <AmendmentFormPage
        ctx={req.ctx}
        heading={opts.heading}
        action={opts.action}
        proposalTitle={text(req.ctx, p.title).text}
        proposalHref={proposalHref(c, p)}
        language={p.language}
        values={opts.values}
        errors={opts.errors}
        maxTitle={g.titleMaxLength}
        maxBody={g.bodyMaxLength}
      />
    ),
  });
}

/** The proposal, if the reader may amend it (authorize answers sign-in, verify or 403 itself). */
async function amendable(req: FastifyRequest, reply: FastifyReply, c: C): Promise<ProposalDetails | null> {
  const p = await loadVisible(req, c);
  return (await authorize(req, reply, c, "amend", resourceOf(p))) ? p : null;
}

const newForm: Handler = async (req, reply, c) => {
  const p = await amendable(req, reply, c);
  const user = req.ctx.user;
  if (!p || !user) return reply;
  const draft = await findAmendmentDraft(c.deps.db, p.id, user.id);
  if (draft !== null) return redirectWithFlash(reply, amendmentHref(c, { proposalId: p.id, id: draft }), "info", req.ctx.t("proposals.amendments.errors.draftExists"));
  const values = { title: p.title[p.language] ?? "", body: p.body[p.language] ?? "" };
  return sendForm(req, reply, c, p, { heading: req.ctx.t("proposals.amendments.new"), action: `${proposalHref(c, p)}/amend`, values });
};

const create: Handler = async (req, reply, c) => {
  const p = await amendable(req, reply, c);
  const user = req.ctx.user;
  if (!p || !user) return reply;
  const parsed = parseForm(amendmentInput(c), req.body);
  const result = parsed.ok ? await createAmendmentDraft(c.deps.db, user.id, place(c), p.id, parsed.value) : parsed;
  if (!result.ok) return sendForm(req, reply, c, p, { heading: req.ctx.t("proposals.amendments.new"), action: `${proposalHref(c, p)}/amend`, values: asValues(req.body), errors: result.errors, status: 422 });
  return redirectWithFlash(reply, amendmentHref(c, { proposalId: p.id, id: result.value.id }), "success", req.ctx.t("proposals.amendments.draft.saved"));
};

/**
 * The amendment as this reader may see it: a draft only to its amender; a hidden one to its amender
 * and the staff; otherwise as the step's visibility says. Anything else is not found.
 */
async function visibleAmendment(req: FastifyRequest, c: C): Promise<{ p: ProposalDetails; a: AmendmentDetails }> {
  const p = await loadVisible(req, c);
  const a = await loadAmendment(c.deps.db, c.component.id, p.id, Number(c.params.amendmentId));
  if (!a) throw notFound();
  const user = req.ctx.user;
  const isAmender = Boolean(user && a.amenderId === user.id);
  const staff = canPreviewSpace(c.access);
  if (isAmender) return { p, a };
  if (a.state === "draft" || (a.hiddenAt && !staff)) throw notFound();
  if (!seesAmendment(settingsOf(c), user, { amenderId: a.amenderId, proposalAuthorIds: resourceOf(p).authorIds }, staff)) throw notFound();
  return { p, a };
}

async function loadKit(req: FastifyRequest, c: C, a: AmendmentDetails): Promise<AmendmentKit | null> {
  const { db } = c.deps;
  const user = req.ctx.user;
  const facts = (await loadAmendmentFacts(db, [a.id])).get(a.id);
  if (!facts) return null;
  const ref = { type: "amendment", id: a.id };
  const query = (req.query ?? {}) as Record<string, unknown>;
  const [comments, endorsements, following] = await Promise.all([
    loadCommentsSection(db, ref, user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component }, path: amendmentHref(c, a) }),
    loadEndorsementBox(db, { facts, space: c.space, component: c.component }, user),
    user ? isFollowing(db, user.id, ref) : Promise.resolve(false),
  ]);
  return { comments, endorsements, following };
}

const show: Handler = async (req, reply, c) => {
  const { p, a } = await visibleAmendment(req, c);
  const user = req.ctx.user;
  const settings = settingsOf(c);
  const isAmender = Boolean(user && a.amenderId === user.id);
  // Who reacts: the proposal's authors; for an official proposal, the space's administrators.
  const isProposalAuthor = Boolean(user && (resourceOf(p).authorIds.includes(user.id) || (p.official && canAdministerSpace(c.access))));
  const [publishPermission, kit] = await Promise.all([
    isAmender && a.state === "draft" ? can(user, "amend", { space: c.space, component: c.component, resource: resourceOf(p) }, { db: c.deps.db, returnTo: amendmentHref(c, a), access: c.access }) : Promise.resolve(null),
    a.state === "draft" ? Promise.resolve(null) : loadKit(req, c, a),
  ]);
  const open = p.withdrawnAt === null && p.hiddenAt === null;
  return sendComponentPage(req, reply, c, {
    title: a.title,
    body: (
      <AmendmentPage
        ctx={req.ctx}
        proposalHref={proposalHref(c, p)}
        href={amendmentHref(c, a)}
        a={a}
        isAmender={isAmender}
        mayReact={isProposalAuthor && a.state === "evaluating" && open && reactionOpen(settings)}
        reactionClosed={isProposalAuthor && !reactionOpen(settings)}
        mayPromote={isAmender && a.state === "rejected" && a.promotedProposalId === null && promotionOpen(settings)}
        publishPermission={publishPermission}
        promotedHref={a.promotedProposalId === null ? null : `${c.base}/${a.promotedProposalId}`}
        kit={kit}
      />
    ),
  });
};

/** The amender's own draft, or not found. */
async function ownDraft(req: FastifyRequest, c: C): Promise<{ p: ProposalDetails; a: AmendmentDetails }> {
  const { p, a } = await visibleAmendment(req, c);
  if (a.state !== "draft" || !req.ctx.user || a.amenderId !== req.ctx.user.id) throw notFound();
  return { p, a };
}

const editForm: Handler = async (req, reply, c) => {
  const { p, a } = await ownDraft(req, c);
  return sendForm(req, reply, c, p, { heading: req.ctx.t("proposals.amendments.edit"), action: `${amendmentHref(c, a)}/edit`, values: { title: a.title, body: a.body } });
};

const update: Handler = async (req, reply, c) => {
  const { p, a } = await ownDraft(req, c);
  const user = req.ctx.user;
  if (!user) return reply;
  const parsed = parseForm(amendmentInput(c), req.body);
  const result = parsed.ok ? await updateAmendmentDraft(c.deps.db, user.id, place(c), a.id, parsed.value) : parsed;
  if (!result.ok) return sendForm(req, reply, c, p, { heading: req.ctx.t("proposals.amendments.edit"), action: `${amendmentHref(c, a)}/edit`, values: asValues(req.body), errors: result.errors, status: 422 });
  return redirectWithFlash(reply, amendmentHref(c, a), "success", req.ctx.t("proposals.amendments.draft.saved"));
};

const publish: Handler = async (req, reply, c) => {
  const { p, a } = await ownDraft(req, c);
  // Amending may have closed, or the proposal changed, since the draft was written.
  if (!(await authorize(req, reply, c, "amend", resourceOf(p)))) return reply;
  const user = req.ctx.user;
  if (!user) return reply;
  const result = await publishAmendment(c.deps.db, user.id, place(c), a.id, { visibleToAll: settingsOf(c).step.amendmentsVisibility === "all" });
  if (!result.ok) return redirectWithFlash(reply, amendmentHref(c, a), "error", firstError(req, result.errors));
  return redirectWithFlash(reply, amendmentHref(c, a), "success", req.ctx.t("proposals.amendments.draft.published"));
};

const discard: Handler = async (req, reply, c) => {
  const { p, a } = await ownDraft(req, c);
  await discardAmendmentDraft(c.deps.db, a.amenderId ?? 0, place(c), a.id);
  return redirectWithFlash(reply, proposalHref(c, p), "success", req.ctx.t("proposals.amendments.draft.discarded"));
};

const withdraw: Handler = async (req, reply, c) => {
  const { a } = await visibleAmendment(req, c);
  const user = req.ctx.user;
  if (!user) throw notFound();
  const result = await withdrawAmendment(c.deps.db, user.id, place(c), a.id);
  if (!result.ok) return redirectWithFlash(reply, amendmentHref(c, a), "error", firstError(req, result.errors));
  return redirectWithFlash(reply, amendmentHref(c, a), "success", req.ctx.t("proposals.amendments.withdrawn"));
};

/** The proposal's author reacting: reactions must be open in this step. */
async function reacting(req: FastifyRequest, reply: FastifyReply, c: C): Promise<{ p: ProposalDetails; a: AmendmentDetails; userId: number; staff: boolean } | null> {
  const { p, a } = await visibleAmendment(req, c);
  const user = req.ctx.user;
  if (!user) {
    await redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(amendmentHref(c, a))}`, "info", req.ctx.t("permissions.signInRequired"));
    return null;
  }
  if (!reactionOpen(settingsOf(c))) {
    await redirectWithFlash(reply, amendmentHref(c, a), "error", req.ctx.t("proposals.amendments.errors.reactionClosed"));
    return null;
  }
  return { p, a, userId: user.id, staff: canAdministerSpace(c.access) };
}

const accept: Handler = async (req, reply, c) => {
  const r = await reacting(req, reply, c);
  if (!r) return reply;
  const result = await acceptAmendment(c.deps.db, r, place(c), r.a.id);
  if (!result.ok) return redirectWithFlash(reply, amendmentHref(c, r.a), "error", firstError(req, result.errors));
  return redirectWithFlash(reply, proposalHref(c, r.p), "success", req.ctx.t("proposals.amendments.accepted"));
};

const sendReject = (req: FastifyRequest, reply: FastifyReply, c: C, a: AmendmentDetails, opts: { errors?: FieldErrors; reason?: string; status?: number } = {}) =>
  sendComponentPage(req, reply, c, {
    title: req.ctx.t("proposals.amendments.rejectTitle"),
    status: opts.status ?? 200,
    body: <RejectPage ctx={req.ctx} action={`${amendmentHref(c, a)}/reject`} cancelHref={amendmentHref(c, a)} title={a.title} errors={opts.errors} reason={opts.reason} />,
  });

const rejectForm: Handler = async (req, reply, c) => {
  const r = await reacting(req, reply, c);
  if (!r) return reply;
  if (!resourceOf(r.p).authorIds.includes(r.userId) && !(r.p.official && r.staff)) throw notFound();
  return sendReject(req, reply, c, r.a);
};

const reject: Handler = async (req, reply, c) => {
  const r = await reacting(req, reply, c);
  if (!r) return reply;
  const parsed = parseForm(rejectInput, req.body);
  if (!parsed.ok) return sendReject(req, reply, c, r.a, { errors: parsed.errors, reason: asReason(req.body), status: 422 });
  const result = await rejectAmendment(c.deps.db, r, place(c), r.a.id, parsed.value.reason || null);
  if (!result.ok) return redirectWithFlash(reply, amendmentHref(c, r.a), "error", firstError(req, result.errors));
  return redirectWithFlash(reply, amendmentHref(c, r.a), "success", req.ctx.t("proposals.amendments.rejected"));
};

const asReason = (body: unknown) => {
  const v = (body as Record<string, unknown> | null)?.reason;
  return typeof v === "string" ? v : undefined;
};

const promote: Handler = async (req, reply, c) => {
  const { a } = await visibleAmendment(req, c);
  const user = req.ctx.user;
  if (!user || a.amenderId !== user.id) throw notFound();
  const settings = settingsOf(c);
  if (!promotionOpen(settings)) return redirectWithFlash(reply, amendmentHref(c, a), "error", req.ctx.t("proposals.amendments.errors.promotionClosed"));
  const result = await promoteAmendment(c.deps.db, user.id, place(c), a.id, settings.global.proposalLimit);
  if (!result.ok) return redirectWithFlash(reply, amendmentHref(c, a), "error", firstError(req, result.errors));
  return redirectWithFlash(reply, `${c.base}/${result.value.proposalId}`, "success", req.ctx.t("proposals.amendments.promoted"));
};

/**
 * The amendments section of a published proposal's page: what the reader may see of its amendments,
 * its earlier versions and origin, and whether they may amend it (two queries, and `can()` when offered).
 */
export async function amendmentsPart(req: FastifyRequest, c: C, p: ProposalDetails, resource: ProposalResource): Promise<VNode | null> {
  if (!p.publishedAt) return null;
  const settings = settingsOf(c);
  const user = req.ctx.user;
  const isAuthor = Boolean(user && resource.authorIds.includes(user.id));
  const staff = canPreviewSpace(c.access);
  const seeAll = settings.step.amendmentsVisibility === "all" || staff || isAuthor;
  const offered = settings.global.amendmentsEnabled && settings.step.amendmentCreationEnabled && !isAuthor && !resource.withdrawn && !resource.hidden && resource.stateToken !== "rejected";
  const [box, amend] = await Promise.all([
    loadAmendmentsBox(c.deps.db, p.id, user?.id ?? null, { seeAll, seeHidden: staff }),
    offered ? can(user, "amend", { space: c.space, component: c.component, resource }, { db: c.deps.db, returnTo: `${c.base}/${p.id}`, access: c.access }) : Promise.resolve<Permission | null>(null),
  ]);
  return <AmendmentsSection ctx={req.ctx} base={c.base} proposalId={p.id} box={box} amend={amend} />;
}

type R = ComponentRoute<ProposalSettings, ProposalStepSettings>;
const A = "/:proposalId/amendments/:amendmentId";

export const amendmentRoutes: R[] = [
  { method: "GET", path: "/:proposalId/amend", params: proposalParams, handler: newForm },
  { method: "POST", path: "/:proposalId/amend", params: proposalParams, handler: create },
  { method: "GET", path: A, params: amendmentParams, visitorCache: true, handler: show },
  { method: "GET", path: `${A}/edit`, params: amendmentParams, handler: editForm },
  { method: "POST", path: `${A}/edit`, params: amendmentParams, handler: update },
  { method: "POST", path: `${A}/publish`, params: amendmentParams, handler: publish },
  { method: "POST", path: `${A}/discard`, params: amendmentParams, handler: discard },
  { method: "POST", path: `${A}/withdraw`, params: amendmentParams, handler: withdraw },
  { method: "POST", path: `${A}/accept`, params: amendmentParams, handler: accept },
  { method: "GET", path: `${A}/reject`, params: amendmentParams, handler: rejectForm },
  { method: "POST", path: `${A}/reject`, params: amendmentParams, handler: reject },
  { method: "POST", path: `${A}/promote`, params: amendmentParams, handler: promote },
];
