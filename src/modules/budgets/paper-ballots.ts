/**
 * Paper ballots: staff enter them (one by one, or a CSV of a polling place as one batch), and they
 * count once ANOTHER member of staff has confirmed them (the person who entered one cannot). Each is a
 * ballot of channel "paper" whose `voter_ref` is the sheet number (unique in the budget among paper
 * ballots); confirming sets `confirmed_by`/`confirmed_at` and `checked_out_at`, so a confirmed paper
 * ballot counts as a checked-out one. A rejected entry is deleted. Every step is audited.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ballotsWritten } from "./ballot-tables-planner";
import { audit } from "../../core/audit/audit";
import type { Translatable } from "../../core/i18n/locales";
import type { Actor } from "../../core/spaces/service";
import { validateBallot, type BallotError, type BallotItem } from "./ballot-rules";
import type { BallotRules, VoteType } from "./schema";

export interface Place {
  componentId: number;
  spaceId: number;
}

export interface PaperProject {
  id: number;
  /** What a sheet and a CSV call it: its pabulib id, else its database id. */
  ref: string;
  title: Translatable;
  cost: number;
}

export interface PaperBudget {
  id: number;
  title: Translatable;
  total: number;
  currency: string;
  voteType: VoteType;
  rules: BallotRules;
  projects: PaperProject[];
}

/** A budget of the component with its projects (not hidden), one query; null when it is not the component's. */
export async function loadPaperBudget(db: Db, componentId: number, budgetId: number): Promise<PaperBudget | null> {
  const rows = await db.execute<{ id: string; title: Translatable; total: string; currency: string; vote_type: VoteType; rules: BallotRules; projects: Array<{ id: number; external_id: string | null; title: Translatable; cost: number }> | null }>(sql`
    select b.id, b.title, b.total, b.currency, b.vote_type, b.rules,
      (select json_agg(json_build_object('id', p.id, 'external_id', p.external_id, 'title', p.title, 'cost', p.cost) order by p.weight, p.id)
         from budget_projects p where p.budget_id = b.id and p.hidden_at is null) as projects
    from budgets b where b.id = ${budgetId} and b.component_id = ${componentId}`);
  const r = rows.rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    title: r.title,
    total: Number(r.total),
    currency: r.currency,
    voteType: r.vote_type,
    rules: r.rules,
    projects: (r.projects ?? []).map((p) => ({ id: Number(p.id), ref: p.external_id ?? String(p.id), title: p.title, cost: Number(p.cost) })),
  };
}

export interface PaperEntry {
  pollingPlace: string;
  sheet: string;
  /** Marked projects: points (1 unless cumulative) and rank (ordinal). */
  items: Array<{ projectId: number; points: number; rank: number | null }>;
}

/** An entry's refusal: a field of the form (`pollingPlace`, `sheet`, `projects`) and a reason (a message key or a ballot rule). */
export type EntryError = { field: "pollingPlace" | "sheet" | "projects"; key: "budgets.paper.error.pollingPlace" | "budgets.paper.error.sheet" | "budgets.paper.error.sheetTaken" | "budgets.paper.error.project" | "budgets.paper.error.number"; values?: Record<string, string | number> } | { field: "projects"; rule: BallotError };

const SHEET = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;

/** The errors of one entry against the budget's projects and ballot rules (not the database's sheets). */
export function entryErrors(budget: PaperBudget, entry: PaperEntry): EntryError[] {
  const errors: EntryError[] = [];
  if (entry.pollingPlace.trim() === "" || entry.pollingPlace.length > 200) errors.push({ field: "pollingPlace", key: "budgets.paper.error.pollingPlace" });
  if (!SHEET.test(entry.sheet)) errors.push({ field: "sheet", key: "budgets.paper.error.sheet" });
  const byId = new Map(budget.projects.map((p) => [p.id, p]));
  const unknown = entry.items.filter((i) => !byId.has(i.projectId));
  if (unknown.length > 0) errors.push({ field: "projects", key: "budgets.paper.error.project", values: { value: unknown.map((u) => u.projectId).join(", ") } });
  else {
    const items: BallotItem[] = entry.items.map((i) => ({ projectId: i.projectId, cost: byId.get(i.projectId)?.cost ?? 0, points: i.points, rank: i.rank }));
    const check = validateBallot({ total: budget.total, voteType: budget.voteType, rules: budget.rules }, items);
    if (!check.ok) for (const rule of check.errors) errors.push({ field: "projects", rule });
  }
  return errors;
}

