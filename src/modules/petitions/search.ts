/** Search provider: public petitions, searched in each petition's own language (the browse query). */
import type { Db } from "../../db/client";
import type { Locale } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import type { SearchQuery } from "../../core/search/registry";
import { plainExcerpt } from "../../core/search/text";
import { browsePetitions, PAGE_SIZE } from "./queries";

async function searchPetitions(db: Db, q: SearchQuery) {
  // The search page pages by PAGE_SIZE too, so an offset is always a page boundary.
  const { items, total } = await browsePetitions(db, { q: q.q, page: Math.floor(q.offset / PAGE_SIZE) + 1 });
  return {
    total,
    hits: items.slice(0, q.limit).map((p) => ({
      title: p.title,
      lang: p.language as Locale,
      url: `/petitions/${p.id}`,
      excerpt: plainExcerpt(p.summary),
      context: localize(p.typeTitle, q.locale, q.fallback).text,
    })),
  };
}

export { searchPetitions };
