/**
 * `pnyx conversations import <dir> --space <slug>`: a Pol.is openData export folder (comments.csv,
 * votes.csv; the other files are ignored) into a new, published conversation of the space's
 * conversations component (created, published, when the space has none). Statements keep their
 * `comment-id` and moderation, participants their `voter-id` / `author-id`, votes their timestamp.
 * Everything goes in one transaction with multi-row array inserts (`unnest`), votes in the order
 * Pol.is reloads them (comment, voter, time), so the first tick reads them as `pnyx opinion compute`
 * does and finds the same groups.
 */
import { readFileSync, existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { LOCALES, type Locale, type Translatable } from "../../core/i18n/locales";
import { headerIndex, InputError, intField, parseCsv, type CsvRecord } from "../../engines/opinion/io/csv";
import { conversationSettings, conversationStepSettings } from "./settings";
import type { StatementState } from "./schema";
import { refreshParticipantsStatistics } from "./votes";

export interface OpenDataFolder {
  statements: Array<{ tid: number; authorPid: number | null; state: StatementState; text: string; created: number }>;
  /** The latest vote of each (voter, comment), in Pol.is's reload order (comment, voter). */
  votes: { pid: Int32Array; tid: Int32Array; value: Int8Array; created: Float64Array };
  pids: number[];
}

function readCsv(file: string): CsvRecord[] {
  if (!existsSync(file)) throw new InputError(file, null, "file not found");
  return parseCsv(readFileSync(file, "utf8"), file);
}

const stateOf = (moderated: number): StatementState => (moderated === 1 ? "accepted" : moderated === -1 ? "rejected" : "unmoderated");

/** Reads and checks the folder; throws InputError (file, line, reason) on bad input. */
export function readOpenDataFolder(dir: string): OpenDataFolder {
  const vFile = join(dir, "votes.csv");
  const vRecs = readCsv(vFile);
  const [ts, tidI, pidI, voteI] = headerIndex(vRecs[0], ["timestamp", "comment-id", "voter-id", "vote"], vFile) as [number, number, number, number];
  const n = vRecs.length - 1;
  const order = new Int32Array(n);
  const rawPid = new Int32Array(n);
  const rawTid = new Int32Array(n);
  const rawVal = new Int8Array(n);
  const rawAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = vRecs[i + 1]!;
    const v = intField(r, voteI, "vote", vFile);
    if (v !== -1 && v !== 0 && v !== 1) throw new InputError(vFile, r.line, `vote ${v} is not -1, 0 or 1`);
    rawAt[i] = intField(r, ts, "timestamp", vFile);
    rawTid[i] = intField(r, tidI, "comment-id", vFile);
    rawPid[i] = intField(r, pidI, "voter-id", vFile);
    rawVal[i] = v;
    order[i] = i;
  }
  order.sort((a, b) => rawTid[a]! - rawTid[b]! || rawPid[a]! - rawPid[b]! || rawAt[a]! - rawAt[b]!);
  // Last vote on a cell wins (the table holds one vote per cell).
  const keep: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const next = order[k + 1];
    if (next !== undefined && rawTid[next] === rawTid[i] && rawPid[next] === rawPid[i]) continue;
    keep.push(i);
  }
  const votes = {
    pid: Int32Array.from(keep, (i) => rawPid[i]!),
    tid: Int32Array.from(keep, (i) => rawTid[i]!),
    value: Int8Array.from(keep, (i) => rawVal[i]!),
    created: Float64Array.from(keep, (i) => rawAt[i]!),
  };

  const cFile = join(dir, "comments.csv");
  const cRecs = readCsv(cFile);
  const [cts, cid, author, mod, body] = headerIndex(cRecs[0], ["timestamp", "comment-id", "author-id", "moderated", "comment-body"], cFile) as [number, number, number, number, number];
  const statements = new Map<number, OpenDataFolder["statements"][number]>();
  for (const r of cRecs.slice(1)) {
    const tid = intField(r, cid, "comment-id", cFile);
    if (statements.has(tid)) throw new InputError(cFile, r.line, `comment-id ${tid} appears twice`);
    const authorRaw = r.fields[author]?.trim() ?? "";
    statements.set(tid, {
      tid,
      authorPid: authorRaw === "" ? null : intField(r, author, "author-id", cFile),
      state: stateOf(intField(r, mod, "moderated", cFile)),
      text: r.fields[body] ?? "",
      created: intField(r, cts, "timestamp", cFile),
    });
  }
  // A vote on a comment missing from comments.csv keeps its statement, empty and unmoderated.
  for (let i = 0; i < votes.tid.length; i++) {
    const tid = votes.tid[i]!;
    if (!statements.has(tid)) statements.set(tid, { tid, authorPid: null, state: "unmoderated", text: "", created: votes.created[i]! });
  }
  const pids = new Set<number>(votes.pid);
  for (const s of statements.values()) if (s.authorPid !== null) pids.add(s.authorPid);
  return { statements: [...statements.values()].sort((a, b) => a.tid - b.tid), votes, pids: [...pids].sort((a, b) => a - b) };
}