/** The sheets among `sheets` already entered on paper in the budget. */
export async function takenSheets(db: Db, budgetId: number, sheets: string[]): Promise<Set<string>> {
  if (sheets.length === 0) return new Set();
  const rows = await db.execute<{ voter_ref: string }>(sql`
    select voter_ref from budget_ballots where budget_id = ${budgetId} and channel = 'paper' and voter_ref = any(${sql.param(sheets)}::text[])`);
  return new Set(rows.rows.map((r) => r.voter_ref));
}

class SheetTaken extends Error {}

/**
 * Enters checked entries as unconfirmed paper ballots, all or none, in one transaction; a CSV's are one
 * batch (confirmed or rejected together). Returns the ballots' ids, or the sheets already taken.
 */
export async function enterPaperBallots(db: Db, actor: Actor, place: Place, budgetId: number, entries: PaperEntry[], opts: { batch: boolean }): Promise<{ ok: true; ids: number[]; batch: string | null } | { ok: false; taken: string[] }> {
  const taken = await takenSheets(db, budgetId, entries.map((e) => e.sheet));
  if (taken.size > 0) return { ok: false, taken: [...taken] };
  const batch = opts.batch ? randomUUID() : null;
  try {
    const entered = await db.transaction(async (tx) => {
      const ids: number[] = [];
      // One insert of the ballots, one of their items, whatever the number of sheets.
      const ballots = await tx.execute<{ id: string; voter_ref: string }>(sql`
        insert into budget_ballots (budget_id, channel, voter_ref, polling_place, entered_by, extra)
        select ${budgetId}, 'paper', s.sheet, s.place, ${actor.id}, ${batch === null ? sql`null` : sql`jsonb_build_object('batch', ${batch}::text)`}
        from unnest(${sql.param(entries.map((e) => e.sheet))}::text[], ${sql.param(entries.map((e) => e.pollingPlace.trim()))}::text[]) as s(sheet, place)
        returning id, voter_ref`);
      const idOf = new Map(ballots.rows.map((b) => [b.voter_ref, Number(b.id)]));
      const items = entries.flatMap((e) => e.items.map((i) => ({ ballot: idOf.get(e.sheet) ?? 0, ...i })));
      if (items.length > 0) {
        await tx.execute(sql`
          insert into budget_ballot_items (ballot_id, project_id, points, rank)
          select * from unnest(${sql.param(items.map((i) => i.ballot))}::bigint[], ${sql.param(items.map((i) => i.projectId))}::bigint[], ${sql.param(items.map((i) => i.points))}::int[], ${sql.param(items.map((i) => i.rank))}::int[])`);
      }
      for (const e of entries) ids.push(idOf.get(e.sheet) ?? 0);
      await audit(tx, {
        actorId: actor.id,
        action: batch ? "budget.paper_ballot.import" : "budget.paper_ballot.enter",
        resourceType: "budget",
        resourceId: budgetId,
        spaceId: place.spaceId,
        after: batch ? { batch, ballots: ids, sheets: entries.map((e) => e.sheet), pollingPlaces: [...new Set(entries.map((e) => e.pollingPlace.trim()))] } : { ballot: ids[0], sheet: entries[0]?.sheet, pollingPlace: entries[0]?.pollingPlace.trim(), items: entries[0]?.items },
        ip: actor.ip,
      });
      return { ok: true as const, ids, batch };
    });
    // A stack of sheets onto a small table: the ballot tables' statistics follow (ADR 43, ADR 48).
    ballotsWritten(db, entered.ids.length);
    return entered;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    if (e.code === "23505" || e.cause?.code === "23505") throw new SheetTaken("sheet taken meanwhile");
    throw error;
  }
}

export { SheetTaken };

export type Decision = "confirm" | "reject";
export type DecisionOutcome = { ok: true; count: number } | { ok: false; reason: "notFound" | "ownEntry" };

