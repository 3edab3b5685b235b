/**
 * The organizers' side of conversations: creating and editing a conversation, adding and editing
 * seed statements, and the reads of the back office (the list, one conversation, its statements a
 * page at a time). Every change is audited in its transaction. Moderation decisions: moderation.ts.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type Result } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import type { Actor } from "../../core/spaces/service";
import type { ConversationInput } from "./admin-inputs";
import type { ModerationMode, StatementState } from "./schema";

export interface Place {
  componentId: number;
  spaceId: number;
}

export interface AdminConversation {
  id: number;
  topic: Translatable;
  description: Translatable;
  participantStatements: boolean;
  moderation: ModerationMode;
  strictMode: boolean;
  anonymousAllowed: boolean;
  reportPublic: boolean;
  published: boolean;
}

export interface ConversationSummary extends AdminConversation {
  statements: number;
  pending: number;
  participants: number;
  votes: number;
  mathTick: number | null;
}

type Row = {
  id: string;
  topic: Translatable;
  description: Translatable;
  participant_statements: boolean;
  moderation: ModerationMode;
  strict_mode: boolean;
  anonymous_allowed: boolean;
  report_public: boolean;
  published: boolean;
};

const COLUMNS = sql`cv.id, cv.topic, cv.description, cv.participant_statements, cv.moderation, cv.strict_mode, cv.anonymous_allowed, cv.report_public, cv.published_at is not null as published`;

const toConversation = (r: Row): AdminConversation => ({
  id: Number(r.id),
  topic: r.topic,
  description: r.description,
  participantStatements: r.participant_statements,
  moderation: r.moderation,
  strictMode: r.strict_mode,
  anonymousAllowed: r.anonymous_allowed,
  reportPublic: r.report_public,
  published: r.published,
});

/** The component's conversations with their counts (one query). */
export async function listConversations(db: Db, componentId: number): Promise<ConversationSummary[]> {
  const r = await db.execute<Row & { statements: string; pending: string; participants: string; votes: string; math_tick: number | null }>(sql`
    select ${COLUMNS},
      (select count(*) from conversation_statements s where s.conversation_id = cv.id) as statements,
      (select count(*) from conversation_statements s where s.conversation_id = cv.id and s.state = 'unmoderated' and not s.is_seed) as pending,
      (select count(*) from conversation_participants p where p.conversation_id = cv.id) as participants,
      (select count(*) from conversation_votes v where v.conversation_id = cv.id) as votes,
      (select m.math_tick from conversation_math m where m.conversation_id = cv.id) as math_tick
    from conversations cv where cv.component_id = ${componentId} order by cv.id desc limit 500`);
  return r.rows.map((x) => ({ ...toConversation(x), statements: Number(x.statements), pending: Number(x.pending), participants: Number(x.participants), votes: Number(x.votes), mathTick: x.math_tick }));
}

/** One conversation of the component, published or not. */
export async function loadConversation(db: Db, componentId: number, id: number): Promise<AdminConversation | null> {
  const r = await db.execute<Row>(sql`select ${COLUMNS} from conversations cv where cv.id = ${id} and cv.component_id = ${componentId}`);
  const row = r.rows[0];
  return row ? toConversation(row) : null;
}

const snapshot = (input: ConversationInput) => ({
  topic: input.topic,
  participantStatements: input.participantStatements,
  moderation: input.moderation,
  strictMode: input.strictMode,
  anonymousAllowed: input.anonymousAllowed,
  reportPublic: input.reportPublic,
  published: input.published,
});

/**
 * Creates (id null) or updates a conversation of the component. A change of strict mode changes
 * which statements count: it bumps the moderation version, so the next tick recomputes.
 */
