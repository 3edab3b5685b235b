/**
 * The Nancy citizens' assembly in practice: a visitor reads the record of the draw that seated its
 * members and verifies it with `pnyx sortition verify` on the record alone; the administrator runs a
 * new LEXIMIN draw on a pool through the back office (pool and quotas pasted, the public randomness
 * announced, then entered), and publishes its record; a member registers to the online session about
 * to start (French) and sees its link, with the registration code, and the session is in the
 * assembly's calendar feed.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { DEMO_SPACES } from "../../src/core/spaces/seeds";
import { run as sortitionCli } from "../../src/engines/sortition/cli";
import { createMeeting } from "../../src/modules/meetings/service";
import { demoPool } from "../../src/modules/sortition/demo-pool";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

interface Ids {
  spaceId: number;
  sortitionId: number;
  meetingsId: number;
  meetingId: number;
}

const SESSION_TITLE = "Séance 13 : les transports";

async function componentOf(p: TestPlatform, manifest: string): Promise<{ spaceId: number; componentId: number }> {
  const r = await p.deps.db.execute<{ space_id: string; id: string }>(sql`
    select c.space_id, c.id from components c join spaces s on s.id = c.space_id where s.slug = ${DEMO_SPACES.assembly} and c.manifest = ${manifest} order by c.id limit 1`);
  const row = r.rows[0];
  if (!row) throw new Error(`story: no ${manifest} component in the demo assembly`);
  return { spaceId: Number(row.space_id), componentId: Number(row.id) };
}

async function seed(p: TestPlatform) {
  await seedDemo(p.deps);
  await createUser(p.deps.db, { email: "marie@story.example", name: "Marie Laurent", password: "marie password 1", confirmed: true, locale: "fr" });
}

/** An online session of the assembly starting in 10 minutes, with registration (made as the admin would). */
async function sessionSoon(p: TestPlatform): Promise<number> {
  const admin = await p.deps.db.execute<{ id: string }>(sql`select id from users where email = ${DEMO_ADMIN.email}`);
  const place = await componentOf(p, "meetings");
  const startAt = new Date(Date.now() + 10 * 60_000);
  const r = await createMeeting(
    p.deps.db,
    { id: Number(admin.rows[0]?.id), ip: null },
    place,
    {
      title: { fr: SESSION_TITLE, en: "Session 13: transport" },
      description: { fr: "Treizième séance, en ligne." },
      type: "online",
      timeZone: "Europe/Paris",
      startAt,
      endAt: new Date(startAt.getTime() + 2 * 3_600_000),
      address: "",
      onlineUrl: "https://meet.jit.si/nancy-assemblee-seance-13",
      registrationEnabled: true,
      slots: 60,
      reservedSlots: 0,
      registrationTerms: {},
    },
    { published: true },
  );
  if (!r.ok) throw new Error("story: the session was not created");
  return r.value.id;
}

