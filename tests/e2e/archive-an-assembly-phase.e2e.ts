/**
 * The Nancy citizens' assembly closes a phase: the administrator, on the assembly's phases page, closes
 * "Deliberation" and archives it; a visitor finds the snapshot under the assembly's archive, reads its
 * contents and the frozen sessions and charter with the banner saying when and at which phase it was
 * archived, in English and in French.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SPACES } from "../../src/core/spaces/seeds";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import { openStory, type Story } from "./support/story";

for (const jsEnabled of [true, false]) {
  describe(`the Nancy assembly closes a phase and its archive shows the snapshot (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let spaceId = 0;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed: (p) => seedDemo(p.deps) });
      const r = await s.platform.deps.db.execute<{ id: string }>(sql`select id from spaces where slug = ${DEMO_SPACES.assembly}`);
      spaceId = Number(r.rows[0]?.id);
    }, 240_000);
    afterAll(() => s?.close());

    it("the administrator closes the current phase and archives it", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit(`/admin/spaces/${spaceId}/steps`);
      await s.page.getByRole("heading", { name: "Phases", level: 1 }).waitFor();
      await s.page.getByRole("button", { name: "Close this phase and archive" }).click();
      await s.page.waitForLoadState();
      await s.page.getByText("The phase was closed and its archive created.").first().waitFor();
      await s.checkA11y();
      // "Recommendations" is now the current phase.
      await expect(s.page.getByRole("row", { name: /Recommendations/ }).textContent()).resolves.toContain("Current phase");
    });

    it("a visitor finds the snapshot on the assembly's archive and reads it, frozen, in English", async () => {
      await s.page.context().clearCookies();
      await s.visit(`/assemblies/${DEMO_SPACES.assembly}`);
      const archive = s.page.locator("section#archive");
      await archive.getByRole("heading", { name: "Archive" }).waitFor();
      await archive.getByRole("link", { name: /^Deliberation — archived on/ }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.locator("main").textContent()).resolves.toContain("at the close of phase “Deliberation”");
      await s.page.getByRole("link", { name: "Assembly sessions" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      const sessions = await s.page.locator("main").textContent();
      expect(sessions).toContain("This is a read-only copy");
      expect(sessions).toContain("The 40 members drawn by lot introduced themselves.");
      await expect(s.page.locator("main form").count()).resolves.toBe(0);
      await s.page.getByRole("link", { name: "Back to the archive" }).click();
      await s.page.waitForLoadState();
      await s.page.getByRole("link", { name: "Municipal charter" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      // The charter is archived in its own language (French), its headings as headings.
      await expect(s.page.locator("main").textContent()).resolves.toContain("La présente charte fixe la manière dont les habitantes et les habitants de Nancy prennent part");
      await s.page.getByRole("heading", { name: /Article 1 — Droit de participer/ }).waitFor();
    });

    it("the same snapshot reads in French", async () => {
      const partUrl = s.page.url();
      await s.page.goto("/locale/fr");
      await s.visit(new URL(partUrl).pathname);
      const main = await s.page.locator("main").textContent();
      expect(main).toContain("à la clôture de la phase « Délibérer »");
      expect(main).toContain("copie en lecture seule");
      await s.page.getByRole("link", { name: "Retour aux archives" }).click();
      await s.page.waitForLoadState();
      await s.page.getByRole("link", { name: "Séances de l’assemblée" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.locator("main").textContent()).resolves.toContain("Les 40 membres tirés au sort se sont présentés.");
      await s.page.goto("/locale/en");
    });
  });
}
