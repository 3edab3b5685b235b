/**
 * The texts component's settings. The phase of the text follows the space's steps: each step says what
 * participants may do (comment, annotate, amend) and whether the adoption vote is the step's business.
 */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";

export const TEXT_PHASES = ["commenting", "amending", "final-reading", "adopted"] as const;
export type TextPhase = (typeof TEXT_PHASES)[number];

export const textSettings = z.object({
  /** Maximum length of an annotation's note and of an amendment's wording. */
  maxLength: z.coerce.number().int().min(100).max(20_000).default(2_000),
});
export type TextSettings = z.infer<typeof textSettings>;

export const textStepSettings = z.object({
  phase: z.enum(TEXT_PHASES).default("commenting"),
  commentsEnabled: z.boolean().default(true),
  annotationsEnabled: z.boolean().default(true),
  amendmentsEnabled: z.boolean().default(false),
  announcement: translatable({ max: 2_000 }),
});
export type TextStepSettings = z.infer<typeof textStepSettings>;
