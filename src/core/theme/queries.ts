/** Reads for the appearance screens (saving themes is in service.ts). */
import { desc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { spaces } from "../spaces/schema";

/** The newest spaces (at most 500) with their theme overrides, for the organization's appearance page. */
export async function listSpaceThemes(db: Db) {
  return db.select({ id: spaces.id, title: spaces.title, theme: spaces.theme }).from(spaces).orderBy(desc(spaces.createdAt)).limit(500);
}
