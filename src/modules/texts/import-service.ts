/** The import's database side: the space's texts component (created when missing) and a draft text. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { parseText } from "../../engines/texts/parse";
import { createText, textsComponentOf, type BlockCounts } from "./service";
import { textSettings, textStepSettings } from "./settings";

export type ImportOutcome = ({ ok: true; componentId: number; textId: number; versionId: number } & BlockCounts) | { ok: false; reason: "space" };

/** Imports Markdown as a draft text of the space `slug`'s texts component (one transaction, audited). */
export async function importDocument(db: Db, input: { slug: string; markdown: string; title: string | null; fallbackTitle: string }): Promise<ImportOutcome> {
  return db.transaction(async (tx) => {
    const found = await tx.execute<{ id: string; locale: string | null }>(sql`
      select s.id, (select o.default_locale from organizations o order by o.id limit 1) as locale from spaces s where s.slug = ${input.slug}`);
    const space = found.rows[0];
    if (!space) return { ok: false, reason: "space" } as const;
    const spaceId = Number(space.id);
    const locale = space.locale ?? "fr";
    const componentId = await textsComponentOf(tx, spaceId, { global: textSettings.parse({}), defaultStep: textStepSettings.parse({}), steps: {} });
    const parsedTitle = parseText(input.markdown).title;
    const title = input.title ?? (parsedTitle?.trim() || input.fallbackTitle);
    const t: Translatable = { [locale]: title };
    const r = await createText(tx, null, { componentId, spaceId, title: t, description: {}, locale, markdown: input.markdown });
    return { ok: true, componentId, ...r } as const;
  });
}
