/**
 * Importing proposals from another proposals component (the "Ideas" step's into the "Development"
 * step's, ADR 11): every published, visible, open proposal of the source whose published answer is one
 * of the chosen ones is copied into this component, published at once, with its authors (author and
 * accepted co-authors), category (within the same space) and scope, and a `proposal_links` row
 * "imported" back to it. The source stays as it is. Importing again copies only what was not copied
 * into this component yet (a unique index says so, and the component is locked while importing).
 * Supports, comments and the answer are not copied. The authors and followers of each source are told
 * (event `imported` of kit.ts, the component's name in the source's language).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type Result } from "../../core/http/result";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { notify } from "../../core/notifications/outbox";
import type { Actor } from "../../core/spaces/service";
import { administeredComponents, authorsOf, insertProposal, linkProposals, textIn } from "./merge";
import type { Place } from "./workflow";

/** The answers one may import by: a published answer's state token, or no published answer. */
export const IMPORT_STATES = ["accepted", "evaluating", "rejected", "not_answered"] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** One import copies at most this many proposals (import again for the rest). */
export const IMPORT_MAX = 1_000;

export interface ImportInput {
  sourceComponentId: number;
  states: ImportState[];
}

type Row = {
  id: string;
  author_id: string | null;
  official: boolean;
  title: Translatable;
  body: Translatable;
  language: Locale;
  category_id: string | null;
  scope_id: string | null;
  coauthors: string[];
};

export async function importProposals(db: Db, actor: Actor & { isAdmin: boolean }, place: Place, input: ImportInput): Promise<Result<{ imported: number; skipped: number }>> {
  if (input.states.length === 0) return fail({ states: { key: "proposals.tools.chooseStates" } });
  if (input.sourceComponentId === place.componentId) return fail({ sourceComponentId: { key: "validation.invalid" } });
  const allowed = await administeredComponents(db, actor);
  const source = allowed.find((c) => c.id === input.sourceComponentId);
  if (!source) return fail({ sourceComponentId: { key: "validation.invalid" } });
  const tokens = input.states.filter((s) => s !== "not_answered");
  const unanswered = input.states.includes("not_answered");
  return db.transaction(async (tx) => {
    // One import at a time into a component: the second waits and then finds everything copied.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`proposals-import:${place.componentId}`}, 0))`);
    const matching = sql`
      from proposals p left join proposal_states st on st.id = p.state_id
      where p.component_id = ${source.id} and p.published_at is not null and p.hidden_at is null and p.withdrawn_at is null
        and ((p.state_published_at is not null and st.token = any(${sql.param(tokens)}::text[])) ${unanswered ? sql`or p.state_published_at is null` : sql``})`;
    const copied = sql`exists (select 1 from proposal_links l where l.source_id = p.id and l.target_component_id = ${place.componentId} and l.kind = 'imported')`;
    const done = await tx.execute<{ n: number }>(sql`select count(*)::int as n ${matching} and ${copied}`);
    const rows = await tx.execute<Row>(sql`
      select p.id, p.author_id, p.official, p.title, p.body, p.language, p.category_id, p.scope_id,
        array(select ca.user_id::text from coauthorships ca where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.status = 'accepted' order by ca.created_at) as coauthors
      ${matching} and not ${copied}
      order by p.id
      limit ${IMPORT_MAX}`);
    const toImport = rows.rows;
    const sameSpace = source.spaceId === place.spaceId;
    const pairs: Array<[number, number]> = [];
    const named = await tx.execute<{ name: Translatable }>(sql`select name from components where id = ${place.componentId}`);
    const name = named.rows[0]?.name ?? {};
    for (const r of toImport) {
      const id = await insertProposal(tx, actor, {
        componentId: place.componentId,
        spaceId: place.spaceId,
        authors: authorsOf([r]),
        official: r.official,
        title: r.title,
        body: r.body,
        language: r.language,
        categoryId: sameSpace && r.category_id !== null ? Number(r.category_id) : null,
        scopeId: r.scope_id === null ? null : Number(r.scope_id),
      });
      pairs.push([Number(r.id), id]);
      await notify(tx, { type: "proposal", id: Number(r.id) }, "imported", { actorId: actor.id, values: { component: textIn(name, r.language) } });
    }
    await linkProposals(tx, actor, "imported", pairs, place.componentId);
    const skipped = done.rows[0]?.n ?? 0;
    await audit(tx, {
      actorId: actor.id,
      action: "proposal.import",
      resourceType: "component",
      resourceId: place.componentId,
      spaceId: place.spaceId,
      after: { sourceComponentId: source.id, states: input.states, imported: pairs.map(([from, to]) => ({ from, to })), skipped },
      ip: actor.ip,
    });
    return ok({ imported: pairs.length, skipped });
  });
}
