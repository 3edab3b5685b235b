/**
 * The petitions JSON API's schemas: the list's query, and exactly what `summaryJson` and `detailsJson`
 * (presenters.ts) answer. They feed /api/openapi.json and /api/docs; the API tests parse real answers
 * with them (strict objects: a field the presenter adds or drops fails until it is described here).
 * Descriptions are message keys, translated for the reader.
 */
import { z } from "zod";
import type messages from "./messages";
import { ALL_REGIONS } from "../../core/verifications/regions";
import { SORTS, type BrowseFilter } from "./queries";
import type { PetitionState } from "./schema";
import { ALL_STATES, PUBLIC_STATES } from "./states";

const about = (description: Extract<keyof typeof messages.en, string>) => ({ description });

// The lists are constants with members; zod's enum wants that said as a non-empty tuple.
const publicState = z.enum(PUBLIC_STATES as [PetitionState, ...PetitionState[]]);
const anyState = z.enum(ALL_STATES as [PetitionState, ...PetitionState[]]);
const region = z.enum(ALL_REGIONS as [string, ...string[]]);

/** An empty parameter (`?state=`, as a form sends it) is an absent one. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/**
 * The list's query, strict: a value that does not fit (`?page=abc`, `?state=unknown`) is a 400 problem
 * naming the parameter, rather than a silently different list; unknown parameters are ignored. (The HTML
 * page /petitions stays lenient: a hand-edited address still shows a list.)
 */
export const petitionListQuery = z.object({
  q: optional(z.string().trim().max(200)).meta(about("petitions.api.param.q")),
  state: optional(publicState).meta(about("petitions.api.param.state")),
  theme: optional(z.string().trim().max(120)).meta(about("petitions.api.param.theme")),
  category: optional(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)).meta(about("petitions.api.param.category")),
  scope: optional(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)).meta(about("petitions.api.param.scope")),
  region: optional(region).meta(about("petitions.api.param.region")),
  sort: optional(z.enum(SORTS)).meta(about("petitions.api.param.sort")),
  component: optional(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)).meta(about("petitions.api.param.component")),
  page: optional(z.coerce.number().int().min(1).max(10_000)).meta(about("petitions.api.param.page")),
});

export type PetitionListQuery = z.output<typeof petitionListQuery>;

export function browseFilterOf(q: PetitionListQuery): BrowseFilter {
  return { q: q.q || undefined, state: q.state, theme: q.theme || undefined, categoryId: q.category, scopeId: q.scope, region: q.region, sort: q.sort, componentId: q.component, page: q.page };
}

export const petitionIdParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta(about("petitions.api.param.id")),
});

// A count may dip below zero: the services correct paper entries with negative ones.
const count = z.number().int();
const needed = z.number().int().min(0);
const instant = z.iso.datetime();
/** A name in the languages it has (fr, nl, en, de). */
const translatable = z.strictObject({ fr: z.string().optional(), nl: z.string().optional(), en: z.string().optional(), de: z.string().optional() });

/** A category or scope: its number and its name in the reader's language. */
const named = z.strictObject({ id: z.number().int().positive(), name: z.string() });

const thresholds = z
  .strictObject({
    total: needed,
    byRegion: z.record(z.string(), needed),
  })
  .meta(about("petitions.api.field.thresholds"));

const counts = z
  .strictObject({
    total: count,
    online: count,
    paper: count,
    byRegion: z.record(z.string(), z.strictObject({ online: count, paper: count, total: count, threshold: needed.nullable() })),
    thresholdReached: z.boolean(),
  })
  .meta(about("petitions.api.field.counts"));

const common = {
  id: z.number().int().positive(),
  url: z.url().meta(about("petitions.api.field.url")),
  title: z.string(),
  summary: z.string(),
  language: z.string().meta(about("petitions.api.field.language")),
  theme: z.string().nullable().meta(about("petitions.api.field.theme")),
  category: named.nullable().meta(about("petitions.api.field.category")),
  scope: named.nullable().meta(about("petitions.api.field.scope")),
  state: publicState,
  thresholds,
  counts,
};

/** One petition in the list (`summaryJson`). */
export const petitionSummary = z.strictObject({
  ...common,
  type: z.string().meta(about("petitions.api.field.typeName")),
  typeTitle: translatable,
  publishedAt: instant.nullable(),
  signingEndsAt: instant.nullable(),
});

/** One petition in full (`detailsJson`). */
export const petitionDetails = z.strictObject({
  ...common,
  body: z.string(),
  author: z.string().nullable().meta(about("petitions.api.field.author")),
  type: z.strictObject({
    name: z.string().meta(about("petitions.api.field.typeName")),
    title: translatable,
    minAge: needed,
    residenceRegions: z.array(region),
    signingDays: needed,
    verification: z.enum(["email", "account", "age_residence"]),
  }),
  dates: z.strictObject({
    submittedAt: instant.nullable(),
    publishedAt: instant.nullable(),
    signingEndsAt: instant.nullable(),
    thresholdReachedAt: instant.nullable(),
    transmittedAt: instant.nullable(),
    answerDueAt: instant.nullable(),
    hearingAt: instant.nullable(),
    answeredAt: instant.nullable(),
  }),
  // Links as stored: those saved before only http(s) was accepted may be any text.
  hearing: z.strictObject({ at: instant.nullable(), link: z.string().nullable() }).nullable(),
  answer: z.strictObject({ text: z.string(), url: z.string().nullable(), at: instant.nullable() }).nullable(),
  admissibility: z
    .array(z.strictObject({ criterion: z.string(), label: translatable, met: z.boolean(), note: z.string() }))
    .nullable()
    .meta(about("petitions.api.field.admissibility")),
  timeline: z.array(z.strictObject({ from: anyState.nullable(), to: anyState, at: instant, note: z.string().nullable() })),
});

export const petitionListResponse = z.strictObject({
  data: z.array(petitionSummary),
  meta: z.strictObject({ total: needed, page: z.number().int().min(1), pageSize: z.number().int().positive() }).meta(about("petitions.api.field.meta")),
});

export const petitionResponse = z.strictObject({ data: petitionDetails });
