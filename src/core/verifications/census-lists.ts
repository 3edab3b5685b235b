/** Which census lists exist: the ones a person may verify against, and the ones an admin may require. */
import { and, asc, eq, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import type { Translatable } from "../i18n/locales";
import { spaces } from "../spaces/schema";
import { censusLists } from "./schema";

export interface CensusListChoice {
  spaceId: number;
  title: Translatable;
}

/**
 * The census lists of the spaces this person may see (published, and public or theirs: a role, admitted,
 * a current member; every space for an organization admin), in the spaces' order. One query.
 */
export async function censusListsVisibleTo(db: Db, user: CurrentUser): Promise<CensusListChoice[]> {
  const visible = user.isAdmin
    ? undefined
    : and(
        isNotNull(spaces.publishedAt),
        or(
          eq(spaces.isPrivate, false),
          and(eq(spaces.type, "assembly"), eq(spaces.isTransparent, true)),
          sql`exists (select 1 from space_roles r where r.space_id = ${spaces.id} and r.user_id = ${user.id})`,
          sql`exists (select 1 from space_private_users p where p.space_id = ${spaces.id} and p.user_id = ${user.id})`,
          sql`exists (select 1 from assembly_members m where m.space_id = ${spaces.id} and m.user_id = ${user.id} and m.ceased_at is null)`,
        ),
      );
  return db
    .select({ spaceId: censusLists.spaceId, title: spaces.title })
    .from(censusLists)
    .innerJoin(spaces, eq(spaces.id, censusLists.spaceId))
    .where(visible)
    .orderBy(asc(spaces.weight), asc(spaces.id))
    .limit(200);
}

/** The census lists of public, published spaces (the overview must not reveal private or unpublished ones). */
export async function publicCensusLists(db: Db): Promise<CensusListChoice[]> {
  return db
    .select({ spaceId: censusLists.spaceId, title: spaces.title })
    .from(censusLists)
    .innerJoin(spaces, eq(spaces.id, censusLists.spaceId))
    .where(and(isNotNull(spaces.publishedAt), or(eq(spaces.isPrivate, false), and(eq(spaces.type, "assembly"), eq(spaces.isTransparent, true)))))
    .orderBy(spaces.id)
    .limit(200);
}

/** A space with what the census form needs: its list's second attribute (null without a list) and its visibility facts. */
export async function findCensusSpace(db: Db, spaceId: number) {
  const [row] = await db
    .select({ spaceId: spaces.id, secondAttribute: censusLists.secondAttribute, title: spaces.title, type: spaces.type, publishedAt: spaces.publishedAt, isPrivate: spaces.isPrivate, isTransparent: spaces.isTransparent })
    .from(spaces)
    .leftJoin(censusLists, eq(censusLists.spaceId, spaces.id))
    .where(eq(spaces.id, spaceId));
  return row ?? null;
}

/** Every space with a census list (the back office's choice of list for an action). One query. */
export async function censusListChoices(db: Db): Promise<CensusListChoice[]> {
  return db
    .select({ spaceId: censusLists.spaceId, title: spaces.title })
    .from(censusLists)
    .innerJoin(spaces, eq(spaces.id, censusLists.spaceId))
    .orderBy(asc(spaces.weight), asc(spaces.id))
    .limit(500);
}
