import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { saveType } from "../../src/modules/petitions/types-service";
import { seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { firstLink } from "../../src/test/smtp";
import { openStory, type Story } from "./support/story";

const TITLE = "Safe school streets in every commune";

/** A small type (2 signatures, one from Brussels) so the story reaches the threshold. */
async function seed(p: TestPlatform): Promise<void> {
  await seedDemo(p.deps);
  const c = await p.deps.db.execute<{ id: string }>(sql`select id from components where manifest = 'petitions' limit 1`);
  const admin = await p.deps.db.execute<{ id: string }>(sql`select id from users where is_admin limit 1`);
  await saveType(p.deps.db, { id: Number(admin.rows[0]?.id), ip: null }, Number(c.rows[0]?.id), null, {
    title: { en: "Citizens' suggestion (story)", fr: "Suggestion citoyenne (récit)" },
    threshold: 2,
    regionThresholds: { "BE-BRU": 1 },
    minAge: 16,
    residenceRegions: [],
    signingDays: 30,
    coSponsorsRequired: 0,
    allowWithdrawal: true,
    verification: "email",
    criteria: [{ key: "competence", label: { en: "Within the assembly’s competence", fr: "Relève des compétences de l’assemblée" } }],
    reviewDays: 30,
    answerDays: 180,
  });
  await createUser(p.deps.db, { email: "author@story.example", name: "Ada Author", password: "author password 1", confirmed: true, locale: "en" });
  await createUser(p.deps.db, { email: "signer@story.example", name: "Sam Signer", password: "signer password 1", confirmed: true, locale: "en" });
}

for (const jsEnabled of [true, false]) {
  describe(`a citizen submits a petition, the services review it, people sign it, it is answered (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
    }, 120_000);
    afterAll(() => s.close());

    async function petitionId(): Promise<number> {
      const r = await s.platform.deps.db.execute<{ id: string }>(sql`select id from petitions where title = ${TITLE}`);
      return Number(r.rows[0]?.id);
    }

    it("goes from submission to the official answer, axe-clean on every page", async () => {
      const { page } = s;
      // The author drafts and submits.
      await s.signIn("author@story.example", "author password 1");
      await s.visit("/petitions");
      await page.getByRole("link", { name: "Start a petition" }).click();
      await s.checkA11y();
      await page.getByLabel("Kind of petition").selectOption({ label: "Citizens' suggestion (story)" });
      await page.getByLabel("Title").fill(TITLE);
      await page.getByLabel("Text of the petition").fill("We ask that the streets in front of every school be closed to through traffic at opening and closing times.");
      await page.getByLabel("Language of your text").selectOption("en");
      await page.getByRole("button", { name: "Save the draft" }).click();
      await s.checkA11y();
      await expect(page.getByRole("heading", { level: 1, name: TITLE }).count()).resolves.toBe(1);
      await page.getByRole("button", { name: "Submit for review" }).click();
      await s.checkA11y();
      await expect(page.getByText("The petition is now: Submitted.").count()).resolves.toBe(1);
      const id = await petitionId();

      // The services take it into review from the queue, assess the criterion, publish it.
      await s.signIn("admin@pnyx.example", "pnyx-demo-admin");
      // The back office's other pages are accessible too.
      await s.visit("/admin/petitions/types");
      await page.getByRole("link", { name: "Petition to the Belgian House of Representatives", exact: true }).click();
      await s.checkA11y();
      await s.visit("/admin/petitions/abuse");
      await s.visit("/admin/petitions");
      await page.getByRole("checkbox", { name: `Select: ${TITLE}` }).check();
      await page.getByLabel("With the selected petitions").selectOption("under_review");
      await page.getByRole("button", { name: "Apply" }).click();
      await s.checkA11y();
      await s.visit(`/admin/petitions/${id}`);
      await page.getByLabel("Met", { exact: true }).check();
      await page.getByRole("button", { name: "Save the assessment" }).click();
      await s.checkA11y();
      await page.getByRole("button", { name: "Move to “Open for signatures”" }).click();
      await s.checkA11y();
      await expect(page.getByText("The petition is now: Open for signatures.").count()).resolves.toBe(1);

      // Someone without an account signs and confirms from the mail.
      await s.page.context().clearCookies();
      await s.visit(`/petitions/${id}`);
      await page.getByLabel("Full name").fill("Nora Noaccount");
      await page.getByLabel("Email address").fill("nora@story.example");
      await page.getByLabel("Date of birth").fill("1992-04-03");
      await page.getByLabel("Postal code of your residence").fill("1050");
      await page.getByLabel("Show my name in the public list of signatories").check();
      await page.getByRole("button", { name: "Sign", exact: true }).click();
      await s.checkA11y();
      await expect(page.getByText("Almost done").count()).resolves.toBe(1);
      const mail = await s.platform.smtp.waitFor((m) => m.to.includes("nora@story.example"));
      await s.visit(new URL(firstLink(mail)).pathname);
      await expect(page.getByText("Thank you: your signature is counted.").count()).resolves.toBe(1);

      // Someone with an account signs; the threshold is reached.
      await s.signIn("signer@story.example", "signer password 1");
      await s.visit(`/petitions/${id}`);
      await page.getByLabel("Date of birth").fill("03/04/1980");
      await page.getByLabel("Postal code of your residence").fill("9000");
      await page.getByRole("button", { name: "Sign", exact: true }).click();
      await s.checkA11y();
      await expect(page.getByText("You signed this petition.").count()).resolves.toBe(1);
      for (let i = 0; i < 40; i++) {
        const r = await s.platform.deps.db.execute<{ state: string }>(sql`select state from petitions where id = ${id}`);
        if (r.rows[0]?.state === "threshold_reached") break;
        await new Promise((res) => setTimeout(res, 250));
      }
      await s.visit(`/petitions/${id}`);
      await expect(page.locator(".petition-meta .petition-state").textContent()).resolves.toBe("Threshold reached");
      await expect(page.getByText("Nora Noaccount").count()).resolves.toBe(1);

      // The services transmit it and answer.
      await s.signIn("admin@pnyx.example", "pnyx-demo-admin");
      await s.visit(`/admin/petitions/${id}`);
      await page.getByRole("button", { name: "Move to “Transmitted to the committee”" }).click();
      await s.checkA11y();
      await page.getByLabel("Official answer", { exact: true }).fill("The committee supports school streets and asks the communes to report within a year.");
      await page.getByRole("button", { name: "Move to “Answered”" }).click();
      await s.checkA11y();
      await s.visit(`/petitions/${id}`);
      await expect(page.getByRole("heading", { name: "Official answer" }).count()).resolves.toBe(1);
      await expect(page.getByText("The committee supports school streets").count()).resolves.toBe(1);
      await s.visit("/petitions?q=school&sort=newest");
      await expect(page.getByRole("link", { name: TITLE }).count()).resolves.toBe(1);
      await s.visit("/petitions/mine");
      await s.checkA11y();
      await page.getByRole("link", { name: /see your notifications/ }).click();
      await s.checkA11y();
      // The author was told at each step, by mail.
      await s.platform.smtp.waitFor((m) => m.to.includes("author@story.example") && m.subject.includes("answered"));
      const api = JSON.parse(await (await fetch(`${s.baseUrl}/api/petitions/${id}`)).text()) as { data: { state: string; counts: { total: number } } };
      expect(api.data).toMatchObject({ state: "answered", counts: { total: 2 } });
    }, 180_000);
  });
}
