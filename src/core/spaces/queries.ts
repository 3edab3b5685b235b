/**
 * Reading spaces. Every list is one query (joins and subqueries), whatever the number of spaces, so
 * pages stay fast with hundreds of them.
 */
import { accessKindsSql, accessOf, publicSpaceSql, type SpaceAccess } from "../permissions/access";
import { and, asc, count, desc, eq, getTableColumns, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import { liveSessionSql, sessionOf, type LiveSessionRow, type Session } from "../accounts/sessions";
import { assemblyMembers, components, processGroups, spaces, steps, type SpaceType } from "./schema";
import type { AssemblyMemberRecord, ComponentRecord, ProcessGroupRecord, SpaceRecord, StepRecord } from "./types";

// Written out qualified: inside a subquery an unqualified "id" would bind to the subquery's own table.
const activeStepId = sql<number | null>`(select s.id from steps s where s.space_id = "spaces"."id" and s.active limit 1)`.mapWith((v) =>
  v === null ? null : Number(v),
);

/** Processes by their dates: under way today, not started yet, or over. */
export type SpaceTiming = "active" | "upcoming" | "past";

const TIMING = {
  active: sql`(${spaces.startDate} is null or ${spaces.startDate} <= current_date) and (${spaces.endDate} is null or ${spaces.endDate} >= current_date)`,
  upcoming: sql`${spaces.startDate} > current_date`,
  past: sql`${spaces.endDate} < current_date`,
} as const;

export interface SpaceListItem extends SpaceRecord {
  activeStepTitle: StepRecord["title"] | null;
  activeStepEndDate: StepRecord["endDate"];
}

/** Published spaces of a type that `user` may see (private ones only to their members), in display order. */
export async function listVisibleSpaces(
  db: Db,
  type: SpaceType,
  user: CurrentUser | null,
  opts: { promotedOnly?: boolean; limit?: number; offset?: number; timing?: SpaceTiming; groupId?: number; parentId?: number | "top" } = {},
): Promise<SpaceListItem[]> {
  const uid = user?.id ?? 0;
  const visible = user?.isAdmin
    ? sql`true`
    : or(
        eq(spaces.isPrivate, false),
        and(eq(spaces.type, "assembly"), eq(spaces.isTransparent, true)),
        sql`exists (select 1 from space_roles r where r.space_id = "spaces"."id" and r.user_id = ${uid})`,
        sql`exists (select 1 from space_private_users p where p.space_id = "spaces"."id" and p.user_id = ${uid})`,
        sql`exists (select 1 from assembly_members m where m.space_id = "spaces"."id" and m.user_id = ${uid} and m.ceased_at is null)`,
      );
  const query = db
    .select({ ...getTableColumns(spaces), activeStepId: sql<number | null>`${steps.id}`.mapWith((v) => (v === null ? null : Number(v))), activeStepTitle: steps.title, activeStepEndDate: steps.endDate })
    .from(spaces)
    .leftJoin(steps, and(eq(steps.spaceId, spaces.id), eq(steps.active, true)))
    .where(and(eq(spaces.type, type), isNotNull(spaces.publishedAt), visible, opts.promotedOnly ? eq(spaces.promoted, true) : undefined, opts.timing ? TIMING[opts.timing] : undefined, opts.groupId ? eq(spaces.groupId, opts.groupId) : undefined, parentFilter(opts.parentId)))
    .orderBy(desc(spaces.promoted), asc(spaces.weight), desc(spaces.startDate), asc(spaces.id));
  return opts.limit ? query.limit(opts.limit).offset(opts.offset ?? 0) : query;
}

/** The public lists' page size (/processes, /assemblies, a group's page). */
export const SPACES_PAGE_SIZE = 20;

/**
 * One page of `listVisibleSpaces` (page 1 first), in one query: a row more than the page tells
 * whether another page follows, so no count is needed.
 */
export async function pageVisibleSpaces(
  db: Db,
  type: SpaceType,
  user: CurrentUser | null,
  opts: { timing?: SpaceTiming; groupId?: number; parentId?: number | "top" },
  page: number,
): Promise<{ items: SpaceListItem[]; hasNext: boolean }> {
  const rows = await listVisibleSpaces(db, type, user, { ...opts, limit: SPACES_PAGE_SIZE + 1, offset: (page - 1) * SPACES_PAGE_SIZE });
  return { items: rows.slice(0, SPACES_PAGE_SIZE), hasNext: rows.length > SPACES_PAGE_SIZE };
}

/**
 * "top": assemblies without a parent, or whose parent is not publicly visible (unpublished or
 * private), so a child never vanishes from every list; a number: the children of that assembly.
 */
function parentFilter(parentId: number | "top" | undefined) {
  if (parentId === undefined) return undefined;
  if (parentId === "top") {
    return sql`(${spaces.parentId} is null or not exists (select 1 from spaces p where p.id = ${spaces.parentId} and ${publicSpaceSql("p")}))`;
  }
  return eq(spaces.parentId, parentId);
}

/** Assemblies an administrator may choose as the parent of `selfId`: any but itself and its descendants. */
export async function listParentChoices(db: Db, selfId: number | null): Promise<Array<{ id: number; title: SpaceRecord["title"] }>> {
  const rows = await db.execute<{ id: string; title: SpaceRecord["title"] }>(sql`
    with recursive below as (
      select id from spaces where id = ${selfId ?? 0}
      union all select s.id from spaces s join below b on s.parent_id = b.id
    )
    select id, title from spaces where type = 'assembly' and id not in (select id from below) order by weight, id`);
  return rows.rows.map((r) => ({ id: Number(r.id), title: r.title }));
}

export async function listGroups(db: Db): Promise<ProcessGroupRecord[]> {
  return db.select().from(processGroups).orderBy(asc(processGroups.weight), asc(processGroups.id));
}

export async function findGroup(db: Db, id: number): Promise<ProcessGroupRecord | null> {
  const [row] = await db.select().from(processGroups).where(eq(processGroups.id, id));
  return row ?? null;
}

export async function findSpaceBySlug(db: Db, slug: string): Promise<SpaceRecord | null> {
  const [row] = await db.select({ ...getTableColumns(spaces), activeStepId }).from(spaces).where(eq(spaces.slug, slug));
  return row ?? null;
}

/** The space by its slug when the public may read it (the public APIs' `?space=`), else null. */
export async function findPublicSpaceBySlug(db: Db, slug: string): Promise<SpaceRecord | null> {
  const space = await findSpaceBySlug(db, slug);
  if (!space) return null;
  const ok = await db.execute(sql`select 1 from spaces s where s.id = ${space.id} and ${publicSpaceSql("s")}`);
  return ok.rows.length > 0 ? space : null;
}

export async function findSpaceById(db: Db, id: number): Promise<SpaceRecord | null> {
  const [row] = await db.select({ ...getTableColumns(spaces), activeStepId }).from(spaces).where(eq(spaces.id, id));
  return row ?? null;
}

export async function listSteps(db: Db, spaceId: number): Promise<StepRecord[]> {
  return db.select().from(steps).where(eq(steps.spaceId, spaceId)).orderBy(asc(steps.position), asc(steps.id));
}

/** A space's components; unpublished ones only when `includeUnpublished` (admins, previewers). */
export async function listComponents(db: Db, spaceId: number, includeUnpublished: boolean): Promise<ComponentRecord[]> {
  return db
    .select()
    .from(components)
    .where(and(eq(components.spaceId, spaceId), includeUnpublished ? undefined : isNotNull(components.publishedAt)))
    .orderBy(asc(components.weight), asc(components.id));
}

/**
 * A component route's lookup in one round trip: the space by its slug, its component `componentId`
 * (null when the space has none of that id), and the person's access to the space.
 */
export async function findSpaceComponent(db: Db, slug: string, componentId: number, user: CurrentUser | null): Promise<SpacePlace | null> {
  let q = placeQueries.get(db);
  if (!q) placeQueries.set(db, (q = preparePlace(db)));
  const [row] = user ? await q.signedIn.execute({ slug, componentId, userId: user.id }) : await q.anonymous.execute({ slug, componentId });
  return row ? { space: row.space, component: row.component, access: accessOf(user, row.kinds) } : null;
}

/**
 * Every component request (a vote, a ballot, a registration) runs this lookup: built by Drizzle once per
 * database handle, as named prepared statements that each pooled connection parses and plans once
 * (ADR 0042; PgBouncer needs `max_prepared_statements`, docs/deployment.md). Building it per request
 * was about a tenth of a registration's server CPU.
 */
function preparePlace(db: Db) {
  const place = (kinds: SQL<string[]>, name: string) =>
    db
      .select({ space: { ...getTableColumns(spaces), activeStepId }, component: components, kinds })
      .from(spaces)
      .leftJoin(components, and(eq(components.id, sql.placeholder("componentId")), eq(components.spaceId, spaces.id)))
      .where(eq(spaces.slug, sql.placeholder("slug")))
      .prepare(name);
  return {
    signedIn: place(accessKindsSql(sql.placeholder("userId"), sql`"spaces"."id"`), "pnyx-space-component-user"),
    anonymous: place(sql<string[]>`'{}'::text[]`, "pnyx-space-component"),
  };
}
const placeQueries = new WeakMap<Db, ReturnType<typeof preparePlace>>();

/** A component route's place: its space, the component (null when the space has none of that id), the person's access. */
export type SpacePlace = { space: SpaceRecord; component: ComponentRecord | null; access: SpaceAccess };

/**
 * A signed-in component request's two lookups in one round trip (ADR 0044): the live session of the
 * hashed token `sessionId` (`liveSessionSql`, the same conditions as `lookupSession`) and the place as
 * `findSpaceComponent` reads it for that session's person (no session: a visitor's access). Null when no
 * space has the slug: the caller then looks the session up alone (a 404 still shows who is signed in).
 */
export async function findSessionAndPlace(db: Db, sessionId: string, slug: string, componentId: number): Promise<{ session: Session | null; place: SpacePlace } | null> {
  let q = sessionPlaceQueries.get(db);
  if (!q) sessionPlaceQueries.set(db, (q = prepareSessionPlace(db)));
  const [row] = await q.execute({ slug, componentId, sessionId });
  if (!row) return null;
  const session = await sessionOf(db, sessionId, row.viewer);
  return { session, place: { space: row.space, component: row.component, access: accessOf(session?.user ?? null, row.kinds) } };
}

/** `liveSessionSql` as the subquery "viewer", its parameter the placeholder `sessionId`. */
function viewerSql(): SQL {
  const [head, tail] = liveSessionSql("\u0000").split("\u0000");
  return sql`(${sql.raw(head ?? "")}${sql.placeholder("sessionId")}${sql.raw(tail ?? "")}) as "viewer"`;
}

function prepareSessionPlace(db: Db) {
  return db
    .select({
      space: { ...getTableColumns(spaces), activeStepId },
      component: components,
      kinds: accessKindsSql(sql`"viewer"."id"`, sql`"spaces"."id"`),
      // The whole session row as JSON (null without a live session): one column, its fields as the lookup names them.
      viewer: sql<LiveSessionRow | null>`case when "viewer"."id" is null then null else to_json("viewer") end`,
    })
    .from(spaces)
    .leftJoin(components, and(eq(components.id, sql.placeholder("componentId")), eq(components.spaceId, spaces.id)))
    .leftJoin(viewerSql(), sql`true`)
    .where(eq(spaces.slug, sql.placeholder("slug")))
    .prepare("pnyx-session-space-component");
}
const sessionPlaceQueries = new WeakMap<Db, ReturnType<typeof prepareSessionPlace>>();

export async function findComponent(db: Db, spaceId: number, componentId: number): Promise<ComponentRecord | null> {
  const [row] = await db.select().from(components).where(and(eq(components.id, componentId), eq(components.spaceId, spaceId)));
  return row ?? null;
}

/** Current members first (by position, then weight), ceased ones last. */
export async function listMembers(db: Db, spaceId: number): Promise<AssemblyMemberRecord[]> {
  return db
    .select()
    .from(assemblyMembers)
    .where(eq(assemblyMembers.spaceId, spaceId))
    .orderBy(
      sql`${assemblyMembers.ceasedAt} is not null`,
      sql`case ${assemblyMembers.position} when 'president' then 0 when 'vice_president' then 1 when 'secretary' then 2 when 'member' then 3 else 4 end`,
      asc(assemblyMembers.weight),
      asc(assemblyMembers.name),
    );
}

/** Every space for the back office (both types, published or not), one query. */
export async function listAllSpaces(db: Db, type: SpaceType): Promise<SpaceRecord[]> {
  return db
    .select({ ...getTableColumns(spaces), activeStepId })
    .from(spaces)
    .where(eq(spaces.type, type))
    .orderBy(asc(spaces.weight), desc(spaces.createdAt));
}

/** What deleting a space takes with it: its components (whose participation is counted) and how many assemblies it parents. */
export async function spaceDeletionFacts(db: Db, spaceId: number): Promise<{ components: Array<{ id: number; manifest: string }>; children: number }> {
  const [held, [children]] = await Promise.all([
    db.select({ id: components.id, manifest: components.manifest }).from(components).where(eq(components.spaceId, spaceId)),
    db.select({ n: count() }).from(spaces).where(eq(spaces.parentId, spaceId)),
  ]);
  return { components: held, children: children?.n ?? 0 };
}
