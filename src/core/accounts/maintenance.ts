/**
 * Housekeeping for the accounts tables: expired sessions, old mail tokens, spent throttle counters.
 * Meant for a periodic background job (the jobs layer has no scheduler yet: see the accounts report).
 */
import type { Db } from "../../db/client";
import { purgeExpiredSessions } from "./sessions";
import { purgeStaleThrottles } from "./throttle";
import { purgeExpiredTokens } from "./tokens";

export async function purgeAccountData(db: Db): Promise<void> {
  await purgeExpiredSessions(db);
  await purgeExpiredTokens(db);
  await purgeStaleThrottles(db);
}
