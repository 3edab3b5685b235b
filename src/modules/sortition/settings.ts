/**
 * The sortition component's settings; everything else is per draw. `rotationMonths`: a third of the
 * drawn members is replaced every this many months (0: no rotation); the back office marks a seated
 * draw "rotation due" once its members have sat that long (ADR 19). `poolRetentionMonths`: a published
 * draw's pool contacts (names, emails: needed for confirmations, replacements and rotations) are deleted
 * this many months after publication (0: kept until the draw is deleted).
 */
import { z } from "zod";

export const sortitionSettings = z.object({
  rotationMonths: z.number().int().min(0).max(120).default(0),
  poolRetentionMonths: z.number().int().min(0).max(120).default(36),
});
export const sortitionStepSettings = z.object({});
export type SortitionSettings = z.infer<typeof sortitionSettings>;
export type SortitionStepSettings = z.infer<typeof sortitionStepSettings>;
