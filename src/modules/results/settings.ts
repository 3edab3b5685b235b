/** The results component's settings: whether progress is shown (a synthesis may be a list of outcomes without one). */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";

export const resultSettings = z.object({
  displayProgressEnabled: z.boolean().default(true),
});
export type ResultSettings = z.infer<typeof resultSettings>;

export const resultStepSettings = z.object({
  announcement: translatable({ max: 2_000 }),
});
export type ResultStepSettings = z.infer<typeof resultStepSettings>;
