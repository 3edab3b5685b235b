/**
 * Answer states, per component. The three defaults are written the first time a component's states
 * are read (the core has no "component created" hook: `seeds` is a demo seed), in every language,
 * with colours that pass WCAG AA; the admin then renames, recolours or adds states.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";

export interface ProposalState {
  id: number;
  token: string;
  name: Translatable;
  bgColor: string;
  textColor: string;
  weight: number;
}

/** The defaults: `accepted` takes a cost and period, `rejected` an answer text and closes supports. */
export const DEFAULT_STATES: ReadonlyArray<Omit<ProposalState, "id">> = [
  { token: "evaluating", name: { en: "Evaluating", fr: "En cours d’évaluation", nl: "In behandeling", de: "In Prüfung" }, bgColor: "#fff3cd", textColor: "#664d03", weight: 0 },
  { token: "accepted", name: { en: "Accepted", fr: "Acceptée", nl: "Aanvaard", de: "Angenommen" }, bgColor: "#d1e7dd", textColor: "#0f5132", weight: 1 },
  { token: "rejected", name: { en: "Rejected", fr: "Rejetée", nl: "Afgewezen", de: "Abgelehnt" }, bgColor: "#f8d7da", textColor: "#842029", weight: 2 },
];

export const SYSTEM_TOKENS: readonly string[] = DEFAULT_STATES.map((s) => s.token);

type StateRow = { id: string; token: string; name: Translatable; bg_color: string; text_color: string; weight: number };
const toState = (r: StateRow): ProposalState => ({ id: Number(r.id), token: r.token, name: r.name, bgColor: r.bg_color, textColor: r.text_color, weight: r.weight });

/** The component's states in their order; the defaults are created on the first read. */
export async function listStates(db: Db, componentId: number): Promise<ProposalState[]> {
  const rows = await db.execute<StateRow>(sql`select id, token, name, bg_color, text_color, weight from proposal_states where component_id = ${componentId} order by weight, id`);
  if (rows.rows.length > 0) return rows.rows.map(toState);
  const values = DEFAULT_STATES.map((s) => sql`(${componentId}, ${s.token}, ${JSON.stringify(s.name)}::jsonb, ${s.bgColor}, ${s.textColor}, ${s.weight})`);
  // Two first readers at once: the unique (component, token) index keeps one set.
  await db.execute(sql`insert into proposal_states (component_id, token, name, bg_color, text_color, weight) values ${sql.join(values, sql`, `)} on conflict do nothing`);
  const again = await db.execute<StateRow>(sql`select id, token, name, bg_color, text_color, weight from proposal_states where component_id = ${componentId} order by weight, id`);
  return again.rows.map(toState);
}
