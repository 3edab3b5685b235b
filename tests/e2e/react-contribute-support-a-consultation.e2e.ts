/**
 * The proposals component on the demo consultation: a French-speaking resident reads a finding,
 * comments on it in favour and supports it, then writes a free contribution (draft, preview with the
 * similar contributions, publication) and finds it in the list; a Dutch-speaking resident filters the
 * contributions by category and sorts them; the demo administrator answers the new contribution
 * (accepted), publishes the answer, and the author reads it.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

const FINDING = "Les données publiques sont ouvertes par défaut";
const SIMILAR = "Un registre public des algorithmes utilisés par l’administration";
const MINE = "Un registre public des algorithmes utilisés par les communes";
const ANSWER = "Nous publierons ce registre pour les dix-neuf communes dès 2027.";

interface Ids {
  spaceId: number;
  reactions: number;
  contributions: number;
}

async function seed(p: TestPlatform) {
  await seedDemo(p.deps);
  await createUser(p.deps.db, { email: "camille@story.example", name: "Camille Dubois", password: "camille password 1", confirmed: true, locale: "fr" });
  await createUser(p.deps.db, { email: "wouter@story.example", name: "Wouter Peeters", password: "wouter password 1", confirmed: true, locale: "nl" });
  // Answers wait for an administrator to publish them in the free contributions (the demo publishes them at once).
  const r = await p.deps.db.execute<{ id: string; settings: { steps: Record<string, Record<string, unknown>>; defaultStep: Record<string, unknown> } }>(
    sql`select c.id, c.settings from components c join spaces s on s.id = c.space_id where s.slug = 'public-data-policy' and c.name->>'en' = 'Free contributions'`,
  );
  const row = r.rows[0];
  if (!row) throw new Error("story: no free contributions component in the demo");
  const settings = row.settings;
  for (const step of [...Object.values(settings.steps), settings.defaultStep]) step.answersPublishedImmediately = false;
  await p.deps.db.execute(sql`update components set settings = ${JSON.stringify(settings)}::jsonb where id = ${Number(row.id)}`);
}

async function idsOf(p: TestPlatform): Promise<Ids> {
  const r = await p.deps.db.execute<{ space_id: string; id: string; name: string }>(
    sql`select c.space_id, c.id, c.name->>'en' as name from components c join spaces s on s.id = c.space_id where s.slug = 'public-data-policy' and c.manifest = 'proposals'`,
  );
  const by = (name: string) => Number(r.rows.find((x) => x.name === name)?.id);
  return { spaceId: Number(r.rows[0]?.space_id), reactions: by("Reactions to the findings"), contributions: by("Free contributions") };
}

for (const jsEnabled of [true, false]) {
  describe(`residents react to a finding, support it and contribute in French, browse in Dutch; the admin answers (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let ids: Ids;
    let reactions = "";
    let contributions = "";
    let mine = "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      ids = await idsOf(s.platform);
      reactions = `/spaces/public-data-policy/c/${ids.reactions}`;
      contributions = `/spaces/public-data-policy/c/${ids.contributions}`;
    }, 120_000);
    afterAll(() => s.close());

    it("a French-speaking resident reads a finding, comments in favour and supports it", async () => {
      await s.signIn("camille@story.example", "camille password 1");
      await s.visit(reactions);
      await expect(s.page.getByRole("heading", { level: 1, name: "Réactions aux constats" }).count()).resolves.toBe(1);
      await s.page.getByRole("link", { name: FINDING }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1, name: FINDING }).count()).resolves.toBe(1);
      await expect(s.page.getByText("Proposition officielle").count()).resolves.toBeGreaterThan(0);

      const comment = `Ouvrir par défaut, c’est la seule règle qui tienne (${jsEnabled ? "js" : "sans js"}).`;
      await s.page.getByLabel("Pour", { exact: true }).check();
      await s.page.getByLabel("Votre commentaire", { exact: true }).fill(comment);
      await s.page.getByRole("button", { name: "Publier le commentaire" }).click();
      await s.page.waitForLoadState();
      await s.page.locator("li.comment", { hasText: comment }).first().waitFor({ timeout: 20_000 });
      await s.checkA11y();

      await s.page.getByRole("button", { name: "Soutenir cette proposition" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("Merci : votre soutien est compté.").count()).resolves.toBe(1);
      await expect(s.page.getByText("Vous soutenez cette proposition").count()).resolves.toBeGreaterThan(0);
      // The comment stayed, in favour, after the page was reloaded.
      await s.visit(s.page.url());
      await expect(s.page.locator("li.comment", { hasText: comment }).count()).resolves.toBe(1);
    });

    it("she writes a free contribution: a draft, its preview with similar contributions, then publishes it", async () => {
      await s.visit(contributions);
      // Required fields say so in their label ("Titre (obligatoire)").
      await s.page.getByRole("link", { name: "Nouvelle proposition" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await s.page.getByLabel(/^Titre \(obligatoire\)/).fill(MINE);
      await s.page.getByLabel(/^Votre proposition( |$)/).fill("Chaque commune devrait dire quels algorithmes l’aident à décider, avec quelles données.\n\nUn registre commun aux dix-neuf communes suffirait.");
      await s.page.getByLabel("Catégorie", { exact: true }).selectOption({ label: "Données ouvertes" });
      await s.page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("Ceci est l’aperçu de votre brouillon", { exact: false }).count()).resolves.toBe(1);
      const similar = s.page.getByRole("region", { name: "Propositions similaires", exact: true });
      await expect(similar.getByRole("link", { name: SIMILAR }).count()).resolves.toBe(1);
      mine = new URL(s.page.url()).pathname;

      await s.page.getByRole("button", { name: "Publier", exact: true }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("Votre proposition est publiée.").count()).resolves.toBe(1);
      await expect(s.page.getByText("Ceci est l’aperçu de votre brouillon", { exact: false }).count()).resolves.toBe(0);

      await s.visit(`${contributions}?sort=recent`);
      const first = s.page.locator("ul.proposal-list > li").first();
      await expect(first.getByRole("link", { name: MINE }).count()).resolves.toBe(1);
      await expect(first.getByText("Camille Dubois", { exact: false }).count()).resolves.toBe(1);
    });

    it("a Dutch-speaking resident filters the contributions by category and sorts them", async () => {
      await s.signIn("wouter@story.example", "wouter password 1");
      await s.visit(contributions);
      await expect(s.page.getByRole("heading", { level: 1, name: "Vrije bijdragen" }).count()).resolves.toBe(1);
      await expect(s.page.getByRole("heading", { name: "4 voorstellen" }).count()).resolves.toBe(1);

      await s.page.getByLabel("Categorie", { exact: true }).selectOption({ label: "Open data" });
      await s.page.getByRole("button", { name: "Tonen" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { name: "1 voorstel" }).count()).resolves.toBe(1);
      await expect(s.page.locator("ul.proposal-list").getByRole("link", { name: MINE }).count()).resolves.toBe(1);

      await s.page.getByLabel("Categorie", { exact: true }).selectOption({ label: "Alle" });
      await s.page.getByLabel("Volgorde", { exact: true }).selectOption({ label: "Meest gesteund" });
      await s.page.getByRole("button", { name: "Tonen" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      expect(new URL(s.page.url()).searchParams.get("sort")).toBe("most_supported");
      const titles = await s.page.locator("ul.proposal-list > li h3").allInnerTexts();
      expect(titles).toHaveLength(4);
      // The demo's most supported contribution first (3 supports), the new one (none) last.
      expect(titles[0]).toBe(SIMILAR);
      expect(titles[3]).toBe(MINE);
    });

    it("the demo administrator answers the contribution, publishes the answer, and the author reads it", async () => {
      const proposalId = mine.split("/").pop() ?? "";
      await s.signIn("admin@pnyx.example", "pnyx-demo-admin");
      const manage = `/admin/spaces/${ids.spaceId}/components/${ids.contributions}/manage`;
      await s.visit(manage);
      await s.page.getByRole("link", { name: MINE }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      expect(new URL(s.page.url()).pathname).toBe(`${manage}/${proposalId}`);
      await s.page.getByLabel(/^Answer state( |$)/).selectOption({ label: "Accepted" });
      await s.page.getByLabel("Answer (Français)", { exact: true }).fill(ANSWER);
      await s.page.getByRole("button", { name: "Save the answer" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("The answer is saved; it will be public once you publish it.").count()).resolves.toBe(1);

      // Not public yet.
      await s.page.context().clearCookies();
      await s.visit(mine);
      await expect(s.page.getByText(ANSWER).count()).resolves.toBe(0);

      await s.signIn("admin@pnyx.example", "pnyx-demo-admin");
      // Published from the list, where answers waiting are published in bulk.
      await s.visit(manage);
      await s.page.getByLabel(`Select “${MINE}”`, { exact: true }).check();
      await s.page.getByRole("button", { name: "Publish the answers of the selected proposals" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("1 answer published.").count()).resolves.toBe(1);

      await s.signIn("camille@story.example", "camille password 1");
      await s.visit(mine);
      const answer = s.page.getByRole("region", { name: "Réponse", exact: true });
      await expect(answer.getByText(ANSWER).count()).resolves.toBe(1);
      await expect(answer.getByText("Acceptée").count()).resolves.toBe(1);
    });
  });
}
