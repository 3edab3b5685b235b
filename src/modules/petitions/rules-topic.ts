/** The live topic on which an instance announces a change of signing rules to every instance. */
import type { Db } from "../../db/client";
import { publishLive } from "./notify";

export const RULES_TOPIC = "petitions:rules";
export type RulesChange = { petitionId: number } | { types: true } | { domains: true };

/** Announces a change of signing rules to every instance, when the transaction commits. */
export async function announceRulesChange(tx: Db, change: RulesChange): Promise<void> {
  await publishLive(tx, RULES_TOPIC, change);
}
