/**
 * The sortition component's settings; everything else is per draw. `rotationMonths`: a third of the
 * drawn members is replaced every this many months (0: no rotation); the back office marks a seated
 * draw "rotation due" once its members have sat that long (ADR 19).
 */
import { z } from "zod";

export const sortitionSettings = z.object({
  rotationMonths: z.number().int().min(0).max(120).default(0),
});
export const sortitionStepSettings = z.object({});
export type SortitionSettings = z.infer<typeof sortitionSettings>;
export type SortitionStepSettings = z.infer<typeof sortitionStepSettings>;
