/**
 * A space set up by code on an administrator's behalf, with its components (a parliament accepting a
 * citizens' suggestion creates its committee's assembly): the back office's own audited steps
 * (createSpace, addComponent by manifest name, publishing), in one transaction, so a refused slug or
 * an unknown component leaves nothing behind. Components stay apart: the caller names manifests, never
 * imports them.
 */
import type { Db } from "../../db/client";
import { getComponentManifest } from "../components/registry";
import { addComponent } from "../components/service";
import { fail, ok, type Result } from "../http/result";
import type { Translatable } from "../i18n/locales";
import type { SpaceInput } from "./inputs";
import type { SpaceType } from "./schema";
import { createSpace, setSpacePublished, type Actor } from "./service";
import type { ComponentRecord, SpaceRow } from "./types";

export interface ComponentToAdd {
  /** The component's manifest name ("proposals", "sortition"...). */
  manifest: string;
  name: Translatable;
}

/** What a space form leaves empty when it is not filled in (code creating spaces fills in the rest). */
export const EMPTY_SPACE_FIELDS: Omit<SpaceInput, "slug" | "title"> = {
  subtitle: {},
  shortDescription: {},
  description: {},
  heroImage: undefined,
  heroImageAlt: {},
  groupId: undefined,
  parentId: undefined,
  startDate: undefined,
  endDate: undefined,
  purpose: {},
  composition: {},
  isPrivate: false,
  isTransparent: false,
  promoted: false,
  weight: 0,
};

/**
 * Creates a space of `type` with these components in this order (published with it when `published`).
 * A field error (the slug taken, a parent that cannot be) comes back as the form's would; a manifest
 * that is not registered is a programming error and throws.
 */
export async function createSpaceWithComponents(
  db: Db,
  actor: Actor,
  type: SpaceType,
  input: Pick<SpaceInput, "slug" | "title"> & Partial<SpaceInput>,
  toAdd: readonly ComponentToAdd[],
  opts: { published?: boolean } = {},
): Promise<Result<{ space: SpaceRow; components: ComponentRecord[] }>> {
  const manifests = toAdd.map((c) => {
    const m = getComponentManifest(c.manifest);
    if (!m) throw new Error(`createSpaceWithComponents: no component named ${c.manifest}`);
    return { manifest: m, name: c.name };
  });
  return db.transaction(async (tx) => {
    const created = await createSpace(tx, actor, type, { ...EMPTY_SPACE_FIELDS, ...input }, null);
    if (!created.ok) return fail(created.errors);
    const space = created.value;
    const components: ComponentRecord[] = [];
    for (const c of manifests) components.push(await addComponent(tx, actor, space.id, c.manifest, c.name, { published: opts.published === true }));
    if (opts.published) await setSpacePublished(tx, actor, space.id, true);
    return ok({ space, components });
  });
}
