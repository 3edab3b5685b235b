/**
 * The results component: an administrator publishes a synthesis result linked to a contribution (the
 * contribution ticked in the list of the space's contributions, a status implying its progress); a
 * French-speaking resident reads the results page (overall progress) and the result with the
 * contribution it comes from; a Dutch-speaking resident reads the same result in Dutch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { resultsFixture, type ResultsFixture } from "../../src/modules/results/testing";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

const CONTRIBUTION = "Publier les données de qualité de l’air par rue";
let f: ResultsFixture;

async function seed(p: TestPlatform) {
  const adminId = await createUser(p.deps.db, { email: "ada@story.example", name: "Ada Admin", password: "ada password 1", confirmed: true, isAdmin: true, locale: "en" });
  await createUser(p.deps.db, { email: "camille@story.example", name: "Camille Dubois", password: "camille password 1", confirmed: true, locale: "fr" });
  await createUser(p.deps.db, { email: "wouter@story.example", name: "Wouter Peeters", password: "wouter password 1", confirmed: true, locale: "nl" });
  f = await resultsFixture(p, adminId);
  await f.proposal(CONTRIBUTION);
}

for (const jsEnabled of [true, false]) {
  describe(`an administrator publishes a synthesis linked to a contribution; residents read it in French and Dutch (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let result = "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
    }, 120_000);
    afterAll(() => s.close());

    it("the administrator publishes a result linked to the contribution", async () => {
      await s.signIn("ada@story.example", "ada password 1");
      await s.visit(f.adminBase);
      await s.page.getByRole("link", { name: "New result" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await s.page.getByLabel("Title (Français)", { exact: true }).fill("Les données de l’air publiées rue par rue");
      await s.page.getByLabel("Title (Nederlands)", { exact: true }).fill("Luchtgegevens per straat gepubliceerd");
      await s.page.getByLabel("Description (Français)", { exact: true }).fill("La région publiera ces mesures chaque jour.");
      await s.page.getByLabel("Status", { exact: true }).selectOption({ label: "In progress (50 %)" });
      await s.page.getByLabel(new RegExp(CONTRIBUTION)).check();
      await s.page.getByRole("button", { name: "Save" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("The result has been saved.").count()).resolves.toBe(1);
      await expect(s.page.getByRole("cell", { name: "50 %" }).count()).resolves.toBe(1);
    });

    it("a French-speaking resident reads the results page and the result", async () => {
      await s.signIn("camille@story.example", "camille password 1");
      await s.visit(f.base);
      await expect(s.page.getByRole("heading", { level: 1, name: "Synthèse" }).count()).resolves.toBe(1);
      const overall = s.page.getByRole("region", { name: "Avancement global" });
      await expect(overall.getByRole("progressbar", { name: "Avancement global" }).count()).resolves.toBe(1);
      await expect(overall.getByText("50 %", { exact: true }).count()).resolves.toBe(1);
      await s.page.getByRole("link", { name: "Les données de l’air publiées rue par rue" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      result = new URL(s.page.url()).pathname;
      await expect(s.page.getByRole("heading", { level: 1, name: "Les données de l’air publiées rue par rue" }).count()).resolves.toBe(1);
      await expect(s.page.getByText("En cours", { exact: true }).count()).resolves.toBe(1);
      const linked = s.page.getByRole("region", { name: "Les contributions dont il est issu" });
      await expect(linked.getByRole("link", { name: CONTRIBUTION }).count()).resolves.toBe(1);
    });

    it("a Dutch-speaking resident reads the result in Dutch", async () => {
      await s.signIn("wouter@story.example", "wouter password 1");
      await s.visit(result);
      await expect(s.page.getByRole("heading", { level: 1, name: "Luchtgegevens per straat gepubliceerd" }).count()).resolves.toBe(1);
      await expect(s.page.getByText("Bezig", { exact: true }).count()).resolves.toBe(1);
      await expect(s.page.getByRole("region", { name: "De bijdragen waaruit het voortkomt" }).getByRole("link", { name: CONTRIBUTION }).count()).resolves.toBe(1);
    });
  });
}
