/**
 * Endorsements and co-authorships in "download my data", and erased with the account (accounts are
 * soft-deleted, so the tables' cascades never run: the deletion transaction calls `erase`).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { registerPersonalDataExporter } from "../accounts/personal-data";
import { getResourceKind } from "../resources/kinds";

/** The pages of these resources, one query per kind (ids that no longer exist get none). */
async function urlsOf(db: Db, refs: Array<{ type: string; id: number }>): Promise<Map<string, string>> {
  const byType = new Map<string, number[]>();
  for (const r of refs) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
  const out = new Map<string, string>();
  for (const [type, ids] of byType) {
    const kind = getResourceKind(type);
    if (!kind) continue;
    for (const [id, facts] of await kind.load(db, [...new Set(ids)])) out.set(`${type}:${id}`, facts.url);
  }
  return out;
}

registerPersonalDataExporter({
  name: "endorsements",
  collect: async (db, userId) => {
    const rows = await db.execute<{ resource_type: string; resource_id: string; created_at: string }>(sql`
      select resource_type, resource_id, created_at from endorsements where user_id = ${userId} order by created_at limit 10000`);
    const refs = rows.rows.map((r) => ({ type: r.resource_type, id: Number(r.resource_id) }));
    const urls = await urlsOf(db, refs);
    return rows.rows.map((r) => ({ resourceType: r.resource_type, resourceId: Number(r.resource_id), url: urls.get(`${r.resource_type}:${r.resource_id}`) ?? null, endorsedAt: new Date(r.created_at).toISOString() }));
  },
  erase: async (tx, userId) => {
    await tx.execute(sql`delete from endorsements where user_id = ${userId}`);
  },
});

registerPersonalDataExporter({
  name: "coauthorships",
  collect: async (db, userId) => {
    const rows = await db.execute<{ resource_type: string; resource_id: string; status: string; created_at: string; responded_at: string | null }>(sql`
      select resource_type, resource_id, status, created_at, responded_at from coauthorships where user_id = ${userId} order by created_at limit 10000`);
    const urls = await urlsOf(db, rows.rows.map((r) => ({ type: r.resource_type, id: Number(r.resource_id) })));
    return rows.rows.map((r) => ({
      resourceType: r.resource_type,
      resourceId: Number(r.resource_id),
      url: urls.get(`${r.resource_type}:${r.resource_id}`) ?? null,
      status: r.status,
      invitedAt: new Date(r.created_at).toISOString(),
      respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
    }));
  },
  erase: async (tx, userId) => {
    await tx.execute(sql`delete from coauthorships where user_id = ${userId}`);
    // The invitations they sent stay the invitees' (an author may still withdraw them), without naming who sent them.
    await tx.execute(sql`update coauthorships set invited_by = null where invited_by = ${userId}`);
  },
});
