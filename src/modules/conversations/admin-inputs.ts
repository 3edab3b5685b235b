/**
 * What the conversations' back-office forms accept: a conversation (topic and description
 * translatable, what it allows, its report's audience, published) and seed statements (several at
 * once, one per line). Messages are message keys.
 */
import { z } from "zod";
import { checkbox, translatable } from "../../core/components/form-values";

/** The longest statement (Pol.is keeps them short: one idea, read in a glance). */
export const STATEMENT_MAX = 400;
/** The most seed statements added by one post. */
export const SEEDS_MAX = 200;

export const conversationInput = z.object({
  topic: translatable({ required: true, max: 300 }),
  description: translatable({ max: 10_000 }),
  participantStatements: checkbox,
  moderation: z.enum(["pre", "post"], { message: "validation.invalid" }),
  strictMode: checkbox,
  anonymousAllowed: checkbox,
  reportPublic: checkbox,
  published: checkbox,
});
export type ConversationInput = z.infer<typeof conversationInput>;

/** The lines of a textarea, trimmed, blank ones dropped. */
export const lines = (v: unknown): string[] =>
  typeof v === "string"
    ? v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [];

export const seedsInput = z.object({
  statements: z.preprocess(
    lines,
    z
      .array(z.string().max(STATEMENT_MAX, { message: "conversations.admin.validation.statementTooLong" }))
      .min(1, { message: "conversations.admin.validation.noStatement" })
      .max(SEEDS_MAX, { message: "conversations.admin.validation.tooManyStatements" }),
  ),
});

export const statementInput = z.object({
  text: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ message: "validation.required" }).min(1, { message: "validation.required" }).max(STATEMENT_MAX, { message: "conversations.admin.validation.statementTooLong" }),
  ),
});

export const DECISIONS = ["accept", "reject", "meta", "unmeta"] as const;
export type Decision = (typeof DECISIONS)[number];
export const decisionInput = z.object({ decision: z.enum(DECISIONS) });
