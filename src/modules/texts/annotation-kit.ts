/**
 * Annotations as a resource kind of the participation kit: an annotation's note opens a discussion
 * (comments, for / against / neutral) on the annotation's own page; people report it and moderation
 * hides it. Public while its text is, anchored or orphaned.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";

/** The facts of these annotations, one query: titled by their text and quote. */
export async function loadAnnotationFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ id: string; text_id: string; component_id: string; space_id: string; slug: string; title: Translatable; exact: string; author_id: string | null; public: boolean }>(sql`
    select a.id, a.text_id, t.component_id, c.space_id, s.slug, t.title, a.exact, a.author_id,
      (t.published and t.current_version_id is not null and a.hidden_at is null) as public
    from text_annotations a join texts t on t.id = a.text_id join components c on c.id = t.component_id join spaces s on s.id = c.space_id
    where a.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => {
      const quote = r.exact.length > 60 ? `${r.exact.slice(0, 59)}…` : r.exact;
      const title: Translatable = {};
      for (const [locale, t] of Object.entries(r.title)) if (typeof t === "string") title[locale as keyof Translatable] = `${t} — “${quote}”`;
      return [
        Number(r.id),
        {
          type: "text_annotation",
          id: Number(r.id),
          componentId: Number(r.component_id),
          spaceId: Number(r.space_id),
          title,
          url: componentPath({ slug: r.slug }, Number(r.component_id), `/texts/${r.text_id}/annotations/${r.id}`),
          authorIds: r.author_id === null ? [] : [Number(r.author_id)],
          public: r.public,
        },
      ];
    }),
  );
}

export const annotationResourceKind: ResourceKind = {
  label: "texts.resource.annotation",
  load: loadAnnotationFacts,
  comments: { alignment: true },
  setHidden: async (tx, ids, hidden) => {
    await tx.execute(sql`update text_annotations set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`} where id = any(${sql.param(ids)}::bigint[])`);
  },
  authoredBy: async (db, userId) => (await db.execute<{ id: string }>(sql`select id from text_annotations where author_id = ${userId}`)).rows.map((r) => Number(r.id)),
};
