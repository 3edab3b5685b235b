import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { spaces } from "../../src/core/spaces/schema";
import { DEMO_SPACES } from "../../src/core/spaces/seeds";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import { openStory, type Story } from "./support/story";

for (const jsEnabled of [true, false]) {
  describe(`an admin themes a space and a pupil verifies with the census (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let spaceId = 0;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed: (p) => seedDemo(p.deps) });
      const [space] = await s.platform.deps.db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, DEMO_SPACES.budgetStudents));
      spaceId = space?.id ?? 0;
      await createUser(s.platform.deps.db, { email: "pupil@example.org", password: "pupil password 1", name: "Pat Pupil", confirmed: true, locale: "en" });
    });
    afterAll(() => s.close());

    it("refuses an unreadable space theme, naming the pair, then saves a readable one", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit("/admin/appearance");
      await s.visit(`/admin/appearance/spaces/${spaceId}`);
      await s.page.getByLabel("Muted text").fill("#aaaaaa");
      await s.page.getByRole("button", { name: "Save the theme" }).click();
      await s.checkA11y();
      await expect(s.page.getByRole("alert").filter({ hasText: "There is a problem" }).textContent()).resolves.toContain("Muted text on background: the contrast is");
      await s.page.getByLabel("Muted text").fill("#4a4a4a");
      await s.page.getByRole("button", { name: "Save the theme" }).click();
      await s.checkA11y();
      await expect(s.page.getByText("The theme was saved.").count()).resolves.toBe(1);
      await s.visit("/admin/census");
      await s.visit(`/admin/census/${spaceId}`);
      await s.visit("/admin/verifications");
      await s.visit("/admin/organization");
      await s.visit("/admin/audit?action=theme.");
      await expect(s.page.getByText("theme.space.update").count()).resolves.toBeGreaterThan(0);
      await s.page.getByRole("button", { name: "Sign out" }).click();
    });

    it("lets a pupil on the census list verify and come back", async () => {
      await s.signIn("pupil@example.org", "pupil password 1");
      await s.visit("/verifications");
      await s.page.getByRole("link", { name: /Verify for Students/ }).click();
      await s.checkA11y();
      await s.page.getByLabel("Identifier").fill("S2026-002");
      await s.page.getByLabel("Birth date").fill("03/09/2009");
      await s.page.getByRole("button", { name: "Verify" }).click();
      await s.checkA11y();
      await expect(s.page.getByText("These details do not match any entry of the list.").count()).resolves.toBe(1);
      await s.page.getByLabel("Birth date").fill("02/09/2009");
      await s.page.getByRole("button", { name: "Verify" }).click();
      await s.checkA11y();
      await expect(s.page.getByText("Your verification is done.").count()).resolves.toBe(1);
      await s.visit("/verifications/age_residence?return_to=%2Fverifications");
      await s.page.getByLabel("Birth date").fill("2009-09-02");
      await s.page.getByLabel("Postal code").fill("1000");
      await s.page.getByRole("button", { name: "Save my declaration" }).click();
      await s.checkA11y();
      await expect(s.page.getByText("Brussels-Capital Region").count()).resolves.toBe(1);
    });
  });
}
