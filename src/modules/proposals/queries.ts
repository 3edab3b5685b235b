/**
 * Reading one proposal and what its pages need besides the list: a person's supports in the
 * component, the space's categories and the organization's scopes for the selects, and similar
 * proposals (trigram similarity of titles, in the writer's language).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { attachmentsColumn, attachmentsFromJson, type Attachment } from "../../core/attachments/service";
import { isLocale, type Locale, type Translatable } from "../../core/i18n/locales";

export interface ProposalDetails {
  id: number;
  componentId: number;
  authorId: number | null;
  authorName: string | null;
  coauthorIds: number[];
  coauthorNames: string[];
  official: boolean;
  title: Translatable;
  body: Translatable;
  language: Locale;
  categoryId: number | null;
  categoryName: Translatable | null;
  scopeId: number | null;
  scopeName: Translatable | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  hiddenAt: Date | null;
  /** The answer state, published or not (the pages show it only once published, the back office always). */
  state: { id: number; token: string; name: Translatable; bgColor: string; textColor: string } | null;
  answer: Translatable;
  costCents: number | null;
  costReport: Translatable;
  executionPeriod: Translatable;
  answeredAt: Date | null;
  statePublishedAt: Date | null;
  supportsCount: number;
  commentsCount: number;
  followsCount: number;
  /** The reader's own support, if any. */
  mySupport: { provisional: boolean } | null;
  /** Any support at all (provisional ones included). */
  hasSupports: boolean;
  /** Its images and documents (the core's attachments), read with it. */
  attachments: Attachment[];
}

type DetailsRow = {
  id: string;
  component_id: string;
  author_id: string | null;
  author_name: string | null;
  coauthor_ids: string[];
  coauthor_names: string[];
  official: boolean;
  title: Translatable;
  body: Translatable;
  language: Locale;
  category_id: string | null;
  category_name: Translatable | null;
  scope_id: string | null;
  scope_name: Translatable | null;
  published_at: string | null;
  withdrawn_at: string | null;
  hidden_at: string | null;
  state_id: string | null;
  state_token: string | null;
  state_name: Translatable | null;
  bg_color: string | null;
  text_color: string | null;
  answer: Translatable;
  cost_cents: string | null;
  cost_report: Translatable;
  execution_period: Translatable;
  answered_at: string | null;
  state_published_at: string | null;
  supports_count: number;
  comments_count: number;
  follows_count: number;
  my_support: boolean | null;
  has_supports: boolean;
  attachments: Parameters<typeof attachmentsFromJson>[0];
};

const date = (v: string | null) => (v === null ? null : new Date(v));