/**
 * Confirms or rejects unconfirmed paper ballots of the component: one (`ballotId`) or a CSV's batch.
 * Confirming is refused for the person who entered them; rejecting deletes them. Audited.
 */
export async function decidePaperBallots(db: Db, actor: Actor, place: Place, target: { ballotId: number } | { batch: string }, decision: Decision): Promise<DecisionOutcome> {
  return db.transaction(async (tx) => {
    const which = "ballotId" in target ? sql`bb.id = ${target.ballotId}` : sql`bb.extra->>'batch' = ${target.batch}`;
    const found = await tx.execute<{ id: string; budget_id: string; voter_ref: string | null; polling_place: string | null; entered_by: string | null; items: unknown }>(sql`
      select bb.id, bb.budget_id, bb.voter_ref, bb.polling_place, bb.entered_by,
        (select json_agg(json_build_object('projectId', i.project_id, 'points', i.points, 'rank', i.rank)) from budget_ballot_items i where i.ballot_id = bb.id) as items
      from budget_ballots bb join budgets b on b.id = bb.budget_id
      where ${which} and b.component_id = ${place.componentId} and bb.channel = 'paper' and bb.confirmed_at is null
      for update of bb`);
    if (found.rows.length === 0) return { ok: false, reason: "notFound" };
    const ids = found.rows.map((r) => Number(r.id));
    if (decision === "confirm") {
      if (found.rows.some((r) => r.entered_by !== null && Number(r.entered_by) === actor.id)) return { ok: false, reason: "ownEntry" };
      await tx.execute(sql`update budget_ballots set confirmed_by = ${actor.id}, confirmed_at = now(), checked_out_at = now(), updated_at = now() where id = any(${sql.param(ids)}::bigint[])`);
    } else {
      await tx.execute(sql`delete from budget_ballots where id = any(${sql.param(ids)}::bigint[])`);
    }
    const budgetId = Number(found.rows[0]?.budget_id);
    const batch = "batch" in target ? target.batch : null;
    await audit(tx, {
      actorId: actor.id,
      action: `budget.paper_ballot.${decision}${batch ? "_batch" : ""}`,
      resourceType: "budget",
      resourceId: budgetId,
      spaceId: place.spaceId,
      ...(decision === "reject"
        ? { before: { batch, ballots: found.rows.map((r) => ({ id: Number(r.id), sheet: r.voter_ref, pollingPlace: r.polling_place, enteredBy: r.entered_by === null ? null : Number(r.entered_by), items: r.items })) } }
        : { after: { batch, ballots: ids, sheets: found.rows.map((r) => r.voter_ref) } }),
      ip: actor.ip,
    });
    return { ok: true, count: ids.length };
  });
}

export interface BallotCounts {
  online: number;
  paperConfirmed: number;
  paperWaiting: number;
  imported: number;
  total: number;
}

export interface PaperCounts {
  budgets: Array<{ id: number; title: Translatable; counts: BallotCounts }>;
  places: Array<{ budgetId: number; place: string; confirmed: number; waiting: number }>;
}

/** Ballots per budget and channel, and paper ballots per polling place: one grouped query. */
export async function paperCounts(db: Db, componentId: number): Promise<PaperCounts> {
  const rows = await db.execute<{ budget_id: string; title: Translatable; place: string | null; by_place: number; online: string; paper_confirmed: string; paper_waiting: string; imported: string }>(sql`
    select b.id as budget_id, min(b.title::text)::jsonb as title, bb.polling_place as place, grouping(bb.polling_place) as by_place,
      count(bb.id) filter (where bb.channel = 'online' and bb.checked_out_at is not null) as online,
      count(bb.id) filter (where bb.channel = 'paper' and bb.confirmed_at is not null) as paper_confirmed,
      count(bb.id) filter (where bb.channel = 'paper' and bb.confirmed_at is null) as paper_waiting,
      count(bb.id) filter (where bb.channel = 'import') as imported
    from budgets b left join budget_ballots bb on bb.budget_id = b.id
    where b.component_id = ${componentId}
    group by grouping sets ((b.id), (b.id, bb.polling_place))
    order by min(b.weight), b.id, bb.polling_place nulls first`);
  const out: PaperCounts = { budgets: [], places: [] };
  for (const r of rows.rows) {
    const n = (v: string) => Number(v);
    if (r.by_place === 1) {
      const online = n(r.online);
      const paperConfirmed = n(r.paper_confirmed);
      const imported = n(r.imported);
      out.budgets.push({ id: Number(r.budget_id), title: r.title, counts: { online, paperConfirmed, paperWaiting: n(r.paper_waiting), imported, total: online + paperConfirmed + imported } });
    } else if (r.place !== null && n(r.paper_confirmed) + n(r.paper_waiting) > 0) {
      out.places.push({ budgetId: Number(r.budget_id), place: r.place, confirmed: n(r.paper_confirmed), waiting: n(r.paper_waiting) });
    }
  }
  return out;
}

