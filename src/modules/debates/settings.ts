/**
 * The debates component's settings: globally, whether only the space's members may read and take part
 * (a committee's own discussion area); per step, whether participants may open debates and what the
 * list announces. The kit adds its own (comments, endorsements) at registration.
 */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";

export const debateSettings = z.object({
  /** Only the space's members (admitted private users, assembly members) and its staff see the debates. */
  membersOnly: z.boolean().default(false),
});
export type DebateSettings = z.infer<typeof debateSettings>;

export const debateStepSettings = z.object({
  announcement: translatable({ max: 2_000 }),
  /** Participants may open debates of their own in this step. */
  creationEnabled: z.boolean().default(false),
});
export type DebateStepSettings = z.infer<typeof debateStepSettings>;

export interface DebatesSettings {
  global: DebateSettings;
  step: DebateStepSettings;
}
