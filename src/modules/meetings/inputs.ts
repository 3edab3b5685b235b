/** What the meeting forms accept (messages are message keys; texts are plain, never HTML). */
import { z } from "zod";
import { checkbox, translatable } from "../../core/components/form-values";
import { MEETING_TYPES } from "./schema";
import { isTimeZone, zonedToUtc } from "./zone";

const optionalUrl = z
  .string()
  .trim()
  .max(2_000)
  .optional()
  .transform((v) => v ?? "")
  .refine((v) => v === "" || /^https:\/\/[^\s<>"]+$/i.test(v), { message: "meetings.validation.url" });

const count = z.preprocess((v) => (v === "" || v === undefined ? 0 : v), z.coerce.number({ message: "meetings.validation.count" }).int({ message: "meetings.validation.count" }).min(0, { message: "meetings.validation.count" }).max(1_000_000, { message: "meetings.validation.count" }));

/** A meeting as the back office writes it: times typed on the clock of its own zone. */
export const meetingInput = z
  .object({
    title: translatable({ required: true, max: 200 }),
    description: translatable({ max: 20_000 }),
    type: z.enum(MEETING_TYPES, { message: "validation.required" }),
    timeZone: z.string({ message: "validation.required" }).trim().refine(isTimeZone, { message: "meetings.validation.timeZone" }),
    startAt: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }),
    endAt: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }),
    address: z.string().trim().max(500).optional().transform((v) => v ?? ""),
    onlineUrl: optionalUrl,
    registrationEnabled: checkbox,
    slots: count,
    reservedSlots: count,
    registrationTerms: translatable({ max: 10_000 }),
  })
  .transform((v, ctx) => {
    const tz = isTimeZone(v.timeZone) ? v.timeZone : "UTC";
    const start = zonedToUtc(v.startAt, tz);
    const end = zonedToUtc(v.endAt, tz);
    if (!start) ctx.addIssue({ code: "custom", path: ["startAt"], message: "validation.date" });
    if (!end) ctx.addIssue({ code: "custom", path: ["endAt"], message: "validation.date" });
    if (start && end && end <= start) ctx.addIssue({ code: "custom", path: ["endAt"], message: "meetings.validation.endBeforeStart" });
    if (v.type !== "online" && v.address === "") ctx.addIssue({ code: "custom", path: ["address"], message: "meetings.validation.address" });
    if (v.type !== "in_person" && v.onlineUrl === "") ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: "meetings.validation.onlineUrl" });
    if (v.slots > 0 && v.reservedSlots >= v.slots) ctx.addIssue({ code: "custom", path: ["reservedSlots"], message: "meetings.validation.reserved" });
    if (!start || !end) return z.NEVER;
    return { ...v, startAt: start, endAt: end };
  });
export type MeetingInput = z.infer<typeof meetingInput>;

export const agendaItemInput = z.object({
  title: translatable({ required: true, max: 200 }),
  description: translatable({ max: 5_000 }),
  durationMinutes: count,
});
export type AgendaItemInput = z.infer<typeof agendaItemInput>;

/** Closing a meeting: what was decided, who came, the recording. */
export const closeInput = z.object({
  minutes: translatable({ required: true, max: 50_000 }),
  attendeesCount: count,
  recordingUrl: optionalUrl,
});
export type CloseInput = z.infer<typeof closeInput>;

/** Registering: the terms accepted when the meeting has some. */
export const registerInput = z.object({ acceptTerms: checkbox });

/** A code typed at the door (case and spaces forgiven). */
export const doorInput = z.object({
  code: z
    .string({ message: "validation.required" })
    .transform((v) => v.replace(/[\s-]/g, "").toUpperCase())
    .pipe(z.string().min(1, { message: "validation.required" }).max(32, { message: "meetings.door.unknown" })),
});
