/**
 * A person's reports in "download my data" (what they reported, why, when) and why their account was
 * blocked, if it is; on the account's deletion the reports stay counted without their name.
 */
import { sql } from "drizzle-orm";
import { registerPersonalDataExporter } from "../accounts/personal-data";

registerPersonalDataExporter({
  name: "moderation",
  collect: async (db, userId) => {
    const [reports, user] = await Promise.all([
      db.execute<{ resource_type: string; resource_id: string; reason: string; details: string | null; created_at: string }>(sql`
        select m.resource_type, m.resource_id, r.reason, r.details, r.created_at
        from reports r join moderations m on m.id = r.moderation_id where r.user_id = ${userId} order by r.id limit 10000`),
      db.execute<{ blocked_reason: string | null }>(sql`select blocked_reason from users where id = ${userId}`),
    ]);
    return {
      blockedReason: user.rows[0]?.blocked_reason ?? null,
      reports: reports.rows.map((r) => ({ resourceType: r.resource_type, resourceId: Number(r.resource_id), reason: r.reason, details: r.details, at: new Date(r.created_at).toISOString() })),
    };
  },
  erasure: "moderation.personalData.erasure",
  erase: async (tx, userId) => {
    await tx.execute(sql`update reports set user_id = null, details = null where user_id = ${userId}`);
  },
});
