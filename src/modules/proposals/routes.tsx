/**
 * Public routes of the proposals component (relative to /spaces/:slug/c/:componentId): the list, a
 * proposal, writing one (draft, preview with similar proposals, publish), editing it within the
 * window, withdrawing it, supporting it. Every action is a plain form post (303 and a flash).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { loadCommentsSection } from "../../core/comments/section";
import { loadCoauthorBox } from "../../core/follows/coauthors";
import { loadEndorsementBox } from "../../core/follows/endorsements";
import { isFollowing } from "../../core/follows/service";
import { parseForm } from "../../core/http/forms";
import { notFound, type FieldErrors } from "../../core/http/result";
import { can } from "../../core/permissions/can";
import { canPreviewSpace } from "../../core/permissions/access";
import { authorize } from "../../core/permissions/authorize";
import { ConfirmPage } from "../../core/spaces/admin-confirm";
import { redirectWithFlash } from "../../web/render";
import { browseProposals, SEED_MAX, type BrowseFilter } from "./browse";
import { proposalInput } from "./inputs";
import { factsOfDetails } from "./kit";
import { authorIdsOf, listPlacements, loadProposal, personSupports, similarProposals, type ProposalDetails } from "./queries";
import type { ProposalResource } from "./rules";
import { SORTS, type ProposalSettings, type ProposalsSettings, type ProposalStepSettings, type Sort } from "./settings";
import { listStates } from "./states";
import { support, unsupport } from "./supports";
import { text } from "./view-parts";
import { IndexPage, ProposalFormPage, ShowPage, type FormValues, type KitParts } from "./views";
import { createDraft, discardDraft, findDraftId, publishDraft, updateProposal, withdrawProposal } from "./workflow";

type C = ComponentRequest<ProposalSettings, ProposalStepSettings>;
type Handler = ComponentRoute<ProposalSettings, ProposalStepSettings>["handler"];

const SEED_COOKIE = "pnyx_proposals_seed";
const idParams = z.object({ proposalId: z.string().regex(/^\d{1,15}$/) });

const settingsOf = (c: C): ProposalsSettings => c.settings;
const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
const componentName = (req: FastifyRequest, c: C) => text(req.ctx, c.component.name).text;

const listQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  state: z.string().regex(/^(answered|not_answered|\d{1,15})$/).optional().catch(undefined),
  category: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  scope: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  mine: z.literal("on").optional().catch(undefined),
  withdrawn: z.literal("on").optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  seed: z.coerce.number().int().min(0).max(SEED_MAX).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** The sorts offered: "most supported" only while counts are shown. */
const sortsFor = (s: ProposalsSettings): Sort[] => SORTS.filter((x) => x !== "most_supported" || !s.step.supportCountsHidden);

/** The visitor's seed for the random order: the link's, else the one kept in a cookie, else a new one kept there. */
function seedFor(req: FastifyRequest, reply: FastifyReply, fromQuery: number | undefined): number {
  if (fromQuery !== undefined) return fromQuery;
  const kept = Number(req.cookies[SEED_COOKIE]);
  if (Number.isInteger(kept) && kept >= 0 && kept <= SEED_MAX) return kept;
  const seed = Math.floor(Math.random() * SEED_MAX);
  reply.setCookie(SEED_COOKIE, String(seed), { path: "/", httpOnly: true, sameSite: "lax", maxAge: 24 * 3600 });
  return seed;
}

const index: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const settings = settingsOf(c);
  const q = listQuery.parse(req.query ?? {});
  const sorts = sortsFor(settings);
  const defaultSort = sorts.includes(settings.step.defaultSort) ? settings.step.defaultSort : "random";
  const sort = q.sort && sorts.includes(q.sort) ? q.sort : defaultSort;
  const user = req.ctx.user;
  const filter: BrowseFilter = {
    componentId: c.component.id,
    q: q.q || undefined,
    state: q.state,
    categoryId: q.category,
    scopeId: q.scope,
    mine: Boolean(q.mine && user),
    withdrawn: Boolean(q.withdrawn),
    sort,
    seed: sort === "random" ? seedFor(req, reply, q.seed) : 0,
    page: q.page ?? 1,
  };
  const [list, states, placements, person, draftId, create] = await Promise.all([
    browseProposals(db, filter, { id: user?.id ?? null, locale: req.ctx.locale }),
    listStates(db, c.component.id),
    listPlacements(db, c.space.id),
    user && settings.step.supportsEnabled ? personSupports(db, c.component.id, user.id) : Promise.resolve(null),
    user ? findDraftId(db, c.component.id, user.id) : Promise.resolve(null),
    settings.step.creationEnabled ? can(user, "create", { space: c.space, component: c.component }, { db, returnTo: c.base, access: c.access }) : Promise.resolve(null),
  ]);
  const name = componentName(req, c);
  return sendComponentPage(req, reply, c, {
    title: name,
    body: (
      <IndexPage
        ctx={req.ctx}
        base={c.base}
        componentName={name}
        settings={settings}
        filter={filter}
        sorts={sorts}
        items={list.items}
        hasNext={list.hasNext}
        total={list.total}
        states={states}
        categories={placements.categories}
        scopes={placements.scopes}
        person={person}
        draftId={draftId}
        creationOpen={create !== null && create.status !== "unauthorized"}
      />
    ),
  });
};

