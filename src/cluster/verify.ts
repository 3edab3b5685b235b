/**
 * The verifier of the cluster's loads (src/cluster/load.ts): compares each ledger of acknowledged items
 * with what PostgreSQL holds and with what the pages show, per kind:
 *   acknowledged  items the server said it stored;
 *   counted       acknowledged items the database holds, exactly as sent (a signature confirmed, a
 *                 ballot checked out with its projects, a vote with its value);
 *   lost          acknowledged items the database does not hold as sent, plus any shortfall of the
 *                 counts the pages show against the database;
 *   doubled       items held more than once (duplicate rows, a count above its rows);
 *   storedUnacknowledged  items stored although their request failed (a fault cut the answer): fine;
 *   shown / database  the totals the pages show and the database's, after the counting jobs caught up.
 * The pages are read through `base` (nginx): a petition's JSON (its count), the budget's page (each
 * project's "N votes") and the conversation's votes.csv (every vote).
 */
import type pg from "pg";
import { canonicalEmail } from "../modules/petitions/tokens";
import { request, type BallotItem, type Ledger, type SignatureItem, type VoteItem } from "./load";
import type { LoadFixture } from "./load-fixture";

export interface KindReport {
  acknowledged: number;
  counted: number;
  doubled: number;
  lost: number;
  storedUnacknowledged: number;
  /** The pages' total (signatures counted, ballots' project votes, votes listed); null when unreadable. */
  shown: number | null;
  database: number;
  /** Every figure the pages show equals the database's (per petition, project, statement and value). */
  shownEqualsDatabase: boolean;
}

export interface LoadReport {
  signatures: KindReport;
  ballots: KindReport;
  votes: KindReport;
  /** The petitions' count journal was folded into their totals before the deadline. */
  countsCaughtUp: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until it gives true or `ms` passes; the last value. */
async function settle(read: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await read().catch(() => false);
    if (ok || Date.now() > end) return ok;
    await sleep(250);
  }
}

async function signatures(db: pg.Pool, base: string, fixture: LoadFixture, ledger: Ledger<SignatureItem> | undefined, waitMs: number): Promise<{ report: KindReport; caughtUp: boolean }> {
  const ids = fixture.petitionIds;
  // The count job folds the journal every second: wait until it has (what lists and totals read).
  const caughtUp = await settle(async () => (await db.query<{ n: number }>("select count(*)::int as n from petition_count_deltas where petition_id = any($1::bigint[])", [ids])).rows[0]?.n === 0, waitMs);
  const rows = await db.query<{ petition_id: string; canonical_email: string; confirmed: number; n: number }>(
    `select petition_id, canonical_email, count(*) filter (where state = 'confirmed')::int as confirmed, count(*)::int as n
     from petition_signatures where petition_id = any($1::bigint[]) group by 1, 2`,
    [ids],
  );
  const held = new Map(rows.rows.map((r) => [`${r.petition_id} ${r.canonical_email}`, r]));
  let doubled = rows.rows.reduce((a, r) => a + Math.max(0, r.n - 1), 0);
  let counted = 0;
  const acked = new Set<string>();
  for (const s of ledger?.acknowledged ?? []) {
    const k = `${s.petitionId} ${canonicalEmail(s.email).canonical}`;
    acked.add(k);
    if ((held.get(k)?.confirmed ?? 0) >= 1) counted++;
  }
  const confirmedBy = new Map<number, number>(ids.map((id) => [id, 0]));
  let storedUnacknowledged = 0;
  for (const r of rows.rows) {
    confirmedBy.set(Number(r.petition_id), (confirmedBy.get(Number(r.petition_id)) ?? 0) + r.confirmed);
    if (r.confirmed > 0 && !acked.has(`${r.petition_id} ${r.canonical_email}`)) storedUnacknowledged++;
  }
  // What the database counts (folded totals + journal) and what the pages show, per petition.
  const totals = await db.query<{ id: string; total: number; aggregated: number }>(
    `select p.id, p.signatures_total::int as total,
       (coalesce((select sum(count) from petition_counts c where c.petition_id = p.id), 0) + coalesce((select sum(delta) from petition_count_deltas d where d.petition_id = p.id), 0))::int as aggregated
     from petitions p where p.id = any($1::bigint[])`,
    [ids],
  );
  let lost = (ledger?.acknowledged.length ?? 0) - counted;
  let equal = true;
  let shown = 0;
  for (const t of totals.rows) {
    const rowsConfirmed = confirmedBy.get(Number(t.id)) ?? 0;
    doubled += Math.max(0, t.aggregated - rowsConfirmed);
    lost += Math.max(0, rowsConfirmed - t.aggregated);
    if (caughtUp && t.total !== rowsConfirmed) equal = false;
    // The page's count (its JSON), read until it shows the database's (the visitor cache lasts 2 s).
    let page = -1;
    await settle(async () => {
      const res = await request(base, "GET", `/api/petitions/${t.id}`, { accept: "application/json" });
      page = res.status === 200 ? (JSON.parse(res.body) as { data: { counts: { total: number } } }).data.counts.total : -1;
      return page === rowsConfirmed;
    }, 15_000);
    if (page !== rowsConfirmed) equal = false;
    shown += Math.max(0, page);
  }
  const database = [...confirmedBy.values()].reduce((a, b) => a + b, 0);
  return { report: { acknowledged: ledger?.acknowledged.length ?? 0, counted, doubled, lost, storedUnacknowledged, shown, database, shownEqualsDatabase: equal }, caughtUp };
}