for (const jsEnabled of [true, false]) {
  describe(`the Nancy assembly: a verifiable draw, a new draw by the administrator, a member registers to a session (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let ids: Ids;
    let work: string;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      const sortition = await componentOf(s.platform, "sortition");
      const meetings = await componentOf(s.platform, "meetings");
      ids = { spaceId: sortition.spaceId, sortitionId: sortition.componentId, meetingsId: meetings.componentId, meetingId: await sessionSoon(s.platform) };
      work = mkdtempSync(path.join(os.tmpdir(), "pnyx-story-draw-"));
    }, 180_000);
    afterAll(async () => {
      rmSync(work, { recursive: true, force: true });
      await s.close();
    });

    it("a visitor reads the record of the members' draw and verifies it with the record alone", async () => {
      await s.visit(`/spaces/${DEMO_SPACES.assembly}/c/${ids.sortitionId}`);
      await s.page.getByRole("link", { name: /Draw of the citizens' assembly/ }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/Draw of the citizens' assembly|Record of the draw/);
      const body = (await s.page.locator("main").textContent()) ?? "";
      expect(body).toContain("40 people were drawn from a pool of 600");
      // No one is named in the record.
      expect(body).not.toMatch(/@/);
      const res = await s.page.request.get(`${new URL(s.page.url()).pathname}.json`);
      expect(res.status()).toBe(200);
      const file = path.join(work, "record.json");
      writeFileSync(file, await res.text());
      expect(await sortitionCli(["verify", file])).toBe(0);
    });

    it("the administrator runs a LEXIMIN draw on a pool with quotas, with announced randomness, and publishes its record", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      const admin = `/admin/spaces/${ids.spaceId}/components/${ids.sortitionId}/manage`;
      await s.visit(`${admin}/new`);
      const pool = demoPool(120, 12, "story");
      await s.page.getByLabel("Title").first().fill("Committee on transport");
      await s.page.getByLabel("Or paste the pool (CSV)").fill(pool.peopleCsv);
      await s.page.getByLabel("Or paste the quotas (CSV)").fill(pool.quotasCsv);
      await s.page.getByLabel("Panel size").fill("12");
      await s.page.getByLabel("Household rule: address columns").fill("address");
      await s.page.getByLabel("Public randomness announced in advance").fill("The EuroMillions numbers of Friday 11 December 2026");
      await s.page.getByRole("button", { name: "Create the draw" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("The draw was created with a pool of 120 people.").count()).resolves.toBeGreaterThan(0);
      await s.page.getByLabel("Value of the public randomness").fill("3 14 15 26 35 + 8 9");
      await s.page.getByRole("button", { name: "Save the value" }).click();
      await s.page.waitForLoadState();
      await s.page.getByRole("button", { name: "Run the draw" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      const drawPage = s.page.url();
      // The draw runs in a job: poll its page without navigating (a navigation every half second once
      // failed in CI with net::ERR_ABORTED), then open it when it offers to publish the record.
      const finished = async () => (await (await s.page.request.get(drawPage)).text()).includes("Publish the record");
      for (let i = 0; i < 120 && !(await finished()); i++) await new Promise((r) => setTimeout(r, 500));
      await s.page.goto(drawPage);
      await s.checkA11y();
      await s.page.getByRole("button", { name: "Publish the record" }).click();
      await s.page.waitForLoadState();
      await expect(s.page.getByText("The record of the draw is public.").count()).resolves.toBeGreaterThan(0);
      await s.page.getByRole("link", { name: "View the record" }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.locator("main").textContent()).resolves.toContain("12 people were drawn from a pool of 120");
      const res = await s.page.request.get(`${new URL(s.page.url()).pathname}.json`);
      const file = path.join(work, "new-record.json");
      writeFileSync(file, await res.text());
      expect(await sortitionCli(["verify", file])).toBe(0);
    });

    it("a member registers to the session about to start, gets a code and sees its link (French)", async () => {
      await s.signIn("marie@story.example", "marie password 1");
      await s.visit(`/spaces/${DEMO_SPACES.assembly}/c/${ids.meetingsId}`);
      await s.page.getByRole("link", { name: SESSION_TITLE }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("link", { name: "Rejoindre la rencontre" }).count()).resolves.toBe(0);
      await s.page.getByRole("button", { name: "M’inscrire" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("Votre code d’inscription :").count()).resolves.toBeGreaterThan(0);
      const join = s.page.getByRole("link", { name: "Rejoindre la rencontre" });
      await expect(join.getAttribute("href")).resolves.toBe("https://meet.jit.si/nancy-assemblee-seance-13");
      const feed = await s.page.request.get(`/spaces/${DEMO_SPACES.assembly}/meetings.ics`);
      expect(feed.status()).toBe(200);
      expect(feed.headers()["content-type"]).toContain("text/calendar");
      const ics = await feed.text();
      expect(ics).toContain("BEGIN:VCALENDAR");
      expect(ics.replace(/\r\n[ \t]/g, "")).toContain(`SUMMARY:${SESSION_TITLE.replace(/[,;]/g, (c) => `\\${c}`)}`);
      // The link is for registered people: never in the feed.
      expect(ics).not.toContain("nancy-assemblee-seance-13");
    });
  });
}
