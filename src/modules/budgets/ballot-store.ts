/**
 * A person's online ballot in a budget: reading it, adding and removing projects, points and ranks,
 * checking it out and taking it back. The rules are ballot-rules.ts's; this module only reads what
 * they need and writes what they allow.
 *
 * Concurrency: one ballot per person and budget (the unique index on (budget_id, user_id)); every change
 * first upserts that row, which locks it, so a person's requests go one at a time and a ballot checked
 * out by one request is seen as such by the next. The workflow "vote in one budget" also takes an
 * advisory lock per person and component before it looks at the person's other budgets, so two
 * checkouts in two budgets at once cannot both pass.
 *
 * Checkout with the whole ballot in one request (`checkoutWith`) is the voting path under load: the
 * budget and its projects' costs from the instance's memory (rules-cache.ts), then one prepared
 * statement: the upsert that checks the ballot out, and one multi-row insert of its items (an upsert
 * and a delete when a ballot was already being filled). Checkouts that
 * arrive together share that statement (group commit, src/db/batcher.ts): one commit and one lock of
 * each voted project row (the items' foreign keys) for the whole batch, each voter answered only once
 * the batch committed. Every thousand ballots, ballot-tables-planner.ts checks that PostgreSQL's
 * statistics of the ballot tables still roughly fit them (the items' foreign-key checks are planned from them).
 */
import { sql } from "drizzle-orm";
import { Batcher, type Failed, unwrapWritten, writeInRounds } from "../../db/batcher";
import type { Db } from "../../db/client";
import { runNamed } from "../../db/named";
import type { Translatable } from "../../core/i18n/locales";
import { ballotsWritten } from "./ballot-tables-planner";
import { canAdd, canChange, moveRank, validateBallot, type BallotBudget, type BallotError, type BallotItem, type RuleValues } from "./ballot-rules";

export type StoreErrorKey = "budgets.ballot.error.checkedOut" | "budgets.ballot.error.otherBudget" | "budgets.ballot.error.unknownProject" | "budgets.ballot.error.notInBallot";
export interface StoreError {
  key: BallotError["key"] | StoreErrorKey;
  values: RuleValues;
}
export type StoreResult<T = null> = { ok: true; value: T } | { ok: false; errors: StoreError[] };

/** The budget as the store needs it: the rules' view and where it lives. */
export interface StoreBudget extends BallotBudget {
  id: number;
  componentId: number;
}

export interface BallotLine extends BallotItem {
  title: Translatable;
}
export interface PersonBallot {
  id: number;
  checkedOutAt: Date | null;
  /** In rank order for ordinal ballots, else in the order they were added. */
  items: BallotLine[];
}

/** What a voter sends: projects with their points (cumulative) or ranks (ordinal). */
export interface WantedItem {
  projectId: number;
  points?: number | undefined;
  rank?: number | undefined;
}

const okv = <T>(value: T): StoreResult<T> => ({ ok: true, value });
const refuse = (key: StoreError["key"], values: RuleValues = {}): StoreResult<never> => ({ ok: false, errors: [{ key, values }] });
const fromCheck = (check: { ok: true } | { ok: false; errors: BallotError[] }): { ok: false; errors: StoreError[] } | null => (check.ok ? null : { ok: false, errors: check.errors });

/** The person's ballot in the budget with its projects (one query), or null. */
export async function loadBallot(db: Db, budgetId: number, userId: number): Promise<PersonBallot | null> {
  const r = await db.execute<{ id: string; checked_out_at: string | null; items: Array<{ project_id: number; cost: string | number; points: number; rank: number | null; title: Translatable }> }>(sql`
    select b.id, b.checked_out_at,
      coalesce(jsonb_agg(jsonb_build_object('project_id', i.project_id, 'cost', p.cost, 'points', i.points, 'rank', i.rank, 'title', p.title)
        order by i.rank nulls last, i.created_at, i.project_id) filter (where i.project_id is not null), '[]'::jsonb) as items
    from budget_ballots b
    left join budget_ballot_items i on i.ballot_id = b.id
    left join budget_projects p on p.id = i.project_id
    where b.budget_id = ${budgetId} and b.user_id = ${userId}
    group by b.id`);
  const row = r.rows[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    checkedOutAt: row.checked_out_at ? new Date(row.checked_out_at) : null,
    items: row.items.map((i) => ({ projectId: Number(i.project_id), cost: Number(i.cost), points: i.points, rank: i.rank, title: i.title })),
  };
}

