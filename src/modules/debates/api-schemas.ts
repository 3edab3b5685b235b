/**
 * The debates JSON API's schemas: the list's query, and exactly what `debateJson` (api.ts) answers.
 * They feed /api/openapi.json and /api/docs; the API test parses real answers with them.
 */
import { z } from "zod";
import type messages from "./messages";

const about = (description: Extract<keyof typeof messages.en, string>) => ({ description });
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const debateListQuery = z.object({
  space: z.string().trim().min(1).max(200).meta(about("debates.api.param.space")),
  page: optional(z.coerce.number().int().min(1).max(10_000)).meta(about("debates.api.param.page")),
});

export const debateIdParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta(about("debates.api.param.id")),
});

const translatable = z.strictObject({ fr: z.string().optional(), nl: z.string().optional(), en: z.string().optional(), de: z.string().optional() });
const instant = z.iso.datetime();
const count = z.number().int().min(0);

export const debateJsonSchema = z.strictObject({
  id: z.number().int().positive(),
  url: z.url(),
  title: translatable.meta(about("debates.api.field.title")),
  description: translatable,
  language: z.string(),
  official: z.boolean().meta(about("debates.api.field.official")),
  author: z.string().nullable().meta(about("debates.api.field.author")),
  startAt: instant.nullable(),
  endAt: instant.nullable(),
  createdAt: instant,
  closedAt: instant.nullable().meta(about("debates.api.field.closedAt")),
  conclusion: translatable.nullable().meta(about("debates.api.field.conclusion")),
  comments: z.strictObject({ total: count, inFavour: count, against: count, neutral: count }).meta(about("debates.api.field.comments")),
  follows: count,
  componentId: z.number().int().positive(),
});

export const debateListResponse = z.strictObject({
  data: z.array(debateJsonSchema),
  meta: z.strictObject({ total: z.number().int().min(0), page: z.number().int().min(1), pageSize: z.number().int().positive() }),
});

export const debateResponse = z.strictObject({ data: debateJsonSchema });
