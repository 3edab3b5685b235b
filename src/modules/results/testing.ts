/**
 * Test helpers for the results component: a published process with a published results component and
 * a published proposals component (for links), and ways to add proposals and results quickly.
 */
import { sql } from "drizzle-orm";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import { findSpaceById } from "../../core/spaces/queries";
import type { TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";
import { listStatuses } from "./statuses";

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
  const actor = { id: adminId, ip: null };
  const db = p.deps.db;
  const { id: spaceId, slug } = await publishedProcess(p, adminId, { prefix: "synthesis", isPrivate: opts.isPrivate ?? false });
  const results = getComponentManifest("results");
  const proposals = getComponentManifest("proposals");
  if (!results || !proposals) throw new Error("components not registered");
  const component = await addComponent(db, actor, spaceId, results, { en: "Synthesis", fr: "Synthèse", nl: "Synthese" }, { published: true });
  const ideas = await addComponent(db, actor, spaceId, proposals, { en: "Ideas" }, { published: true });
  const space = await findSpaceById(db, spaceId);
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
