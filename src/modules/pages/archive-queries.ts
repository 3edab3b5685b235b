/** What the archive keeps of a pages component: every page with its body, in order (one query). */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { pages } from "./schema";

export function listPagesForArchive(db: Db, componentId: number) {
  return db
    .select({ id: pages.id, title: pages.title, body: pages.body, format: pages.format })
    .from(pages)
    .where(eq(pages.componentId, componentId))
    .orderBy(asc(pages.weight), asc(pages.id))
    .limit(500);
}
