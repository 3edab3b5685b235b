/** What the decision and follow-up forms of the back office accept. */
import { z } from "zod";
import { optionalText } from "../../core/components/form-values";
import { isHttpUrl } from "../../core/http/http-url";

const isoDate = z
  .string({ message: "validation.date" })
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), { message: "validation.date" });

export const acceptInput = z.object({
  title: z.string({ message: "validation.required" }).trim().min(1).max(200),
  slug: z
    .string({ message: "validation.required" })
    .trim()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "validation.slug" }),
  note: z.string().trim().max(5000).default(""),
});

export const refuseInput = z.object({ reasons: z.string({ message: "validation.required" }).trim().min(1).max(20_000) });

export const followUpInput = z.object({ recommendationsAt: isoDate, reportDueAt: isoDate });

export const reportInput = z.object({
  reportBody: z.string({ message: "validation.required" }).trim().min(1).max(50_000),
  reportUrl: optionalText(1000).refine((v) => v === undefined || isHttpUrl(v), { message: "validation.httpUrl" }),
});
