/** What the report form and the moderators' forms accept; custom messages are message keys. */
import { z } from "zod";
import type { ReportReason } from "./schema";

export const REPORT_REASONS = ["spam", "offensive", "does_not_belong", "other"] as const satisfies readonly ReportReason[];

/** The longest report detail, moderator note and block reason. */
export const DETAILS_MAX = 1000;
export const NOTE_MAX = 1000;
export const BLOCK_REASON_MAX = 1000;
export const TITLE_MAX = 150;

/** A resource kind's name ("petition") or "comment": lower-case words, never a path or markup. */
const resourceType = z.string().trim().min(1).max(40).regex(/^[a-z][a-z0-9_-]*$/);
const resourceId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** What is reported, from the form's hidden fields or the page's query. */
export const reportTarget = z.object({ resourceType, resourceId });
export type ReportTarget = z.infer<typeof reportTarget>;

export const reportInput = reportTarget
  .extend({
    reason: z.enum(REPORT_REASONS, { message: "moderation.report.reasonRequired" }),
    details: z.string().trim().max(DETAILS_MAX).optional(),
  })
  // "Other" says what it is; the other reasons may add a word.
  .superRefine((v, ctx) => {
    if (v.reason === "other" && !v.details) ctx.addIssue({ code: "custom", path: ["details"], message: "moderation.report.detailsRequired" });
  });
export type ReportInput = z.infer<typeof reportInput>;

export const QUEUE_FILTERS = ["pending", "hidden", "all"] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export const queueQuery = z.object({
  filter: z.enum(QUEUE_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** A moderator's decision (hide, unhide, keep): an optional note for the audit log. */
export const decisionInput = z.object({ note: z.string().trim().max(NOTE_MAX).optional(), return_to: z.string().max(2000).optional() });

/** A moderator's correction of a title: the note is required (why the author's words were changed). */
export const titleInput = z.object({
  title: z.string({ message: "validation.required" }).trim().min(3).max(TITLE_MAX),
  note: z.string({ message: "moderation.title.noteRequired" }).trim().min(1, { message: "moderation.title.noteRequired" }).max(NOTE_MAX),
});

/** Blocking a participant: the reason is required (they receive it, and see it when signing in). */
export const blockInput = z.object({
  reason: z.string({ message: "moderation.block.reasonRequired" }).trim().min(1, { message: "moderation.block.reasonRequired" }).max(BLOCK_REASON_MAX),
  return_to: z.string().max(2000).optional(),
});

export const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
