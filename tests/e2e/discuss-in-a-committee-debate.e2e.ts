/**
 * The debates component on the demo's students' budget: a French-speaking resident reads the
 * committee's debate and comments in favour, a Dutch-speaking resident comments against, and both see
 * the discussion in two columns (stacked on a phone; with JavaScript, a reader sees the new comment
 * arrive live in its column); the demo administrator closes the debate with a conclusion, which then
 * heads the debate, read-only.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

const DEBATE_FR = "Faut-il consacrer la moitié du budget à la cour de récréation ?";
const DEBATE_NL = "Moet de helft van de begroting naar de speelplaats gaan?";
const CONCLUSION = "Le comité retient un tiers du budget pour la cour, le reste pour la bibliothèque.";

async function seed(p: TestPlatform) {
  await seedDemo(p.deps);
  await createUser(p.deps.db, { email: "camille@story.example", name: "Camille Dubois", password: "camille password 1", confirmed: true, locale: "fr" });
  await createUser(p.deps.db, { email: "wouter@story.example", name: "Wouter Peeters", password: "wouter password 1", confirmed: true, locale: "nl" });
}

async function placeOf(p: TestPlatform): Promise<{ spaceId: number; componentId: number; debateId: number }> {
  const r = await p.deps.db.execute<{ space_id: string; component_id: string; id: string }>(sql`
    select c.space_id, c.id as component_id, d.id from debates d join components c on c.id = d.component_id join spaces s on s.id = c.space_id
    where s.slug = 'budget-students' and d.title->>'fr' = ${DEBATE_FR}`);
  const row = r.rows[0];
  if (!row) throw new Error("story: the demo has no committee debate");
  return { spaceId: Number(row.space_id), componentId: Number(row.component_id), debateId: Number(row.id) };
}

for (const jsEnabled of [true, false]) {
  describe(`residents discuss a committee debate in French and Dutch; the admin closes it (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let base = "";
    let debate = "";
    let manage = "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      const ids = await placeOf(s.platform);
      base = `/spaces/budget-students/c/${ids.componentId}`;
      debate = `${base}/${ids.debateId}`;
      manage = `/admin/spaces/${ids.spaceId}/components/${ids.componentId}/manage`;
    }, 120_000);
    afterAll(() => s.close());

    const inFavour = () => s.page.locator("section.comments-column-in-favour");
    const against = () => s.page.locator("section.comments-column-against");

    it("a French-speaking resident reads the committee's debate and comments in favour", async () => {
      await s.signIn("camille@story.example", "camille password 1");
      await s.visit(base);
      await expect(s.page.getByRole("heading", { level: 1, name: "Discussions du comité" }).count()).resolves.toBe(1);
      await s.page.getByRole("link", { name: DEBATE_FR }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1, name: DEBATE_FR }).count()).resolves.toBe(1);
      await expect(inFavour().getByRole("heading", { level: 3, name: "Pour (2)" }).count()).resolves.toBe(1);
      await expect(against().getByRole("heading", { level: 3, name: "Contre (1)" }).count()).resolves.toBe(1);

      const comment = `Pour : la cour sert à tout le monde, chaque jour (${jsEnabled ? "js" : "sans js"}).`;
      await s.page.getByLabel("Pour", { exact: true }).check();
      await s.page.getByLabel("Votre commentaire", { exact: true }).fill(comment);
      await s.page.getByRole("button", { name: "Publier le commentaire" }).click();
      await s.page.waitForLoadState();
      await inFavour().locator("li.comment", { hasText: comment }).first().waitFor({ timeout: 20_000 });
      await s.checkA11y();
      await expect(against().locator("li.comment", { hasText: comment }).count()).resolves.toBe(0);
    });

    it("a Dutch-speaking resident comments against and sees both sides, stacked on a phone", async () => {
      await s.signIn("wouter@story.example", "wouter password 1");
      await s.visit(debate);
      await expect(s.page.getByRole("heading", { level: 1, name: DEBATE_NL }).count()).resolves.toBe(1);
      const comment = `Tegen: de bibliotheek heeft het geld harder nodig (${jsEnabled ? "js" : "zonder js"}).`;
      // With JavaScript, a visitor reading the debate meanwhile sees the comment arrive in the against column.
      const browser = s.page.context().browser();
      const watcher = jsEnabled && browser ? await (await browser.newContext({ locale: "en-GB" })).newPage() : null;
      if (watcher) {
        await watcher.goto(`${s.baseUrl}${debate}`);
        await watcher.waitForTimeout(500);
      }
      await s.page.getByLabel("Tegen", { exact: true }).check();
      await s.page.getByLabel("Uw reactie", { exact: true }).fill(comment);
      await s.page.getByRole("button", { name: "Reactie plaatsen" }).click();
      await s.page.waitForLoadState();
      await against().locator("li.comment", { hasText: comment }).first().waitFor({ timeout: 20_000 });
      await s.checkA11y();
      if (watcher) {
        await watcher.locator("section.comments-column-against li.comment", { hasText: comment }).first().waitFor({ timeout: 20_000 });
        await watcher.context().close();
      }
      await expect(inFavour().getByRole("heading", { level: 3, name: "Voor (3)" }).count()).resolves.toBe(1);
      await expect(against().getByRole("heading", { level: 3, name: "Tegen (2)" }).count()).resolves.toBe(1);
      await expect(inFavour().locator("li.comment", { hasText: "Pour : la cour sert à tout le monde" }).count()).resolves.toBe(1);
      // A phone's width: the against column comes under the in-favour one.
      const a = await inFavour().boundingBox();
      const b = await against().boundingBox();
      expect(a && b && b.y >= a.y + a.height - 1).toBe(true);
    });

    it("the demo administrator closes the debate with a conclusion; it heads the debate, read-only", async () => {
      await s.signIn("admin@pnyx.example", "pnyx-demo-admin");
      await s.visit(manage);
      await s.page.getByRole("link", { name: `Close “Should half of the budget go to the playground?”` }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await s.page.getByLabel("Conclusion (Français)", { exact: true }).fill(CONCLUSION);
      await s.page.getByRole("button", { name: "Close the debate" }).click();
      await s.page.waitForLoadState();
      await expect(s.page.getByText("The debate is closed.").count()).resolves.toBe(1);

      // The conclusion (written in French only) heads the debate; the discussion is read-only.
      await s.visit(debate);
      const conclusion = s.page.getByRole("region", { name: "Conclusion" });
      await expect(conclusion.getByText(CONCLUSION).count()).resolves.toBe(1);
      await expect(s.page.getByText("This debate is closed: it takes no more comments.").count()).resolves.toBe(1);
      await expect(s.page.getByRole("button", { name: "Publish comment" }).count()).resolves.toBe(0);
    });
  });
}
