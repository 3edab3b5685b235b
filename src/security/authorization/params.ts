/**
 * Real values for every route parameter, read from the database: the authorization tests request each
 * registered route with ids that reach its handler (a route answering 404 to everyone because its id was
 * wrong would prove nothing). Each parameter has a query; the parameters of one route are bound in the
 * order of the URL, each query seeing those bound before it, backtracking when a later one finds nothing
 * (a proposal with an amendment, a budget with an outcome).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ADM, PUB } from "./route-access";

export type Bound = Record<string, string>;
type Query = (b: Bound) => SQL | string[];

const n = (v: string | undefined) => Number(v ?? 0);

/** A component's own parameters (its manifest's name, then the parameter), seeing `componentId`. */
const COMPONENT: Record<string, Record<string, Query>> = {
  pages: { pageId: (b) => sql`select id::text as v from pages where component_id = ${n(b.componentId)} order by id` },
  petitions: { petitionId: (b) => sql`select id::text as v from petitions where component_id = ${n(b.componentId)} order by published_at is null, id` },
  proposals: {
    proposalId: (b) => sql`select p.id::text as v from proposals p where p.component_id = ${n(b.componentId)} order by exists(select 1 from proposal_amendments a where a.proposal_id = p.id) desc, p.published_at is null, p.withdrawn_at is not null, p.id`,
    amendmentId: (b) => sql`select id::text as v from proposal_amendments where proposal_id = ${n(b.proposalId)} order by id`,
    stateId: (b) => sql`select id::text as v from proposal_states where component_id = ${n(b.componentId)} order by id desc`,
  },
  debates: { debateId: (b) => sql`select id::text as v from debates where component_id = ${n(b.componentId)} order by closed_at is not null, id` },
  results: {
    resultId: (b) => sql`select r.id::text as v from results r where r.component_id = ${n(b.componentId)} order by (select count(*) from result_updates u where u.result_id = r.id) desc, r.id`,
    statusId: (b) => sql`select id::text as v from result_statuses where component_id = ${n(b.componentId)} order by id desc`,
    updateId: (b) => sql`select id::text as v from result_updates where result_id = ${n(b.resultId)} order by id`,
  },
  budgets: {
    budgetId: (b) => sql`select id::text as v from budgets where component_id = ${n(b.componentId)} order by id`,
    projectId: (b) => sql`select id::text as v from budget_projects where budget_id = ${n(b.budgetId)} order by id`,
    ballotId: (b) => sql`select bb.id::text as v from budget_ballots bb join budgets bu on bu.id = bb.budget_id where bu.component_id = ${n(b.componentId)} order by bb.channel = 'paper' desc, bb.id`,
    batch: (b) => sql`select bb.extra->>'batch' as v from budget_ballots bb join budgets bu on bu.id = bb.budget_id where bu.component_id = ${n(b.componentId)} and bb.extra->>'batch' is not null`,
    outcomeId: (b) => sql`select id::text as v from budget_outcomes where budget_id = ${n(b.budgetId)} order by id`,
  },
  conversations: {
    conversationId: (b) => sql`select id::text as v from conversations where component_id = ${n(b.componentId)} order by id`,
    groupId: () => ["0"],
    tid: (b) => sql`select tid::text as v from conversation_statements where conversation_id = ${n(b.conversationId)} order by tid`,
  },
  texts: {
    textId: (b) => sql`select id::text as v from texts where component_id = ${n(b.componentId)} order by id`,
    blockId: (b) => sql`select block_id::text as v from text_version_blocks vb join texts t on t.current_version_id = vb.version_id where t.id = ${n(b.textId)} order by position`,
    annotationId: (b) => sql`select id::text as v from text_annotations where text_id = ${n(b.textId)} order by id`,
    amendmentId: (b) => sql`select id::text as v from text_amendments where text_id = ${n(b.textId)} order by id`,
    number: (b) => sql`select number::text as v from text_versions where text_id = ${n(b.textId)} order by number`,
    snapshotId: (b) => sql`select id::text as v from text_snapshots where text_id = ${n(b.textId)} order by id`,
    file: (b) => sql`select 'v' || number || '.md' as v from text_versions where text_id = ${n(b.textId)} and published_at is not null order by number`,
  },
  sortition: {
    drawId: (b) => sql`select id::text as v from sortition_draws where component_id = ${n(b.componentId)} order by id`,
    recruitmentId: (b) => sql`select id::text as v from sortition_recruitments where component_id = ${n(b.componentId)} order by id`,
    seatId: (b) => sql`select id::text as v from sortition_seats where draw_id = ${n(b.drawId)} order by id`,
    registrationId: (b) => sql`select id::text as v from sortition_registrations where recruitment_id = ${n(b.recruitmentId)} order by id`,
    file: (b) => sql`select 'batch-' || batch || '.csv' as v from sortition_letter_batches where recruitment_id = ${n(b.recruitmentId)} order by batch`,
  },
  meetings: {
    meetingId: (b) => sql`select m.id::text as v from meetings m where m.component_id = ${n(b.componentId)} order by (select count(*) from meeting_agenda_items i where i.meeting_id = m.id) desc, m.published_at is null, m.id`,
    itemId: (b) => sql`select id::text as v from meeting_agenda_items where meeting_id = ${n(b.meetingId)} order by position`,
  },
};

