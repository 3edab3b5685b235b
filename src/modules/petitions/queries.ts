/**
 * Reading petitions: browsing and search (browse.ts), one petition with everything its page shows, the
 * review queue. Each loads with a fixed number of queries whatever the number of items.
 */
import { isFollowing as isFollowingResource } from "../../core/follows/service";
import { publicSpaceSql } from "../../core/permissions/access";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { COMMITTEE_JSON, committeeDetails, type CommitteeDetails } from "./committee-details";
import { readCounts, type Counts } from "./counts";
import type { CommitteeRules, Criterion, PetitionState, SignatureVerification, SignerField } from "./schema";

export { browsePetitions, PAGE_SIZE, SORTS, TOTAL_CAP, type BrowseFilter, type PetitionSummary, type Sort, type TotalMode } from "./browse";

export interface TimelineEntry {
  fromState: PetitionState | null;
  toState: PetitionState;
  note: string | null;
  at: Date;
}

export interface PetitionDetails {
  id: number;
  componentId: number;
  spaceId: number;
  spaceSlug: string;
  spaceTitle: Translatable;
  visible: boolean;
  /** Hidden by moderation: a 404 for the public, shown to its author and staff with a notice. */
  hidden: boolean;
  authorId: number | null;
  authorName: string | null;
  title: string;
  summary: string;
  body: string;
  language: string;
  /** The category of its space and the scope it is filed under (their names as written, in every language). */
  categoryId: number | null;
  category: Translatable | null;
  scopeId: number | null;
  scope: Translatable | null;
  state: PetitionState;
  sponsorToken: string;
  submittedAt: Date | null;
  reviewDueAt: Date | null;
  publishedAt: Date | null;
  signingEndsAt: Date | null;
  thresholdReachedAt: Date | null;
  transmittedAt: Date | null;
  answerDueAt: Date | null;
  hearingAt: Date | null;
  hearingLink: string | null;
  answer: string | null;
  answerUrl: string | null;
  answeredAt: Date | null;
  type: {
    id: number;
    title: Translatable;
    threshold: number;
    regionThresholds: Record<string, number>;
    country: string;
    minAge: number;
    residenceRegions: string[];
    signingDays: number;
    coSponsorsRequired: number;
    allowWithdrawal: boolean;
    verification: SignatureVerification;
    signerFields: SignerField[];
    criteria: Criterion[];
    /** Set for citizens' suggestions for a deliberative committee. */
    committee: CommitteeRules | null;
  };
  /** The parliament's decision on a suggestion and its follow-up (null before the decision). */
  committee: CommitteeDetails | null;
  cosponsors: number;
  timeline: TimelineEntry[];
  assessments: Array<{ criterion: string; met: boolean; note: string }>;
  counts: Counts;
  publicSigners: string[];
  followers: number;
}

const d = (v: string | null): Date | null => (v ? new Date(v) : null);

/**
 * One petition with its type, timeline, assessments, public signer names and counts (two statements:
 * the petition with everything of its own, then the counts). Named columns, not `p.*`: the stored
 * `search` vector is never needed here. The names of its author, category and scope are subqueries, not
 * joins, which keeps the statement's planning cheap (the page runs it on every view).
 */
