/**
 * Attachments in "download my data": the files the person attached (title, type, size, address and
 * the resource they are on; the bytes are at the address, for as long as the person may see the
 * resource). On erasure, the files of a resource that stays public stay with it, unsigned; those of
 * resources that go with the account (drafts) go with them (`forgetResource`).
 */
import { sql } from "drizzle-orm";
import { registerPersonalDataExporter } from "../accounts/personal-data";

registerPersonalDataExporter({
  name: "attachments",
  collect: async (db, userId) => {
    const rows = await db.execute<{ resource_type: string; resource_id: string; title: string; content_type: string; size_bytes: number; stored_name: string; created_at: string }>(sql`
      select resource_type, resource_id, title, content_type, size_bytes, stored_name, created_at from attachments where uploaded_by = ${userId} order by id limit 10000`);
    return rows.rows.map((r) => ({
      resourceType: r.resource_type,
      resourceId: Number(r.resource_id),
      title: r.title,
      contentType: r.content_type,
      sizeBytes: r.size_bytes,
      url: `/attachments/${r.stored_name}`,
      attachedAt: new Date(r.created_at).toISOString(),
    }));
  },
  erase: async (tx, userId) => {
    await tx.execute(sql`update attachments set uploaded_by = null where uploaded_by = ${userId}`);
  },
});
