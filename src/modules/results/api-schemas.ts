/**
 * The results JSON API's schemas: the list's query, and exactly what `resultJson` (api.ts) answers.
 * They feed /api/openapi.json and /api/docs; the API test parses real answers with them.
 */
import { z } from "zod";
import type messages from "./messages";

const about = (description: Extract<keyof typeof messages.en, string>) => ({ description });
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const resultListQuery = z.object({
  space: z.string().trim().min(1).max(200).meta(about("results.api.param.space")),
  page: optional(z.coerce.number().int().min(1).max(10_000)).meta(about("results.api.param.page")),
});

export const resultIdParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta(about("results.api.param.id")),
});

const translatable = z.strictObject({ fr: z.string().optional(), nl: z.string().optional(), en: z.string().optional(), de: z.string().optional() });
const day = z.iso.date();

export const resultJsonSchema = z.strictObject({
  id: z.number().int().positive(),
  url: z.url(),
  parentId: z.number().int().positive().nullable().meta(about("results.api.field.parentId")),
  title: translatable,
  description: translatable,
  status: z.strictObject({ token: z.string(), name: translatable }).nullable().meta(about("results.api.field.status")),
  progress: z.number().min(0).max(100).nullable().meta(about("results.api.field.progress")),
  startDate: day.nullable(),
  endDate: day.nullable(),
  links: z.array(z.strictObject({ type: z.string(), id: z.number().int().positive() })).meta(about("results.api.field.links")),
  componentId: z.number().int().positive(),
});

export const resultListResponse = z.strictObject({
  data: z.array(resultJsonSchema),
  meta: z.strictObject({ total: z.number().int().min(0), page: z.number().int().min(1), pageSize: z.number().int().positive() }),
});

export const resultResponse = z.strictObject({ data: resultJsonSchema });
