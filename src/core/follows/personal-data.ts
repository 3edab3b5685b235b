/**
 * What a person follows in "download my data" (the resource's type and id, when), and forgotten with
 * the account (accounts are soft-deleted, so the tables' cascades never run: deletion calls `erase`).
 */
import { sql } from "drizzle-orm";
import { registerPersonalDataExporter } from "../accounts/personal-data";

registerPersonalDataExporter({
  name: "follows",
  collect: async (db, userId) => {
    const rows = await db.execute<{ resource_type: string; resource_id: string; created_at: string }>(sql`
      select resource_type, resource_id, created_at from follows where user_id = ${userId} order by created_at limit 10000`);
    return rows.rows.map((r) => ({ resourceType: r.resource_type, resourceId: Number(r.resource_id), since: new Date(r.created_at).toISOString() }));
  },
  erase: async (tx, userId) => {
    await tx.execute(sql`delete from follows where user_id = ${userId}`);
  },
});
