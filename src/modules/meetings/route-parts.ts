/** What the meetings component's routes share: their types, parameters and the meeting a reader may see. */
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { canPreviewSpace } from "../../core/permissions/access";
import { loadMeeting, type MeetingDetails } from "./queries";
import type { MeetingSettings, MeetingStepSettings } from "./settings";

export type C = ComponentRequest<MeetingSettings, MeetingStepSettings>;
export type Handler = ComponentRoute<MeetingSettings, MeetingStepSettings>["handler"];

export const idParams = z.object({ meetingId: z.string().regex(/^\d{1,15}$/) });
/** A meeting's page, or its calendar file with ".ics". */
export const pageParams = z.object({ meetingId: z.string().regex(/^\d{1,15}(\.ics)?$/) });
export const itemParams = z.object({ meetingId: z.string().regex(/^\d{1,15}$/), itemId: z.string().regex(/^\d{1,15}$/) });
export const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });

/** The meeting as this reader may see it: unpublished or hidden ones only to the space's staff. */
export async function loadVisible(c: C, id: number): Promise<MeetingDetails> {
  const m = await loadMeeting(c.deps.db, c.component.id, id);
  if (!m) throw notFound();
  if ((m.publishedAt === null || m.hiddenAt !== null) && !canPreviewSpace(c.access)) throw notFound();
  return m;
}
