/** Creating and changing spaces and process groups; every change is audited in its transaction. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { fail, ok, type Result } from "../http/result";
import type { ThemeTokens } from "../theme/tokens";
import type { GroupInput, SpaceInput } from "./inputs";
import { participationIn } from "../components/participation";
import { components, processGroups, spaces, type SpaceType } from "./schema";
import type { SpaceRow } from "./types";

export interface Actor {
  id: number;
  ip: string | null;
}

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "23505";

/** The columns a form sets; type-specific fields are cleared for the other type. */
function columns(type: SpaceType, input: SpaceInput, heroImage: string | null) {
  return {
    slug: input.slug,
    title: input.title,
    subtitle: input.subtitle,
    shortDescription: input.shortDescription,
    description: input.description,
    heroImage,
    heroImageAlt: input.heroImageAlt,
    groupId: type === "process" ? (input.groupId ?? null) : null,
    parentId: type === "assembly" ? (input.parentId ?? null) : null,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    purpose: type === "assembly" ? input.purpose : {},
    composition: type === "assembly" ? input.composition : {},
    isPrivate: input.isPrivate,
    isTransparent: type === "assembly" && input.isTransparent,
    promoted: input.promoted,
    activateStepsByDate: type === "process" && input.activateStepsByDate === true,
    weight: input.weight,
  };
}

async function slugTaken(db: Db, slug: string, exceptId?: number): Promise<boolean> {
  const [row] = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, slug));
  return Boolean(row && row.id !== exceptId);
}

/**
 * A parent must be another assembly, and never the assembly itself or one of its descendants (the
 * hierarchy stays a tree: pages walk it upwards).
 */
async function parentProblem(db: Db, type: SpaceType, parentId: number | undefined, selfId: number | null): Promise<boolean> {
  if (type !== "assembly" || parentId === undefined) return false;
  if (parentId === selfId) return true;
  const r = await db.execute<{ ok: boolean }>(sql`
    with recursive up as (
      select id, parent_id, 1 as depth from spaces where id = ${parentId} and type = 'assembly'
      union all select s.id, s.parent_id, up.depth + 1 from spaces s join up on s.id = up.parent_id where up.depth < 100
    )
    select (exists (select 1 from up) and not exists (select 1 from up where id = ${selfId ?? 0})) as ok`);
  return !r.rows[0]?.ok;
}

export async function createSpace(db: Db, actor: Actor, type: SpaceType, input: SpaceInput, upload: string | null, theme: Partial<ThemeTokens> = {}): Promise<Result<SpaceRow>> {
  if (await slugTaken(db, input.slug)) return fail({ slug: { key: "validation.taken" } });
  if (await parentProblem(db, type, input.parentId, null)) return fail({ parentId: { key: "spaces.validation.parent" } });
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(spaces)
        .values({ type, ...columns(type, input, upload ?? input.heroImage ?? null), theme })
        .returning();
      if (!row) throw new Error("space insert returned nothing");
      await audit(tx, { actorId: actor.id, action: "space.create", resourceType: "space", resourceId: row.id, spaceId: row.id, after: row, ip: actor.ip });
      return ok(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail({ slug: { key: "validation.taken" } });
    throw e;
  }
}

export async function updateSpace(db: Db, actor: Actor, id: number, input: SpaceInput, upload: string | null): Promise<Result<SpaceRow>> {
  if (await slugTaken(db, input.slug, id)) return fail({ slug: { key: "validation.taken" } });
  const [current] = await db.select({ type: spaces.type }).from(spaces).where(eq(spaces.id, id));
  if (current && (await parentProblem(db, current.type, input.parentId, id))) return fail({ parentId: { key: "spaces.validation.parent" } });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(spaces).where(eq(spaces.id, id)).for("update");
    if (!before) return fail({ _form: { key: "error.notFound.title" } });
    const hero = upload ?? input.heroImage ?? null;
    const [after] = await tx
      .update(spaces)
      .set({ ...columns(before.type, input, hero), updatedAt: new Date() })
      .where(eq(spaces.id, id))
      .returning();
    if (!after) throw new Error("space update returned nothing");
    await audit(tx, { actorId: actor.id, action: "space.update", resourceType: "space", resourceId: id, spaceId: id, before, after, ip: actor.ip });
    return ok(after);
  });
}

export async function setSpacePublished(db: Db, actor: Actor, id: number, published: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(spaces)
      .set({ publishedAt: published ? new Date() : null, updatedAt: new Date() })
      .where(eq(spaces.id, id))
      .returning({ publishedAt: spaces.publishedAt });
    if (!row) return;
    await audit(tx, { actorId: actor.id, action: published ? "space.publish" : "space.unpublish", resourceType: "space", resourceId: id, spaceId: id, after: row, ip: actor.ip });
  });
}

/**
 * Deletes a space with its steps, members, roles, components and their content (child assemblies are
 * kept, without a parent). Its components' participation is counted again under a lock on the space: a
 * space holding any is kept unless `allowParticipation` (a forced deletion, audited with the count).
 */
export async function deleteSpace(db: Db, actor: Actor, id: number, opts: { allowParticipation?: boolean } = {}): Promise<{ deleted: boolean; participation: number }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, id)).for("update");
    if (!locked) return { deleted: false, participation: 0 };
    const held = await tx.select({ id: components.id, manifest: components.manifest }).from(components).where(eq(components.spaceId, id));
    const participation = await participationIn(tx, held);
    if (participation > 0 && !opts.allowParticipation) return { deleted: false, participation };
    const [gone] = await tx.delete(spaces).where(eq(spaces.id, id)).returning();
    const forced = participation > 0;
    await audit(tx, {
      actorId: actor.id,
      action: forced ? "space.delete_forced" : "space.delete",
      resourceType: "space",
      resourceId: id,
      spaceId: id,
      before: gone,
      after: { components: held.length, ...(forced ? { participation } : {}) },
      ip: actor.ip,
    });
    return { deleted: true, participation };
  });
}

/** Replaces a space's theme overrides (the theme area validates contrast before calling this). */
export async function setSpaceTheme(db: Db, actor: Actor, id: number, theme: Partial<ThemeTokens>): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ theme: spaces.theme }).from(spaces).where(eq(spaces.id, id)).for("update");
    if (!before) return;
    await tx.update(spaces).set({ theme, updatedAt: new Date() }).where(eq(spaces.id, id));
    await audit(tx, { actorId: actor.id, action: "space.theme", resourceType: "space", resourceId: id, spaceId: id, before: before.theme, after: theme, ip: actor.ip });
  });
}

export async function createGroup(db: Db, actor: Actor, input: GroupInput): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(processGroups).values(input).returning();
    if (!row) throw new Error("group insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "process_group.create", resourceType: "process_group", resourceId: row.id, after: row, ip: actor.ip });
    return row.id;
  });
}

export async function updateGroup(db: Db, actor: Actor, id: number, input: GroupInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(processGroups).where(eq(processGroups.id, id)).for("update");
    if (!before) return false;
    const [after] = await tx.update(processGroups).set(input).where(eq(processGroups.id, id)).returning();
    await audit(tx, { actorId: actor.id, action: "process_group.update", resourceType: "process_group", resourceId: id, before, after, ip: actor.ip });
    return true;
  });
}