export interface WaitingBallot {
  id: number;
  budgetId: number;
  sheet: string;
  place: string;
  enteredBy: number | null;
  enteredByName: string | null;
  enteredAt: Date;
  items: Array<{ ref: string; title: Translatable; points: number; rank: number | null }>;
}

export interface WaitingBatch {
  batch: string;
  budgetId: number;
  places: string[];
  count: number;
  enteredBy: number | null;
  enteredByName: string | null;
  enteredAt: Date;
}

export const WAITING_SHOWN = 200;

/** Paper ballots awaiting confirmation: one by one (the newest WAITING_SHOWN, with their marks) and the CSV batches. Two queries. */
export async function listWaiting(db: Db, componentId: number): Promise<{ ballots: WaitingBallot[]; batches: WaitingBatch[] }> {
  const [single, batches] = await Promise.all([
    db.execute<{ id: string; budget_id: string; voter_ref: string; polling_place: string | null; entered_by: string | null; name: string | null; created_at: string; items: WaitingBallot["items"] | null }>(sql`
      select bb.id, bb.budget_id, bb.voter_ref, bb.polling_place, bb.entered_by, u.name, bb.created_at,
        (select json_agg(json_build_object('ref', coalesce(p.external_id, p.id::text), 'title', p.title, 'points', i.points, 'rank', i.rank) order by i.rank nulls last, p.weight, p.id)
           from budget_ballot_items i join budget_projects p on p.id = i.project_id where i.ballot_id = bb.id) as items
      from budget_ballots bb join budgets b on b.id = bb.budget_id left join users u on u.id = bb.entered_by
      where b.component_id = ${componentId} and bb.channel = 'paper' and bb.confirmed_at is null and bb.extra->>'batch' is null
      order by bb.id desc limit ${WAITING_SHOWN}`),
    db.execute<{ batch: string; budget_id: string; places: string[]; count: string; entered_by: string | null; name: string | null; created_at: string }>(sql`
      select bb.extra->>'batch' as batch, min(bb.budget_id) as budget_id, array_agg(distinct coalesce(bb.polling_place, '')) as places, count(*) as count,
        min(bb.entered_by) as entered_by, min(u.name) as name, min(bb.created_at) as created_at
      from budget_ballots bb join budgets b on b.id = bb.budget_id left join users u on u.id = bb.entered_by
      where b.component_id = ${componentId} and bb.channel = 'paper' and bb.confirmed_at is null and bb.extra->>'batch' is not null
      group by bb.extra->>'batch' order by min(bb.id) desc`),
  ]);
  return {
    ballots: single.rows.map((r) => ({
      id: Number(r.id),
      budgetId: Number(r.budget_id),
      sheet: r.voter_ref,
      place: r.polling_place ?? "",
      enteredBy: r.entered_by === null ? null : Number(r.entered_by),
      enteredByName: r.name,
      enteredAt: new Date(r.created_at),
      items: r.items ?? [],
    })),
    batches: batches.rows.map((r) => ({ batch: r.batch, budgetId: Number(r.budget_id), places: r.places, count: Number(r.count), enteredBy: r.entered_by === null ? null : Number(r.entered_by), enteredByName: r.name, enteredAt: new Date(r.created_at) })),
  };
}