export type ImportOutcome =
  | { ok: true; conversationId: number; componentId: number; participants: number; statements: number; votes: number }
  | { ok: false; reason: "space" };

const everywhere = (text: string, first: Locale): Translatable => Object.fromEntries([first, ...LOCALES.filter((l) => l !== first)].map((l) => [l, text]));

/** The Pol.is conversation id of an export, from its summary.csv's `url` line ("https://pol.is/3phdex2kjf"); null when absent. */
export function polisIdOf(dir: string): string | null {
  const file = join(dir, "summary.csv");
  if (!existsSync(file)) return null;
  const line = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .find((l) => l.startsWith("url,"));
  const m = line ? /\/([A-Za-z0-9_-]{1,64})\/?\s*$/.exec(line.slice(4)) : null;
  return m?.[1] ?? null;
}

/** Rows per multi-row insert (each column one array parameter). */
const CHUNK = 50_000;

/**
 * Imports a read folder into a new conversation of the space `slug` (one transaction), then brings the
 * participants' statistics up to date (ADR 48): the votes that follow on the imported conversation are
 * planned on them.
 */
export async function importOpenData(db: Db, dir: string, folder: OpenDataFolder, slug: string): Promise<ImportOutcome> {
  const outcome = await importInOne(db, dir, folder, slug);
  // Committed by now: a failed look (a timeout, a lost connection) must not report the import failed.
  if (outcome.ok) await refreshParticipantsStatistics(db).catch(() => false);
  return outcome;
}