export async function loadPetition(db: Db, id: number): Promise<PetitionDetails | null> {
  const [rows, counts] = await Promise.all([
    db.execute<Record<string, unknown>>(sql`
    select p.id, p.component_id, p.author_id, p.title, p.summary, p.body, p.language, p.category_id, p.scope_id, p.hidden_at, p.state,
      p.sponsor_token, p.submitted_at, p.review_due_at, p.published_at, p.signing_ends_at, p.threshold_reached_at, p.transmitted_at,
      p.answer_due_at, p.hearing_at, p.hearing_link, p.answer, p.answer_url, p.answered_at,
      s.slug as space_slug, s.title as space_title, c.space_id,
      (select u.name from users u where u.id = p.author_id and u.deleted_at is null) as author_name,
      (select cat.name from categories cat where cat.id = p.category_id) as category_name,
      (select sc.name from scopes sc where sc.id = p.scope_id) as scope_name,
      (c.published_at is not null and ${publicSpaceSql("s")}) as visible,
      row_to_json(t) as type,
      ${COMMITTEE_JSON} as committee,
      (select count(*)::int from petition_cosponsors x where x.petition_id = p.id) as cosponsors,
      (select count(*)::int from follows x where x.resource_type = 'petition' and x.resource_id = p.id) as followers,
      (select coalesce(json_agg(json_build_object('from_state', e.from_state, 'to_state', e.to_state, 'note', e.note, 'created_at', e.created_at) order by e.id), '[]')
        from petition_events e where e.petition_id = p.id) as events,
      (select coalesce(json_agg(json_build_object('criterion', a.criterion, 'met', a.met, 'note', a.note)), '[]')
        from petition_assessments a where a.petition_id = p.id) as assessments,
      (select coalesce(json_agg(g.name), '[]')
        from (select x.name from petition_signatures x where x.petition_id = p.id and x.state = 'confirmed' and x.show_name order by x.id desc limit 50) g) as signers
    from petitions p join petition_types t on t.id = p.type_id join components c on c.id = p.component_id
      join spaces s on s.id = c.space_id
    where p.id = ${id}`),
    readCounts(db, [id]),
  ]);
  const r = rows.rows[0];
  if (!r) return null;
  const events = r.events as Array<{ from_state: PetitionState | null; to_state: PetitionState; note: string | null; created_at: string }>;
  const assessments = r.assessments as Array<{ criterion: string; met: boolean; note: string }>;
  const signers = r.signers as string[];
  const t = r.type as Record<string, unknown>;
  const str = (k: string) => r[k] as string;
  return {
    id: Number(r.id),
    componentId: Number(r.component_id),
    spaceId: Number(r.space_id),
    spaceSlug: str("space_slug"),
    spaceTitle: r.space_title as Translatable,
    visible: Boolean(r.visible),
    hidden: r.hidden_at != null,
    authorId: r.author_id == null ? null : Number(r.author_id),
    authorName: (r.author_name as string | null) ?? null,
    title: str("title"),
    summary: str("summary"),
    body: str("body"),
    language: str("language"),
    categoryId: r.category_id == null ? null : Number(r.category_id),
    category: (r.category_name as Translatable | null) ?? null,
    scopeId: r.scope_id == null ? null : Number(r.scope_id),
    scope: (r.scope_name as Translatable | null) ?? null,
    state: r.state as PetitionState,
    sponsorToken: str("sponsor_token"),
    submittedAt: d(r.submitted_at as string | null),
    reviewDueAt: d(r.review_due_at as string | null),
    publishedAt: d(r.published_at as string | null),
    signingEndsAt: d(r.signing_ends_at as string | null),
    thresholdReachedAt: d(r.threshold_reached_at as string | null),
    transmittedAt: d(r.transmitted_at as string | null),
    answerDueAt: d(r.answer_due_at as string | null),
    hearingAt: d(r.hearing_at as string | null),
    hearingLink: (r.hearing_link as string | null) ?? null,
    answer: (r.answer as string | null) ?? null,
    answerUrl: (r.answer_url as string | null) ?? null,
    answeredAt: d(r.answered_at as string | null),
    type: {
      id: Number(t.id),
      title: t.title as Translatable,
      threshold: Number(t.threshold),
      regionThresholds: t.region_thresholds as Record<string, number>,
      country: t.country as string,
      minAge: Number(t.min_age),
      residenceRegions: t.residence_regions as string[],
      signingDays: Number(t.signing_days),
      coSponsorsRequired: Number(t.co_sponsors_required),
      allowWithdrawal: Boolean(t.allow_withdrawal),
      verification: t.verification as SignatureVerification,
      signerFields: t.signer_fields as SignerField[],
      criteria: t.criteria as Criterion[],
      committee: (t.committee as CommitteeRules | null) ?? null,
    },
    committee: committeeDetails(r.committee),
    cosponsors: Number(r.cosponsors),
    followers: Number(r.followers),
    timeline: events.map((e) => ({ fromState: e.from_state, toState: e.to_state, note: e.note, at: new Date(e.created_at) })),
    assessments,
    counts: counts.get(id) ?? { online: {}, paper: {}, onlineTotal: 0, paperTotal: 0, total: 0 },
    publicSigners: signers,
  };
}

