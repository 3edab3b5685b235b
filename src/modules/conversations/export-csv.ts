/**
 * A conversation in Pol.is's openData format: participants-votes.csv (one row per participant, the
 * group of the latest tick, a column per statement), comments.csv and votes.csv. Votes are written as
 * exported by Pol.is: 1 agree, -1 disagree, 0 pass. Rows are read in pages (bounded memory, a fixed
 * number of queries per page), so a conversation of 2M votes streams.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { participantGroups } from "../../engines/opinion/ari";

const PAGE = 2_000;

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const line = (fields: Array<string | number | null>): string => `${fields.map(csvField).join(",")}\n`;

/** Pol.is's `datetime` column: the time in words (UTC). */
const datetime = (ms: number): string => new Date(ms).toUTCString();

/** Group id by pid from a math blob (base clusters name participants, group clusters name base clusters). */
export function groupsOfBlob(blob: Record<string, unknown> | null): Map<number, number> {
  if (!blob) return new Map();
  const base = (blob["base-clusters"] ?? {}) as { id?: number[]; members?: number[][] };
  const groups = (blob["group-clusters"] ?? []) as Array<{ id: number; members: number[] }>;
  const baseList = (base.id ?? []).map((id, i) => ({ id, members: base.members?.[i] ?? [] }));
  return participantGroups(baseList, groups);
}

/** participants-votes.csv: `participant,group-id,n-comments,n-votes,n-agree,n-disagree,<tid>...`. */
export async function* participantsVotesCsv(db: Db, conversationId: number): AsyncGenerator<string> {
  const tidRows = await db.execute<{ tid: number }>(sql`select tid from conversation_statements where conversation_id = ${conversationId} order by tid`);
  const tids = tidRows.rows.map((r) => r.tid);
  const column = new Map(tids.map((t, i) => [t, i]));
  const math = await db.execute<{ pca2: Record<string, unknown> }>(sql`select pca2 from conversation_math where conversation_id = ${conversationId}`);
  const groups = groupsOfBlob(math.rows[0]?.pca2 ?? null);
  yield line(["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", ...tids]);
  const authored = await db.execute<{ pid: number; n: string }>(sql`
    select author_pid as pid, count(*) as n from conversation_statements where conversation_id = ${conversationId} and author_pid is not null group by author_pid`);
  const nComments = new Map(authored.rows.map((r) => [r.pid, Number(r.n)]));
  let after = -1;
  for (;;) {
    const page = await db.execute<{ pid: number; tids: number[] | null; vals: number[] | null }>(sql`
      select p.pid, v.tids, v.vals
      from conversation_participants p
      left join lateral (select array_agg(cv.tid) as tids, array_agg(cv.value) as vals from conversation_votes cv
        where cv.conversation_id = p.conversation_id and cv.pid = p.pid) v on true
      where p.conversation_id = ${conversationId} and p.pid > ${after}
      order by p.pid limit ${PAGE}`);
    let out = "";
    for (const r of page.rows) {
      const cells: Array<number | null> = new Array<number | null>(tids.length).fill(null);
      let agree = 0;
      let disagree = 0;
      const vt = r.tids ?? [];
      const vv = r.vals ?? [];
      for (let i = 0; i < vt.length; i++) {
        const c = column.get(vt[i]!);
        if (c !== undefined) cells[c] = vv[i]!;
        if (vv[i] === 1) agree++;
        else if (vv[i] === -1) disagree++;
      }
      const authoredHere = nComments.get(r.pid) ?? 0;
      // Pol.is lists the people who took part: voters and authors.
      if (vt.length === 0 && authoredHere === 0) continue;
      out += line([r.pid, groups.get(r.pid) ?? null, authoredHere, vt.length, agree, disagree, ...cells]);
    }
    if (out) yield out;
    if (page.rows.length < PAGE) return;
    after = page.rows[page.rows.length - 1]!.pid;
  }
}

/** comments.csv: `timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body`. */
export async function* commentsCsv(db: Db, conversationId: number): AsyncGenerator<string> {
  yield line(["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"]);
  const rows = await db.execute<{ ms: string; tid: number; author_pid: number | null; agrees: string; disagrees: string; state: string; text: string }>(sql`
    select (extract(epoch from s.created_at) * 1000)::bigint as ms, s.tid, s.author_pid, s.state, s.text,
      coalesce(t.agrees, 0) as agrees, coalesce(t.disagrees, 0) as disagrees
    from conversation_statements s
    left join (select tid, count(*) filter (where value = 1) as agrees, count(*) filter (where value = -1) as disagrees
               from conversation_votes where conversation_id = ${conversationId} group by tid) t on t.tid = s.tid
    where s.conversation_id = ${conversationId}
    order by s.created_at desc, s.tid desc`);
  let out = "";
  for (const r of rows.rows) {
    const moderated = r.state === "accepted" ? 1 : r.state === "rejected" ? -1 : 0;
    out += line([r.ms, datetime(Number(r.ms)), r.tid, r.author_pid, r.agrees, r.disagrees, moderated, r.text]);
  }
  yield out;
}

/** votes.csv: `timestamp,datetime,comment-id,voter-id,vote`, in the order the votes were recorded (an import's: comment, voter). */
export async function* votesCsv(db: Db, conversationId: number): AsyncGenerator<string> {
  yield line(["timestamp", "datetime", "comment-id", "voter-id", "vote"]);
  let after = 0;
  for (;;) {
    const page = await db.execute<{ ms: string; pid: number; tid: number; value: number; seq: string }>(sql`
      select (extract(epoch from updated_at) * 1000)::bigint as ms, pid, tid, value, seq from conversation_votes
      where conversation_id = ${conversationId} and seq > ${after}
      order by seq limit ${PAGE * 10}`);
    let out = "";
    for (const r of page.rows) out += line([r.ms, datetime(Number(r.ms)), r.tid, r.pid, r.value]);
    if (out) yield out;
    if (page.rows.length < PAGE * 10) return;
    after = Number(page.rows[page.rows.length - 1]!.seq);
  }
}

/**
 * report.csv: the report's statements table, `comment-id,comment-body,moderated,meta,agrees,disagrees,passes`
 * then `<group>-agrees,<group>-disagrees,<group>-passes` for each group of the latest tick (A, B...).
 */
export async function* reportCsv(db: Db, conversationId: number): AsyncGenerator<string> {
  const { loadReport } = await import("./report-queries");
  const { reportModel } = await import("./report-model");
  const data = await loadReport(db, conversationId);
  const model = reportModel(data.blob, data.mathTick, data.statements);
  yield line(["comment-id", "comment-body", "moderated", "meta", "agrees", "disagrees", "passes", ...model.groups.flatMap((g) => [`${g.name}-agrees`, `${g.name}-disagrees`, `${g.name}-passes`])]);
  let out = "";
  for (const s of data.statements) {
    const tallies = model.tallies.get(s.tid);
    const moderated = s.state === "accepted" ? 1 : s.state === "rejected" ? -1 : 0;
    out += line([s.tid, s.text, moderated, s.isMeta ? 1 : 0, s.agree, s.disagree, s.pass, ...model.groups.flatMap((_, i) => (tallies?.[i] ? [tallies[i].agree, tallies[i].disagree, tallies[i].pass] : [null, null, null]))]);
  }
  yield out;
}