function importInOne(db: Db, dir: string, folder: OpenDataFolder, slug: string): Promise<ImportOutcome> {
  return db.transaction(async (tx) => {
    const found = await tx.execute<{ id: string; locale: Locale | null }>(sql`
      select s.id, (select o.default_locale from organizations o order by o.id limit 1) as locale from spaces s where s.slug = ${slug}`);
    const space = found.rows[0];
    if (!space) return { ok: false, reason: "space" } as const;
    const spaceId = Number(space.id);
    const locale = space.locale ?? "fr";
    // Two imports into a space without the component must not create two.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`conversations-import:${spaceId}`}, 0))`);
    const existing = await tx.execute<{ id: string }>(sql`
      select id from components where space_id = ${spaceId} and manifest = 'conversations' order by weight, id limit 1`);
    let componentId = existing.rows[0] ? Number(existing.rows[0].id) : null;
    if (componentId === null) {
      const settings = { global: conversationSettings.parse({}), defaultStep: conversationStepSettings.parse({}), steps: {} };
      const name: Translatable = { en: "Conversations", fr: "Conversations", nl: "Gesprekken", de: "Gespräche" };
      const comp = await tx.execute<{ id: string }>(sql`
        insert into components (space_id, manifest, name, weight, settings, published_at)
        values (${spaceId}, 'conversations', ${JSON.stringify(name)}::jsonb, (select coalesce(max(weight), -1) + 1 from components where space_id = ${spaceId}),
          ${JSON.stringify(settings)}::jsonb, now())
        returning id`);
      componentId = Number(comp.rows[0]?.id);
    } else {
      // The imported conversation is public: so is its component.
      await tx.execute(sql`update components set published_at = coalesce(published_at, now()) where id = ${componentId}`);
    }
    const maxPid = folder.pids.length ? folder.pids[folder.pids.length - 1]! : -1;
    const maxTid = folder.statements.length ? folder.statements[folder.statements.length - 1]!.tid : -1;
    const conv = await tx.execute<{ id: string }>(sql`
      insert into conversations (component_id, topic, next_pid, next_tid, published_at)
      values (${componentId}, ${JSON.stringify(everywhere(basename(resolve(dir)), locale))}::jsonb, ${maxPid + 1}, ${maxTid + 1}, now())
      returning id`);
    const conversationId = Number(conv.rows[0]?.id);
    // Embed codes naming the Pol.is conversation find this one (the first import of it keeps the id).
    const polisId = polisIdOf(dir);
    if (polisId) {
      await tx.execute(sql`
        update conversations set polis_conversation_id = ${polisId}
        where id = ${conversationId} and not exists (select 1 from conversations where polis_conversation_id = ${polisId})`);
    }

    for (let i = 0; i < folder.pids.length; i += CHUNK) {
      const part = folder.pids.slice(i, i + CHUNK);
      await tx.execute(sql`
        insert into conversation_participants (conversation_id, pid) select ${conversationId}, x from unnest(${sql.param(part)}::int[]) as x`);
    }
    for (let i = 0; i < folder.statements.length; i += CHUNK) {
      const part = folder.statements.slice(i, i + CHUNK);
      await tx.execute(sql`
        insert into conversation_statements (conversation_id, tid, text, author_pid, state, is_seed, created_at, moderated_at)
        select ${conversationId}, x.tid, x.body, x.author, x.state, false, to_timestamp(x.at / 1000.0), case when x.state = 'unmoderated' then null else to_timestamp(x.at / 1000.0) end
        from unnest(${sql.param(part.map((s) => s.tid))}::int[], ${sql.param(part.map((s) => s.text))}::text[], ${sql.param(part.map((s) => s.authorPid))}::int[],
          ${sql.param(part.map((s) => s.state))}::text[], ${sql.param(part.map((s) => s.created))}::float8[]) as x(tid, body, author, state, at)`);
    }
    const v = folder.votes;
    for (let i = 0; i < v.pid.length; i += CHUNK) {
      const end = Math.min(v.pid.length, i + CHUNK);
      // `with ordinality` keeps the arrays' order, so `seq` follows the reload order.
      await tx.execute(sql`
        insert into conversation_votes (conversation_id, pid, tid, value, created_at, updated_at)
        select ${conversationId}, x.pid, x.tid, x.value, to_timestamp(x.at / 1000.0), to_timestamp(x.at / 1000.0)
        from unnest(${sql.param(Array.from(v.pid.subarray(i, end)))}::int[], ${sql.param(Array.from(v.tid.subarray(i, end)))}::int[],
          ${sql.param(Array.from(v.value.subarray(i, end)))}::smallint[], ${sql.param(Array.from(v.created.subarray(i, end)))}::float8[]) with ordinality as x(pid, tid, value, at, ord)
        order by x.ord`);
    }
    await audit(tx, {
      actorId: null,
      action: "conversations.import",
      resourceType: "conversation",
      resourceId: conversationId,
      spaceId,
      after: { componentId, participants: folder.pids.length, statements: folder.statements.length, votes: v.pid.length },
    });
    return { ok: true, conversationId, componentId, participants: folder.pids.length, statements: folder.statements.length, votes: v.pid.length } as const;
  });
}
