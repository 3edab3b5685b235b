/**
 * Abuse controls the administrators run: blocked email domains (checked on every signature from a
 * memory cache) and bulk invalidation of signatures by IP, domain and time range, audited, with the
 * counts corrected through negative journal entries.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type Result } from "../../core/http/result";
import type { InvalidationInput } from "./inputs";
import { announceRulesChange } from "./rules-topic";
import type { Actor } from "./workflow";

const TTL_MS = 10_000;
/** Per database handle (instance); changes are announced to every instance (see cache.ts). */
const blocked = new WeakMap<Db, { at: number; domains: Set<string> }>();

async function blockedDomains(db: Db): Promise<Set<string>> {
  const hit = blocked.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.domains;
  const rows = await db.execute<{ domain: string }>(sql`select domain from petition_blocked_domains`);
  const domains = new Set(rows.rows.map((r) => r.domain));
  blocked.set(db, { at: Date.now(), domains });
  return domains;
}

/** Drops this instance's cached list. */
export function forgetBlockedDomains(db: Db): void {
  blocked.delete(db);
}

/** Whether a domain, or a parent domain of it, is blocked. */
export async function isDomainBlocked(db: Db, domain: string): Promise<boolean> {
  const set = await blockedDomains(db);
  if (set.size === 0) return false;
  const parts = domain.split(".");
  for (let i = 0; i < parts.length - 1; i++) if (set.has(parts.slice(i).join("."))) return true;
  return false;
}

export async function listBlockedDomains(db: Db): Promise<string[]> {
  const rows = await db.execute<{ domain: string }>(sql`select domain from petition_blocked_domains order by domain`);
  return rows.rows.map((r) => r.domain);
}

export async function setDomainBlocked(db: Db, actor: Actor, domain: string, block: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    if (block) await tx.execute(sql`insert into petition_blocked_domains (domain) values (${domain}) on conflict do nothing`);
    else await tx.execute(sql`delete from petition_blocked_domains where domain = ${domain}`);
    await audit(tx, { actorId: actor.id, action: block ? "petition.domain.block" : "petition.domain.unblock", resourceType: "petition_domain", resourceId: domain, ip: actor.ip });
    await announceRulesChange(tx, { domains: true });
  });
  forgetBlockedDomains(db);
}

function parseInstant(v: string | undefined): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Invalidates the pending and confirmed signatures matching every given criterion (at least one),
 * on one petition or on all. Returns how many were invalidated and how many had counted.
 */
export async function invalidateSignatures(db: Db, actor: Actor, input: InvalidationInput): Promise<Result<{ invalidated: number; uncounted: number }>> {
  const from = parseInstant(input.from);
  const to = parseInstant(input.to);
  if (input.from && !from) return fail({ from: { key: "validation.date" } });
  if (input.to && !to) return fail({ to: { key: "validation.date" } });
  const conditions = [
    input.petitionId ? sql`petition_id = ${input.petitionId}` : null,
    input.ip ? sql`ip = ${input.ip}::inet` : null,
    input.domain ? sql`(email_domain = ${input.domain} or email_domain like ${"%." + input.domain})` : null,
    from ? sql`created_at >= ${from}::timestamptz` : null,
    to ? sql`created_at <= ${to}::timestamptz` : null,
  ].filter((c): c is ReturnType<typeof sql> => c !== null);
  const where = sql.join(conditions, sql` and `);
  return db.transaction(async (tx) => {
    const result = await tx.execute<{ invalidated: number; uncounted: number }>(sql`
      with old as (
        select id, petition_id, state, region from petition_signatures where state in ('pending', 'confirmed') and ${where} for update
      ), s as (
        update petition_signatures p set state = 'invalidated' from old where p.id = old.id returning old.petition_id, old.state, old.region
      ), d as (
        insert into petition_count_deltas (petition_id, region, delta)
        select petition_id, region, -count(*)::int from s where s.state = 'confirmed' group by petition_id, region
      )
      select count(*)::int as invalidated, (count(*) filter (where state = 'confirmed'))::int as uncounted from s`);
    const value = result.rows[0] ?? { invalidated: 0, uncounted: 0 };
    await audit(tx, { actorId: actor.id, action: "petition.signatures.invalidate", resourceType: "petition_signatures", resourceId: input.petitionId ?? null, after: { criteria: input, ...value }, ip: actor.ip });
    return ok(value);
  });
}
