/**
 * What debates hold about a person, for "download my data" and account deletion. The debates they
 * opened stay (a discussion hangs from them) under the anonymised account; who closed a debate is
 * forgotten. Comments, follows and endorsements are the kit's, handled with the account there.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export async function exportDebateData(db: Db, userId: number): Promise<unknown> {
  const [opened, closed] = await Promise.all([
    db.execute(sql`
      select id, component_id, title, description, language, closed_at, conclusion, created_at, updated_at
      from debates where author_id = ${userId} order by id limit 10000`),
    db.execute(sql`select id, title, closed_at, conclusion from debates where closed_by = ${userId} order by id limit 10000`),
  ]);
  return { opened: opened.rows, closed: closed.rows };
}

export async function eraseDebateData(tx: Db, user: { id: number }): Promise<void> {
  await tx.execute(sql`update debates set closed_by = null where closed_by = ${user.id}`);
}
