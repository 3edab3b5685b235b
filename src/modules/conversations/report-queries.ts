/**
 * What a conversation's report needs, in four queries whatever its size: the conversation, the
 * activity per day, the statements with their vote counts, the latest tick's blob.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { DayActivity, ReportStatement } from "./report-model";

export interface ReportConversation {
  id: number;
  topic: Translatable;
  description: Translatable;
  reportPublic: boolean;
  published: boolean;
  participants: number;
  votes: number;
}

/** The component's conversation `id`, published or not (the route decides who sees it). */
export async function findReportConversation(db: Db, componentId: number, id: number): Promise<ReportConversation | null> {
  const r = await db.execute<{ id: string; topic: Translatable; description: Translatable; report_public: boolean; published: boolean; participants: string; votes: string }>(sql`
    select cv.id, cv.topic, cv.description, cv.report_public, cv.published_at is not null as published,
      (select count(*) from conversation_participants p where p.conversation_id = cv.id) as participants,
      (select count(*) from conversation_votes v where v.conversation_id = cv.id) as votes
    from conversations cv where cv.id = ${id} and cv.component_id = ${componentId}`);
  const c = r.rows[0];
  return c ? { id: Number(c.id), topic: c.topic, description: c.description, reportPublic: c.report_public, published: c.published, participants: Number(c.participants), votes: Number(c.votes) } : null;
}

/** At most this many days are listed (the latest ones). */
export const MAX_DAYS = 366;

export interface ReportData {
  days: DayActivity[];
  statements: ReportStatement[];
  blob: Record<string, unknown> | null;
  mathTick: number | null;
  computedAt: Date | null;
}

export async function loadReport(db: Db, conversationId: number): Promise<ReportData> {
  const [days, statements, math] = await Promise.all([
    db.execute<{ day: string; votes: string; voters: string; new_participants: string }>(sql`
      with v as (select pid, created_at from conversation_votes where conversation_id = ${conversationId}),
      daily as (select (created_at at time zone 'UTC')::date as day, count(*) as votes, count(distinct pid) as voters from v group by 1),
      firsts as (select day, count(*) as n from (select pid, min((created_at at time zone 'UTC')::date) as day from v group by pid) f group by day)
      select to_char(d.day, 'YYYY-MM-DD') as day, d.votes, d.voters, coalesce(f.n, 0) as new_participants
      from daily d left join firsts f on f.day = d.day order by d.day desc limit ${MAX_DAYS}`),
    db.execute<{ tid: number; text: string; state: ReportStatement["state"]; is_meta: boolean; agree: string; disagree: string; pass: string }>(sql`
      select s.tid, s.text, s.state, s.is_meta, coalesce(t.agree, 0) as agree, coalesce(t.disagree, 0) as disagree, coalesce(t.pass, 0) as pass
      from conversation_statements s
      left join (select tid, count(*) filter (where value = 1) as agree, count(*) filter (where value = -1) as disagree, count(*) filter (where value = 0) as pass
                 from conversation_votes where conversation_id = ${conversationId} group by tid) t on t.tid = s.tid
      where s.conversation_id = ${conversationId} order by s.tid`),
    db.execute<{ pca2: Record<string, unknown>; math_tick: number; computed_at: Date | string }>(sql`
      select pca2, math_tick, computed_at from conversation_math where conversation_id = ${conversationId}`),
  ]);
  const m = math.rows[0];
  return {
    days: days.rows.reverse().map((d) => ({ day: d.day, votes: Number(d.votes), voters: Number(d.voters), newParticipants: Number(d.new_participants) })),
    statements: statements.rows.map((s) => ({ tid: s.tid, text: s.text, state: s.state, isMeta: s.is_meta, agree: Number(s.agree), disagree: Number(s.disagree), pass: Number(s.pass) })),
    blob: m?.pca2 ?? null,
    mathTick: m?.math_tick ?? null,
    computedAt: m ? new Date(m.computed_at) : null,
  };
}

/** Whether the public may read the conversation's report: the conversation is public (queries.ts) and its report too. */
export async function isPublicReport(db: Db, id: number): Promise<boolean> {
  const r = await db.execute(sql`select 1 from conversations where id = ${id} and report_public`);
  if (r.rows.length === 0) return false;
  const { isPublicConversation } = await import("./queries");
  return isPublicConversation(db, id);
}
