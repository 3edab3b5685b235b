import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/seeds";
import { openStory, type Story } from "./support/story";

for (const jsEnabled of [true, false]) {
  describe(`a visitor browses the home page and switches language (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed: (p) => seedDemo(p.deps) });
    });
    afterAll(() => s.close());

    it("shows the home page in the browser's language and switches to Dutch", async () => {
      await s.visit("/");
      expect(await s.page.getAttribute("html", "lang")).toBe("en");
      await s.page.getByRole("link", { name: "Nederlands" }).click();
      await s.checkA11y();
      expect(await s.page.getAttribute("html", "lang")).toBe("nl");
      await expect(s.page.getByRole("link", { name: "Naar de hoofdinhoud" }).count()).resolves.toBe(1);
    });

    it("searches the whole site from the main navigation", async () => {
      await s.page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Zoeken" }).click();
      await s.checkA11y();
      await s.page.getByLabel("Zoeken op het platform").fill("arbres");
      await s.page.getByRole("search").getByRole("button", { name: "Zoeken" }).click();
      await s.page.waitForURL(/\/search\?q=arbres/);
      await s.checkA11y();
      await s.page.getByRole("link", { name: "Plus d’arbres dans les rues de Bruxelles" }).click();
      await s.page.waitForURL(/\/petitions\/\d+$/);
    });

    it("reads the terms of use from the footer", async () => {
      await s.page.getByRole("contentinfo").getByRole("link", { name: "Gebruiksvoorwaarden" }).click();
      await s.checkA11y();
      expect(await s.page.getByRole("heading", { level: 1 }).textContent()).toBe("Gebruiksvoorwaarden");
      expect(await s.page.getByRole("heading", { level: 2 }).first().textContent()).toBe("Wat u aanvaardt");
    });
  });
}
