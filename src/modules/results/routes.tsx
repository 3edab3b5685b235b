/**
 * Public routes of the results component (relative to /spaces/:slug/c/:componentId): the list with
 * its overall progress and filters, and a result's page with its sub-results, the contributions it
 * comes from, its timeline and the participation kit's discussion and follow button.
 */
import { z } from "zod";
import { filterIdParam } from "../../core/categories/filter";
import type { ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { loadCommentsSection } from "../../core/comments/section";
import { isFollowing } from "../../core/follows/service";
import { notFound } from "../../core/http/result";
import { loadManyResourceFacts } from "../../core/resources/kinds";
import { listPlacements, listResults, loadResult, type ResultFilter } from "./queries";
import { idOf, resultParams, type Handler } from "./route-parts";
import type { ResultSettings, ResultStepSettings } from "./settings";
import { listStatuses } from "./statuses";
import { text } from "./view-parts";
import { IndexPage, ShowPage } from "./views";

const listQuery = z.object({
  category: filterIdParam,
  scope: filterIdParam,
  status: filterIdParam,
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

const index: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const q = listQuery.parse(req.query ?? {});
  const filter: ResultFilter = { categoryId: q.category, scopeId: q.scope, statusId: q.status, page: q.page ?? 1 };
  const [list, statuses, placements] = await Promise.all([listResults(db, c.component.id, filter), listStatuses(db, c.component.id), listPlacements(db, c.space.id)]);
  const name = text(req.ctx, c.component.name).text;
  return sendComponentPage(req, reply, c, {
    title: name,
    body: (
      <IndexPage
        ctx={req.ctx}
        base={c.base}
        componentName={name}
        announcement={c.settings.step.announcement}
        showProgress={c.settings.global.displayProgressEnabled}
        filter={filter}
        items={list.items}
        hasNext={list.hasNext}
        overall={list.overall}
        count={list.count}
        statuses={statuses}
        categories={placements.categories}
        scopes={placements.scopes}
      />
    ),
  });
};

const show: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const user = req.ctx.user;
  const r = await loadResult(db, c.component.id, idOf(c.params.resultId));
  if (!r) throw notFound();
  const ref = { type: "result", id: r.id };
  const query = (req.query ?? {}) as Record<string, unknown>;
  const url = `${c.base}/${r.id}`;
  const [facts, comments, following] = await Promise.all([
    loadManyResourceFacts(db, r.links),
    loadCommentsSection(db, ref, user, { sort: query.comments_sort, page: query.comments_page, place: { space: c.space, component: c.component }, path: url }),
    user ? isFollowing(db, user.id, ref) : Promise.resolve(false),
  ]);
  // Only what the public may see, and only from this space (a link never reveals another space's content).
  const linked = facts.filter((f) => f.public && f.spaceId === c.space.id);
  return sendComponentPage(req, reply, c, {
    title: text(req.ctx, r.title).text,
    body: <ShowPage ctx={req.ctx} base={c.base} r={r} showProgress={c.settings.global.displayProgressEnabled} linked={linked} comments={comments} following={following} />,
  });
};

export const resultRoutes: Array<ComponentRoute<ResultSettings, ResultStepSettings>> = [
  { method: "GET", path: "/", handler: index },
  { method: "GET", path: "/:resultId", params: resultParams, handler: show },
];