/** One proposal of a component with everything its page shows, one query. */
export async function loadProposal(db: Db, componentId: number, id: number, readerId: number | null): Promise<ProposalDetails | null> {
  const rows = await db.execute<DetailsRow>(sql`
    select p.id, p.component_id, p.author_id, case when u.deleted_at is null then u.name end as author_name, p.official, p.title, p.body, p.language,
      p.category_id, cat.name as category_name, p.scope_id, sc.name as scope_name,
      p.published_at, p.withdrawn_at, p.hidden_at, p.state_id, st.token as state_token, st.name as state_name, st.bg_color, st.text_color,
      p.answer, p.cost_cents, p.cost_report, p.execution_period, p.answered_at, p.state_published_at,
      p.supports_count, p.comments_count, p.follows_count,
      array(select ca.user_id::text from coauthorships ca where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.status = 'accepted' order by ca.created_at) as coauthor_ids,
      array(select case when cu.deleted_at is null then cu.name else '' end from coauthorships ca join users cu on cu.id = ca.user_id where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.status = 'accepted' order by ca.created_at) as coauthor_names,
      (select ps.provisional from proposal_supports ps where ps.proposal_id = p.id and ps.user_id = ${readerId ?? 0}) as my_support,
      exists (select 1 from proposal_supports ps where ps.proposal_id = p.id) as has_supports,
      ${attachmentsColumn("proposal", sql`p.id`)} as attachments
    from proposals p
      left join users u on u.id = p.author_id
      left join categories cat on cat.id = p.category_id
      left join scopes sc on sc.id = p.scope_id
      left join proposal_states st on st.id = p.state_id
    where p.id = ${id} and p.component_id = ${componentId}`);
  const r = rows.rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    componentId: Number(r.component_id),
    authorId: r.author_id === null ? null : Number(r.author_id),
    authorName: r.author_name,
    coauthorIds: r.coauthor_ids.map(Number),
    coauthorNames: r.coauthor_names,
    official: r.official,
    title: r.title,
    body: r.body,
    language: r.language,
    categoryId: r.category_id === null ? null : Number(r.category_id),
    categoryName: r.category_name,
    scopeId: r.scope_id === null ? null : Number(r.scope_id),
    scopeName: r.scope_name,
    publishedAt: date(r.published_at),
    withdrawnAt: date(r.withdrawn_at),
    hiddenAt: date(r.hidden_at),
    state:
      r.state_id === null || r.state_token === null
        ? null
        : { id: Number(r.state_id), token: r.state_token, name: r.state_name ?? {}, bgColor: r.bg_color ?? "#ffffff", textColor: r.text_color ?? "#000000" },
    answer: r.answer,
    costCents: r.cost_cents === null ? null : Number(r.cost_cents),
    costReport: r.cost_report,
    executionPeriod: r.execution_period,
    answeredAt: date(r.answered_at),
    statePublishedAt: date(r.state_published_at),
    supportsCount: r.supports_count,
    commentsCount: r.comments_count,
    followsCount: r.follows_count,
    mySupport: r.my_support === null ? null : { provisional: r.my_support },
    hasSupports: r.has_supports,
    attachments: attachmentsFromJson(r.attachments),
  };
}

/** The author and accepted co-authors. */
export const authorIdsOf = (p: Pick<ProposalDetails, "authorId" | "coauthorIds">): number[] => [...(p.authorId === null ? [] : [p.authorId]), ...p.coauthorIds];

export interface PersonSupports {
  given: number;
  provisional: number;
}

/** How many supports the person gave in the component, and how many of them are provisional. */
export async function personSupports(db: Db, componentId: number, userId: number): Promise<PersonSupports> {
  const rows = await db.execute<{ given: number; provisional: number }>(sql`
    select count(*)::int as given, count(*) filter (where provisional)::int as provisional from proposal_supports where component_id = ${componentId} and user_id = ${userId}`);
  return { given: rows.rows[0]?.given ?? 0, provisional: rows.rows[0]?.provisional ?? 0 };
}

// The selects' categories and scopes are the core's (shared with the results component).
export { listPlacements, type Choice } from "../../core/categories/queries";

export interface SimilarProposal {
  id: number;
  title: string;
  supportsCount: number;
}

/**
 * Published proposals of the component whose title is near this one in the same language (pg_trgm's
 * `%`, through the language's trigram index), the closest first, at most `limit`.
 */
export async function similarProposals(db: Db, componentId: number, language: Locale, title: string, opts: { excludeId?: number; limit?: number } = {}): Promise<SimilarProposal[]> {
  if (title.trim().length < 3 || !isLocale(language)) return [];
  const column = sql.raw(`(p.title->>'${language}')`);
  const rows = await db.execute<{ id: string; title: string; supports_count: number }>(sql`
    select p.id, ${column} as title, p.supports_count from proposals p
    where p.component_id = ${componentId} and p.published_at is not null and p.hidden_at is null and p.withdrawn_at is null
      and ${column} % ${title} and p.id <> ${opts.excludeId ?? 0}
    order by similarity(${column}, ${title}) desc, p.id desc
    limit ${opts.limit ?? 10}`);
  return rows.rows.map((r) => ({ id: Number(r.id), title: r.title, supportsCount: r.supports_count }));
}
