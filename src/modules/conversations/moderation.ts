/**
 * Moderation decisions on a conversation's statements: accept, reject, mark "meta" (about the
 * conversation itself: voted on, left out of the math) or not. Each decision is audited in its
 * transaction and bumps the conversation's moderation version (service.ts), so the tick job
 * recomputes the map without waiting for a vote.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type Result } from "../../core/http/result";
import type { Actor } from "../../core/spaces/service";
import type { Decision } from "./admin-inputs";
import type { Place } from "./admin-service";
import type { StatementState } from "./schema";
import { moderateStatement } from "./service";

const CHANGE: Record<Decision, { state?: StatementState; isMeta?: boolean }> = {
  accept: { state: "accepted" },
  reject: { state: "rejected" },
  meta: { isMeta: true },
  unmeta: { isMeta: false },
};

export async function decide(db: Db, actor: Actor, place: Place, conversationId: number, tid: number, decision: Decision): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const found = await tx.execute<{ state: StatementState; is_meta: boolean }>(sql`
      select s.state, s.is_meta from conversation_statements s join conversations cv on cv.id = s.conversation_id
      where s.conversation_id = ${conversationId} and s.tid = ${tid} and cv.component_id = ${place.componentId} for update of s`);
    const before = found.rows[0];
    if (!before) return fail({ _form: { key: "conversations.admin.notFound" } });
    const change = CHANGE[decision];
    await moderateStatement(tx, conversationId, tid, change);
    const after = { state: change.state ?? before.state, isMeta: change.isMeta ?? before.is_meta };
    await audit(tx, {
      actorId: actor.id,
      action: `conversation_statement.${decision}`,
      resourceType: "conversation_statement",
      resourceId: `${conversationId}:${tid}`,
      spaceId: place.spaceId,
      before: { state: before.state, isMeta: before.is_meta },
      after,
      ip: actor.ip,
    });
    return ok(null);
  });
}