/** Parameters of the core's and the components' site routes, by URL prefix (the first that matches). */
const SITE: Array<[string, Record<string, Query>]> = [
  ["/admin/spaces/:id/components/:componentId/delete", {
    // A published one: the deletion is refused until it is unpublished (the same 403 to both admins).
    id: () => sql`select s.id::text as v from spaces s order by (select count(*) from components c where c.space_id = s.id) desc, s.id`,
    componentId: (b) => sql`select id::text as v from components where space_id = ${n(b.id)} and published_at is not null order by weight desc, id desc`,
  }],
  ["/admin/spaces/:id/components", {
    // A component in the middle of the space with the most, so that moving it up or down is possible.
    id: () => sql`select s.id::text as v from spaces s order by (select count(*) from components c where c.space_id = s.id) desc, s.id`,
    componentId: (b) => sql`select id::text as v from components where space_id = ${n(b.id)} order by weight, id offset 3`,
  }],
  ["/admin/spaces/:id/steps", {
    // A step in the middle of the space with the most, so that two roles can each move it up and down.
    id: () => sql`select s.id::text as v from spaces s order by (select count(*) from steps t where t.space_id = s.id) desc, s.id`,
    stepId: (b) => sql`select id::text as v from steps where space_id = ${n(b.id)} order by position offset (select count(*) / 2 from steps where space_id = ${n(b.id)})`,
  }],
  ["/admin/spaces/:id/roles", {
    id: () => sql`select id::text as v from spaces order by id`,
    itemId: (b) => sql`select r.id::text as v from space_roles r join users u on u.id = r.user_id where r.space_id = ${n(b.id)} and u.email like 'throwaway%' order by r.id`,
  }],
  ["/admin/spaces/:id/private-users", {
    id: () => sql`select id::text as v from spaces order by id`,
    itemId: (b) => sql`select r.id::text as v from space_private_users r join users u on u.id = r.user_id where r.space_id = ${n(b.id)} and u.email like 'throwaway%' order by r.id`,
  }],
  ["/admin/spaces/:id", {
    componentId: (b) => sql`select id::text as v from components where space_id = ${n(b.id)} order by id desc`,
    id: () => sql`select id::text as v from spaces order by id`,
    categoryId: (b) => sql`select id::text as v from categories where space_id = ${n(b.id)} order by id desc`,
    memberId: (b) => sql`select id::text as v from assembly_members where space_id = ${n(b.id)} and user_id is null order by id desc`,
    stepId: (b) => sql`select id::text as v from steps where space_id = ${n(b.id)} order by position desc`,
  }],
  ["/admin/spaces/:spaceId", { spaceId: () => sql`select id::text as v from spaces order by id` }],
  ["/admin/appearance/spaces", { spaceId: () => sql`select id::text as v from spaces order by id` }],
  ["/admin/census", { spaceId: () => sql`select space_id::text as v from census_lists union all select id::text from spaces` }],
  ["/admin/moderation/users", { userId: () => sql`select id::text as v from users where email like 'throwaway%' order by id` }],
  ["/admin/moderation", { id: () => sql`select id::text as v from moderations order by id` }],
  ["/admin/newsletters", { id: () => sql`select id::text as v from newsletters order by id` }],
  ["/admin/petitions/types", { id: () => sql`select id::text as v from petition_types order by id` }],
  ["/admin/petitions", {
    id: () => sql`select id::text as v from petitions order by id`,
    criterion: (b) => sql`select c->>'key' as v from petitions p join petition_types t on t.id = p.type_id, jsonb_array_elements(t.criteria) c where p.id = ${n(b.id)}`,
  }],
  ["/admin/process-groups", { id: () => sql`select id::text as v from process_groups order by id` }],
  ["/admin/scopes", { scopeId: () => sql`select id::text as v from scopes s where not exists(select 1 from scopes c where c.parent_id = s.id) order by id desc` }],
  ["/admin/users", { id: () => sql`select id::text as v from users where email like 'throwaway%' order by id`, action: () => ["unblock"] }],
  ["/admin/verifications", { id: () => sql`select id::text as v from verification_authorizations order by id` }],
  ["/api/budgets", { budgetId: () => sql`select id::text as v from budgets order by id` }],
  ["/api/debates", { id: () => sql`select id::text as v from debates order by id` }],
  ["/api/petitions", { id: () => sql`select id::text as v from petitions where published_at is not null order by id` }],
  ["/api/proposals", { id: () => sql`select id::text as v from proposals where published_at is not null order by id` }],
  ["/api/results", { id: () => sql`select id::text as v from results order by id` }],
  ["/assemblies", { slug: () => sql`select slug as v from spaces where type = 'assembly' order by id` }],
  ["/processes/groups", { id: () => sql`select id::text as v from process_groups order by id` }],
  ["/processes", { slug: () => sql`select slug as v from spaces where type = 'process' order by id` }],
  ["/attachments", { name: () => sql`select stored_name as v from attachments order by id` }],
  ["/uploads", { name: () => sql`select hero_image as v from spaces where hero_image is not null order by id` }],
  ["/coauthorships", {
    type: () => sql`select resource_type as v from coauthorships order by resource_id`,
    id: (b) => sql`select resource_id::text as v from coauthorships where resource_type = ${b.type ?? ""} order by resource_id`,
  }],
  ["/comments/:type", {
    type: () => sql`select distinct resource_type as v from comments`,
    id: (b) => sql`select resource_id::text as v from comments where resource_type = ${b.type ?? ""} and deleted_at is null order by resource_id`,
  }],
  ["/comments", { id: () => sql`select id::text as v from comments where deleted_at is null order by parent_id is null desc, id` }],
  ["/conversations/:ref", { ref: () => sql`select id::text as v from conversations order by id` }],
  ["/conversations", { id: () => sql`select id::text as v from conversations order by id` }],
  ["/endorsements", {
    type: () => ["proposal"],
    id: () => sql`select id::text as v from proposals where published_at is not null order by id`,
  }],
  ["/locale", { locale: () => ["en"] }],
  ["/notifications", { id: () => sql`select id::text as v from notifications order by id` }],
  ["/open-data/budgets", { file: () => sql`select id || '.pb' as v from budgets order by id` }],
  ["/petitions", {
    id: () => sql`select id::text as v from petitions order by published_at is null, id`,
    token: () => ["not-a-real-token-0000000000000000"],
  }],
  ["/newsletter", { token: () => ["not-a-real-token-0000000000000000"] }],
  ["/sortition", { token: () => ["not-a-real-token-0000000000000000"] }],
  ["/spaces/:slug/archive", {
    slug: () => sql`select s.slug as v from spaces s order by exists(select 1 from space_snapshots x where x.space_id = s.id) desc, s.id`,
    snapshotId: (b) => sql`select x.id::text as v from space_snapshots x join spaces s on s.id = x.space_id where s.slug = ${b.slug ?? ""} order by x.id`,
    partId: (b) => sql`select id::text as v from space_snapshot_parts where snapshot_id = ${n(b.snapshotId)} order by id`,
  }],
  ["/spaces", { slug: () => sql`select slug as v from spaces order by id` }],
  ["/verifications", { name: () => ["census"] }],
];

