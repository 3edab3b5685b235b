/**
 * The public shapes: JSON API and open-data CSV. They carry states, dates, counts and thresholds, and
 * never personal data (no signer, no email, no IP; the author only by the name they publish under).
 */
import type pg from "pg";
import { cursorRows } from "../../db/cursor";
import { isLocale, type Locale, type Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { ALL_REGIONS } from "../../core/verifications/regions";
import { csvLine } from "../../core/open-data/csv";
import { nameIn, namedRef } from "../../core/categories/labels";
import { quotas, type Counts } from "./counts";
import { openDataQuery, type OpenDataRow } from "./browse";
import { signatureExportQuery, type PetitionDetails, type PetitionSummary } from "./queries";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function countsJson(c: Counts, type: { threshold: number; regionThresholds: Record<string, number> }) {
  // Signatures of types that ask for no postal code have no region ("") and count in the totals only.
  const regions = new Set([...Object.keys(c.online), ...Object.keys(c.paper), ...Object.keys(type.regionThresholds)].filter((r) => r !== ""));
  return {
    total: c.total,
    online: c.onlineTotal,
    paper: c.paperTotal,
    byRegion: Object.fromEntries(
      [...regions].sort().map((r) => [r, { online: c.online[r] ?? 0, paper: c.paper[r] ?? 0, total: (c.online[r] ?? 0) + (c.paper[r] ?? 0), threshold: type.regionThresholds[r] ?? null }]),
    ),
    thresholdReached: quotas(type, c).every((q) => q.count >= q.needed),
  };
}

/** The reader's language for names the platform translates (petition texts stay in their own language). */
export interface ReaderLocale {
  locale: Locale;
  fallback: Locale;
}

/**
 * Its category and scope, named in the reader's language; `theme` is the category's name, as the API
 * answered when themes were free text (kept for its users).
 */
function filedUnder(p: { category: { id: number; name: Translatable } | null; scope: { id: number; name: Translatable } | null }, reader: ReaderLocale) {
  return {
    theme: nameIn(p.category?.name, reader),
    category: namedRef(p.category?.id, p.category?.name, reader),
    scope: namedRef(p.scope?.id, p.scope?.name, reader),
  };
}

export function summaryJson(base: string, p: PetitionSummary, reader: ReaderLocale) {
  return {
    id: p.id,
    url: `${base}/petitions/${p.id}`,
    title: p.title,
    summary: p.summary,
    language: p.language,
    ...filedUnder(p, reader),
    state: p.state,
    type: localize(p.typeTitle, reader.locale, reader.fallback).text,
    typeTitle: p.typeTitle,
    publishedAt: iso(p.publishedAt),
    signingEndsAt: iso(p.signingEndsAt),
    thresholds: { total: p.threshold, byRegion: p.regionThresholds },
    counts: countsJson(p.counts, { threshold: p.threshold, regionThresholds: p.regionThresholds }),
  };
}

/** `reader` names the type in the reader's language, as the list does (without one: the petition's language). */
export function detailsJson(base: string, p: PetitionDetails, reader?: ReaderLocale) {
  const own: Locale = isLocale(p.language) ? p.language : "fr";
  const named = reader ?? { locale: own, fallback: own };
  const typeName = localize(p.type.title, named.locale, named.fallback).text;
  const criteria = new Map(p.type.criteria.map((c) => [c.key, c.label]));
  return {
    id: p.id,
    url: `${base}/petitions/${p.id}`,
    title: p.title,
    summary: p.summary,
    body: p.body,
    language: p.language,
    ...filedUnder({ category: p.categoryId === null || !p.category ? null : { id: p.categoryId, name: p.category }, scope: p.scopeId === null || !p.scope ? null : { id: p.scopeId, name: p.scope } }, named),
    state: p.state,
    author: p.authorName,
    type: {
      name: typeName,
      title: p.type.title,
      minAge: p.type.minAge,
      residenceRegions: p.type.residenceRegions,
      signingDays: p.type.signingDays,
      verification: p.type.verification,
    },
    thresholds: { total: p.type.threshold, byRegion: p.type.regionThresholds },
    counts: countsJson(p.counts, p.type),
    dates: {
      submittedAt: iso(p.submittedAt),
      publishedAt: iso(p.publishedAt),
      signingEndsAt: iso(p.signingEndsAt),
      thresholdReachedAt: iso(p.thresholdReachedAt),
      transmittedAt: iso(p.transmittedAt),
      answerDueAt: iso(p.answerDueAt),
      hearingAt: iso(p.hearingAt),
      answeredAt: iso(p.answeredAt),
    },
    hearing: p.hearingAt ? { at: iso(p.hearingAt), link: p.hearingLink } : null,
    answer: p.answer ? { text: p.answer, url: p.answerUrl, at: iso(p.answeredAt) } : null,
    /** Public reasons of an inadmissibility decision, per criterion. */
    admissibility:
      p.state === "inadmissible"
        ? p.assessments.map((a) => ({ criterion: a.criterion, label: criteria.get(a.criterion) ?? {}, met: a.met, note: a.note }))
        : null,
    timeline: p.timeline.map((e) => ({ from: e.fromState, to: e.toState, at: e.at.toISOString(), note: e.note })),
  };
}

/** The open-data CSV's header (one column per region); category and scope are named in the reader's language. */
const OPEN_DATA_COLUMNS = ["id", "url", "title", "state", "type", "category", "scope", "published_at", "signing_ends_at", "threshold", "signatures_total", "signatures_online", "signatures_paper", ...ALL_REGIONS.map((r) => `signatures_${r}`)];

const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
const isoOf = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/**
 * Open data: every public petition with its counts per region, newest first, streamed from one query
 * through a cursor (constant memory, the first rows out at once).
 */
export async function* openDataCsv(pool: pg.Pool, base: string, reader: ReaderLocale): AsyncGenerator<string> {
  yield csvLine(OPEN_DATA_COLUMNS);
  for await (const rows of cursorRows<OpenDataRow>(pool, openDataQuery())) {
    yield rows
      .map((p) => {
        const online = p.online ?? {};
        const paper = p.paper ?? {};
        return csvLine([
          p.id,
          `${base}/petitions/${p.id}`,
          p.title,
          p.state,
          localize(p.type_title, reader.locale, reader.fallback).text,
          nameIn(p.category_name, reader),
          nameIn(p.scope_name, reader),
          isoOf(p.published_at),
          isoOf(p.signing_ends_at),
          p.threshold,
          sum(online) + sum(paper),
          sum(online),
          sum(paper),
          ...ALL_REGIONS.map((r) => (online[r] ?? 0) + (paper[r] ?? 0)),
        ]);
      })
      .join("");
  }
}

const SIGNATURE_COLUMNS = ["id", "name", "email", "birth_date", "postal_code", "region", "state", "show_name", "created_at", "confirmed_at", "ip"];

/**
 * The signature list for the services (personal data: only behind the evaluate permission, audited),
 * streamed from one query through a cursor in batches of `batch` rows, so a petition with hundreds of
 * thousands of signatures never sits in memory whole. By state, then in signing order: the order of
 * `petition_signatures_list_idx`, so the first rows leave without sorting the petition's signatures.
 */
export async function* signaturesCsv(pool: pg.Pool, petitionId: number, batch = 5_000): AsyncGenerator<string> {
  yield csvLine(SIGNATURE_COLUMNS);
  for await (const rows of cursorRows<Record<string, string | null>>(pool, signatureExportQuery(petitionId), batch)) {
    yield rows.map((r) => csvLine(SIGNATURE_COLUMNS.map((c) => r[c] ?? null))).join("");
  }
}
