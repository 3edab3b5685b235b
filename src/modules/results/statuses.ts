/**
 * A component's statuses. The defaults ("Planned 0 %", "In progress 50 %", "Done 100 %") are written the
 * first time the statuses are read (the core has no "component created" hook), in every language; the
 * admin then renames them, changes their progress, adds or removes some.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";

export interface ResultStatus {
  id: number;
  token: string;
  name: Translatable;
  /** The progress a result takes with this status when none is given. */
  progress: number | null;
  weight: number;
}

export const DEFAULT_STATUSES: ReadonlyArray<Omit<ResultStatus, "id">> = [
  { token: "planned", name: { en: "Planned", fr: "Prévu", nl: "Gepland", de: "Geplant" }, progress: 0, weight: 0 },
  { token: "in_progress", name: { en: "In progress", fr: "En cours", nl: "Bezig", de: "In Arbeit" }, progress: 50, weight: 1 },
  { token: "done", name: { en: "Done", fr: "Terminé", nl: "Afgerond", de: "Erledigt" }, progress: 100, weight: 2 },
];

type Row = { id: string; token: string; name: Translatable; progress: number | null; weight: number };
const toStatus = (r: Row): ResultStatus => ({ id: Number(r.id), token: r.token, name: r.name, progress: r.progress, weight: r.weight });
const select = (componentId: number) => sql`select id, token, name, progress, weight from result_statuses where component_id = ${componentId} order by weight, id`;

/** The component's statuses in their order; the defaults are created on the first read. */
export async function listStatuses(db: Db, componentId: number): Promise<ResultStatus[]> {
  const rows = await db.execute<Row>(select(componentId));
  if (rows.rows.length > 0) return rows.rows.map(toStatus);
  const values = DEFAULT_STATUSES.map((s) => sql`(${componentId}, ${s.token}, ${JSON.stringify(s.name)}::jsonb, ${s.progress}, ${s.weight})`);
  // Two first readers at once: the unique (component, token) index keeps one set.
  await db.execute(sql`insert into result_statuses (component_id, token, name, progress, weight) values ${sql.join(values, sql`, `)} on conflict do nothing`);
  return (await db.execute<Row>(select(componentId))).rows.map(toStatus);
}
