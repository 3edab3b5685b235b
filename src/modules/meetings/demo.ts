/**
 * The meetings demo: the Nancy citizens' assembly gets its sessions: twelve online sessions held every
 * two weeks (minutes in French with their translations, attendees counted) and the next one, public,
 * with registration and an agenda. Written through the services, so the audit log and events are as
 * real use leaves them.
 */
import type { DemoSpaces } from "../../core/components/define";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import type { AppDeps } from "../../core/http/deps";
import { componentName, sessionDescription, sessionTitle, SESSIONS, UPCOMING } from "./demo-content";
import { addAgendaItem, closeMeeting, createMeeting } from "./service";
import { utcToZoned, zonedToUtc } from "./zone";

const TZ = "Europe/Paris";
const DAY = 24 * 60 * 60 * 1000;

/** 18:30–21:00 on the assembly's clock, `days` from today. */
function evening(days: number): { startAt: Date; endAt: Date } {
  const day = utcToZoned(new Date(Date.now() + days * DAY), TZ).slice(0, 10);
  const startAt = zonedToUtc(`${day}T18:30`, TZ);
  const endAt = zonedToUtc(`${day}T21:00`, TZ);
  if (!startAt || !endAt) throw new Error("meetings demo: dates");
  return { startAt, endAt };
}

export async function seedMeetingsDemo(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<void> {
  const { db } = deps;
  const manifest = getComponentManifest("meetings");
  if (!manifest) throw new Error("meetings demo: the component is not registered");
  const space = spaces.assembly;
  if (!space) return;
  const actor = { id: adminId, ip: null };
  const added = await addComponent(db, actor, space.id, manifest, componentName, { published: true });
  const place = { componentId: added.id, spaceId: space.id };
  const base = { description: sessionDescription, type: "online" as const, timeZone: TZ, address: "", registrationEnabled: false, slots: 0, reservedSlots: 0, registrationTerms: {} };
  for (const [i, s] of SESSIONS.entries()) {
    const n = i + 1;
    const created = await createMeeting(db, actor, place, { ...base, title: sessionTitle(n, s.theme), onlineUrl: `https://meet.jit.si/nancy-assemblee-citoyenne-${n}`, ...evening(-14 * (SESSIONS.length - i) - 3) }, { published: true });
    if (!created.ok) throw new Error(`meetings demo: ${JSON.stringify(created.errors)}`);
    const closed = await closeMeeting(db, actor, place, created.value.id, { minutes: s.minutes, attendeesCount: s.attendees, recordingUrl: `https://video.nancy.example/assemblee/seance-${n}` });
    if (!closed.ok) throw new Error("meetings demo: close");
  }
  const next = await createMeeting(
    db,
    actor,
    place,
    { ...base, title: UPCOMING.title, description: UPCOMING.description, onlineUrl: "https://meet.jit.si/nancy-assemblee-citoyenne-restitution", registrationEnabled: true, slots: 200, reservedSlots: 40, registrationTerms: UPCOMING.terms, ...evening(11) },
    { published: true },
  );
  if (!next.ok) throw new Error(`meetings demo: ${JSON.stringify(next.errors)}`);
  for (const a of UPCOMING.agenda) await addAgendaItem(db, actor, place, next.value.id, { title: a.title, description: {}, durationMinutes: a.minutes });
}
