/**
 * A fake resource kind for the participation kit's integration tests: its resources live in memory (a
 * table would need a migration), on real published spaces and components, and it answers the kit as a
 * component's kind would: `load` (with accepted co-authors when it declares `coauthors`), and
 * moderation's `setHidden`, `setTitle` and `authoredBy`. Everything the kit keeps about the resources
 * is in the kit's real tables.
 */
import type { MessageKey } from "../core/i18n/catalogues";
import type { ComponentManifest } from "../core/components/define";
import { addComponent } from "../core/components/service";
import { authorIdsOf, refKey } from "../core/follows/coauthors";
import type { ResourceFacts, ResourceKind } from "../core/resources/kinds";
import { findComponent, findSpaceById } from "../core/spaces/queries";
import { createSpace, setSpacePublished } from "../core/spaces/service";
import type { ComponentRecord, SpaceRecord } from "../core/spaces/types";
import type { TestPlatform } from "./platform";

export interface FakeResource {
  id: number;
  componentId: number;
  spaceId: number;
  /** The space's slug, for urls under it. */
  slug: string;
  title: string;
  authorId: number | null;
  /** False: a draft, or hidden by moderation (`setHidden`). */
  public: boolean;
}

/** Where fake resources sit: a published space and a published component in it. */
export interface Place {
  space: SpaceRecord;
  component: ComponentRecord;
}

export interface FakeKind {
  kind: ResourceKind;
  resources: Map<number, FakeResource>;
  /** A resource (public unless told) by `authorId` in the place; returns its id. */
  add: (place: Place, authorId: number | null, title: string, opts?: { public?: boolean }) => number;
}

let nextId = 1;

/**
 * A kind named `type` whose resources link to `url(resource)`; `declares` adds what the kit reads from
 * a kind (comments, endorsements, coauthors, events...); `resources`: another fake kind's, served as
 * this kind too (to show the kit refusing a kind that does not declare a feature).
 */
export function fakeResourceKind(type: string, options: { label: MessageKey; url: (r: FakeResource) => string; declares?: Partial<ResourceKind>; resources?: Map<number, FakeResource> }): FakeKind {
  const resources = options.resources ?? new Map<number, FakeResource>();
  const coauthored = options.declares?.coauthors !== undefined;
  const kind: ResourceKind = {
    label: options.label,
    load: async (db, ids) => {
      const present = ids.flatMap((id) => resources.get(id) ?? []);
      const coauthors = coauthored ? await authorIdsOf(db, present.map((r) => ({ type, id: r.id }))) : new Map<string, number[]>();
      const facts = (r: FakeResource): ResourceFacts => ({
        type,
        id: r.id,
        componentId: r.componentId,
        spaceId: r.spaceId,
        title: r.title,
        url: options.url(r),
        authorIds: [...(r.authorId === null ? [] : [r.authorId]), ...(coauthors.get(refKey({ type, id: r.id })) ?? [])],
        public: r.public,
        permissionResource: { authorId: r.authorId },
      });
      return new Map(present.map((r) => [r.id, facts(r)]));
    },
    setHidden: async (_tx, ids, hidden) => {
      for (const id of ids) {
        const r = resources.get(id);
        if (r) r.public = !hidden;
      }
    },
    setTitle: async (_tx, id, title) => {
      const r = resources.get(id);
      if (r) r.title = title;
    },
    authoredBy: async (_db, userId) => [...resources.values()].filter((r) => r.authorId === userId).map((r) => r.id),
    ...options.declares,
  };
  return {
    kind,
    resources,
    add: (place, authorId, title, opts = {}) => {
      const id = nextId++;
      resources.set(id, { id, componentId: place.component.id, spaceId: place.space.id, slug: place.space.slug, title, authorId, public: opts.public ?? true });
      return id;
    },
  };
}

/** A published space (private when asked; titled `slug` unless told) with a published component of `manifest` in it. */
export async function publishedPlace(p: TestPlatform, manifest: Pick<ComponentManifest, "name" | "settings" | "stepSettings">, slug: string, opts: { isPrivate?: boolean; title?: string } = {}): Promise<Place> {
  const actor = { id: 0, ip: null };
  const created = await createSpace(p.deps.db, actor, "process", { slug, title: { en: opts.title ?? slug }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: opts.isPrivate ?? false, isTransparent: false, promoted: false, weight: 0 }, null);
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  await setSpacePublished(p.deps.db, actor, created.value.id, true);
  const added = await addComponent(p.deps.db, actor, created.value.id, manifest, { en: "Notes" }, { published: true });
  const space = await findSpaceById(p.deps.db, created.value.id);
  const component = await findComponent(p.deps.db, created.value.id, added.id);
  if (!space || !component) throw new Error("fixture");
  return { space, component };
}
