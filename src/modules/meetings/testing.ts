/**
 * Test helpers for the meetings component: a published process (public or private) with a published
 * meetings component, and meetings written through the service at times relative to now.
 */
import { addComponent } from "../../core/components/service";
import { registerComponent } from "../../core/components/registry";
import { findComponent, findSpaceById } from "../../core/spaces/queries";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import type { TestPlatform } from "../../test/platform";
import { publishedProcess } from "../../test/spaces";
import type { MeetingInput } from "./inputs";
import manifest from "./manifest";
import { createMeeting } from "./service";

registerComponent(manifest);

export interface MeetingsFixture {
  space: SpaceRecord;
  component: ComponentRecord;
  /** `/spaces/<slug>/c/<id>` */
  base: string;
  adminBase: string;
  place: { componentId: number; spaceId: number };
}

export async function meetingsFixture(p: TestPlatform, adminId: number, opts: { isPrivate?: boolean; title?: Record<string, string> } = {}): Promise<MeetingsFixture> {
  const created = await publishedProcess(p, adminId, { prefix: "meetings", isPrivate: opts.isPrivate ?? false, title: opts.title ?? { en: "Citizens' assembly", fr: "Assemblée citoyenne" } });
  const component = await addComponent(p.deps.db, { id: adminId, ip: null }, created.id, manifest, { en: "Sessions", fr: "Séances" }, { published: true });
  const space = await findSpaceById(p.deps.db, created.id);
  const fresh = space ? await findComponent(p.deps.db, space.id, component.id) : null;
  if (!space || !fresh) throw new Error("fixture");
  return { space, component: fresh, base: `/spaces/${created.slug}/c/${component.id}`, adminBase: `/admin/spaces/${created.id}/components/${component.id}/manage`, place: { componentId: component.id, spaceId: space.id } };
}

const MINUTE = 60_000;

/** A published meeting starting `startInMinutes` from now (negative: in the past), lasting two hours. */
export async function meetingAt(p: TestPlatform, adminId: number, f: MeetingsFixture, startInMinutes: number, input: Partial<MeetingInput> = {}): Promise<number> {
  const startAt = new Date(Date.now() + startInMinutes * MINUTE);
  const r = await createMeeting(
    p.deps.db,
    { id: adminId, ip: null },
    f.place,
    {
      title: { en: `Meeting at ${startInMinutes}` },
      description: {},
      type: "online",
      timeZone: "Europe/Paris",
      startAt,
      endAt: new Date(startAt.getTime() + 120 * MINUTE),
      address: "",
      onlineUrl: "https://meet.jit.si/pnyx-test-room",
      registrationEnabled: false,
      slots: 0,
      reservedSlots: 0,
      registrationTerms: {},
      ...input,
    },
    { published: true },
  );
  if (!r.ok) throw new Error(`meeting: ${JSON.stringify(r.errors)}`);
  return r.value.id;
}