/** The person's ballot row, created if needed, locked for the transaction. */
async function openBallot(tx: Db, budgetId: number, userId: number): Promise<{ id: number; checkedOut: boolean }> {
  const r = await tx.execute<{ id: string; checked_out_at: string | null }>(sql`
    insert into budget_ballots (budget_id, user_id, channel) values (${budgetId}, ${userId}, 'online')
    on conflict (budget_id, user_id) where user_id is not null do update set updated_at = now()
    returning id, checked_out_at`);
  const row = r.rows[0];
  if (!row) throw new Error("ballot upsert returned nothing");
  return { id: Number(row.id), checkedOut: row.checked_out_at !== null };
}

async function itemsOf(tx: Db, ballotId: number): Promise<BallotItem[]> {
  const r = await tx.execute<{ project_id: string; cost: string | number; points: number; rank: number | null }>(sql`
    select i.project_id, p.cost, i.points, i.rank from budget_ballot_items i join budget_projects p on p.id = i.project_id
    where i.ballot_id = ${ballotId} order by i.rank nulls last, i.created_at, i.project_id`);
  return r.rows.map((x) => ({ projectId: Number(x.project_id), cost: Number(x.cost), points: x.points, rank: x.rank }));
}

/** The budget's visible projects among these ids, with their cost. */
async function projectCosts(db: Db, budgetId: number, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ id: string; cost: string | number }>(sql`
    select id, cost from budget_projects where budget_id = ${budgetId} and hidden_at is null and id = any(${sql.param(ids)}::bigint[])`);
  return new Map(r.rows.map((x) => [Number(x.id), Number(x.cost)]));
}

