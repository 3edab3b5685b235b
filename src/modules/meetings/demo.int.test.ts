/**
 * The meetings demo: the Nancy citizens' assembly's twelve online sessions held (minutes in French with
 * their translations, attendees counted) and the next one, with registration and an agenda; listed in
 * the /meetings directory and the site's calendar (the assembly is transparent).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient } from "../../core/accounts/testing";
import { DEMO_SPACES } from "../../core/spaces/seeds";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { parseIcs } from "./ical-testing";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
}, 180_000);
afterAll(() => p.stop());

describe("the meetings demo", () => {
  it("gives the Nancy assembly twelve sessions held with their minutes and one to come", async () => {
    const rows = await p.deps.db.execute<{ component_id: string; id: string; type: string; closed: boolean; upcoming: boolean; minutes: Record<string, string>; attendees_count: number | null; registration_enabled: boolean; agenda: number }>(sql`
      select m.component_id, m.id, m.type, m.closed_at is not null as closed, m.start_at > now() as upcoming, m.minutes, m.attendees_count, m.registration_enabled,
        (select count(*)::int from meeting_agenda_items a where a.meeting_id = m.id) as agenda
      from meetings m join components c on c.id = m.component_id join spaces s on s.id = c.space_id
      where s.slug = ${DEMO_SPACES.assembly} and c.manifest = 'meetings' order by m.start_at`);
    const held = rows.rows.filter((r) => r.closed);
    expect(held).toHaveLength(12);
    for (const r of held) {
      expect(r.type).toBe("online");
      expect(r.upcoming).toBe(false);
      expect(Object.keys(r.minutes).sort()).toEqual(["de", "en", "fr", "nl"]);
      expect(r.attendees_count).toBeGreaterThan(30);
    }
    const next = rows.rows.filter((r) => r.upcoming);
    expect(next).toHaveLength(1);
    expect(next[0]?.registration_enabled).toBe(true);
    expect(next[0]?.agenda).toBe(3);

    const base = `/spaces/${DEMO_SPACES.assembly}/c/${rows.rows[0]?.component_id}`;
    const fr = p.client();
    await fr.get("/locale/fr");
    const past = await fr.get(`${base}?when=past`);
    expect(past.statusCode).toBe(200);
    expect(past.body).toContain("Séance 12 : Vote des recommandations");
    const session = await fr.get(`${base}/${held[11]?.id}`);
    expect(session.body).toContain("Onze recommandations ont été adoptées");
    expect(session.body).toContain("39 participants");
    const visitor = await englishClient(p);
    expect((await visitor.get(`${base}/${held[0]?.id}`)).body).toContain("The 40 members drawn by lot introduced themselves.");
    expect((await visitor.get("/meetings")).body).toContain("Handing the recommendations to the metropolitan council");
    const feed = parseIcs((await visitor.get(`/spaces/${DEMO_SPACES.assembly}/meetings.ics`)).body);
    expect(feed.events.length).toBe(13);
  });
});
