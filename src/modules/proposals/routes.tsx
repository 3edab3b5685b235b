/**
 * Public routes of the proposals component (relative to /spaces/:slug/c/:componentId): the list and a
 * proposal's page here; writing, editing, withdrawing and supporting in write-routes.tsx. Every action
 * is a plain form post (303 and a flash).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { loadCommentsSection } from "../../core/comments/section";
import { loadCoauthorBox } from "../../core/follows/coauthors";
import { loadEndorsementBox } from "../../core/follows/endorsements";
import { isFollowing } from "../../core/follows/service";
import { can } from "../../core/permissions/can";
import { loadLinkedFrom } from "../../core/resources/linked-from";
import { amendmentRoutes, amendmentsPart } from "./amendments/routes";
import { HistorySection } from "./admin-tools-views";
import { browseProposals, SEED_MAX, type BrowseFilter } from "./browse";
import { loadHistory } from "./history";
import { factsOfDetails } from "./kit";
import { listPlacements, personSupports, similarProposals, type ProposalDetails } from "./queries";
import { componentName, idParams, loadVisible, resourceOf, settingsOf, type C, type Handler } from "./route-parts";
import type { ProposalResource } from "./rules";
import { SORTS, type ProposalSettings, type ProposalsSettings, type ProposalStepSettings, type Sort } from "./settings";
import { listStates } from "./states";
import { text } from "./view-parts";
import { findDraftId } from "./workflow";
import { ShowPage, type KitParts } from "./show-view";
import { IndexPage } from "./views";
import { create, discard, discardConfirm, editForm, newForm, publish, supportRoute, update, withdraw, withdrawConfirm } from "./write-routes";

const SEED_COOKIE = "pnyx_proposals_seed";
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
        evaluateHref={c.access.roles.includes("evaluator") ? `/admin/spaces/${c.space.id}/components/${c.component.id}/manage/evaluation` : undefined}
      />
    ),
  });
};

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
  const [kit, amendments] = p.publishedAt ? await Promise.all([loadKit(req, c, p, resource), amendmentsPart(req, c, p, resource)]) : [null, null];
  const linkedFrom = p.publishedAt ? await loadLinkedFrom(db, { type: "proposal", id: p.id }) : [];
  // Merged from, split into, imported from... (the back office's tools), published proposals only.
  const history = p.publishedAt ? await loadHistory(db, p.id, { spaceId: c.space.id, all: false }) : [];
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
        linkedFrom={linkedFrom}
        attachments={p.attachments}
        amendments={amendments}
        history={<HistorySection ctx={req.ctx} links={history} />}
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

export const proposalRoutes: Array<ComponentRoute<ProposalSettings, ProposalStepSettings>> = [
  { method: "GET", path: "/", visitorCache: true, handler: index },
  { method: "GET", path: "/new", action: "create", handler: newForm },
  { method: "POST", path: "/new", action: "create", handler: create },
  { method: "GET", path: "/:proposalId", params: idParams, visitorCache: true, handler: show },
  { method: "GET", path: "/:proposalId/edit", params: idParams, handler: editForm },
  { method: "POST", path: "/:proposalId/edit", params: idParams, handler: update },
  { method: "POST", path: "/:proposalId/publish", params: idParams, handler: publish },
  { method: "GET", path: "/:proposalId/discard", params: idParams, handler: discardConfirm },
  { method: "POST", path: "/:proposalId/discard", params: idParams, handler: discard },
  { method: "GET", path: "/:proposalId/withdraw", params: idParams, handler: withdrawConfirm },
  { method: "POST", path: "/:proposalId/withdraw", params: idParams, handler: withdraw },
  { method: "POST", path: "/:proposalId/support", params: idParams, handler: supportRoute("support") },
  { method: "POST", path: "/:proposalId/unsupport", params: idParams, handler: supportRoute("unsupport") },
  ...amendmentRoutes,
];
