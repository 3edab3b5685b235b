/**
 * For the integration tests of endorsements and co-authorships: a component declaring a resource kind
 * with `endorsements` and `coauthors` in its manifest and nothing else, as the next components will.
 * Its resources ("memos") are the tests' fake kind (src/test/resource-kind.ts: in memory, its `load`
 * adding accepted co-authors as a component's would). Its page renders the two view parts.
 */
import { z } from "zod";
import type { TestPlatform } from "../../test/platform";
import { fakeResourceKind, publishedPlace, type Place } from "../../test/resource-kind";
import { defineComponent, type ComponentManifest } from "../components/define";
import { sendComponentPage } from "../components/page";
import { registerComponent } from "../components/registry";
import { notFound } from "../http/result";
import { resolveResource } from "../resources/access";
import { loadCoauthorBox } from "./coauthors";
import { Coauthors } from "./coauthor-views";
import { loadEndorsementBox } from "./endorsements";
import { Endorsements } from "./endorsement-views";

const memoUrl = (r: { slug: string; componentId: number; id: number }) => `/spaces/${r.slug}/c/${r.componentId}/m/${r.id}`;
/** Endorsable, with at most two co-authors. */
const memos = fakeResourceKind("memo", { label: "pages.name", url: memoUrl, declares: { endorsements: true, coauthors: { max: 2 } } });
/** The same memos, declaring neither: the kit refuses them. */
const plainMemos = fakeResourceKind("plain-memo", { label: "pages.name", url: memoUrl, resources: memos.resources });

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
  resources: { memo: memos.kind, "plain-memo": plainMemos.kind },
});
registerComponent(memoComponent);

/** A memo (in memory) by `authorId` in the component. */
export function addMemo(place: Place, authorId: number, title: string, opts: { public?: boolean } = {}): number {
  return memos.add(place, authorId, title, opts);
}

/** A published space (private when asked) with a published memos component. */
export function memoSpace(p: TestPlatform, slug: string, opts: { isPrivate?: boolean } = {}): Promise<Place> {
  return publishedPlace(p, memoComponent as unknown as ComponentManifest, slug, opts);
}
