/** Search provider: published proposals of published components in public spaces, in the reader's language. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { searchComponentItems } from "../../core/search/component-items";
import type { SearchQuery } from "../../core/search/registry";

// The listed proposals: the predicate of their partial text indexes.
export const searchProposals = (db: Db, q: SearchQuery) => searchComponentItems(db, q, { table: "proposals", alias: "p", visible: sql`p.published_at is not null and p.hidden_at is null` });