const proposalIdOf = (c: C) => Number(c.params.proposalId);

/** What the manifest's rule sees of a proposal loaded for a page. */
export function resourceOf(p: ProposalDetails): ProposalResource {
  return {
    id: p.id,
    authorIds: authorIdsOf(p),
    publishedAt: p.publishedAt,
    withdrawn: p.withdrawnAt !== null,
    hidden: p.hiddenAt !== null,
    answerPublished: p.statePublishedAt !== null,
    stateToken: p.statePublishedAt ? (p.state?.token ?? null) : null,
    official: p.official,
    hasSupports: p.hasSupports,
  };
}

/**
 * The proposal as this reader may see it: public once published (and not hidden), drafts only to their
 * authors, hidden ones to their authors and the space's staff. Anything else is not found.
 */
async function loadVisible(req: FastifyRequest, c: C): Promise<ProposalDetails> {
  const user = req.ctx.user;
  const p = await loadProposal(c.deps.db, c.component.id, proposalIdOf(c), user?.id ?? null);
  if (!p) throw notFound();
  const isAuthor = Boolean(user && authorIdsOf(p).includes(user.id));
  if ((p.publishedAt && !p.hiddenAt) || isAuthor || (p.publishedAt && canPreviewSpace(c.access))) return p;
  throw notFound();
}

const show: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const user = req.ctx.user;
  const settings = settingsOf(c);
  const p = await loadVisible(req, c);
  const resource = resourceOf(p);
  const isAuthor = Boolean(user && resource.authorIds.includes(user.id));
  const where = { space: c.space, component: c.component, resource };
  const ctx = { db, returnTo: `${c.base}/${p.id}`, access: c.access };
  const supportsOffered = settings.step.supportsEnabled && !settings.step.supportsBlocked && p.publishedAt !== null && (p.mySupport !== null || resource.stateToken !== "rejected");
  const [supportPermission, edit, withdraw, person, similar] = await Promise.all([
    supportsOffered ? can(user, "support", where, ctx) : Promise.resolve(null),
    isAuthor && p.publishedAt ? can(user, "edit", where, ctx) : Promise.resolve(null),
    isAuthor && p.publishedAt ? can(user, "withdraw", where, ctx) : Promise.resolve(null),
    user && settings.step.supportsEnabled && p.publishedAt ? personSupports(db, c.component.id, user.id) : Promise.resolve(null),
    !p.publishedAt && isAuthor ? similarProposals(db, c.component.id, p.language, p.title[p.language] ?? "", { excludeId: p.id }) : Promise.resolve([]),
  ]);
  const kit = p.publishedAt ? await loadKit(req, c, p, resource) : null;
  return sendComponentPage(req, reply, c, {
    title: text(req.ctx, p.title).text,
    body: (
      <ShowPage
        kit={kit}
        ctx={req.ctx}
        base={c.base}
        p={p}
        settings={settings}
        supportPermission={supportPermission}
        mayEdit={edit?.status === "ok"}
        mayWithdraw={withdraw?.status === "ok"}
        isAuthor={isAuthor}
        person={person}
        similar={similar}
      />
    ),
  });
};

/**
 * The participation kit's parts of a published proposal's page: its discussion (sort and page from the
 * query string), endorsements, co-authors and whether the reader follows it, at once.
 */
async function loadKit(req: FastifyRequest, c: C, p: ProposalDetails, resource: ProposalResource): Promise<KitParts> {
  const { db } = c.deps;
  const user = req.ctx.user;
  const facts = factsOfDetails(p, c.space, resource);
  const ref = { type: "proposal", id: p.id };
  const query = (req.query ?? {}) as Record<string, unknown>;
  const [comments, endorsements, coauthors, following] = await Promise.all([
    loadCommentsSection(db, ref, user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component }, path: `${c.base}/${p.id}` }),
    loadEndorsementBox(db, { facts, space: c.space, component: c.component }, user),
    loadCoauthorBox(db, facts, user),
    user ? isFollowing(db, user.id, ref) : Promise.resolve(false),
  ]);
  return { comments, endorsements, coauthors, following };
}

