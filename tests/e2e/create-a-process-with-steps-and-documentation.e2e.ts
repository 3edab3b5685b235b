import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import { openStory, type Story } from "./support/story";

for (const jsEnabled of [true, false]) {
  describe(`an admin creates a process with steps and documentation pages (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed: (p) => seedDemo(p.deps) });
    });
    afterAll(() => s.close());

    const save = async () => {
      await s.page.getByRole("button", { name: "Save", exact: true }).click();
      await s.checkA11y();
    };

    it("creates, configures and publishes the process, then visitors see it", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);

      await s.visit("/admin/spaces");
      await s.page.getByRole("link", { name: "New process", exact: true }).click();
      await s.checkA11y();
      await save(); // empty: the error summary
      await expect(s.page.getByRole("alert").filter({ hasText: "There is a problem" }).count()).resolves.toBe(1);
      await s.page.getByLabel("Title (English)", { exact: true }).fill("Youth council budget");
      await s.page.getByLabel("Address (slug)").fill("youth-budget");
      await s.page.getByLabel("Short description (English)", { exact: true }).fill("Young people decide on €5,000.");
      await save();
      await expect(s.page.getByText("The space has been created.").count()).resolves.toBe(1);

      await s.page.getByRole("link", { name: "Steps", exact: true }).click();
      await s.checkA11y();
      for (const title of ["Ideas", "Vote"]) {
        await s.page.getByRole("link", { name: "Add a step" }).click();
        await s.checkA11y();
        await s.page.getByLabel("Title (English)", { exact: true }).fill(title);
        await save();
      }
      await s.page.getByRole("button", { name: "Make current" }).click();
      await s.checkA11y();
      await expect(s.page.getByText("This step is now the current step.").count()).resolves.toBe(1);

      await s.page.getByRole("link", { name: "Components", exact: true }).click();
      await s.checkA11y();
      await s.page.getByLabel("Name (English)", { exact: true }).fill("Guide");
      await s.page.getByRole("button", { name: "Add a component" }).click();
      await s.checkA11y();
      await save();
      await s.page.getByRole("link", { name: "Components", exact: true }).click();
      await s.page.getByRole("link", { name: "Manage content" }).click();
      await s.checkA11y();
      await s.page.getByRole("link", { name: "New page" }).click();
      await s.checkA11y();
      await s.page.getByLabel("Page title (English)", { exact: true }).fill("Who can take part");
      await s.page.getByLabel("Text (English)", { exact: true }).fill("## Age\n\nEveryone aged **12 to 25**.");
      await save();
      await s.page.getByRole("link", { name: "Components", exact: true }).click();
      await s.page.getByRole("button", { name: "Publish" }).last().click();
      await s.checkA11y();
      await s.page.getByRole("button", { name: "Publish" }).first().click();
      await s.checkA11y();
      await s.page.getByRole("link", { name: "Theme", exact: true }).click();
      await s.checkA11y();

      await s.visit("/processes/youth-budget");
      await expect(s.page.getByRole("heading", { level: 1, name: "Youth council budget" }).count()).resolves.toBe(1);
      await expect(s.page.locator('[aria-current="step"]').textContent()).resolves.toContain("Vote");
      await s.page.getByRole("link", { name: "Guide" }).click();
      await s.checkA11y();
      await expect(s.page.locator("strong", { hasText: "12 to 25" }).count()).resolves.toBe(1);
    });
  });
}