/** Workflow "one": the person checked out a ballot in another budget of the component. */
async function votedElsewhere(tx: Db, budget: StoreBudget, userId: number, lock: boolean): Promise<boolean> {
  if (lock) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`budgets:${budget.componentId}:${userId}`}, 0))`);
  const r = await tx.execute(sql`
    select 1 from budget_ballots b join budgets g on g.id = b.budget_id
    where g.component_id = ${budget.componentId} and b.user_id = ${userId} and b.budget_id <> ${budget.id} and b.checked_out_at is not null limit 1`);
  return r.rows.length > 0;
}

export interface StoreOptions {
  /** The component's workflow is "vote in one budget": a vote elsewhere closes this budget. */
  onlyOne: boolean;
}

/**
 * Opens the person's ballot for a change: refused once checked out, or when they voted in another
 * budget and may vote in one only.
 */
async function forChange(tx: Db, budget: StoreBudget, userId: number, opts: StoreOptions): Promise<StoreResult<{ id: number; items: BallotItem[] }>> {
  const ballot = await openBallot(tx, budget.id, userId);
  if (ballot.checkedOut) return refuse("budgets.ballot.error.checkedOut");
  if (opts.onlyOne && (await votedElsewhere(tx, budget, userId, false))) return refuse("budgets.ballot.error.otherBudget");
  return okv({ id: ballot.id, items: await itemsOf(tx, ballot.id) });
}

async function writeRanks(tx: Db, ballotId: number, items: BallotItem[]): Promise<void> {
  if (items.length === 0) return;
  await tx.execute(sql`
    update budget_ballot_items i set rank = v.rank
    from unnest(${sql.param(items.map((x) => x.projectId))}::bigint[], ${sql.param(items.map((x) => x.rank))}::int[]) as v(project_id, rank)
    where i.ballot_id = ${ballotId} and i.project_id = v.project_id`);
}

/** Adds a project (knapsack, approval; cumulative with `points`, ordinal at the end or at `rank`). */
export async function addProject(db: Db, budget: StoreBudget, userId: number, want: WantedItem, opts: StoreOptions): Promise<StoreResult> {
  return db.transaction(async (tx) => {
    const open = await forChange(tx, budget, userId, opts);
    if (!open.ok) return open;
    const cost = (await projectCosts(tx, budget.id, [want.projectId])).get(want.projectId);
    if (cost === undefined) return refuse("budgets.ballot.error.unknownProject");
    const { items, id } = open.value;
    const points = budget.voteType === "cumulative" ? (want.points ?? 1) : 1;
    const refused = fromCheck(canAdd(budget, items, { projectId: want.projectId, cost, points }));
    if (refused) return refused;
    const rank = budget.voteType === "ordinal" ? items.length + 1 : null;
    await tx.execute(sql`insert into budget_ballot_items (ballot_id, project_id, points, rank) values (${id}, ${want.projectId}, ${points}, ${rank}) on conflict do nothing`);
    if (budget.voteType === "ordinal" && want.rank !== undefined && want.rank !== rank) {
      await writeRanks(tx, id, moveRank([...items, { projectId: want.projectId, cost, points, rank }], want.projectId, want.rank));
    }
    return okv(null);
  });
}

/** Removes a project (ranks close up behind it). */
export async function removeProject(db: Db, budget: StoreBudget, userId: number, projectId: number): Promise<StoreResult> {
  return db.transaction(async (tx) => {
    const ballot = await openBallot(tx, budget.id, userId);
    if (ballot.checkedOut) return refuse("budgets.ballot.error.checkedOut");
    const removed = await tx.execute(sql`delete from budget_ballot_items where ballot_id = ${ballot.id} and project_id = ${projectId} returning project_id`);
    if (removed.rows.length === 0) return refuse("budgets.ballot.error.notInBallot");
    if (budget.voteType === "ordinal") await writeRanks(tx, ballot.id, moveRank(await itemsOf(tx, ballot.id), -1, 0));
    return okv(null);
  });
}

/** Cumulative: gives `points` to a project (adding it when absent; 0 takes it out). */
export async function setPoints(db: Db, budget: StoreBudget, userId: number, projectId: number, points: number, opts: StoreOptions): Promise<StoreResult> {
  if (points === 0) return removeProject(db, budget, userId, projectId);
  return db.transaction(async (tx) => {
    const open = await forChange(tx, budget, userId, opts);
    if (!open.ok) return open;
    const { items, id } = open.value;
    const current = items.find((i) => i.projectId === projectId);
    if (!current) {
      const cost = (await projectCosts(tx, budget.id, [projectId])).get(projectId);
      if (cost === undefined) return refuse("budgets.ballot.error.unknownProject");
      const refused = fromCheck(canAdd(budget, items, { projectId, cost, points }));
      if (refused) return refused;
      await tx.execute(sql`insert into budget_ballot_items (ballot_id, project_id, points) values (${id}, ${projectId}, ${points})`);
      return okv(null);
    }
    const refused = fromCheck(canChange(budget, items.map((i) => (i.projectId === projectId ? { ...i, points } : i))));
    if (refused) return refused;
    await tx.execute(sql`update budget_ballot_items set points = ${points} where ballot_id = ${id} and project_id = ${projectId}`);
    return okv(null);
  });
}

/** Ordinal: puts a project at `rank` (adding it when absent; 0 takes it out); the others keep their order. */
export async function setRank(db: Db, budget: StoreBudget, userId: number, projectId: number, rank: number, opts: StoreOptions): Promise<StoreResult> {
  if (rank === 0) return removeProject(db, budget, userId, projectId);
  const open = await db.transaction(async (tx) => {
    const o = await forChange(tx, budget, userId, opts);
    if (!o.ok) return o;
    if (o.value.items.some((i) => i.projectId === projectId)) {
      await writeRanks(tx, o.value.id, moveRank(o.value.items, projectId, rank));
      return okv(true);
    }
    return okv(false);
  });
  if (!open.ok) return open;
  return open.value ? okv(null) : addProject(db, budget, userId, { projectId, rank }, opts);
}

/** Checks out the ballot as it was filled (the summary page's confirmation). `already`: it was checked out before. */
export async function checkoutBallot(db: Db, budget: StoreBudget, userId: number, opts: StoreOptions): Promise<StoreResult<{ already: boolean }>> {
  return db.transaction(async (tx) => {
    if (opts.onlyOne && (await votedElsewhere(tx, budget, userId, true))) return refuse("budgets.ballot.error.otherBudget");
    const ballot = await openBallot(tx, budget.id, userId);
    if (ballot.checkedOut) return okv({ already: true });
    const refused = fromCheck(validateBallot(budget, await itemsOf(tx, ballot.id)));
    if (refused) return refused;
    await tx.execute(sql`update budget_ballots set checked_out_at = now(), updated_at = now() where id = ${ballot.id}`);
    return okv({ already: false });
  });
}

/**
 * The items a voter sent, checked against the budget's projects and rules (no transaction needed).
 * `known`: the costs of the budget's visible projects known already (rules-cache.ts), else read here.
 */
export async function resolveWanted(db: Db, budget: StoreBudget, wanted: WantedItem[], known?: ReadonlyMap<number, number>): Promise<StoreResult<BallotItem[]>> {
  const costs = known ?? (await projectCosts(db, budget.id, [...new Set(wanted.map((w) => w.projectId))]));
  const items: BallotItem[] = [];
  for (const [k, w] of wanted.entries()) {
    const cost = costs.get(w.projectId);
    if (cost === undefined) return refuse("budgets.ballot.error.unknownProject");
    const points = budget.voteType === "cumulative" ? (w.points ?? 1) : 1;
    const rank = budget.voteType === "ordinal" ? (w.rank ?? k + 1) : null;
    items.push({ projectId: w.projectId, cost, points, rank });
  }
  const refused = fromCheck(validateBallot(budget, items));
  return refused ?? okv(items);
}

/**
 * Checks out a whole ballot sent in one request, replacing what the person had filled. `items` come
 * from `resolveWanted` (validated). A ballot already checked out is left as it is (`already`).
 * One statement, shared with the checkouts arriving at the same time (`checkoutBatch`): the ballot's
 * upsert (which waits for, and then sees, a concurrent checkout of the same person), the items'
 * multi-row upsert and the removal of the other items of a ballot being filled. The promise settles
 * once that statement committed. Only "vote in one budget" needs a transaction of its own, for its
 * lock and look at the other budgets.
 */
export async function checkoutWith(db: Db, budget: StoreBudget, userId: number, items: BallotItem[], opts: StoreOptions): Promise<StoreResult<{ already: boolean }>> {
  if (!opts.onlyOne) {
    const written = unwrapWritten(await checkoutBatcher(db).submit({ budgetId: budget.id, userId, items }));
    return okv({ already: written });
  }
  return db.transaction(async (tx) => {
    if (await votedElsewhere(tx, budget, userId, true)) return refuse("budgets.ballot.error.otherBudget");
    const [already] = await writeCheckouts(db, [{ budgetId: budget.id, userId, items }], tx);
    return okv({ already: already ?? true });
  });
}

/** A whole ballot to check out. */
interface PendingCheckout {
  budgetId: number;
  userId: number;
  items: BallotItem[];
}

/**
 * The checkout statement (see `writeCheckouts`), its text constant so that it is prepared once per
 * connection. $1, $2: each ballot's budget and person; $3 to $6: the items (the ballot's place in $1,
 * project, points, rank). The items of a ballot this statement creates are plain inserts; only those of
 * a ballot that was being filled are upserted (and its other items removed).
 */
const CHECKOUTS = `
  with v as (
    select * from unnest($1::bigint[], $2::bigint[]) with ordinality as v(budget_id, user_id, k)),
  ballot as (
    insert into budget_ballots (budget_id, user_id, channel, checked_out_at)
    select budget_id, user_id, 'online', now() from v order by budget_id, user_id
    on conflict (budget_id, user_id) where user_id is not null do update set checked_out_at = now(), updated_at = now()
      where budget_ballots.checked_out_at is null
    returning id, budget_id, user_id, (xmax = 0) as inserted),
  w as (
    select b.id as ballot_id, b.inserted, x.project_id, x.points, x.rank
    from unnest($3::int[], $4::bigint[], $5::int[], $6::int[]) as x(k, project_id, points, rank)
    join v on v.k = x.k join ballot b on b.budget_id = v.budget_id and b.user_id = v.user_id),
  dropped as (
    delete from budget_ballot_items i using ballot b where i.ballot_id = b.id and not b.inserted
      and not exists (select 1 from w where w.ballot_id = i.ballot_id and w.project_id = i.project_id)),
  added as (
    insert into budget_ballot_items (ballot_id, project_id, points, rank)
    select ballot_id, project_id, points, rank from w where inserted order by ballot_id, project_id),
  changed as (
    insert into budget_ballot_items (ballot_id, project_id, points, rank)
    select ballot_id, project_id, points, rank from w where not inserted order by ballot_id, project_id
    on conflict (ballot_id, project_id) do update set points = excluded.points, rank = excluded.rank)
  select v.k from v join ballot b on b.budget_id = v.budget_id and b.user_id = v.user_id`;

/**
 * Checks out these ballots (of distinct people) in one statement; per ballot, whether it was already
 * checked out. Ballots are upserted in (budget, person) order, so two batches never wait on each other
 * crosswise. `tx`: inside that transaction, else prepared on a connection of the pool.
 */
async function writeCheckouts(db: Db, batch: PendingCheckout[], tx?: Db): Promise<boolean[]> {
  const lines = batch.flatMap((c, k) => c.items.map((i) => ({ k: k + 1, ...i })));
  const values = [batch.map((c) => c.budgetId), batch.map((c) => c.userId), lines.map((l) => l.k), lines.map((l) => l.projectId), lines.map((l) => l.points), lines.map((l) => l.rank)];
  const rows = await runNamed<{ k: string }>(tx ?? db, "budgets.checkouts", CHECKOUTS, values);
  ballotsWritten(db, rows.length);
  const written = new Set(rows.map((x) => Number(x.k)));
  return batch.map((_, k) => !written.has(k + 1));
}

/**
 * A batch of checkouts as they came, in rounds (`writeInRounds`): a person's second checkout in the same
 * batch goes to a later statement; a failed statement (a project deleted meanwhile...) is retried checkout
 * by checkout, so only the one at fault fails.
 */
const checkoutBatch = (db: Db, batch: PendingCheckout[]): Promise<Written[]> =>
  writeInRounds(batch, (c) => `${c.budgetId}:${c.userId}`, (round) => writeCheckouts(db, round), true);

/** Per checkout of a batch: whether it was already checked out, or why its statement failed. */
type Written = boolean | Failed;

const checkoutBatchers = new WeakMap<Db, Batcher<PendingCheckout, Written>>();
function checkoutBatcher(db: Db): Batcher<PendingCheckout, Written> {
  let b = checkoutBatchers.get(db);
  if (!b) checkoutBatchers.set(db, (b = new Batcher((batch) => checkoutBatch(db, batch), { maxBatch: 500, maxInFlight: 2 })));
  return b;
}

/** Takes a checked-out vote back to "being filled", its projects kept (when the step lets people change their vote). */
export async function cancelCheckout(db: Db, budgetId: number, userId: number): Promise<boolean> {
  const r = await db.execute(sql`update budget_ballots set checked_out_at = null, updated_at = now() where budget_id = ${budgetId} and user_id = ${userId} and checked_out_at is not null returning id`);
  return r.rows.length > 0;
}

/**
 * Workflow "random": the budget drawn for the person (drawn now among `budgetIds` on their first visit
 * while voting is open, when `draw`), or null.
 */
export async function assignedBudget(db: Db, componentId: number, userId: number, budgetIds: number[], draw: boolean): Promise<number | null> {
  if (draw && budgetIds.length > 0) {
    const drawn = budgetIds[Math.floor(Math.random() * budgetIds.length)] ?? budgetIds[0];
    const r = await db.execute<{ budget_id: string }>(sql`
      with ins as (insert into budget_assignments (component_id, user_id, budget_id) values (${componentId}, ${userId}, ${drawn}) on conflict do nothing returning budget_id)
      select budget_id from ins union all select budget_id from budget_assignments where component_id = ${componentId} and user_id = ${userId} limit 1`);
    // Null when another request drew at the same moment: its row is committed now.
    if (r.rows[0]) return Number(r.rows[0].budget_id);
  }
  const r = await db.execute<{ budget_id: string }>(sql`select budget_id from budget_assignments where component_id = ${componentId} and user_id = ${userId}`);
  return r.rows[0] ? Number(r.rows[0].budget_id) : null;
}
