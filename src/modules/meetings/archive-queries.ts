/**
 * What the archive keeps of a meetings component: every published, not hidden meeting with its
 * description and its report (minutes, attendees, recording link); never the video link, which only
 * registered people see (one query).
 */
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { meetings } from "./schema";

export function listMeetingsForArchive(db: Db, componentId: number) {
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      description: meetings.description,
      type: meetings.type,
      startAt: meetings.startAt,
      endAt: meetings.endAt,
      timeZone: meetings.timeZone,
      address: meetings.address,
      minutes: meetings.minutes,
      attendeesCount: meetings.attendeesCount,
      recordingUrl: meetings.recordingUrl,
    })
    .from(meetings)
    .where(and(eq(meetings.componentId, componentId), isNotNull(meetings.publishedAt), isNull(meetings.hiddenAt)))
    .orderBy(asc(meetings.startAt), asc(meetings.id))
    .limit(1000);
}
