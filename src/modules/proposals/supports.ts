/**
 * Supporting a proposal, with the component's rules: a limit per person, a minimum per person below
 * which a person's supports stay provisional (not counted), and a threshold per proposal past which
 * no more are taken unless the settings allow it (provisional supports take their place under it, so
 * confirming them never carries a proposal past it). `supports_count` holds the final supports only.
 *
 * Concurrency: a person's supports in a component go one at a time (an advisory lock), and every
 * transaction locks the proposal rows it changes in ascending id order, so two people reaching the
 * minimum at once cannot deadlock, and the threshold is read under the proposal's row lock.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { growthWatch } from "../../db/growth-statistics";
import { autoFollow } from "../../core/follows/service";
import { fail, ok, type Result } from "../../core/http/result";
import type { ProposalSettings } from "./settings";
import { lockPerson, type Place } from "./workflow";

export interface SupportOutcome {
  /** The person's support waits for them to reach the minimum. */
  provisional: boolean;
  /** How many more supports make them count (0 when they count). */
  missing: number;
}

type Rules = Pick<ProposalSettings, "supportLimit" | "minimumSupportsPerPerson" | "thresholdPerProposal" | "canExceedThreshold">;

/** The person's supports in the component: how many, and the provisional ones. */
async function given(tx: Db, componentId: number, userId: number): Promise<{ total: number; provisional: number[]; final: number[]; ids: Set<number> }> {
  const rows = await tx.execute<{ proposal_id: string; provisional: boolean }>(sql`select proposal_id, provisional from proposal_supports where component_id = ${componentId} and user_id = ${userId}`);
  const provisional = rows.rows.filter((r) => r.provisional).map((r) => Number(r.proposal_id));
  const final = rows.rows.filter((r) => !r.provisional).map((r) => Number(r.proposal_id));
  return { total: rows.rows.length, provisional, final, ids: new Set(rows.rows.map((r) => Number(r.proposal_id))) };
}

/** Locks these proposals' rows in id order (see the header) and returns the target's facts. */
async function lockRows(tx: Db, ids: number[], target: number) {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const rows = await tx.execute<{ id: string; component_id: string; supports_count: number; open: boolean }>(sql`
    select p.id, p.component_id, p.supports_count,
      p.published_at is not null and p.withdrawn_at is null and p.hidden_at is null
        and not (p.state_published_at is not null and coalesce((select st.token from proposal_states st where st.id = p.state_id), '') = 'rejected') as open
    from proposals p where p.id = any(${sql.param(sorted)}::bigint[]) order by p.id for no key update of p`);
  return rows.rows.find((r) => Number(r.id) === target) ?? null;
}

/**
 * The proposal's supports, provisional ones included, counted up to `cap`: a proposal capped at its
 * threshold holds at most that many, so provisional supports confirmed later never carry it past.
 */