/** The body as the author starts it: the component's template in the reader's language. */
function templateFor(req: FastifyRequest, settings: ProposalsSettings): string {
  return settings.global.bodyTemplate[req.ctx.locale] ?? "";
}

async function sendForm(req: FastifyRequest, reply: FastifyReply, c: C, opts: { heading: string; action: string; values: FormValues; errors?: FieldErrors; status?: number }) {
  const placements = await listPlacements(c.deps.db, c.space.id);
  return sendComponentPage(req, reply, c, {
    title: opts.heading,
    status: opts.status ?? 200,
    body: <ProposalFormPage ctx={req.ctx} heading={opts.heading} action={opts.action} values={opts.values} errors={opts.errors} settings={settingsOf(c)} categories={placements.categories} scopes={placements.scopes} />,
  });
}

const asValues = (body: unknown): FormValues => {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : undefined);
  return { title: s("title"), body: s("body"), language: s("language"), categoryId: s("categoryId"), scopeId: s("scopeId") };
};

const newForm: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  const draft = user ? await findDraftId(c.deps.db, c.component.id, user.id) : null;
  if (draft !== null) return redirectWithFlash(reply, `${c.base}/${draft}`, "info", req.ctx.t("proposals.errors.draftExists"));
  return sendForm(req, reply, c, { heading: req.ctx.t("proposals.new.title"), action: `${c.base}/new`, values: { body: templateFor(req, settingsOf(c)) } });
};

const create: Handler = async (req, reply, c) => {
  const user = req.ctx.user;
  if (!user) throw notFound();
  const heading = req.ctx.t("proposals.new.title");
  const parsed = parseForm(proposalInput(settingsOf(c).global), req.body);
  const result = parsed.ok ? await createDraft(c.deps.db, user.id, place(c), parsed.value) : parsed;
  if (!result.ok) return sendForm(req, reply, c, { heading, action: `${c.base}/new`, values: asValues(req.body), errors: result.errors, status: 422 });
  return redirectWithFlash(reply, `${c.base}/${result.value.id}`, "success", req.ctx.t("proposals.draft.saved"));
};

/** The proposal, if the reader may edit it (authorize answers sign-in, verify or 403 itself). */
async function editable(req: FastifyRequest, reply: FastifyReply, c: C): Promise<ProposalDetails | null> {
  const p = await loadVisible(req, c);
  return (await authorize(req, reply, c, "edit", resourceOf(p))) ? p : null;
}

const editForm: Handler = async (req, reply, c) => {
  const p = await editable(req, reply, c);
  if (!p) return reply;
  const values: FormValues = { title: p.title[p.language], body: p.body[p.language], language: p.language, categoryId: p.categoryId ? String(p.categoryId) : "", scopeId: p.scopeId ? String(p.scopeId) : "" };
  return sendForm(req, reply, c, { heading: req.ctx.t("proposals.edit.title"), action: `${c.base}/${p.id}/edit`, values });
};

const update: Handler = async (req, reply, c) => {
  const p = await editable(req, reply, c);
  const user = req.ctx.user;
  if (!p || !user) return reply;
  const settings = settingsOf(c);
  const parsed = parseForm(proposalInput(settings.global), req.body);
  const result = parsed.ok ? await updateProposal(c.deps.db, user.id, place(c), p.id, parsed.value, settings.global.editWindowMinutes) : parsed;
  if (!result.ok) return sendForm(req, reply, c, { heading: req.ctx.t("proposals.edit.title"), action: `${c.base}/${p.id}/edit`, values: asValues(req.body), errors: result.errors, status: 422 });
  return redirectWithFlash(reply, `${c.base}/${p.id}`, "success", req.ctx.t(p.publishedAt ? "proposals.edit.saved" : "proposals.draft.saved"));
};

/** The author's own draft, or not found. */
async function ownDraft(req: FastifyRequest, c: C): Promise<ProposalDetails> {
  const p = await loadVisible(req, c);
  if (p.publishedAt || !req.ctx.user || p.authorId !== req.ctx.user.id) throw notFound();
  return p;
}

const publish: Handler = async (req, reply, c) => {
  const p = await ownDraft(req, c);
  // Creation may have closed since the draft was written.
  if (!(await authorize(req, reply, c, "create"))) return reply;
  const result = await publishDraft(c.deps.db, p.authorId ?? 0, place(c), p.id, settingsOf(c).global.proposalLimit);
  if (!result.ok) {
    const error = Object.values(result.errors)[0];
    return redirectWithFlash(reply, `${c.base}/${p.id}`, "error", error ? req.ctx.t(error.key, error.values) : "");
  }
  return redirectWithFlash(reply, `${c.base}/${p.id}`, "success", req.ctx.t("proposals.draft.published"));
};

