/**
 * For the integration tests of endorsements and co-authorships: a component declaring a resource kind
 * with `endorsements` and `coauthors` in its manifest and nothing else, as the next components will.
 * Its resources ("memos") live in memory (a table would need a migration); everything the kit keeps
 * about them is in the kit's real tables, and its `load` adds accepted co-authors with `authorIdsOf`
 * as a component's would. Its page renders the two view parts.
 */
import { z } from "zod";
import type { TestPlatform } from "../../test/platform";
import { defineComponent, type ComponentManifest } from "../components/define";
import { sendComponentPage } from "../components/page";
import { registerComponent } from "../components/registry";
import { addComponent } from "../components/service";
import { notFound } from "../http/result";
import { resolveResource } from "../resources/access";
import type { ResourceFacts, ResourceKind } from "../resources/kinds";
import { createSpace, setSpacePublished } from "../spaces/service";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import { findComponent, findSpaceById } from "../spaces/queries";
import { authorIdsOf, loadCoauthorBox, refKey } from "./coauthors";
import { Coauthors } from "./coauthor-views";
import { loadEndorsementBox } from "./endorsements";
import { Endorsements } from "./endorsement-views";

interface Memo {
  componentId: number;
  spaceId: number;
  slug: string;
  title: string;
  authorId: number;
  public: boolean;
}

export const memos = new Map<number, Memo>();

function memoLoader(type: string): ResourceKind["load"] {
  return async (db, ids) => {
    const present = ids.filter((id) => memos.has(id));
    const coauthors = await authorIdsOf(db, present.map((id) => ({ type, id })));
    const out = new Map<number, ResourceFacts>();
    for (const id of present) {
      const m = memos.get(id);
      if (!m) continue;
      out.set(id, {
        type,
        id,
        componentId: m.componentId,
        spaceId: m.spaceId,
        title: m.title,
        url: `/spaces/${m.slug}/c/${m.componentId}/m/${id}`,
        authorIds: [m.authorId, ...(coauthors.get(refKey({ type, id })) ?? [])],
        public: m.public,
        permissionResource: { authorId: m.authorId },
      });
    }
    return out;
  };
}

/** Endorsable, with at most two co-authors. */
export const memoKind: ResourceKind = { label: "pages.name", load: memoLoader("memo"), endorsements: true, coauthors: { max: 2 } };
/** Declares neither: the kit refuses it. */
const plainKind: ResourceKind = { label: "pages.name", load: memoLoader("plain-memo") };

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const memoComponent = defineComponent({
  name: "test-memos",
  label: "pages.name",
  description: "pages.description",
  settings: z.object({}),
  stepSettings: z.object({}),
  labels: {},
  actions: [] as const,
  actionLabels: {},
  routes: [
    {
      method: "GET",
      path: "/m/:id",
      params: idParam,
      handler: async (req, reply, c) => {
        const r = await resolveResource(c.deps.db, { type: "memo", id: Number(c.params.id) }, req.ctx.user);
        if (!r || r.component.id !== c.component.id) throw notFound();
        const [endorsements, coauthors] = await Promise.all([loadEndorsementBox(c.deps.db, r, req.ctx.user), loadCoauthorBox(c.deps.db, r.facts, req.ctx.user)]);
        return sendComponentPage(req, reply, c, {
          title: String(r.facts.title),
          body: (
            <article>
              <h1>{String(r.facts.title)}</h1>
              <Endorsements ctx={req.ctx} box={endorsements} />
              <Coauthors ctx={req.ctx} box={coauthors} />
            </article>
          ),
        });
      },
    },
  ],
  adminRoutes: [],
  resources: { memo: memoKind, "plain-memo": plainKind },
});
registerComponent(memoComponent);

let nextId = 1;

/** A memo (in memory) by `authorId` in the component. */
export function addMemo(place: { space: SpaceRecord; component: ComponentRecord }, authorId: number, title: string, opts: { public?: boolean } = {}): number {
  const id = nextId++;
  memos.set(id, { componentId: place.component.id, spaceId: place.space.id, slug: place.space.slug, title, authorId, public: opts.public ?? true });
  return id;
}

/** A published space (private when asked) with a published memos component. */
export async function memoSpace(p: TestPlatform, slug: string, opts: { isPrivate?: boolean } = {}): Promise<{ space: SpaceRecord; component: ComponentRecord }> {
  const actor = { id: 1, ip: null };
  const created = await createSpace(p.deps.db, actor, "process", { slug, title: { en: slug }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: opts.isPrivate ?? false, isTransparent: false, promoted: false, weight: 0 }, null);
  if (!created.ok) throw new Error("space");
  await setSpacePublished(p.deps.db, actor, created.value.id, true);
  const added = await addComponent(p.deps.db, actor, created.value.id, memoComponent as unknown as ComponentManifest, { en: "Memos" }, { published: true });
  const space = await findSpaceById(p.deps.db, created.value.id);
  const component = await findComponent(p.deps.db, created.value.id, added.id);
  if (!space || !component) throw new Error("fixture");
  return { space, component };
}
