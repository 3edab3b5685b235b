/**
 * Proposals as a resource kind of the participation kit: people comment on a proposal (for, against or
 * neutral), endorse it, follow it, report it, and its authors invite co-authors; moderation hides it;
 * its events reach its followers and authors. All of it from this entry; the counters of comments and
 * follows the lists sort by are kept by triggers (schema.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";
import { amendmentProposalEvents } from "./amendments/kit";
import { acceptedProposalsHandOver } from "./hand-over";
import type { ProposalDetails } from "./queries";
import type { ProposalResource } from "./rules";

type FactsRow = {
  id: string;
  component_id: string;
  space_id: string;
  slug: string;
  title: Translatable;
  author_id: string | null;
  coauthors: string[];
  official: boolean;
  published_at: string | null;
  withdrawn_at: string | null;
  hidden: boolean;
  answer_published: boolean;
  state_token: string | null;
  has_supports: boolean;
};

/** The facts of these proposals, one query (accepted co-authors and whether any support exists included). */
export async function loadProposalFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<FactsRow>(sql`
    select p.id, p.component_id, c.space_id, s.slug, p.title, p.author_id, p.official, p.published_at, p.withdrawn_at,
      p.hidden_at is not null as hidden, p.state_published_at is not null as answer_published,
      case when p.state_published_at is not null then st.token end as state_token,
      array(select ca.user_id::text from coauthorships ca where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.status = 'accepted') as coauthors,
      exists (select 1 from proposal_supports ps where ps.proposal_id = p.id) as has_supports
    from proposals p join components c on c.id = p.component_id join spaces s on s.id = c.space_id
      left join proposal_states st on st.id = p.state_id
    where p.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => {
      const authorIds = [...(r.author_id === null ? [] : [Number(r.author_id)]), ...r.coauthors.map(Number)];
      const resource: ProposalResource = {
        id: Number(r.id),
        authorIds,
        publishedAt: r.published_at === null ? null : new Date(r.published_at),
        withdrawn: r.withdrawn_at !== null,
        hidden: r.hidden,
        answerPublished: r.answer_published,
        stateToken: r.state_token,
        official: r.official,
        hasSupports: r.has_supports,
      };
      const facts: ResourceFacts = {
        type: "proposal",
        id: Number(r.id),
        componentId: Number(r.component_id),
        spaceId: Number(r.space_id),
        title: r.title,
        url: componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`),
        authorIds,
        public: r.published_at !== null && !r.hidden,
        permissionResource: resource,
      };
      return [Number(r.id), facts];
    }),
  );
}

/** The same facts from a proposal a page already loaded (no query). */
export function factsOfDetails(p: ProposalDetails, space: { id: number; slug: string }, resource: ProposalResource): ResourceFacts {
  return {
    type: "proposal",
    id: p.id,
    componentId: p.componentId,
    spaceId: space.id,
    title: p.title,
    url: componentPath(space, p.componentId, `/${p.id}`),
    authorIds: resource.authorIds,
    public: p.publishedAt !== null && p.hiddenAt === null,
    permissionResource: resource,
  };
}

export const proposalResourceKind: ResourceKind = {
  label: "proposals.resource.label",
  load: loadProposalFacts,
  comments: { alignment: true },
  endorsements: true,
  coauthors: true,
  setHidden: async (tx, ids, hidden) => {
    await tx.execute(sql`update proposals set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`}, updated_at = now() where id = any(${sql.param(ids)}::bigint[])`);
  },
  // A moderator's correction replaces the title in the proposal's own language.
  setTitle: async (tx, id, title) => {
    await tx.execute(sql`update proposals set title = title || jsonb_build_object(language, ${title}::text), updated_at = now() where id = ${id}`);
  },
  // What another component may link to (a result's proposals): the space's published proposals, newest first.
  listInSpace: async (db, spaceId, { q, limit }) => {
    const like = q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const rows = await db.execute<{ id: string }>(sql`
      select p.id from proposals p join components c on c.id = p.component_id
      where c.space_id = ${spaceId} and c.manifest = 'proposals' and p.published_at is not null and p.hidden_at is null
        ${like === null ? sql`` : sql`and (p.title::text ilike ${like} or p.id::text = ${q ?? ""})`}
      order by p.published_at desc, p.id desc limit ${limit}`);
    const ids = rows.rows.map((r) => Number(r.id));
    const facts = await loadProposalFacts(db, ids);
    return ids.flatMap((id) => facts.get(id) ?? []);
  },
  // Images and PDF documents, 5 MB each; the component's `attachmentsMax` setting (at most 10) says how many.
  attachments: { types: ["image", "pdf"], maxBytes: 5 * 1024 * 1024, max: 10 },
  // Accepted proposals with a published answer and a cost become a budget's projects (the budgets' import).
  handOver: acceptedProposalsHandOver,
  authoredBy: async (db, userId) => (await db.execute<{ id: string }>(sql`select id from proposals where author_id = ${userId}`)).rows.map((r) => Number(r.id)),
  events: {
    published: { to: ["spaceFollowers"], message: "proposals.notification.published" },
    answered: { to: ["authors", "followers"], message: "proposals.notification.answered" },
    withdrawn: { to: ["followers"], message: "proposals.notification.withdrawn" },
    // The back office's tools, raised on each original (merge.ts, import.ts): values newTitle, count, component.
    merged: { to: ["authors", "followers"], message: "proposals.notification.merged" },
    split: { to: ["authors", "followers"], message: "proposals.notification.split" },
    imported: { to: ["authors", "followers"], message: "proposals.notification.imported" },
    // The evaluator assigned (evaluation/service.ts names them as the event's `mentioned`).
    evaluatorAssigned: { to: ["mentioned"], message: "proposals.notification.evaluatorAssigned" },
    ...amendmentProposalEvents,
  },
};
