/**
 * What the voting page needs, in a fixed number of queries whatever the number of statements: the
 * conversation, its statements shown to participants, the participant's votes, the latest tick's
 * comment priorities (how Pol.is routes the next statement).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ModerationMode } from "./schema";
import { pointOfParticipant } from "./map-model";
import { groupOfCluster } from "./map-summary";
import { shownStatement } from "./statements";

export interface PageConversation {
  id: number;
  topic: Translatable;
  description: Translatable;
  anonymousAllowed: boolean;
  strictMode: boolean;
  participantStatements: boolean;
  moderation: ModerationMode;
}

export interface PageStatement {
  tid: number;
  text: string;
  language: string | null;
}

export interface VotingPage {
  conversation: PageConversation;
  /** Statements participants vote on (statements.ts: accepted ones, and unmoderated ones unless strict or pre-moderated). */
  statements: PageStatement[];
  /** The participant's votes by tid (1 agree, -1 disagree, 0 pass). */
  votes: Map<number, number>;
  /** Comment priorities of the latest tick by tid (absent for statements newer than it). */
  priorities: Map<number, number>;
  /** The participant's opinion group in the latest tick, or null (not in one, or no tick yet). */
  group: number | null;
}

/** The published conversation `id` of the component, or null. */
export async function findConversation(db: Db, componentId: number, id: number): Promise<PageConversation | null> {
  const r = await db.execute<{
    id: string;
    topic: Translatable;
    description: Translatable;
    anonymous_allowed: boolean;
    strict_mode: boolean;
    participant_statements: boolean;
    moderation: ModerationMode;
  }>(sql`
    select id, topic, description, anonymous_allowed, strict_mode, participant_statements, moderation from conversations
    where id = ${id} and component_id = ${componentId} and published_at is not null`);
  const c = r.rows[0];
  return c
    ? {
        id: Number(c.id),
        topic: c.topic,
        description: c.description,
        anonymousAllowed: c.anonymous_allowed,
        strictMode: c.strict_mode,
        participantStatements: c.participant_statements,
        moderation: c.moderation,
      }
    : null;
}

/** The participant's pid, by account or anonymous token, without creating one. */
export async function findParticipant(db: Db, conversationId: number, who: { userId: number | null; anonymousToken: string | null }): Promise<number | null> {
  if (who.userId === null && who.anonymousToken === null) return null;
  const match = who.userId !== null ? sql`user_id = ${who.userId}` : sql`anonymous_token = ${who.anonymousToken}`;
  const r = await db.execute<{ pid: number }>(sql`select pid from conversation_participants where conversation_id = ${conversationId} and ${match}`);
  return r.rows[0]?.pid ?? null;
}

export async function loadVotingPage(db: Db, conversation: PageConversation, pid: number | null): Promise<VotingPage> {
  const [statements, votes, math, own] = await Promise.all([
    db.execute<{ tid: number; text: string; language: string | null }>(sql`
      select s.tid, s.text, s.language from conversation_statements s join conversations c on c.id = s.conversation_id
      where s.conversation_id = ${conversation.id} and ${shownStatement("s", "c")}
      order by s.tid`),
    pid === null
      ? Promise.resolve({ rows: [] as Array<{ tid: number; value: number }> })
      : db.execute<{ tid: number; value: number }>(sql`select tid, value from conversation_votes where conversation_id = ${conversation.id} and pid = ${pid}`),
    db.execute<{ priorities: Record<string, number> | null }>(sql`
      select coalesce(summary, pca2::jsonb) -> 'comment-priorities' as priorities from conversation_math where conversation_id = ${conversation.id}`),
    pid === null ? Promise.resolve(null) : loadLatestTick(db, conversation.id, pid),
  ]);
  return {
    conversation,
    statements: statements.rows,
    votes: new Map(votes.rows.map((v) => [v.tid, v.value])),
    priorities: new Map(Object.entries(math.rows[0]?.priorities ?? {}).map(([tid, p]) => [Number(tid), Number(p)])),
    group: own ? groupOfCluster(own.blob, own.cluster) : null,
  };
}

export interface LatestTick {
  mathTick: number;
  /** The tick's summary (map-summary.ts), or its full blob for a tick stored before summaries. */
  blob: Record<string, unknown>;
  /** The base cluster of participant `pid` (when one was asked for), or null. */
  cluster: number | null;
}

/** The conversation's latest tick as the map and group pages read it, or null before the first one. */
export async function loadLatestTick(db: Db, conversationId: number, pid: number | null): Promise<LatestTick | null> {
  const r = await db.execute<{ math_tick: number; blob: Record<string, unknown>; summarised: boolean; cluster: number | null; clustered: boolean }>(sql`
    select math_tick, coalesce(summary, pca2::jsonb) as blob, summary is not null as summarised,
      clusters[${pid ?? -1} + 1] as cluster, clusters is not null as clustered
    from conversation_math where conversation_id = ${conversationId}`);
  const row = r.rows[0];
  if (!row) return null;
  // Without the clusters array (an older tick, very sparse pids), the blob's members lists say it.
  const cluster = pid === null ? null : row.summarised && row.clustered ? row.cluster : await clusterFromBlob(db, conversationId, pid);
  return { mathTick: row.math_tick, blob: row.blob, cluster };
}

async function clusterFromBlob(db: Db, conversationId: number, pid: number): Promise<number | null> {
  const r = await db.execute<{ pca2: Record<string, unknown> }>(sql`select pca2 from conversation_math where conversation_id = ${conversationId}`);
  return r.rows[0] ? pointOfParticipant(r.rows[0].pca2, pid) : null;
}

/** The texts of these statements by tid (one query). */
export async function statementTexts(db: Db, conversationId: number, tids: readonly number[]): Promise<Map<number, PageStatement>> {
  if (tids.length === 0) return new Map();
  const r = await db.execute<{ tid: number; text: string; language: string | null }>(sql`
    select tid, text, language from conversation_statements where conversation_id = ${conversationId} and tid = any(${sql.param([...new Set(tids)])}::int[])`);
  return new Map(r.rows.map((s) => [s.tid, s]));
}

export interface ConversationListItem {
  id: number;
  topic: Translatable;
  description: Translatable;
  statements: number;
  participants: number;
}

/** The component's published conversations, newest first, with their counts (one query). */
export async function listConversations(db: Db, componentId: number): Promise<ConversationListItem[]> {
  const r = await db.execute<{ id: string; topic: Translatable; description: Translatable; statements: number; participants: number }>(sql`
    select c.id, c.topic, c.description,
      (select count(*)::int from conversation_statements s where s.conversation_id = c.id and ${shownStatement("s", "c")}) as statements,
      (select count(*)::int from conversation_participants p where p.conversation_id = c.id) as participants
    from conversations c where c.component_id = ${componentId} and c.published_at is not null order by c.id desc limit 200`);
  return r.rows.map((c) => ({ id: Number(c.id), topic: c.topic, description: c.description, statements: c.statements, participants: c.participants }));
}