/** Each project's "N votes" on the budget's page (approval ballots: one vote per ballot naming it). */
function votesOnPage(html: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of html.matchAll(/<li class="budget-project" id="project-(\d+)">[\s\S]*?<p class="budget-project-meta">([\s\S]*?)<\/p>/g)) {
    const meta = m[2]!.replace(/<[^>]+>/g, "");
    const n = /·\s*([\d.,\u00a0\u202f ]+)\s*votes?\b/.exec(meta)?.[1];
    out.set(Number(m[1]), /No vote/.test(meta) ? 0 : n ? Number(n.replace(/\D/g, "")) : -1);
  }
  return out;
}

async function ballots(db: pg.Pool, base: string, fixture: LoadFixture, ledger: Ledger<BallotItem> | undefined): Promise<KindReport> {
  const { budgetId, projectIds } = fixture.budget;
  const rows = await db.query<{ user_id: string; out: boolean; projects: number[]; items: number; distinct_items: number }>(
    `select b.user_id, b.checked_out_at is not null as out,
       coalesce(array_agg(i.project_id::int order by i.project_id) filter (where i.project_id is not null), '{}') as projects,
       count(i.project_id)::int as items, count(distinct i.project_id)::int as distinct_items
     from budget_ballots b left join budget_ballot_items i on i.ballot_id = b.id
     where b.budget_id = $1 and b.channel = 'online' group by b.id, b.user_id, b.checked_out_at`,
    [budgetId],
  );
  const byUser = new Map<string, typeof rows.rows>();
  for (const r of rows.rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  let doubled = 0;
  for (const [, list] of byUser) doubled += list.length - 1 + list.reduce((a, r) => a + (r.items - r.distinct_items), 0);
  let counted = 0;
  const acked = new Set<string>();
  for (const b of ledger?.acknowledged ?? []) {
    acked.add(String(b.userId));
    const r = byUser.get(String(b.userId))?.[0];
    if (r?.out && r.projects.join(",") === [...b.projectIds].sort((x, y) => x - y).join(",")) counted++;
  }
  const storedUnacknowledged = rows.rows.filter((r) => r.out && !acked.has(r.user_id)).length;
  // Votes per project as the database counts them for the page, and as the page shows them.
  const dbVotes = new Map<number, number>(projectIds.map((id) => [id, 0]));
  for (const r of rows.rows) if (r.out) for (const p of r.projects) dbVotes.set(p, (dbVotes.get(p) ?? 0) + 1);
  let page = new Map<number, number>();
  const equal = await settle(async () => {
    const res = await request(base, "GET", fixture.budget.path, { "accept-language": "en" });
    page = res.status === 200 ? votesOnPage(res.body) : new Map();
    return projectIds.every((id) => page.get(id) === dbVotes.get(id));
  }, 15_000);
  const shown = page.size === projectIds.length ? [...page.values()].reduce((a, b) => a + Math.max(0, b), 0) : null;
  const database = [...dbVotes.values()].reduce((a, b) => a + b, 0);
  const acknowledged = ledger?.acknowledged.length ?? 0;
  return { acknowledged, counted, doubled, lost: acknowledged - counted, storedUnacknowledged, shown, database, shownEqualsDatabase: equal };
}

/** The fields of one CSV line (quoted fields may hold commas: the datetime column does). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)) out.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] ?? ""));
  return out;
}

async function votes(db: pg.Pool, base: string, fixture: LoadFixture, ledger: Ledger<VoteItem> | undefined): Promise<KindReport> {
  const { conversationId } = fixture.conversation;
  const rows = await db.query<{ pid: number; tid: number; value: number; n: number }>(
    `select pid, tid, min(value)::int as value, count(*)::int as n from conversation_votes where conversation_id = $1 group by pid, tid`,
    [conversationId],
  );
  const participants = await db.query<{ n: number }>(
    `select coalesce(sum(n - 1), 0)::int as n from (select count(*) as n from conversation_participants where conversation_id = $1 and user_id is not null group by user_id) x`,
    [conversationId],
  );
  const held = new Map(rows.rows.map((r) => [`${r.pid} ${r.tid}`, r]));
  const doubled = rows.rows.reduce((a, r) => a + r.n - 1, 0) + (participants.rows[0]?.n ?? 0);
  let counted = 0;
  const acked = new Set<string>();
  for (const v of ledger?.acknowledged ?? []) {
    const k = `${v.pid} ${v.tid}`;
    acked.add(k);
    if (held.get(k)?.value === v.value) counted++;
  }
  const storedUnacknowledged = rows.rows.filter((r) => !acked.has(`${r.pid} ${r.tid}`)).length;
  // The public export lists every vote: it must list exactly the database's.
  const dbCells = new Set(rows.rows.map((r) => `${r.pid} ${r.tid} ${r.value}`));
  let listed: string[] = [];
  const equal = await settle(async () => {
    const res = await request(base, "GET", `/conversations/${conversationId}/export/votes.csv`);
    if (res.status !== 200) return false;
    listed = res.body
      .trim()
      .split("\n")
      .slice(1)
      .map(csvFields)
      .map((f) => `${f[3]} ${f[2]} ${f[4]}`);
    return listed.length === dbCells.size && listed.every((c) => dbCells.has(c));
  }, 15_000);
  const acknowledged = ledger?.acknowledged.length ?? 0;
  return { acknowledged, counted, doubled, lost: acknowledged - counted, storedUnacknowledged, shown: listed.length, database: rows.rows.length, shownEqualsDatabase: equal };
}

/** Compares the ledgers with the database and the pages; `waitMs`: how long the counting jobs get to catch up. */
export async function verifyLoads(
  db: pg.Pool,
  base: string,
  fixture: LoadFixture,
  ledgers: { signatures?: Ledger<SignatureItem>; ballots?: Ledger<BallotItem>; votes?: Ledger<VoteItem> },
  o: { waitMs?: number } = {},
): Promise<LoadReport> {
  const s = await signatures(db, base, fixture, ledgers.signatures, o.waitMs ?? 120_000);
  return { signatures: s.report, ballots: await ballots(db, base, fixture, ledgers.ballots), votes: await votes(db, base, fixture, ledgers.votes), countsCaughtUp: s.caughtUp };
}
