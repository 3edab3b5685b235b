/**
 * Public routes of a project's page (/budgets/:budgetId/projects/:projectId, relative to the
 * component's base), with the participation kit: comments, follows, reports. A project hidden by
 * moderation is a 404 to the public (its authors and the space's staff still see it).
 */
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { loadCommentsSection } from "../../core/comments/section";
import { isFollowing } from "../../core/follows/service";
import { notFound } from "../../core/http/result";
import { resolveResource } from "../../core/resources/access";
import { loadResourceFacts, type ResourceFacts } from "../../core/resources/kinds";
import { ballotStateOf, loadProjectPage } from "./catalogue";
import { text } from "./catalogue-view-parts";
import { ProjectPageView, type BallotButton } from "./project-views";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

type C = ComponentRequest<BudgetSettings, BudgetStepSettings>;
type Handler = ComponentRoute<BudgetSettings, BudgetStepSettings>["handler"];

const ID = /^\d{1,15}$/;
const projectParams = z.object({ budgetId: z.string().regex(ID), projectId: z.string().regex(ID) });

async function ballotButton(c: C, userId: number | null, budgetId: number, projectId: number): Promise<BallotButton> {
  if (c.settings.step.votes !== "enabled") return { kind: "none" };
  if (userId === null) return { kind: "add" };
  const state = await ballotStateOf(c.deps.db, userId, budgetId, projectId);
  if (state.checkedOut && !c.settings.step.changeVoteAllowed) return { kind: "checkedOut" };
  return { kind: state.inBallot ? "remove" : "add" };
}

const show: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const user = req.ctx.user;
  const budgetId = Number(c.params.budgetId);
  const p = await loadProjectPage(db, c.component.id, budgetId, Number(c.params.projectId));
  if (!p) throw notFound();
  const ref = { type: "budget_project", id: p.id };
  const url = `${c.base}/budgets/${p.budgetId}/projects/${p.id}`;
  // A hidden project: only those the kit lets see it (its authors, the space's staff).
  if (p.hidden && !(await resolveResource(db, ref, user))) throw notFound();
  const facts: ResourceFacts = { type: ref.type, id: p.id, componentId: c.component.id, spaceId: c.space.id, title: p.title, url, authorIds: [], public: !p.hidden };
  const query = (req.query ?? {}) as Record<string, unknown>;
  const [source, comments, following, ballot] = await Promise.all([
    p.sourceType && p.sourceId !== null ? loadResourceFacts(db, { type: p.sourceType, id: p.sourceId }) : Promise.resolve(null),
    loadCommentsSection(db, ref, user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component, facts }, path: url }),
    user ? isFollowing(db, user.id, ref) : Promise.resolve(false),
    ballotButton(c, user?.id ?? null, p.budgetId, p.id),
  ]);
  // Only what the public may see, and only from this space.
  const shownSource = source && source.public && source.spaceId === c.space.id ? source : null;
  const votes = c.settings.step.showVotes ? { votes: p.votes, points: p.points, withPoints: p.points !== p.votes } : null;
  return sendComponentPage(req, reply, c, {
    title: text(req.ctx, p.title).text,
    body: <ProjectPageView ctx={req.ctx} base={c.base} project={p} source={shownSource} votes={votes} ballot={ballot} comments={comments} following={following} />,
  });
};

// Visitors all see the same page (the visitor cache never serves a signed-in person, whose ballot state it shows).
export const projectRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [{ method: "GET", path: "/budgets/:budgetId/projects/:projectId", params: projectParams, visitorCache: true, handler: show }];
