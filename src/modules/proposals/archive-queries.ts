/**
 * What the archive keeps of a proposals component: every published, not hidden proposal with its text,
 * its author's public name, its state and answer only once published, and its counts (one query).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";

export interface ArchivedProposal {
  id: number;
  title: Translatable;
  body: Translatable;
  authorName: string | null;
  official: boolean;
  withdrawn: boolean;
  stateName: Translatable | null;
  answer: Translatable;
  supports: number;
  comments: number;
}

/** The most proposals one archive part holds (a larger component keeps its first 2,000, oldest first). */
export const ARCHIVED_PROPOSALS_LIMIT = 2000;

export async function listProposalsForArchive(db: Db, componentId: number): Promise<ArchivedProposal[]> {
  const rows = await db.execute<{ id: string; title: Translatable; body: Translatable; author_name: string | null; official: boolean; withdrawn: boolean; state_name: Translatable | null; answer: Translatable; supports_count: number; comments_count: number }>(sql`
    select p.id, p.title, p.body, case when u.deleted_at is null then u.name end as author_name, p.official, p.withdrawn_at is not null as withdrawn,
      case when p.state_published_at is not null then st.name end as state_name,
      case when p.state_published_at is not null then p.answer else '{}'::jsonb end as answer,
      p.supports_count, p.comments_count
    from proposals p
      left join users u on u.id = p.author_id
      left join proposal_states st on st.id = p.state_id
    where p.component_id = ${componentId} and p.published_at is not null and p.hidden_at is null
    order by p.published_at, p.id
    limit ${ARCHIVED_PROPOSALS_LIMIT}`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    body: r.body,
    authorName: r.author_name,
    official: r.official,
    withdrawn: r.withdrawn,
    stateName: r.state_name,
    answer: r.answer,
    supports: r.supports_count,
    comments: r.comments_count,
  }));
}
