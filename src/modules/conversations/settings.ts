/**
 * The conversations component's settings. What a conversation allows (participant statements,
 * moderation, strict mode, anonymous participation) is set per conversation (schema.ts); the step
 * settings open or close voting and writing for the whole component.
 */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";

export const conversationSettings = z.object({});
export type ConversationSettings = z.infer<typeof conversationSettings>;

export const conversationStepSettings = z.object({
  votingEnabled: z.boolean().default(true),
  writingEnabled: z.boolean().default(true),
  announcement: translatable({ max: 2_000 }),
});
export type ConversationStepSettings = z.infer<typeof conversationStepSettings>;
