/**
 * Amendments and the proposals back office's tools on the demo: a Dutch-speaking resident amends a
 * contribution on the consultation (draft, preview, publication), reads the word-level changes and
 * comments on the amendment; its French-speaking author accepts it, and the contribution reads as
 * amended with the amender as co-author. The demo administrator publishes two waiting answers in bulk
 * and merges the two proposals into a new one whose page says where it comes from (JavaScript on), and
 * imports the students' accepted ideas into their budget's projects in development (JavaScript off).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/core/accounts/passwords";
import { createUser } from "../../src/core/accounts/users";
import { DEMO_SPACES } from "../../src/core/spaces/seeds";
import { answerProposal } from "../../src/modules/proposals/answers";
import { listStates } from "../../src/modules/proposals/states";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

const CONTRIBUTION = "Open data over de luchtkwaliteit per straat";
const AMENDED = "Open data over de luchtkwaliteit per straat en per school";
const USE_CASES = ["Fahrplandaten in Echtzeit für Apps von Drittanbietern", "Les budgets communaux dans un format comparable"];
const MERGED = "Reusable public data: real-time timetables and comparable municipal budgets";
const IDEA = "Een moestuin op de speelplaats";
const WOUTER = { email: "wouter@story.example", password: "wouter password 1" };
const PIETER = { email: "pieter.devos@pnyx.example", password: "pieter password 1" };

interface Ids {
  consultation: number;
  contributions: number;
  useCases: number;
  students: number;
  ideas: number;
  development: number;
}

async function idsOf(p: TestPlatform): Promise<Ids> {
  const r = await p.deps.db.execute<{ space_id: string; slug: string; id: string; name: string }>(sql`
    select c.space_id, s.slug, c.id, c.name->>'en' as name from components c join spaces s on s.id = c.space_id
    where s.slug in (${DEMO_SPACES.consultation}, ${DEMO_SPACES.budgetStudents}) and c.manifest = 'proposals'`);
  const by = (slug: string, name: string) => r.rows.find((x) => x.slug === slug && x.name === name);
  const id = (slug: string, name: string) => Number(by(slug, name)?.id);
  return {
    consultation: Number(by(DEMO_SPACES.consultation, "Free contributions")?.space_id),
    contributions: id(DEMO_SPACES.consultation, "Free contributions"),
    useCases: id(DEMO_SPACES.consultation, "Feedback on use cases"),
    students: Number(by(DEMO_SPACES.budgetStudents, "Ideas")?.space_id),
    ideas: id(DEMO_SPACES.budgetStudents, "Ideas"),
    development: id(DEMO_SPACES.budgetStudents, "Projects in development"),
  };
}

async function seed(p: TestPlatform) {
  const { db } = p.deps;
  await seedDemo(p.deps);
  await createUser(db, { email: WOUTER.email, name: "Wouter Peeters", password: WOUTER.password, confirmed: true, locale: "nl" });
  // Pieter, who wrote the contribution on air quality, reads the site in French (and may sign in).
  await db.execute(sql`update users set password_hash = ${await hashPassword(PIETER.password)}, locale = 'fr' where email = ${PIETER.email}`);
  // Both feedbacks on use cases have an answer waiting in the back office to be published.
  const ids = await idsOf(p);
  const admin = await db.execute<{ id: string }>(sql`select id from users where email = ${DEMO_ADMIN.email}`);
  const place = { componentId: ids.useCases, spaceId: ids.consultation };
  const evaluating = (await listStates(db, ids.useCases)).find((s) => s.token === "evaluating");
  const proposals = await db.execute<{ id: string }>(sql`select id from proposals where component_id = ${ids.useCases} and published_at is not null`);
  if (!evaluating || proposals.rows.length !== 2) throw new Error("story: the demo's feedback on use cases changed");
  for (const row of proposals.rows) {
    const answer = { en: "The administration is studying an open format with the municipalities." };
    const saved = await answerProposal(db, { id: Number(admin.rows[0]?.id), ip: null }, place, Number(row.id), { stateId: evaluating.id, answer, cost: undefined, costReport: {}, executionPeriod: {} }, { publishNow: false, withCosts: false });
    if (!saved.ok) throw new Error(`story: answer: ${JSON.stringify(saved.errors)}`);
  }
}

for (const jsEnabled of [true, false]) {
  describe(`a resident amends a contribution in Dutch, its author accepts it in French; the admin ${jsEnabled ? "publishes answers in bulk and merges" : "imports accepted ideas"} (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let ids: Ids;
    let contributions = "";
    let amendment = "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      ids = await idsOf(s.platform);
      contributions = `/spaces/${DEMO_SPACES.consultation}/c/${ids.contributions}`;
    }, 180_000);
    afterAll(() => s.close());

    it("a Dutch-speaking resident amends someone else's contribution, reads the changes word by word and comments", async () => {
      await s.signIn(WOUTER.email, WOUTER.password, { returnTo: contributions });
      await s.page.getByRole("link", { name: CONTRIBUTION, exact: true }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      const proposal = new URL(s.page.url()).pathname;
      await s.page.getByRole("link", { name: "Dit voorstel amenderen" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      expect(new URL(s.page.url()).pathname).toBe(`${proposal}/amend`);
      // The form starts from the contribution's wording.
      const title = s.page.getByLabel(/^Titel( |$)/);
      const body = s.page.getByLabel(/^Tekst( |$)/);
      await expect(title.inputValue()).resolves.toBe(CONTRIBUTION);
      const wording = await body.inputValue();
      expect(wording).toContain("scholen en ouders");
      await title.fill(AMENDED);
      await body.fill(wording.replace("scholen en ouders", "leerlingen en ouders"));
      await s.page.getByRole("button", { name: "Voorbeeld" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("Uw amendement is als ontwerp bewaard.", { exact: false }).count()).resolves.toBe(1);
      amendment = new URL(s.page.url()).pathname;
      expect(amendment).toMatch(new RegExp(`^${proposal}/amendments/\\d+$`));

      await s.page.getByRole("button", { name: "Het amendement publiceren" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("Uw amendement is gepubliceerd.", { exact: false }).count()).resolves.toBe(1);
      // Word-level changes: what is added underlined, what is removed struck through.
      const changes = s.page.locator(".amendment-changes");
      await expect(changes.locator("ins", { hasText: "en per school" }).count()).resolves.toBe(1);
      await expect(changes.locator("del", { hasText: "scholen" }).count()).resolves.toBe(1);
      await expect(changes.locator("ins", { hasText: "leerlingen" }).count()).resolves.toBe(1);
      await expect(changes.locator("del", { hasText: "luchtkwaliteit" }).count()).resolves.toBe(0);

      const comment = `Ook de leerlingen zelf moeten die gegevens kunnen lezen (${jsEnabled ? "js" : "zonder js"}).`;
      await s.page.getByLabel("Uw reactie", { exact: true }).fill(comment);
      await s.page.getByRole("button", { name: "Reactie plaatsen" }).click();
      await s.page.waitForLoadState();
      await s.page.locator("li.comment", { hasText: comment }).first().waitFor({ timeout: 20_000 });
      await s.checkA11y();
    });

    it("its French-speaking author accepts the amendment: the contribution reads as amended, the amender co-signs it", async () => {
      await s.signIn(PIETER.email, PIETER.password, { returnTo: amendment });
      await s.checkA11y();
      expect(new URL(s.page.url()).pathname).toBe(amendment);
      await expect(s.page.getByText("Ook de leerlingen zelf moeten die gegevens kunnen lezen", { exact: false }).count()).resolves.toBe(1);
      await s.page.getByRole("button", { name: "Accepter l’amendement" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("L’amendement est accepté", { exact: false }).count()).resolves.toBe(1);
      await expect(s.page.getByRole("heading", { level: 1, name: AMENDED }).count()).resolves.toBe(1);
      await expect(s.page.getByText("leerlingen en ouders", { exact: false }).count()).resolves.toBeGreaterThan(0);
      await expect(s.page.getByText("Par Pieter De Vos, Wouter Peeters", { exact: false }).count()).resolves.toBe(1);
      const amendments = s.page.getByRole("region", { name: "Amendements", exact: true });
      await expect(amendments.getByRole("link", { name: AMENDED }).count()).resolves.toBe(1);
      await expect(amendments.getByText("Accepté", { exact: true }).count()).resolves.toBeGreaterThan(0);
    });

    if (jsEnabled) {
      it("the administrator publishes two waiting answers in bulk, then merges the two proposals into a new one", async () => {
        const manage = `/admin/spaces/${ids.consultation}/components/${ids.useCases}/manage`;
        await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password, { returnTo: manage });
        await s.checkA11y();
        const tick = async () => {
          for (const title of USE_CASES) await s.page.getByLabel(`Select “${title}”`, { exact: true }).check();
        };
        await tick();
        await s.page.getByRole("button", { name: "Publish the answers of the selected proposals" }).click();
        await s.page.waitForLoadState();
        await s.checkA11y();
        await expect(s.page.getByText("2 answers published.").count()).resolves.toBe(1);

        await tick();
        await s.page.getByRole("button", { name: "Merge the selected proposals" }).click();
        await s.page.waitForLoadState();
        await s.checkA11y();
        await expect(s.page.getByRole("heading", { level: 1, name: "Merge proposals" }).count()).resolves.toBe(1);
        await s.page.getByLabel("Title (English)", { exact: true }).fill(MERGED);
        await s.page.getByLabel("Text (English)", { exact: true }).fill("Publish timetables in real time through an open interface, and municipal budgets in one comparable open format.");
        await s.page.getByRole("button", { name: "Merge into a new proposal" }).click();
        await s.page.waitForLoadState();
        await s.checkA11y();
        await expect(s.page.getByText("The proposals were merged into a new proposal.").count()).resolves.toBe(1);
        await expect(s.page.getByRole("heading", { level: 1, name: MERGED }).count()).resolves.toBe(1);

        await s.page.getByRole("link", { name: "See the public page" }).click();
        await s.page.waitForLoadState();
        await s.checkA11y();
        await expect(s.page.getByRole("heading", { level: 1, name: MERGED }).count()).resolves.toBe(1);
        const history = s.page.getByRole("region", { name: "History", exact: true });
        await expect(history.getByText("Merged from", { exact: true }).count()).resolves.toBe(1);
        for (const title of USE_CASES) await expect(history.getByRole("link", { name: title, exact: false }).count()).resolves.toBe(1);
      });
    } else {
      it("the administrator imports the students' accepted ideas into their projects in development", async () => {
        const manage = `/admin/spaces/${ids.students}/components/${ids.development}/manage`;
        await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password, { returnTo: `${manage}/import` });
        await s.checkA11y();
        await s.page.getByLabel(/^Component to import from( |$)/).selectOption(String(ids.ideas));
        await expect(s.page.getByLabel("Accepted", { exact: true }).isChecked()).resolves.toBe(true);
        await s.page.getByRole("button", { name: "Import", exact: true }).click();
        await s.page.waitForLoadState();
        await s.checkA11y();
        expect(new URL(s.page.url()).pathname).toBe(manage);
        await expect(s.page.getByText("1 proposal imported.", { exact: false }).count()).resolves.toBe(1);
        // Only the accepted idea, not the one under evaluation.
        await expect(s.page.getByRole("link", { name: "Des casiers pour ranger nos affaires" }).count()).resolves.toBe(0);
        const href = await s.page.getByRole("link", { name: IDEA, exact: true }).getAttribute("href");
        const id = href?.split("/").pop() ?? "";

        await s.visit(`/spaces/${DEMO_SPACES.budgetStudents}/c/${ids.development}/${id}`);
        await expect(s.page.getByRole("heading", { level: 1, name: IDEA }).count()).resolves.toBe(1);
        await expect(s.page.getByText("By Noor El Amrani", { exact: false }).count()).resolves.toBe(1);
        const history = s.page.getByRole("region", { name: "History", exact: true });
        await expect(history.getByText("Imported from", { exact: true }).count()).resolves.toBe(1);
        const original = await history.getByRole("link", { name: IDEA, exact: false }).getAttribute("href");
        expect(original).toMatch(new RegExp(`^/spaces/${DEMO_SPACES.budgetStudents}/c/${ids.ideas}/\\d+$`));
      });
    }
  });
}
