/**
 * Amendments as a resource kind of the participation kit: people comment on an amendment, endorse
 * it, follow it and report it; moderation hides it; its amender hears when the proposal's authors
 * accept or reject it. The proposal's own events about its amendments (a new one, a promotion) are
 * the proposal kind's (`amendmentProposalEvents`, spread into kit.ts), so its followers hear of them.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { ResourceEvent, ResourceFacts, ResourceKind } from "../../../core/resources/kinds";
import type { ComponentSettingsValue } from "../../../core/spaces/schema";
import { componentPath } from "../../../core/spaces/types";
import type { ProposalResource } from "../rules";
import type { AmendmentState } from "./schema";

type FactsRow = {
  id: string;
  proposal_id: string;
  component_id: string;
  space_id: string;
  slug: string;
  title: string;
  amender_id: string | null;
  state: AmendmentState;
  published_at: string | null;
  hidden: boolean;
  proposal_public: boolean;
  settings: ComponentSettingsValue;
  active_step_id: string | null;
};

/** The amendments visibility in force in the component (the active step's, else the default step's). */
function visibilityOf(settings: ComponentSettingsValue, activeStepId: string | null): "all" | "participants" {
  const step = (activeStepId === null ? settings.defaultStep : (settings.steps[activeStepId] ?? settings.defaultStep)) ?? {};
  return step.amendmentsVisibility === "participants" ? "participants" : "all";
}

/** The page of an amendment. */
export const amendmentPath = (space: { slug: string }, componentId: number, proposalId: number, id: number) => componentPath(space, componentId, `/${proposalId}/amendments/${id}`);

/**
 * The facts of these amendments, one query. Public once published, while neither it nor its proposal
 * is hidden and the step shows amendments to all; otherwise only its amender and the staff see it.
 */
export async function loadAmendmentFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<FactsRow>(sql`
    select a.id, a.proposal_id, a.component_id, c.space_id, s.slug, a.title, a.amender_id, a.state, a.published_at,
      a.hidden_at is not null as hidden, p.published_at is not null and p.hidden_at is null as proposal_public, c.settings,
      (select st.id from steps st where st.space_id = s.id and st.active limit 1) as active_step_id
    from proposal_amendments a join proposals p on p.id = a.proposal_id join components c on c.id = a.component_id join spaces s on s.id = c.space_id
    where a.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => {
      const authorIds = r.amender_id === null ? [] : [Number(r.amender_id)];
      // What the component's rule sees (the kit's `comment` and `endorse`): shaped as a proposal's.
      const resource: ProposalResource = {
        id: Number(r.id),
        authorIds,
        publishedAt: r.published_at === null ? null : new Date(r.published_at),
        withdrawn: r.state === "withdrawn",
        hidden: r.hidden,
        answerPublished: false,
        stateToken: null,
        official: false,
        hasSupports: false,
      };
      const facts: ResourceFacts = {
        type: "amendment",
        id: Number(r.id),
        componentId: Number(r.component_id),
        spaceId: Number(r.space_id),
        title: r.title,
        url: amendmentPath({ slug: r.slug }, Number(r.component_id), Number(r.proposal_id), Number(r.id)),
        authorIds,
        public: r.state !== "draft" && !r.hidden && r.proposal_public && visibilityOf(r.settings, r.active_step_id) === "all",
        permissionResource: resource,
      };
      return [Number(r.id), facts];
    }),
  );
}

/** Events raised on the proposal about its amendments (values: `amendment`, the amendment's title; `anchor`). */
export const amendmentProposalEvents: Record<string, ResourceEvent> = {
  amendmentCreated: { to: ["authors", "followers"], message: "proposals.amendments.notification.created" },
  /** With the "participants" visibility, only the proposal's authors may see a new amendment. */
  amendmentCreatedForAuthors: { to: ["authors"], message: "proposals.amendments.notification.created" },
  amendmentPromoted: { to: ["authors", "followers"], message: "proposals.amendments.notification.promoted" },
};

export const amendmentResourceKind: ResourceKind = {
  label: "proposals.amendments.resource.label",
  load: loadAmendmentFacts,
  comments: true,
  endorsements: true,
  setHidden: async (tx, ids, hidden) => {
    await tx.execute(sql`update proposal_amendments set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`}, updated_at = now() where id = any(${sql.param(ids)}::bigint[])`);
  },
  setTitle: async (tx, id, title) => {
    await tx.execute(sql`update proposal_amendments set title = ${title}, updated_at = now() where id = ${id}`);
  },
  authoredBy: async (db, userId) => (await db.execute<{ id: string }>(sql`select id from proposal_amendments where amender_id = ${userId}`)).rows.map((r) => Number(r.id)),
  events: {
    accepted: { to: ["authors", "followers"], message: "proposals.amendments.notification.accepted" },
    rejected: { to: ["authors", "followers"], message: "proposals.amendments.notification.rejected" },
  },
};
