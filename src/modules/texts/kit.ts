/**
 * The texts component's resource kinds for the participation kit.
 *
 * - `text`: the whole text (follows, reports, general comments).
 * - `text_block`: a block's identity (a `text_blocks` row), not one version's wording: comments made on
 *   a paragraph of version 1 stay on that paragraph in version 2, since publishing keeps the identity of
 *   an unchanged, changed or moved block (schema.ts). Comments take a side (for / against / neutral).
 *   The block's page is `<component>/texts/:textId/blocks/:blockId`.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";

/** The address of a text's page, under its component. */
export function textPath(space: { slug: string }, componentId: number, textId: number, rest = ""): string {
  return componentPath(space, componentId, `/texts/${textId}${rest}`);
}

/** The address of a block's own page (its comments, annotations and amendments). */
export function blockPath(space: { slug: string }, componentId: number, textId: number, blockId: number): string {
  return textPath(space, componentId, textId, `/blocks/${blockId}`);
}

/** A short, plain label of a block's wording: a heading's text, or the first words of a paragraph. */
export function blockExcerpt(body: string, max = 80): string {
  const plain = body
    .replace(/^\s{0,3}#{1,6}\s+/, "")
    .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, "")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length <= max ? plain : `${plain.slice(0, max - 1).trimEnd()}…`;
}

type TextRow = { id: string; component_id: string; space_id: string; slug: string; title: Translatable; public: boolean };

/** The facts of these texts, one query. A text is public once published (a version is out). */
export async function loadTextFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<TextRow>(sql`
    select t.id, t.component_id, c.space_id, s.slug, t.title, (t.published and t.current_version_id is not null) as public
    from texts t join components c on c.id = t.component_id join spaces s on s.id = c.space_id
    where t.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      {
        type: "text",
        id: Number(r.id),
        componentId: Number(r.component_id),
        spaceId: Number(r.space_id),
        title: r.title,
        url: textPath({ slug: r.slug }, Number(r.component_id), Number(r.id)),
        authorIds: [],
        public: r.public,
      },
    ]),
  );
}

type BlockRow = TextRow & { text_id: string; body: string | null };

/**
 * The facts of these blocks, one query: the title is the text's with the block's latest wording (its
 * newest published version, else the draft) as an excerpt. Public once a published version holds it,
 * while its text is public and moderation has not hidden it (a block only in a draft is the staff's).
 */
export async function loadBlockFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<BlockRow>(sql`
    select b.id, b.text_id, t.component_id, c.space_id, s.slug, t.title, w.body,
      (t.published and t.current_version_id is not null and b.hidden_at is null and coalesce(w.published, false)) as public
    from text_blocks b
      join texts t on t.id = b.text_id
      join components c on c.id = t.component_id
      join spaces s on s.id = c.space_id
      left join lateral (
        select vb.body, v.status = 'published' as published from text_version_blocks vb join text_versions v on v.id = vb.version_id
        where vb.block_id = b.id order by (v.status = 'published') desc, v.number desc limit 1
      ) w on true
    where b.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => {
      const excerpt = blockExcerpt(r.body ?? "");
      const title: Translatable = {};
      for (const [locale, t] of Object.entries(r.title)) if (typeof t === "string") title[locale as keyof Translatable] = excerpt ? `${t} — ${excerpt}` : t;
      return [
        Number(r.id),
        {
          type: "text_block",
          id: Number(r.id),
          componentId: Number(r.component_id),
          spaceId: Number(r.space_id),
          title,
          url: blockPath({ slug: r.slug }, Number(r.component_id), Number(r.text_id), Number(r.id)),
          authorIds: [],
          public: r.public,
        },
      ];
    }),
  );
}

export const textResourceKind: ResourceKind = {
  label: "texts.resource.text",
  load: loadTextFacts,
  comments: { alignment: true },
  events: {
    versionPublished: { to: ["followers", "spaceFollowers"], message: "texts.notification.versionPublished" },
  },
};

export const textBlockResourceKind: ResourceKind = {
  label: "texts.resource.block",
  load: loadBlockFacts,
  comments: { alignment: true },
  setHidden: async (tx, ids, hidden) => {
    await tx.execute(sql`update text_blocks set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`} where id = any(${sql.param(ids)}::bigint[])`);
  },
};