async function supportsUpTo(tx: Db, proposalId: number, cap: number): Promise<number> {
  const rows = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from proposal_supports where proposal_id = ${proposalId} limit ${cap}) x`);
  return rows.rows[0]?.n ?? 0;
}

const bump = (tx: Db, ids: number[], delta: 1 | -1) =>
  ids.length === 0 ? Promise.resolve() : tx.execute(sql`update proposals set supports_count = supports_count + ${delta} where id = any(${sql.param(ids)}::bigint[])`);

/**
 * The proposals table's statistics follow the counters a wave of supports rewrites (src/db/growth-statistics.ts,
 * ADR 48). `supports_count` and `follows_count` are indexed, so each support writes its proposal's row
 * anew (no HOT update) and the table grows on disk by a dead version or two per support until a vacuum
 * (20 proposals: 2 pages, then 1,747 after 20,000 supports, autovacuum off). PostgreSQL's foreign-key
 * check of each new support and the follows trigger's counter update, planned once per connection on the
 * 2-page table, kept a sequential scan: 1,686 and 1,791 buffers per support, against 4 and 45 once
 * analyzed (supports-statistics.int.test.ts).
 */
const proposalsTable = growthWatch({ table: "proposals" });

export async function support(db: Db, userId: number, place: Place, proposalId: number, rules: Rules): Promise<Result<SupportOutcome>> {
  const outcome = await supportIn(db, userId, place, proposalId, rules);
  if (outcome.ok) proposalsTable.written(db, 1);
  return outcome;
}

function supportIn(db: Db, userId: number, place: Place, proposalId: number, rules: Rules): Promise<Result<SupportOutcome>> {
  return db.transaction(async (tx) => {
    await lockPerson(tx, place.componentId, userId);
    const mine = await given(tx, place.componentId, userId);
    const minimum = rules.minimumSupportsPerPerson;
    const missingAfter = (n: number) => (minimum > 0 ? Math.max(0, minimum - n) : 0);
    if (mine.ids.has(proposalId)) return ok({ provisional: mine.provisional.includes(proposalId), missing: missingAfter(mine.total) });
    if (rules.supportLimit > 0 && mine.total >= rules.supportLimit) return fail({ _form: { key: "proposals.errors.supportLimit", values: { limit: rules.supportLimit } } });
    const after = mine.total + 1;
    const provisional = missingAfter(after) > 0;
    // Reaching the minimum now makes every provisional support of the person count.
    const confirming = !provisional && mine.provisional.length > 0 ? mine.provisional : [];
    const target = await lockRows(tx, [proposalId, ...confirming], proposalId);
    if (!target || Number(target.component_id) !== place.componentId || !target.open) return fail({ _form: { key: "proposals.errors.notSupportable" } });
    if (rules.thresholdPerProposal > 0 && !rules.canExceedThreshold && (await supportsUpTo(tx, proposalId, rules.thresholdPerProposal)) >= rules.thresholdPerProposal) {
      return fail({ _form: { key: "proposals.errors.thresholdReached", values: { threshold: rules.thresholdPerProposal } } });
    }
    await tx.execute(sql`insert into proposal_supports (proposal_id, user_id, component_id, provisional) values (${proposalId}, ${userId}, ${place.componentId}, ${provisional})`);
    if (!provisional) await bump(tx, [proposalId, ...confirming], 1);
    if (confirming.length > 0) await tx.execute(sql`update proposal_supports set provisional = false where component_id = ${place.componentId} and user_id = ${userId} and provisional`);
    await autoFollow(tx, userId, { type: "proposal", id: proposalId }, place);
    return ok({ provisional, missing: missingAfter(after) });
  });
}

/**
 * Takes a support back. Falling below the minimum makes the person's other supports provisional
 * again (they stop counting until the minimum is reached again). It rewrites the proposal's counter like
 * a support does, so a wave of withdrawals feeds the same watch.
 */
export async function unsupport(db: Db, userId: number, place: Place, proposalId: number, rules: Pick<Rules, "minimumSupportsPerPerson">): Promise<Result<SupportOutcome>> {
  const outcome = await unsupportIn(db, userId, place, proposalId, rules);
  if (outcome.ok) proposalsTable.written(db, 1);
  return outcome;
}

function unsupportIn(db: Db, userId: number, place: Place, proposalId: number, rules: Pick<Rules, "minimumSupportsPerPerson">): Promise<Result<SupportOutcome>> {
  return db.transaction(async (tx) => {
    await lockPerson(tx, place.componentId, userId);
    const mine = await given(tx, place.componentId, userId);
    const minimum = rules.minimumSupportsPerPerson;
    if (!mine.ids.has(proposalId)) return ok({ provisional: false, missing: minimum > 0 ? Math.max(0, minimum - mine.total) : 0 });
    const wasFinal = mine.final.includes(proposalId);
    const after = mine.total - 1;
    const demoting = wasFinal && minimum > 0 && after < minimum ? mine.final.filter((id) => id !== proposalId) : [];
    await lockRows(tx, wasFinal ? [proposalId, ...demoting] : [proposalId], proposalId);
    await tx.execute(sql`delete from proposal_supports where proposal_id = ${proposalId} and user_id = ${userId}`);
    if (wasFinal) await bump(tx, [proposalId, ...demoting], -1);
    if (demoting.length > 0) await tx.execute(sql`update proposal_supports set provisional = true where component_id = ${place.componentId} and user_id = ${userId}`);
    return ok({ provisional: demoting.length > 0, missing: minimum > 0 ? Math.max(0, minimum - after) : 0 });
  });
}
