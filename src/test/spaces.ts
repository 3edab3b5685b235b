/**
 * A published process (or assembly) for a component's integration tests: the "published place in a space" every
 * component fixture starts from (src/modules/<component>/testing.ts adds its components to it).
 */
import { createSpace, setSpacePublished } from "../core/spaces/service";
import type { TestPlatform } from "./platform";

let counter = 0;

interface SpaceOptions {
  prefix: string;
  isPrivate?: boolean;
  title?: Record<string, string>;
}

/** A published process titled "Consultation" (or `title`), public unless `isPrivate`, its slug `<prefix>-<n>-<time>` (unique in the run). */
export async function publishedProcess(p: TestPlatform, adminId: number, opts: SpaceOptions): Promise<{ id: number; slug: string }> {
  return publishedSpace(p, adminId, "process", opts);
}

/** A published assembly, as `publishedProcess` (titled "Consultation" unless `title`). */
export async function publishedAssembly(p: TestPlatform, adminId: number, opts: SpaceOptions): Promise<{ id: number; slug: string }> {
  return publishedSpace(p, adminId, "assembly", opts);
}

async function publishedSpace(p: TestPlatform, adminId: number, type: "process" | "assembly", opts: SpaceOptions): Promise<{ id: number; slug: string }> {
  counter += 1;
  const actor = { id: adminId, ip: null };
  const slug = `${opts.prefix}-${counter}-${Date.now()}`;
  const created = await createSpace(
    p.deps.db,
    actor,
    type,
    { slug, title: opts.title ?? { en: "Consultation", fr: "Consultation" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: opts.isPrivate ?? false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  await setSpacePublished(p.deps.db, actor, created.value.id, true);
  return { id: created.value.id, slug };
}
