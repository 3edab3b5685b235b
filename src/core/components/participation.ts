/**
 * The guard before deleting components or spaces: how much participation (petitions, signatures,
 * votes...) they hold, summed over their manifests' `participation`, and who may delete anyway.
 */
import type { Db } from "../../db/client";
import { getComponentManifest } from "./registry";

/** The participation held by these components: one call per kind of component, whatever their number. */
export async function participationIn(db: Db, rows: ReadonlyArray<{ id: number; manifest: string }>): Promise<number> {
  const byManifest = new Map<string, number[]>();
  for (const r of rows) byManifest.set(r.manifest, [...(byManifest.get(r.manifest) ?? []), r.id]);
  let total = 0;
  for (const [name, ids] of byManifest) {
    const count = getComponentManifest(name)?.participation;
    if (count) total += await count(db, ids);
  }
  return total;
}

/** What the deletion form asked: a plain deletion, or a forced one with the typed confirmation. */
export interface DeletionRequest {
  force: boolean;
  confirmation: string;
}

export type DeletionVerdict =
  | { ok: true; forced: boolean }
  /** Holds participation and was not forced: unpublish instead (409). */
  | { ok: false; reason: "participation" }
  /** Only an organization admin may force a deletion (403). */
  | { ok: false; reason: "notOrgAdmin" }
  /** The typed confirmation does not match (422). */
  | { ok: false; reason: "mismatch" };

const normalize = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ");

/**
 * Nothing held: deleted after the ordinary confirmation. Something held: refused, unless an
 * organization admin (never a space admin) forces it by typing `expected`.
 */
export function judgeDeletion(participation: number, orgAdmin: boolean, expected: string, request: DeletionRequest): DeletionVerdict {
  if (participation <= 0) return { ok: true, forced: false };
  if (!request.force) return { ok: false, reason: "participation" };
  if (!orgAdmin) return { ok: false, reason: "notOrgAdmin" };
  if (normalize(request.confirmation) !== normalize(expected)) return { ok: false, reason: "mismatch" };
  return { ok: true, forced: true };
}

/** Reads the deletion form's fields. */
export function deletionRequest(body: unknown): DeletionRequest {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  return { force: b.force === "1", confirmation: typeof b.confirmation === "string" ? b.confirmation : "" };
}
