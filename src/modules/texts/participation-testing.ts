/**
 * Test helpers for the texts component's participation (block pages, annotations, amendments,
 * adoption, archive, export): a published process with a published texts component and a published
 * text made of the given blocks (plain inserts, so these tests do not depend on the import).
 */
import { sql } from "drizzle-orm";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent, updateComponentSettings } from "../../core/components/service";
import { findSpaceById } from "../../core/spaces/queries";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import type { TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";

export interface TextFixture {
  space: SpaceRecord;
  component: ComponentRecord;
  /** `/spaces/<slug>/c/<id>` */
  base: string;
  textId: number;
  versionId: number;
  /** Block ids in order. */
  blocks: number[];
  textHref: string;
  blockHref: (i: number) => string;
  /** Sets the component's default step settings. */
  stepSettings: (values: Record<string, unknown>) => Promise<void>;
  /** Publishes a version 2 with these bodies for these blocks (same ids, in this order), as the publish flow would. */
  publishVersion: (bodies: Array<{ blockId: number | null; body: string }>) => Promise<{ versionId: number; blocks: number[] }>;
}

const id = (rows: { rows: Array<{ id: string }> }) => Number(rows.rows[0]?.id);

export async function textFixture(p: TestPlatform, adminId: number, bodies: string[], opts: { isPrivate?: boolean; title?: string } = {}): Promise<TextFixture> {
  const db = p.deps.db;
  const actor = { id: adminId, ip: null };
  const { id: spaceId, slug } = await publishedProcess(p, adminId, { prefix: "charter", title: { en: "Charter", fr: "Charte" }, ...(opts.isPrivate ? { isPrivate: true } : {}) });
  const manifest = getComponentManifest("texts");
  if (!manifest) throw new Error("texts not registered");
  const component = await addComponent(db, actor, spaceId, manifest, { en: "Texts", fr: "Textes" }, { published: true });
  const space = await findSpaceById(db, spaceId);
  if (!space) throw new Error("space");
  const title = JSON.stringify({ en: opts.title ?? "Municipal charter", fr: opts.title ?? "Charte municipale" });
  const textId = id(await db.execute<{ id: string }>(sql`insert into texts (component_id, title, locale, published) values (${component.id}, ${title}::jsonb, 'en', true) returning id`));
  const insertVersion = async (n: number, source: string) =>
    id(await db.execute<{ id: string }>(sql`insert into text_versions (text_id, number, status, source, published_by, published_at) values (${textId}, ${n}, 'published', ${source}, ${adminId}, now()) returning id`));
  const versionId = await insertVersion(1, bodies.join("\n\n"));
  const blocks: number[] = [];
  for (const [position, body] of bodies.entries()) {
    const blockId = id(await db.execute<{ id: string }>(sql`insert into text_blocks (text_id, created_in_version_id) values (${textId}, ${versionId}) returning id`));
    blocks.push(blockId);
    const kind = body.startsWith("#") ? "article" : "paragraph";
    await db.execute(sql`insert into text_version_blocks (version_id, block_id, position, kind, level, body) values (${versionId}, ${blockId}, ${position}, ${kind}, ${kind === "article" ? 2 : 0}, ${body})`);
  }
  await db.execute(sql`update texts set current_version_id = ${versionId} where id = ${textId}`);
  const base = `/spaces/${slug}/c/${component.id}`;
  const textHref = `${base}/texts/${textId}`;
  let number = 1;
  return {
    space,
    component,
    base,
    textId,
    versionId,
    blocks,
    textHref,
    blockHref: (i) => `${textHref}/blocks/${blocks[i]}`,
    stepSettings: async (values) => {
      const row = await db.execute<{ settings: { global: Record<string, unknown>; defaultStep: Record<string, unknown>; steps: Record<string, Record<string, unknown>> } }>(sql`select settings from components where id = ${component.id}`);
      const settings = row.rows[0]?.settings ?? { global: {}, defaultStep: {}, steps: {} };
      const step = { ...settings.defaultStep, ...values };
      await updateComponentSettings(db, actor, space.id, component.id, component.name, { global: settings.global, defaultStep: step, steps: Object.fromEntries(Object.keys(settings.steps).map((k) => [k, step])) });
    },
    publishVersion: async (next) => {
      number += 1;
      const v = await insertVersion(number, next.map((b) => b.body).join("\n\n"));
      const ids: number[] = [];
      for (const [position, b] of next.entries()) {
        const blockId = b.blockId ?? id(await db.execute<{ id: string }>(sql`insert into text_blocks (text_id, created_in_version_id) values (${textId}, ${v}) returning id`));
        ids.push(blockId);
        await db.execute(sql`insert into text_version_blocks (version_id, block_id, position, kind, body, change) values (${v}, ${blockId}, ${position}, 'paragraph', ${b.body}, 'changed')`);
      }
      await db.execute(sql`update texts set current_version_id = ${v} where id = ${textId}`);
      return { versionId: v, blocks: ids };
    },
  };
}
