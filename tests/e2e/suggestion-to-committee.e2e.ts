/**
 * The Brussels road from a citizens' suggestion to a deliberative committee: a suggestion one signature
 * short of its 1,000 gets its last (paper) signatures from the services and goes to the parliament's
 * decision; a visitor reads it in French, awaiting the decision; the administrator accepts it, which
 * creates the committee's assembly (a draw of 45 citizens, 15 members of parliament, the
 * recommendations); the suggestion and the assembly link to each other, and the follow-up report's due
 * date is set and shown publicly.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import { petitionCounts, petitionEvents, petitions } from "../../src/modules/petitions/schema";
import { DEMO_SUGGESTION } from "../../src/modules/petitions/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

const TITLE = "Des toilettes publiques gratuites dans chaque commune";

/** A published suggestion of the demo's committee type with 999 of its 1,000 signatures. */
async function seed(p: TestPlatform) {
  await seedDemo(p.deps);
  const r = await p.deps.db.execute<{ id: string; component_id: string; admin: string }>(sql`
    select t.id, t.component_id, (select id from users where is_admin order by id limit 1) as admin from petition_types t where t.committee is not null order by t.id limit 1`);
  const type = r.rows[0];
  if (!type) throw new Error("story: the demo has no committee suggestion type");
  const now = Date.now();
  const [row] = await p.deps.db
    .insert(petitions)
    .values({
      componentId: Number(type.component_id),
      typeId: Number(type.id),
      authorId: Number(type.admin),
      title: TITLE,
      summary: "Que le Parlement réunisse une commission délibérative sur l’accès aux toilettes publiques.",
      body: "Trop peu de toilettes publiques, souvent payantes ou fermées.\n\nNous demandons une commission délibérative sur la question.",
      language: "fr",
      state: "published",
      sponsorToken: randomBytes(18).toString("base64url"),
      submittedAt: new Date(now - 40 * 86_400_000),
      publishedAt: new Date(now - 30 * 86_400_000),
      signingEndsAt: new Date(now + 60 * 86_400_000),
      signaturesTotal: 999,
      progressNotified: 66,
    })
    .returning({ id: petitions.id });
  if (!row) throw new Error("story: the suggestion was not created");
  await p.deps.db.insert(petitionCounts).values({ petitionId: row.id, region: "BE-BRU", count: 999 });
  await p.deps.db.insert(petitionEvents).values({ petitionId: row.id, fromState: "under_review", toState: "published", actorId: Number(type.admin) });
}

async function idOf(p: TestPlatform, title: string): Promise<number> {
  const r = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where title = ${title}`);
  return Number(r.rows[0]?.id);
}

/** Reloads the page until `text` shows (the count job works in the background). */
async function waitForText(s: Story, text: string) {
  for (let i = 0; i < 60; i++) {
    if ((await s.page.getByText(text).count()) > 0) return;
    await s.page.waitForTimeout(500);
    await s.page.reload();
  }
  throw new Error(`story: "${text}" never showed`);
}

for (const jsEnabled of [true, false]) {
  describe(`a suggestion reaches its threshold and the parliament accepts it into a committee (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let id: number;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      id = await idOf(s.platform, TITLE);
    }, 180_000);
    afterAll(() => s.close());

    it("reaches its threshold with the services' paper signatures and awaits the parliament's decision", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit(`/admin/petitions/${id}`);
      await s.page.getByLabel("Region", { exact: true }).selectOption("BE-BRU");
      await s.page.getByLabel("Number of signatures (negative to correct)").fill("1");
      await s.page.getByRole("button", { name: "Add paper signatures" }).click();
      await s.page.waitForLoadState();
      await s.visit(`/petitions/${id}`);
      await waitForText(s, "This suggestion reached its threshold and awaits the parliament’s decision.");
      await s.checkA11y();
      // The demo's own suggestion waits too, listed with it in the back office.
      await s.visit("/admin/petitions?tab=decide");
      await expect(s.page.getByRole("link", { name: TITLE }).count()).resolves.toBe(1);
      await expect(s.page.getByRole("link", { name: DEMO_SUGGESTION }).count()).resolves.toBe(1);
    });

    it("a visitor reads it in French, awaiting the decision", async () => {
      await s.page.context().clearCookies();
      await s.page.goto("/locale/fr");
      await s.visit(`/petitions/${id}`);
      await expect(s.page.getByText("Cette suggestion a atteint son seuil et attend la décision du Parlement.").count()).resolves.toBe(1);
      await expect(s.page.locator(".petition-timeline").textContent()).resolves.toContain("En attente de la décision du Parlement");
    });

    it("the administrator accepts it: the committee's assembly is created, linked both ways, its follow-up due date public", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.page.goto("/locale/en");
      await s.visit(`/admin/petitions/${id}`);
      await expect(s.page.getByLabel("Address of the assembly (lower-case letters, digits and hyphens)").inputValue()).resolves.toBe("committee-des-toilettes-publiques-gratuites-dans-chaque-commune");
      await s.page.getByLabel("Title of the committee’s assembly").fill("Commission délibérative : les toilettes publiques");
      await s.page.getByRole("button", { name: "Accept and create the committee" }).click();
      await s.page.waitForLoadState();
      await expect(s.page.getByText("The suggestion is accepted and its committee’s assembly is created.").count()).resolves.toBeGreaterThan(0);
      await s.checkA11y();
      // The follow-up report: a due date outside 6 to 9 months is refused with the window, then one within it.
      await s.page.getByLabel("Date of the committee’s recommendations").fill("2027-06-15");
      await s.page.getByLabel("Follow-up report due by (6 to 9 months after the recommendations)").fill("2027-10-01");
      await s.page.getByRole("button", { name: "Set the due date" }).click();
      await s.page.waitForLoadState();
      await expect(s.page.getByText("The due date must fall between 2027-12-15 and 2028-03-15").count()).resolves.toBeGreaterThan(0);
      await s.checkA11y();
      await s.page.getByLabel("Follow-up report due by (6 to 9 months after the recommendations)").fill("2028-02-15");
      await s.page.getByRole("button", { name: "Set the due date" }).click();
      await s.page.waitForLoadState();
      await expect(s.page.getByText("The due date of the follow-up report is set.").count()).resolves.toBeGreaterThan(0);

      await s.visit(`/petitions/${id}`);
      const main = s.page.locator("main");
      await expect(main.textContent()).resolves.toContain("a deliberative committee of 45 citizens drawn by lot and 15 members of parliament");
      await expect(main.textContent()).resolves.toContain("The members of parliament’s follow-up report is due by February 15, 2028.");
      await s.page.getByRole("link", { name: "Commission délibérative : les toilettes publiques" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      expect(new URL(s.page.url()).pathname).toBe("/assemblies/committee-des-toilettes-publiques-gratuites-dans-chaque-commune");
      await expect(main.textContent()).resolves.toContain("45 citizens drawn by lot and 15 members of parliament.");
      await s.page.getByRole("link", { name: TITLE }).first().click();
      await s.page.waitForLoadState();
      expect(new URL(s.page.url()).pathname).toBe(`/petitions/${id}`);
      await s.page.getByRole("link", { name: "The recommendations and the parliament’s answer to each" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      expect(new URL(s.page.url()).pathname).toMatch(/^\/spaces\/committee-des-toilettes-publiques-gratuites-dans-chaque-commune\/c\/\d+$/);
      await expect(s.page.locator("main").textContent()).resolves.toContain("Recommendations");
    });
  });
}
