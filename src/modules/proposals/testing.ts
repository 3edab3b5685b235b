/**
 * Test helpers for the proposals component: a published process with a published proposals
 * component whose settings the test chooses, and a way to change them between steps of a test.
 */
import { addComponent, updateComponentSettings } from "../../core/components/service";
import { registerComponent } from "../../core/components/registry";
import { findComponent, findSpaceById } from "../../core/spaces/queries";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import type { TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";
import manifest from "./manifest";
import { proposalSettings, proposalStepSettings, type ProposalSettings, type ProposalStepSettings } from "./settings";

registerComponent(manifest);

export interface ProposalsFixture {
  space: SpaceRecord;
  component: ComponentRecord;
  /** `/spaces/<slug>/c/<id>` */
  base: string;
  adminBase: string;
  /** Replaces the settings (defaults for what is not given). */
  configure: (global: Partial<ProposalSettings>, step: Partial<ProposalStepSettings> & Record<string, unknown>) => Promise<void>;
  /** The records as they are now (after `configure`). */
  reload: () => Promise<{ space: SpaceRecord; component: ComponentRecord }>;
}

export async function proposalsFixture(p: TestPlatform, adminId: number, opts: { global?: Partial<ProposalSettings>; step?: Partial<ProposalStepSettings> & Record<string, unknown>; isPrivate?: boolean } = {}): Promise<ProposalsFixture> {
  const actor = { id: adminId, ip: null };
  const db = p.deps.db;
  const { id: spaceId, slug } = await publishedProcess(p, adminId, { prefix: "consultation", isPrivate: opts.isPrivate ?? false });
  const component = await addComponent(db, actor, spaceId, manifest, { en: "Ideas", fr: "Idées" }, { published: true });
  const configure = async (global: Partial<ProposalSettings>, step: Partial<ProposalStepSettings> & Record<string, unknown>) => {
    const settings = { global: { ...proposalSettings.parse({}), ...global }, defaultStep: { ...proposalStepSettings.parse({}), ...step }, steps: {} };
    await updateComponentSettings(db, actor, spaceId, component.id, component.name, settings);
  };
  await configure(opts.global ?? {}, opts.step ?? {});
  const reload = async () => {
    const space = await findSpaceById(db, spaceId);
    const fresh = space ? await findComponent(db, space.id, component.id) : null;
    if (!space || !fresh) throw new Error("fixture");
    return { space, component: fresh };
  };
  const now = await reload();
  return {
    ...now,
    base: `/spaces/${slug}/c/${component.id}`,
    adminBase: `/admin/spaces/${spaceId}/components/${component.id}/manage`,
    configure,
    reload,
  };
}

/** The id in a `Location` like `/spaces/x/c/3/42`. */
export const idFromLocation = (location: unknown): number => Number(/\/(\d+)$/.exec(String(location))?.[1]);
