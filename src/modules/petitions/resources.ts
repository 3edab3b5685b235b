/** Petitions as the permission rule sees them: who wrote them and where they stand. */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { petitions, type PetitionState } from "./schema";

export interface PetitionResource {
  authorId: number | null;
  state: PetitionState;
}

/** One query for a whole list (canMany). */
export async function loadPetitionResources(db: Db, componentId: number, ids: number[]): Promise<Map<number, PetitionResource>> {
  const rows = await db
    .select({ id: petitions.id, authorId: petitions.authorId, state: petitions.state })
    .from(petitions)
    .where(and(eq(petitions.componentId, componentId), inArray(petitions.id, ids)));
  return new Map(rows.map((r) => [r.id, { authorId: r.authorId, state: r.state }]));
}
