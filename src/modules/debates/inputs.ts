/** What the debate forms accept. Messages are message keys; participants' texts are plain, never HTML. */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";
import { LOCALES } from "../../core/i18n/locales";

export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = 10_000;
export const CONCLUSION_MAX = 10_000;

/** An HTML `datetime-local` value ("2027-03-01T18:00"), optional, read as UTC. */
const optionalDateTime = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const s = (v ?? "").trim();
    if (s === "") return undefined;
    const d = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(s) ? new Date(s.length === 10 ? `${s}T00:00:00Z` : `${s}Z`) : new Date(Number.NaN);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "validation.date" });
      return z.NEVER;
    }
    return d;
  });

/** A debate of the organization: translatable texts, optional instructions and dates. */
export const officialInput = z
  .object({
    title: translatable({ required: true, max: TITLE_MAX }),
    description: translatable({ required: true, max: DESCRIPTION_MAX }),
    instructions: translatable({ max: DESCRIPTION_MAX }),
    startAt: optionalDateTime,
    endAt: optionalDateTime,
  })
  .superRefine((v, ctx) => {
    if (v.startAt && v.endAt && v.endAt <= v.startAt) ctx.addIssue({ code: "custom", path: ["endAt"], message: "debates.validation.endBeforeStart" });
  });
export type OfficialInput = z.infer<typeof officialInput>;

/** A participant's debate: one language. */
export const participantInput = z.object({
  title: z.string({ message: "validation.required" }).trim().min(5, { message: "debates.validation.titleLength" }).max(TITLE_MAX, { message: "debates.validation.titleLength" }),
  description: z.string({ message: "validation.required" }).trim().min(15, { message: "debates.validation.descriptionLength" }).max(DESCRIPTION_MAX, { message: "debates.validation.descriptionLength" }),
  language: z.enum(LOCALES, { message: "validation.required" }),
});
export type ParticipantInput = z.infer<typeof participantInput>;

/** The organization's conclusion: translatable, at least one language. */
export const officialConclusionInput = z.object({ conclusion: translatable({ required: true, max: CONCLUSION_MAX }) });

/** The author's conclusion of their own debate: in the debate's language. */
export const authorConclusionInput = z.object({
  conclusion: z.string({ message: "validation.required" }).trim().min(1).max(CONCLUSION_MAX),
});
