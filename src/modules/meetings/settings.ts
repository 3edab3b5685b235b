/**
 * The meetings component's settings: what the list announces, and the time zone new meetings start
 * with (each meeting keeps its own). The kit adds its own (comments) at registration.
 */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";

export const meetingSettings = z.object({
  /** The zone proposed for a new meeting (IANA). */
  defaultTimeZone: z.string().trim().max(64).default("Europe/Brussels"),
});
export type MeetingSettings = z.infer<typeof meetingSettings>;

export const meetingStepSettings = z.object({
  announcement: translatable({ max: 2_000 }),
});
export type MeetingStepSettings = z.infer<typeof meetingStepSettings>;
