/** Search provider: documentation pages of published pages components in public spaces. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { searchComponentItems } from "../../core/search/component-items";
import type { SearchQuery } from "../../core/search/registry";

export const searchPages = (db: Db, q: SearchQuery) => searchComponentItems(db, q, { table: "pages", alias: "pg", visible: sql`c.manifest = 'pages'` });
