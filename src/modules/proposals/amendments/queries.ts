/**
 * Reading amendments: one amendment with what its page shows, and a proposal's amendments, history
 * of versions and origin (the amendment it was promoted from), each a fixed number of queries.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { Locale, Translatable } from "../../../core/i18n/locales";
import type { AmendmentState } from "./schema";

export interface AmendmentDetails {
  id: number;
  proposalId: number;
  componentId: number;
  amenderId: number | null;
  amenderName: string | null;
  state: AmendmentState;
  title: string;
  body: string;
  language: Locale;
  baseTitle: string;
  baseBody: string;
  replacedTitle: Translatable | null;
  replacedBody: Translatable | null;
  rejectionReason: string | null;
  publishedAt: Date | null;
  reactedAt: Date | null;
  withdrawnAt: Date | null;
  hiddenAt: Date | null;
  promotedProposalId: number | null;
  /** The proposal now: its wording in the amendment's language, whether it changed since. */
  proposalTitle: Translatable;
  proposalCurrentTitle: string;
  proposalCurrentBody: string;
  proposalChanged: boolean;
  followsCount: number;
}

type Row = {
  id: string;
  proposal_id: string;
  component_id: string;
  amender_id: string | null;
  amender_name: string | null;
  state: AmendmentState;
  title: string;
  body: string;
  language: Locale;
  base_title: string;
  base_body: string;
  replaced_title: Translatable | null;
  replaced_body: Translatable | null;
  rejection_reason: string | null;
  published_at: string | null;
  reacted_at: string | null;
  withdrawn_at: string | null;
  hidden_at: string | null;
  promoted_proposal_id: string | null;
  proposal_title: Translatable;
  current_title: string | null;
  current_body: string | null;
  follows_count: number;
};

const date = (v: string | null) => (v === null ? null : new Date(v));

/** One amendment of a proposal of this component, or null. */
export async function loadAmendment(db: Db, componentId: number, proposalId: number, id: number): Promise<AmendmentDetails | null> {
  const rows = await db.execute<Row>(sql`
    select a.*, case when u.deleted_at is null then u.name end as amender_name, p.title as proposal_title,
      p.title->>a.language as current_title, p.body->>a.language as current_body,
      (select count(*)::int from follows f where f.resource_type = 'amendment' and f.resource_id = a.id) as follows_count
    from proposal_amendments a join proposals p on p.id = a.proposal_id left join users u on u.id = a.amender_id
    where a.id = ${id} and a.proposal_id = ${proposalId} and a.component_id = ${componentId}`);
  const r = rows.rows[0];
  if (!r) return null;
  const currentTitle = r.current_title ?? "";
  const currentBody = r.current_body ?? "";
  return {
    id: Number(r.id),
    proposalId: Number(r.proposal_id),
    componentId: Number(r.component_id),
    amenderId: r.amender_id === null ? null : Number(r.amender_id),
    amenderName: r.amender_name,
    state: r.state,
    title: r.title,
    body: r.body,
    language: r.language,
    baseTitle: r.base_title,
    baseBody: r.base_body,
    replacedTitle: r.replaced_title,
    replacedBody: r.replaced_body,
    rejectionReason: r.rejection_reason,
    publishedAt: date(r.published_at),
    reactedAt: date(r.reacted_at),
    withdrawnAt: date(r.withdrawn_at),
    hiddenAt: date(r.hidden_at),
    promotedProposalId: r.promoted_proposal_id === null ? null : Number(r.promoted_proposal_id),
    proposalTitle: r.proposal_title,
    proposalCurrentTitle: currentTitle,
    proposalCurrentBody: currentBody,
    proposalChanged: currentTitle !== r.base_title || currentBody !== r.base_body,
    followsCount: r.follows_count,
  };
}

export interface AmendmentSummary {
  id: number;
  amenderId: number | null;
  amenderName: string | null;
  state: AmendmentState;
  title: string;
  language: Locale;
  publishedAt: Date | null;
  reactedAt: Date | null;
  hidden: boolean;
}

