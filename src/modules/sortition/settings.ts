/** The sortition component has no settings yet: everything is per draw. */
import { z } from "zod";

export const sortitionSettings = z.object({});
export const sortitionStepSettings = z.object({});
export type SortitionSettings = z.infer<typeof sortitionSettings>;
export type SortitionStepSettings = z.infer<typeof sortitionStepSettings>;