const discardConfirm: Handler = async (req, reply, c) => {
  const p = await ownDraft(req, c);
  const { t } = req.ctx;
  return sendComponentPage(req, reply, c, {
    title: t("proposals.draft.discardTitle"),
    body: (
      <ConfirmPage ctx={req.ctx} heading={t("proposals.draft.discardTitle")} action={`${c.base}/${p.id}/discard`} confirmLabel={t("proposals.draft.discard")} cancelHref={`${c.base}/${p.id}`}>
        <p>{t("proposals.draft.discardIntro")}</p>
      </ConfirmPage>
    ),
  });
};

const discard: Handler = async (req, reply, c) => {
  const p = await ownDraft(req, c);
  await discardDraft(c.deps.db, p.authorId ?? 0, place(c), p.id);
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("proposals.draft.discarded"));
};

async function withdrawable(req: FastifyRequest, reply: FastifyReply, c: C): Promise<ProposalDetails | null> {
  const p = await loadVisible(req, c);
  return (await authorize(req, reply, c, "withdraw", resourceOf(p))) ? p : null;
}

const withdrawConfirm: Handler = async (req, reply, c) => {
  const p = await withdrawable(req, reply, c);
  if (!p) return reply;
  const { t } = req.ctx;
  return sendComponentPage(req, reply, c, {
    title: t("proposals.withdraw.title"),
    body: (
      <ConfirmPage ctx={req.ctx} heading={t("proposals.withdraw.title")} action={`${c.base}/${p.id}/withdraw`} confirmLabel={t("proposals.show.withdraw")} cancelHref={`${c.base}/${p.id}`}>
        <p>{t("proposals.withdraw.intro")}</p>
      </ConfirmPage>
    ),
  });
};

const withdraw: Handler = async (req, reply, c) => {
  const p = await withdrawable(req, reply, c);
  const user = req.ctx.user;
  if (!p || !user) return reply;
  const result = await withdrawProposal(c.deps.db, user.id, place(c), p.id);
  if (!result.ok) return redirectWithFlash(reply, `${c.base}/${p.id}`, "error", req.ctx.t("proposals.errors.notWithdrawable"));
  return redirectWithFlash(reply, `${c.base}/${p.id}`, "success", req.ctx.t("proposals.withdraw.done"));
};

function supportRoute(kind: "support" | "unsupport"): Handler {
  return async (req, reply, c) => {
    const p = await loadVisible(req, c);
    if (!(await authorize(req, reply, c, "support", kind === "support" ? resourceOf(p) : undefined))) return reply;
    const user = req.ctx.user;
    if (!user) return reply;
    const { t } = req.ctx;
    const rules = settingsOf(c).global;
    const result = kind === "support" ? await support(c.deps.db, user.id, place(c), p.id, rules) : await unsupport(c.deps.db, user.id, place(c), p.id, rules);
    const back = `${c.base}/${p.id}`;
    if (!result.ok) {
      const error = Object.values(result.errors)[0];
      return redirectWithFlash(reply, back, "error", error ? t(error.key, error.values) : "");
    }
    const { provisional, missing } = result.value;
    if (kind === "unsupport") return redirectWithFlash(reply, back, "success", provisional ? t("proposals.support.withdrawnNowProvisional", { missing }) : t("proposals.support.withdrawn"));
    return redirectWithFlash(reply, back, "success", provisional ? t("proposals.support.givenProvisional", { missing }) : t("proposals.support.givenDone"));
  };
}

export const proposalRoutes: Array<ComponentRoute<ProposalSettings, ProposalStepSettings>> = [
  { method: "GET", path: "/", handler: index },
  { method: "GET", path: "/new", action: "create", handler: newForm },
  { method: "POST", path: "/new", action: "create", handler: create },
  { method: "GET", path: "/:proposalId", params: idParams, handler: show },
  { method: "GET", path: "/:proposalId/edit", params: idParams, handler: editForm },
  { method: "POST", path: "/:proposalId/edit", params: idParams, handler: update },
  { method: "POST", path: "/:proposalId/publish", params: idParams, handler: publish },
  { method: "GET", path: "/:proposalId/discard", params: idParams, handler: discardConfirm },
  { method: "POST", path: "/:proposalId/discard", params: idParams, handler: discard },
  { method: "GET", path: "/:proposalId/withdraw", params: idParams, handler: withdrawConfirm },
  { method: "POST", path: "/:proposalId/withdraw", params: idParams, handler: withdraw },
  { method: "POST", path: "/:proposalId/support", params: idParams, handler: supportRoute("support") },
  { method: "POST", path: "/:proposalId/unsupport", params: idParams, handler: supportRoute("unsupport") },
];
