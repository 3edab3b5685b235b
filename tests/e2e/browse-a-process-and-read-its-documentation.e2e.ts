import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/seeds";
import { openStory, type Story } from "./support/story";

for (const jsEnabled of [true, false]) {
  describe(`a visitor browses a process and reads its documentation (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed: (p) => seedDemo(p.deps) });
    });
    afterAll(() => s.close());

    it("finds the students' budget, its steps and its pages, in its own theme", async () => {
      await s.visit("/processes");
      await s.page.getByRole("link", { name: "Students' budget" }).click();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1, name: "Students' budget" }).count()).resolves.toBe(1);
      const primary = await s.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--color-primary").trim());
      expect(primary).toBe("#0b5d4b");
      await s.page.getByRole("link", { name: "Documentation" }).click();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1, name: "How it works" }).count()).resolves.toBe(1);
      await s.page.getByRole("link", { name: "Frequently asked questions" }).click();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 2, name: "Who can vote?" }).count()).resolves.toBe(1);
    });

    it("reads the consultation's steps and the assembly's members", async () => {
      await s.visit("/processes/public-data-policy");
      await s.visit("/assemblies");
      await s.page.getByRole("link", { name: "Nancy citizens' assembly" }).click();
      await s.checkA11y();
      // Its members are the panel of its draw by lot, one of them its president.
      await expect(s.page.getByRole("cell", { name: "President", exact: true }).count()).resolves.toBe(1);
      await expect(s.page.getByRole("cell", { name: "Drawn by lot", exact: true }).count()).resolves.toBe(40);
    });
  });
}