export interface QueueItem {
  id: number;
  title: string;
  state: PetitionState;
  submittedAt: Date | null;
  reviewDueAt: Date | null;
  answerDueAt: Date | null;
  cosponsors: number;
  cosponsorsRequired: number;
  daysInReview: number | null;
  spaceId: number;
}

/** The services' queue: petitions waiting on them, oldest first (one query). */
export async function reviewQueue(db: Db, states: PetitionState[]): Promise<QueueItem[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select p.id, p.title, p.state, p.submitted_at, p.review_due_at, p.answer_due_at, c.space_id, t.co_sponsors_required,
      (select count(*)::int from petition_cosponsors x where x.petition_id = p.id) as cosponsors,
      case when p.submitted_at is null then null else floor(extract(epoch from (coalesce(p.published_at, now()) - p.submitted_at)) / 86400)::int end as days
    from petitions p join petition_types t on t.id = p.type_id join components c on c.id = p.component_id
    where p.state = any(${sql.param(states)}::text[])
    order by coalesce(p.review_due_at, p.answer_due_at) asc nulls last, p.id
    limit 500`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    title: r.title as string,
    state: r.state as PetitionState,
    submittedAt: d(r.submitted_at as string | null),
    reviewDueAt: d(r.review_due_at as string | null),
    answerDueAt: d(r.answer_due_at as string | null),
    cosponsors: Number(r.cosponsors),
    cosponsorsRequired: Number(r.co_sponsors_required),
    daysInReview: r.days == null ? null : Number(r.days),
    spaceId: Number(r.space_id),
  }));
}

export async function internalNotes(db: Db, id: number): Promise<Array<{ body: string; author: string | null; at: Date }>> {
  const rows = await db.execute<{ body: string; name: string | null; created_at: string }>(
    sql`select n.body, u.name, n.created_at from petition_notes n left join users u on u.id = n.author_id where n.petition_id = ${id} order by n.id`,
  );
  return rows.rows.map((r) => ({ body: r.body, author: r.name, at: new Date(r.created_at) }));
}

/** The petitions a person wrote (drafts included). */
export async function petitionsByAuthor(db: Db, userId: number): Promise<Array<{ id: number; title: string; state: PetitionState }>> {
  const rows = await db.execute<{ id: string; title: string; state: PetitionState }>(sql`select id, title, state from petitions where author_id = ${userId} order by id desc limit 100`);
  return rows.rows.map((r) => ({ id: Number(r.id), title: r.title, state: r.state }));
}

/** Whether the person follows the petition (the kit's follows). */
export const isFollowing = (db: Db, petitionId: number, userId: number): Promise<boolean> => isFollowingResource(db, userId, { type: "petition", id: petitionId });

/**
 * The services' export of a petition's signatures: by state, then in signing order, the order of
 * `petition_signatures_list_idx` (a cursor over it yields its first rows without a sort). Qualified:
 * a bare `id` in ORDER BY would be the output column, the text `id::text`, and need a sort.
 */
export function signatureExportQuery(petitionId: number): SQL {
  return sql`
    select s.id::text as id, s.name, s.email, s.birth_date::text as birth_date, s.postal_code, s.region, s.state, s.show_name::text as show_name,
      s.created_at::text as created_at, s.confirmed_at::text as confirmed_at, host(s.ip) as ip
    from petition_signatures s where s.petition_id = ${petitionId}
    order by s.state, s.id`;
}