/** `/a/:b/c/:d` → ["b", "d"]. */
export const paramsOf = (url: string): string[] => url.split("/").filter((s) => s.startsWith(":")).map((s) => s.slice(1));

async function candidates(db: Db, q: Query, b: Bound): Promise<string[]> {
  const out = q(b);
  if (Array.isArray(out)) return out;
  const rows = await db.execute<{ v: string | null }>(out);
  return rows.rows.map((r) => r.v).filter((v): v is string => v !== null).slice(0, 20);
}

export interface ParamRoute {
  method: string;
  url: string;
  component?: string;
}

/**
 * Values for a route's parameters that reach its handler, or an error naming the parameter with no
 * value. A component's route is tried in each component of its manifest (its space's slug or id with it).
 */
/** Values of the right shape for objects that do not exist (NO_FIXTURE routes). */
export const MISSING: Record<string, string> = { name: "missing.png", file: "batch-999999.csv", batch: "00000000-0000-4000-8000-000000000000" };

export async function resolveParams(db: Db, route: ParamRoute, missing?: Record<string, string>): Promise<Bound> {
  const names = paramsOf(route.url);
  if (names.length === 0) return {};
  let queries: Record<string, Query>;
  let seeds: Bound[] = [{}];
  if (route.component && (route.url.startsWith(PUB) || route.url.startsWith(ADM))) {
    const rows = await db.execute<{ id: string; slug: string; space_id: string }>(sql`select c.id::text as id, s.slug, s.id::text as space_id from components c join spaces s on s.id = c.space_id where c.manifest = ${route.component} order by c.id`);
    seeds = rows.rows.map((r): Bound => (route.url.startsWith(PUB) ? { slug: r.slug, componentId: r.id } : { id: r.space_id, componentId: r.id }));
    queries = COMPONENT[route.component] ?? {};
  } else {
    queries = SITE.find(([prefix]) => route.url === prefix || route.url.startsWith(`${prefix}/`))?.[1] ?? {};
  }
  let lacking = names[0] ?? "";
  const bind = async (b: Bound, i: number): Promise<Bound | null> => {
    const name = names[i];
    if (name === undefined) return b;
    if (b[name] !== undefined) return bind(b, i + 1);
    if (missing) {
      const q = queries[name];
      const found = q ? await candidates(db, q, b) : [];
      return bind({ ...b, [name]: found[0] ?? missing[name] ?? "999999999" }, i + 1);
    }
    const q = queries[name];
    if (!q) throw new Error(`${route.method} ${route.url}: no query gives :${name} a value (add one in params.ts)`);
    for (const v of await candidates(db, q, b)) {
      const found = await bind({ ...b, [name]: v }, i + 1);
      if (found) return found;
    }
    lacking = name;
    return null;
  };
  for (const seed of seeds) {
    const found = await bind(seed, 0);
    if (found) return found;
  }
  throw new Error(`${route.method} ${route.url}: no value in the database for :${lacking}`);
}

/** The route's URL with its parameters filled in. */
export const fill = (url: string, b: Bound): string => url.replace(/:([A-Za-z]+)/g, (_, k: string) => encodeURIComponent(b[k] ?? `:${k}`));