export interface AmendmentsBoxData {
  /** What the reader may see of the proposal's amendments (their own draft included), oldest first. */
  items: AmendmentSummary[];
  /** The reader's draft amendment of this proposal, if any. */
  draftId: number | null;
  /** Earlier wordings replaced by accepted amendments, newest first. */
  history: Array<{ amendmentId: number; title: Translatable; replacedAt: Date }>;
  /** The amendment this proposal was promoted from, with its proposal. */
  origin: { amendmentId: number; proposalId: number; proposalTitle: Translatable } | null;
}

type SummaryRow = {
  id: string;
  amender_id: string | null;
  amender_name: string | null;
  state: AmendmentState;
  title: string;
  language: Locale;
  published_at: string | null;
  reacted_at: string | null;
  hidden: boolean;
  replaced_title: Translatable | null;
};

/**
 * A proposal's amendments as this reader may list them (`seeAll`: every published one; otherwise only
 * their own), hidden ones left out unless `seeHidden`, plus its history and origin: two queries.
 */
export async function loadAmendmentsBox(db: Db, proposalId: number, readerId: number | null, opts: { seeAll: boolean; seeHidden: boolean }): Promise<AmendmentsBoxData> {
  const reader = readerId ?? 0;
  const [list, origin] = await Promise.all([
    db.execute<SummaryRow>(sql`
      select a.id, a.amender_id, case when u.deleted_at is null then u.name end as amender_name, a.state, a.title, a.language, a.published_at, a.reacted_at,
        a.hidden_at is not null as hidden, a.replaced_title
      from proposal_amendments a left join users u on u.id = a.amender_id
      where a.proposal_id = ${proposalId}
        and (a.amender_id = ${reader} or (a.state <> 'draft' and ${opts.seeAll} and (a.hidden_at is null or ${opts.seeHidden})))
      order by a.id
      limit 500`),
    db.execute<{ id: string; proposal_id: string; title: Translatable }>(sql`
      select a.id, a.proposal_id, p.title from proposal_amendments a join proposals p on p.id = a.proposal_id
      where a.promoted_proposal_id = ${proposalId} and p.published_at is not null and p.hidden_at is null`),
  ]);
  const rows = list.rows;
  const o = origin.rows[0];
  const draft = rows.find((r) => r.state === "draft" && Number(r.amender_id) === reader);
  return {
    items: rows
      .filter((r) => r.state !== "draft")
      .map((r) => ({
        id: Number(r.id),
        amenderId: r.amender_id === null ? null : Number(r.amender_id),
        amenderName: r.amender_name,
        state: r.state,
        title: r.title,
        language: r.language,
        publishedAt: date(r.published_at),
        reactedAt: date(r.reacted_at),
        hidden: r.hidden,
      })),
    draftId: draft ? Number(draft.id) : null,
    history: rows
      .filter((r) => r.state === "accepted" && r.replaced_title !== null && r.reacted_at !== null)
      .map((r) => ({ amendmentId: Number(r.id), title: r.replaced_title ?? {}, replacedAt: new Date(r.reacted_at ?? 0) }))
      .reverse(),
    origin: o ? { amendmentId: Number(o.id), proposalId: Number(o.proposal_id), proposalTitle: o.title } : null,
  };
}

/** The person's draft amendment of this proposal, if any. */
export async function findAmendmentDraft(db: Db, proposalId: number, userId: number): Promise<number | null> {
  const rows = await db.execute<{ id: string }>(sql`select id from proposal_amendments where proposal_id = ${proposalId} and amender_id = ${userId} and state = 'draft' order by id limit 1`);
  return rows.rows[0] ? Number(rows.rows[0].id) : null;
}

/**
 * The number of a proposal `p`'s amendments the public sees (published, neither withdrawn nor hidden),
 * as a subquery of a statement on `proposals p` (the API, the open data), read from the amendments' index.
 */
export const PUBLIC_AMENDMENTS_COUNT = sql`(select count(*)::int from proposal_amendments a
  where a.proposal_id = p.id and a.published_at is not null and a.state in ('evaluating', 'accepted', 'rejected') and a.hidden_at is null)`;
