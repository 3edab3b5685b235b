/**
 * The proposals JSON API's schemas: the list's query, and exactly what `proposalJson` (api.ts)
 * answers. They feed /api/openapi.json and /api/docs; the API test parses real answers with them.
 * Descriptions are message keys, translated for the reader.
 */
import { z } from "zod";
import type messages from "./messages";

const about = (description: Extract<keyof typeof messages.en, string>) => ({ description });
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const proposalListQuery = z.object({
  space: z.string().trim().min(1).max(200).meta(about("proposals.api.param.space")),
  page: optional(z.coerce.number().int().min(1).max(10_000)).meta(about("proposals.api.param.page")),
});

export const proposalIdParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta(about("proposals.api.param.id")),
});

const translatable = z.strictObject({ fr: z.string().optional(), nl: z.string().optional(), en: z.string().optional(), de: z.string().optional() });
const instant = z.iso.datetime();

export const proposalJsonSchema = z.strictObject({
  id: z.number().int().positive(),
  url: z.url(),
  title: translatable.meta(about("proposals.api.field.title")),
  official: z.boolean().meta(about("proposals.api.field.official")),
  authors: z.array(z.string()).meta(about("proposals.api.field.authors")),
  state: z.string().meta(about("proposals.api.field.state")),
  answer: z.strictObject({ text: translatable, publishedAt: instant.nullable() }).nullable().meta(about("proposals.api.field.answer")),
  supports: z.number().int().min(0).nullable().meta(about("proposals.api.field.supports")),
  comments: z.number().int().min(0),
  publishedAt: instant.nullable(),
  componentId: z.number().int().positive(),
  amendments: z.number().int().min(0).nullable().meta(about("proposals.api.field.amendments")),
});

export const proposalListResponse = z.strictObject({
  data: z.array(proposalJsonSchema),
  meta: z.strictObject({ total: z.number().int().min(0), page: z.number().int().min(1), pageSize: z.number().int().positive() }),
});

export const proposalResponse = z.strictObject({ data: proposalJsonSchema });