export async function saveConversation(db: Db, actor: Actor, place: Place, id: number | null, input: ConversationInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    let conversationId: number;
    let before: unknown = null;
    if (id === null) {
      const r = await tx.execute<{ id: string }>(sql`
        insert into conversations (component_id, topic, description, participant_statements, moderation, strict_mode, anonymous_allowed, report_public, published_at)
        values (${place.componentId}, ${JSON.stringify(input.topic)}::jsonb, ${JSON.stringify(input.description)}::jsonb, ${input.participantStatements}, ${input.moderation},
          ${input.strictMode}, ${input.anonymousAllowed}, ${input.reportPublic}, ${input.published ? sql`now()` : sql`null`})
        returning id`);
      conversationId = Number(r.rows[0]?.id);
    } else {
      const old = await tx.execute<Row>(sql`select ${COLUMNS} from conversations cv where cv.id = ${id} and cv.component_id = ${place.componentId} for update`);
      const row = old.rows[0];
      if (!row) return fail({ _form: { key: "conversations.admin.notFound" } });
      const was = toConversation(row);
      before = { topic: was.topic, participantStatements: was.participantStatements, moderation: was.moderation, strictMode: was.strictMode, anonymousAllowed: was.anonymousAllowed, reportPublic: was.reportPublic, published: was.published };
      await tx.execute(sql`
        update conversations set topic = ${JSON.stringify(input.topic)}::jsonb, description = ${JSON.stringify(input.description)}::jsonb,
          participant_statements = ${input.participantStatements}, moderation = ${input.moderation}, strict_mode = ${input.strictMode},
          anonymous_allowed = ${input.anonymousAllowed}, report_public = ${input.reportPublic},
          published_at = case when ${input.published} then coalesce(published_at, now()) else null end,
          moderation_version = moderation_version + ${was.strictMode !== input.strictMode ? 1 : 0}, updated_at = now()
        where id = ${id}`);
      conversationId = id;
    }
    await audit(tx, { actorId: actor.id, action: id === null ? "conversation.create" : "conversation.update", resourceType: "conversation", resourceId: conversationId, spaceId: place.spaceId, before, after: snapshot(input), ip: actor.ip });
    return ok({ id: conversationId });
  });
}

/** Adds seed statements (accepted, in order, numbered by the conversation's counter), one audit entry for the lot. */
export async function addSeedStatements(db: Db, actor: Actor, place: Place, conversationId: number, texts: string[], authorUserId: number | null, language: string | null = null): Promise<Result<{ tids: number[] }>> {
  return db.transaction(async (tx) => {
    const next = await tx.execute<{ first: number }>(sql`
      update conversations set next_tid = next_tid + ${texts.length}, updated_at = now()
      where id = ${conversationId} and component_id = ${place.componentId} returning next_tid - ${texts.length} as first`);
    const first = next.rows[0]?.first;
    if (first === undefined) return fail({ _form: { key: "conversations.admin.notFound" } });
    const tids = texts.map((_, i) => first + i);
    const rows = texts.map((text, i) => sql`(${conversationId}, ${tids[i]!}, ${text}, ${language}::text, ${authorUserId}::bigint, true, 'accepted', now())`);
    await tx.execute(sql`
      insert into conversation_statements (conversation_id, tid, text, language, author_user_id, is_seed, state, moderated_at) values ${sql.join(rows, sql`, `)}`);
    await audit(tx, { actorId: actor.id, action: "conversation_statement.create", resourceType: "conversation", resourceId: conversationId, spaceId: place.spaceId, after: { tids, texts }, ip: actor.ip });
    return ok({ tids });
  });
}

/**
 * Corrects a seed statement's text, refused once anyone has voted on it (their vote was on the
 * words they read).
 */
