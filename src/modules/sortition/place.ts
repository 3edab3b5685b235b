/** Where a space's draws live: its sortition component, created (published) when it has none. */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { components } from "../../core/spaces/schema";
import type { Actor } from "../../core/spaces/service";

export const COMPONENT_NAME = { en: "Draw by lot", fr: "Tirage au sort", nl: "Loting", de: "Auslosung" };

/** The space's first sortition component's id, or a new published one's. */
export async function sortitionComponentOf(db: Db, actor: Actor, spaceId: number): Promise<number> {
  const [found] = await db.select({ id: components.id }).from(components).where(and(eq(components.spaceId, spaceId), eq(components.manifest, "sortition"))).orderBy(asc(components.weight), asc(components.id)).limit(1);
  if (found) return found.id;
  const manifest = getComponentManifest("sortition");
  if (!manifest) throw new Error("the sortition component is not registered");
  return (await addComponent(db, actor, spaceId, manifest, COMPONENT_NAME, { published: true })).id;
}
