/**
 * Test helpers for the debates component: a published process with a published debates component
 * whose settings the test chooses, and a way to change them during a test.
 */
import { addComponent, updateComponentSettings } from "../../core/components/service";
import { registerComponent } from "../../core/components/registry";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import { findComponent, findSpaceById } from "../../core/spaces/queries";
import type { TestPlatform } from "../../test/platform";
import manifest from "./manifest";
import type { DebateSettings, DebateStepSettings } from "./settings";

registerComponent(manifest);

let counter = 0;

export interface DebatesFixture {
  space: SpaceRecord;
  component: ComponentRecord;
  /** `/spaces/<slug>/c/<id>` */
  base: string;
  adminBase: string;
  /** Replaces the settings (defaults for what is not given). */
  configure: (global: Partial<DebateSettings>, step: Partial<DebateStepSettings> & Record<string, unknown>) => Promise<void>;
}

export async function debatesFixture(p: TestPlatform, adminId: number, opts: { global?: Partial<DebateSettings>; step?: Partial<DebateStepSettings> & Record<string, unknown> } = {}): Promise<DebatesFixture> {
  counter += 1;
  const actor = { id: adminId, ip: null };
  const db = p.deps.db;
  const slug = `committee-${counter}-${Date.now()}`;
  const created = await createSpace(
    db,
    actor,
    "process",
    { slug, title: { en: "School budget", fr: "Budget de l’école" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  await setSpacePublished(db, actor, created.value.id, true);
  const component = await addComponent(db, actor, created.value.id, manifest, { en: "Committee discussions", fr: "Discussions du comité" }, { published: true });
  const configure = async (global: Partial<DebateSettings>, step: Partial<DebateStepSettings> & Record<string, unknown>) => {
    const settings = { global: { ...(manifest.settings.parse({}) as Record<string, unknown>), ...global }, defaultStep: { ...(manifest.stepSettings.parse({}) as Record<string, unknown>), ...step }, steps: {} };
    await updateComponentSettings(db, actor, created.value.id, component.id, component.name, settings);
  };
  await configure(opts.global ?? {}, opts.step ?? {});
  const space = await findSpaceById(db, created.value.id);
  const fresh = space ? await findComponent(db, space.id, component.id) : null;
  if (!space || !fresh) throw new Error("fixture");
  return { space, component: fresh, base: `/spaces/${slug}/c/${component.id}`, adminBase: `/admin/spaces/${created.value.id}/components/${component.id}/manage`, configure };
}

/** The id in a `Location` like `/spaces/x/c/3/42`. */
export const idFromLocation = (location: unknown): number => Number(/\/(\d+)$/.exec(String(location))?.[1]);