export async function editSeedStatement(db: Db, actor: Actor, place: Place, conversationId: number, tid: number, text: string): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const found = await tx.execute<{ text: string; is_seed: boolean; voted: boolean }>(sql`
      select s.text, s.is_seed, exists (select 1 from conversation_votes v where v.conversation_id = s.conversation_id and v.tid = s.tid) as voted
      from conversation_statements s join conversations cv on cv.id = s.conversation_id
      where s.conversation_id = ${conversationId} and s.tid = ${tid} and cv.component_id = ${place.componentId} for update of s`);
    const row = found.rows[0];
    if (!row || !row.is_seed) return fail({ _form: { key: "conversations.admin.notFound" } });
    if (row.voted) return fail({ text: { key: "conversations.admin.statement.hasVotes" } });
    await tx.execute(sql`update conversation_statements set text = ${text} where conversation_id = ${conversationId} and tid = ${tid}`);
    await audit(tx, { actorId: actor.id, action: "conversation_statement.update", resourceType: "conversation_statement", resourceId: `${conversationId}:${tid}`, spaceId: place.spaceId, before: { text: row.text }, after: { text }, ip: actor.ip });
    return ok(null);
  });
}

export interface AdminStatement {
  tid: number;
  text: string;
  state: StatementState;
  isMeta: boolean;
  isSeed: boolean;
  authorName: string | null;
  authorPid: number | null;
  agree: number;
  disagree: number;
  pass: number;
  createdAt: Date;
}

export type StatementFilter = "all" | "pending";

export const STATEMENTS_PAGE = 100;

/** A page of the conversation's statements (pending: participants' statements not yet moderated), with their vote counts; two queries. */
export async function listStatements(db: Db, conversationId: number, filter: StatementFilter, page: number): Promise<{ rows: AdminStatement[]; total: number }> {
  const where = filter === "pending" ? sql`and s.state = 'unmoderated' and not s.is_seed` : sql``;
  const [rows, total] = await Promise.all([
    db.execute<{ tid: number; text: string; state: StatementState; is_meta: boolean; is_seed: boolean; author_name: string | null; author_pid: number | null; agree: string; disagree: string; pass: string; created_at: Date | string }>(sql`
      select s.tid, s.text, s.state, s.is_meta, s.is_seed, u.name as author_name, s.author_pid, s.created_at,
        coalesce(t.agree, 0) as agree, coalesce(t.disagree, 0) as disagree, coalesce(t.pass, 0) as pass
      from (select * from conversation_statements s where s.conversation_id = ${conversationId} ${where} order by s.tid limit ${STATEMENTS_PAGE} offset ${page * STATEMENTS_PAGE}) s
      left join users u on u.id = s.author_user_id
      left join lateral (select count(*) filter (where value = 1) as agree, count(*) filter (where value = -1) as disagree, count(*) filter (where value = 0) as pass
        from conversation_votes v where v.conversation_id = s.conversation_id and v.tid = s.tid) t on true
      order by s.tid`),
    db.execute<{ n: string }>(sql`select count(*) as n from conversation_statements s where s.conversation_id = ${conversationId} ${where}`),
  ]);
  return {
    rows: rows.rows.map((r) => ({
      tid: r.tid,
      text: r.text,
      state: r.state,
      isMeta: r.is_meta,
      isSeed: r.is_seed,
      authorName: r.author_name,
      authorPid: r.author_pid,
      agree: Number(r.agree),
      disagree: Number(r.disagree),
      pass: Number(r.pass),
      createdAt: new Date(r.created_at),
    })),
    total: Number(total.rows[0]?.n ?? 0),
  };
}

/** One statement of the conversation (the edit form). */
export async function loadStatement(db: Db, componentId: number, conversationId: number, tid: number): Promise<{ text: string; isSeed: boolean } | null> {
  const r = await db.execute<{ text: string; is_seed: boolean }>(sql`
    select s.text, s.is_seed from conversation_statements s join conversations cv on cv.id = s.conversation_id
    where s.conversation_id = ${conversationId} and s.tid = ${tid} and cv.component_id = ${componentId}`);
  const row = r.rows[0];
  return row ? { text: row.text, isSeed: row.is_seed } : null;
}
