/**
 * Test helpers for the results component: a published process with a published results component and
 * a published proposals component (for links), and ways to add proposals and results quickly.
 */
import { sql } from "drizzle-orm";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import { findSpaceById } from "../../core/spaces/queries";
import type { TestPlatform } from "../../test/platform";
import { listStatuses } from "./statuses";

let counter = 0;

export interface ResultsFixture {
  space: SpaceRecord;
  component: ComponentRecord;
  proposalsComponentId: number;
  /** `/spaces/<slug>/c/<id>` */
  base: string;
  adminBase: string;
  /** A published proposal of the space (the kit's "proposal" kind). */
  proposal: (title: string, opts?: { hidden?: boolean }) => Promise<number>;
  /** A result straight in the table (progress computed by the service only: use the admin forms for that). */
  result: (title: string, opts?: { parentId?: number; progress?: number | null; statusToken?: string }) => Promise<number>;
}

export async function resultsFixture(p: TestPlatform, adminId: number, opts: { isPrivate?: boolean } = {}): Promise<ResultsFixture> {
  counter += 1;
  const actor = { id: adminId, ip: null };
  const db = p.deps.db;
  const slug = `synthesis-${counter}-${Date.now()}`;
  const created = await createSpace(
    db,
    actor,
    "process",
    { slug, title: { en: "Consultation", fr: "Consultation" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: opts.isPrivate ?? false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  await setSpacePublished(db, actor, created.value.id, true);
  const results = getComponentManifest("results");
  const proposals = getComponentManifest("proposals");
  if (!results || !proposals) throw new Error("components not registered");
  const component = await addComponent(db, actor, created.value.id, results, { en: "Synthesis", fr: "Synthèse", nl: "Synthese" }, { published: true });
  const ideas = await addComponent(db, actor, created.value.id, proposals, { en: "Ideas" }, { published: true });
  const space = await findSpaceById(db, created.value.id);
  if (!space) throw new Error("space");
  return {
    space,
    component,
    proposalsComponentId: ideas.id,
    base: `/spaces/${slug}/c/${component.id}`,
    adminBase: `/admin/spaces/${space.id}/components/${component.id}/manage`,
    proposal: async (title, o = {}) => {
      const rows = await db.execute<{ id: string }>(sql`
        insert into proposals (component_id, author_id, title, body, language, published_at, hidden_at)
        values (${ideas.id}, ${adminId}, ${JSON.stringify({ en: title })}::jsonb, '{"en":"A body long enough to be a proposal."}'::jsonb, 'en', now(), ${o.hidden ? sql`now()` : sql`null`}) returning id`);
      return Number(rows.rows[0]?.id);
    },
    result: async (title, o = {}) => {
      await listStatuses(db, component.id);
      const rows = await db.execute<{ id: string }>(sql`
        insert into results (component_id, parent_id, title, progress, status_id)
        values (${component.id}, ${o.parentId ?? null}, ${JSON.stringify({ en: title })}::jsonb, ${o.progress ?? null},
          ${o.statusToken ? sql`(select id from result_statuses where component_id = ${component.id} and token = ${o.statusToken})` : sql`null`}) returning id`);
      return Number(rows.rows[0]?.id);
    },
  };
}

/** A result form's fields (English title; everything else blank unless given). */
export function resultFields(title: string, more: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { "title.en": title, "description.en": "", parentId: "", externalId: "", startDate: "", endDate: "", statusId: "", progress: "", linkTyped: "", ...more };
}
