/**
 * The budgets component on the demo's school budgets: a verified student votes in French (adds two
 * projects, reads the running total, reviews and casts the vote); a parent, not on the students'
 * census list, cannot vote in the students' budget (English); the demo administrator closes voting,
 * computes the outcome with the Method of Equal Shares + Add1 in the background and publishes it; a
 * Dutch-speaking visitor reads why each project was or was not funded, with the charts' tables.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { grantAuthorization } from "../../src/core/verifications/service";
import { DEMO_SPACES } from "../../src/core/spaces/seeds";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

interface Ids {
  spaceId: number;
  componentId: number;
  budgetId: number;
}

async function seed(p: TestPlatform) {
  await seedDemo(p.deps);
  const studentId = await createUser(p.deps.db, { email: "lea@story.example", name: "Léa Martin", password: "lea password 1", confirmed: true, locale: "fr" });
  await createUser(p.deps.db, { email: "parent@story.example", name: "Paul Parent", password: "parent password 1", confirmed: true, locale: "en" });
  // The census verification itself is the story of theme-a-space-and-verify-with-a-census.e2e.ts.
  const space = await p.deps.db.execute<{ id: string }>(sql`select id from spaces where slug = ${DEMO_SPACES.budgetStudents}`);
  const granted = await grantAuthorization(p.deps.db, { userId: studentId, handler: "census", spaceId: Number(space.rows[0]?.id), uniqueId: "story-lea", metadata: {} });
  if (!granted.ok) throw new Error("story: the census authorization was refused");
}

async function idsOf(p: TestPlatform): Promise<Ids> {
  const r = await p.deps.db.execute<{ space_id: string; component_id: string; budget_id: string }>(sql`
    select c.space_id, c.id as component_id, b.id as budget_id from components c join spaces s on s.id = c.space_id join budgets b on b.component_id = c.id
    where s.slug = ${DEMO_SPACES.budgetStudents} and c.manifest = 'budgets' order by b.id limit 1`);
  const row = r.rows[0];
  if (!row) throw new Error("story: no students' budget in the demo");
  return { spaceId: Number(row.space_id), componentId: Number(row.component_id), budgetId: Number(row.budget_id) };
}

for (const jsEnabled of [true, false]) {
  describe(`a student votes in the school budget, a parent cannot, the admin publishes the outcome (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let ids: Ids;
    let budget = "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      ids = await idsOf(s.platform);
      budget = `/spaces/${DEMO_SPACES.budgetStudents}/c/${ids.componentId}/budgets/${ids.budgetId}`;
    }, 120_000);
    afterAll(() => s.close());

    it("a verified student adds two projects, reads what is left, reviews and casts the vote (French)", async () => {
      await s.signIn("lea@story.example", "lea password 1");
      await s.visit(budget);
      await expect(s.page.getByRole("heading", { level: 1, name: "Budget des élèves 2027" }).count()).resolves.toBe(1);
      const project = (title: string) => s.page.locator("li.budget-project", { hasText: title });
      await project("Un abri à vélos couvert").getByRole("button", { name: "Ajouter à mon vote" }).click();
      await s.page.waitForLoadState();
      await project("Un abri à vélos couvert").getByRole("button", { name: "Retirer de mon vote" }).waitFor();
      await s.checkA11y();
      await project("Des livres pour la bibliothèque").getByRole("button", { name: "Ajouter à mon vote" }).click();
      await s.page.waitForLoadState();
      await project("Des livres pour la bibliothèque").getByRole("button", { name: "Retirer de mon vote" }).waitFor();
      // 14 500 € + 6 000 € of 50 000 €: the panel says what is left, as text and as a bar.
      const ballot = s.page.locator("#ballot");
      await expect(ballot.textContent()).resolves.toMatch(/20\s500\s€ choisis sur 50\s000\s€ : il reste 29\s500\s€/);
      await expect(ballot.getByRole("progressbar").count()).resolves.toBe(1);
      await s.checkA11y();

      await ballot.getByRole("button", { name: "Vérifier et enregistrer mon vote" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1, name: "Enregistrer votre vote" }).count()).resolves.toBe(1);
      await s.page.getByRole("button", { name: "Confirmer et enregistrer mon vote" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("Votre vote est enregistré. Merci !").count()).resolves.toBeGreaterThan(0);
      const counted = await s.platform.deps.db.execute<{ n: string }>(
        sql`select count(*) as n from budget_ballots b join users u on u.id = b.user_id where u.email = 'lea@story.example' and b.checked_out_at is not null`,
      );
      expect(Number(counted.rows[0]?.n)).toBe(1);
    });

    it("a parent, not on the students' list, is asked to verify and cannot vote (English)", async () => {
      await s.signIn("parent@story.example", "parent password 1");
      await s.visit(budget);
      await expect(s.page.getByRole("link", { name: "Verify your account to vote" }).count()).resolves.toBeGreaterThan(0);
      await expect(s.page.getByRole("button", { name: "Add to my vote" }).count()).resolves.toBe(0);
    });

    it("the administrator closes voting, computes with equal shares + Add1 and publishes", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit(`/admin/spaces/${ids.spaceId}/components/${ids.componentId}/edit`);
      await s.page.getByLabel("Voting (Ideas)", { exact: true }).selectOption("finished");
      await s.page.getByRole("button", { name: "Save", exact: true }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();

      const outcome = `/admin/spaces/${ids.spaceId}/components/${ids.componentId}/manage/${ids.budgetId}/outcome`;
      await s.visit(outcome);
      await expect(s.page.getByText("Voting is closed: a computed outcome may be published.").count()).resolves.toBe(1);
      await s.page.getByLabel("Method of Equal Shares with Add1 completion").check();
      await s.page.getByRole("button", { name: "Compute" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      // The job computes in a worker thread; the page says so until it is done.
      for (let i = 0; i < 60 && (await s.page.getByRole("button", { name: "Publish this outcome" }).count()) === 0; i++) {
        await new Promise((r) => setTimeout(r, 500));
        await s.page.goto(outcome);
      }
      await s.checkA11y();
      await s.page.getByRole("button", { name: "Publish this outcome" }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
    });

    it("a Dutch-speaking visitor reads why each project was or was not funded", async () => {
      await s.page.context().clearCookies();
      await s.visit(`${budget}/results`);
      await s.page.getByRole("link", { name: "Nederlands" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Begroting van de leerlingen 2027");
      // Léa's two projects are among the voted ones; every project says why, in Dutch.
      const table = s.page.getByRole("table").first();
      await expect(table.textContent()).resolves.toContain("Een overdekte fietsenstalling");
      await expect(s.page.getByText(/Gekocht in ronde 1: elke steunende kiezer betaalde hoogstens/).count()).resolves.toBeGreaterThan(0);
      await expect(s.page.getByText(/Zijn steunende kiezers konden het niet betalen/).count()).resolves.toBeGreaterThan(0);
      const api = await s.page.request.get(`/api/budgets/${ids.budgetId}/results`);
      expect(api.status()).toBe(200);
      const body = (await api.json()) as { rule: string; selected: string[]; projects: Array<{ id: string; votes: number; selected: boolean }> };
      expect(body.rule).toBe("mes-add1");
      expect(body.selected.length).toBeGreaterThan(0);
      expect(body.projects.every((p) => p.selected === body.selected.includes(p.id))).toBe(true);
    });
  });
}
