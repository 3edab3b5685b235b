/**
 * A proposal's history in the back office's tools (merge.ts, import.ts): what it was merged, split or
 * imported from, and what it became, shown on both sides, in one query. A reader sees only the linked
 * proposals they could open: published, not hidden, in a published component of a public space or of
 * the space they are reading (the back office sees every one).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { publicSpaceSql } from "../../core/permissions/access";
import { componentPath } from "../../core/spaces/types";

export type LinkKind = "merged" | "split" | "imported";

export interface LinkedProposal {
  kind: LinkKind;
  /** "from": this proposal came from the linked one; "into": it went into (or was copied to) it. */
  direction: "from" | "into";
  id: number;
  componentId: number;
  title: Translatable;
  url: string;
  supportsCount: number;
}

/** At most this many links each way (a split makes ten at most, a merge fifty). */
const LINKS_LIMIT = 60;

export async function loadHistory(db: Db, proposalId: number, opts: { spaceId: number; all: boolean }): Promise<LinkedProposal[]> {
  const visible = opts.all ? sql`true` : sql`(o.published_at is not null and o.hidden_at is null and c.published_at is not null and (s.id = ${opts.spaceId} or ${publicSpaceSql("s")}))`;
  const rows = await db.execute<{ kind: LinkKind; direction: "from" | "into"; id: string; component_id: string; slug: string; title: Translatable; supports_count: number }>(sql`
    select x.kind, x.direction, o.id, o.component_id, s.slug, o.title, o.supports_count
    from (
      (select l.kind, 'from' as direction, l.source_id as other, l.created_at from proposal_links l where l.target_id = ${proposalId} order by l.created_at, l.source_id limit ${LINKS_LIMIT})
      union all
      (select l.kind, 'into' as direction, l.target_id as other, l.created_at from proposal_links l where l.source_id = ${proposalId} order by l.created_at, l.target_id limit ${LINKS_LIMIT})
    ) x
    join proposals o on o.id = x.other join components c on c.id = o.component_id join spaces s on s.id = c.space_id
    where ${visible}
    order by x.direction, x.created_at, o.id`);
  return rows.rows.map((r) => ({
    kind: r.kind,
    direction: r.direction,
    id: Number(r.id),
    componentId: Number(r.component_id),
    title: r.title,
    url: componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`),
    supportsCount: r.supports_count,
  }));
}
