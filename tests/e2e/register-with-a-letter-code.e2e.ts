/**
 * An invited person registers with a letter's code: on the Nancy assembly's draws page, the link to
 * the 2027 recruitment; the code typed as people type it (lower case, no dash); the questions, contact
 * and consent; the confirmation page and mail. In French, a neighbour tries the same code again and is
 * told it was used, then registers with their own letter. The administrator sees both people in the
 * pool's composition (and, with JavaScript, a third one arriving without reloading).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SPACES } from "../../src/core/spaces/seeds";
import { demoLetterCodes } from "../../src/modules/sortition/registration-demo";
import { findRecruitment, register } from "../../src/modules/sortition/registration-service";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import { openStory, type Story } from "./support/story";

interface Ids {
  spaceId: number;
  componentId: number;
  recruitmentId: number;
}

async function demoRecruitment(s: Story): Promise<Ids> {
  const r = await s.platform.deps.db.execute<{ space_id: string; component_id: string; id: string }>(sql`
    select c.space_id, c.id as component_id, r.id from sortition_recruitments r join components c on c.id = r.component_id join spaces s on s.id = c.space_id
    where s.slug = ${DEMO_SPACES.assembly} order by r.id limit 1`);
  const row = r.rows[0];
  if (!row) throw new Error("story: the demo assembly has no recruitment");
  return { spaceId: Number(row.space_id), componentId: Number(row.component_id), recruitmentId: Number(row.id) };
}

const CODES = demoLetterCodes(5);

for (const jsEnabled of [true, false]) {
  describe(`an invited person registers with a letter's code (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let ids: Ids;
    // Each run uses letters of its own (the two runs have separate databases, but this keeps them apart in reading).
    const mine = jsEnabled ? CODES[0] ?? "" : CODES[2] ?? "";
    const neighbour = jsEnabled ? CODES[1] ?? "" : CODES[3] ?? "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed: (p) => seedDemo(p.deps) });
      ids = await demoRecruitment(s);
    }, 180_000);
    afterAll(async () => {
      await s.close();
    });

    it("finds the registration from the draws page and registers with the code of the letter, typed loosely", async () => {
      await s.visit(`/spaces/${DEMO_SPACES.assembly}/c/${ids.componentId}`);
      await s.page.getByRole("link", { name: "Register for “Citizens' assembly 2027: registrations”" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Citizens' assembly 2027: registrations");
      await s.page.getByLabel("Code from your letter").fill(mine.toLowerCase().replace("-", " "));
      await s.page.getByRole("button", { name: "Continue" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      // Step 2: one group per question; the consent text is shown before its box.
      await expect(s.page.getByRole("group", { name: "Neighbourhood" }).isVisible()).resolves.toBe(true);
      await expect(s.page.locator("main").textContent()).resolves.toContain("Your answers are used only for the draw of Nancy's citizens' assembly.");
      await s.page.getByRole("radio", { name: "Woman", exact: true }).check();
      await s.page.getByRole("radio", { name: "45-59 years", exact: true }).check();
      await s.page.getByRole("radio", { name: "Plateau de Haye", exact: true }).check();
      await s.page.getByLabel("Full name").fill("Nadia Bonnet");
      await s.page.getByLabel("Email").fill("nadia@story.example");
      // Forgetting the consent: the form comes back with the reason, nothing lost.
      await s.page.getByRole("button", { name: "Register" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.locator(".error-summary").textContent()).resolves.toContain("Tick the box to give your consent");
      await expect(s.page.getByLabel("Full name").inputValue()).resolves.toBe("Nadia Bonnet");
      await expect(s.page.getByRole("radio", { name: "Plateau de Haye", exact: true }).isChecked()).resolves.toBe(true);
      await s.page.getByLabel("If I am drawn, show my name on the assembly's page").check();
      await s.page.getByLabel("I have read the text above and agree to my answers being used for the draw").check();
      await s.page.getByRole("button", { name: "Register" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("You are registered");
      const mail = await s.platform.smtp.waitFor((m) => m.to.includes("nadia@story.example"));
      expect(mail.subject).toBe("Your registration: Citizens' assembly 2027: registrations");
      const rows = await s.platform.deps.db.execute<{ source: string; features: Record<string, string> }>(sql`select source, features from sortition_registrations where recruitment_id = ${ids.recruitmentId}`);
      expect(rows.rows).toEqual([{ source: "invitation", features: { gender: "woman", age: "45-59", neighbourhood: "Plateau de Haye" } }]);
    });

    it("in French, the same code again is refused with the reason, and the neighbour registers with their own letter", async () => {
      await s.page.context().clearCookies();
      await s.page.goto("/locale/fr");
      await s.visit(`/spaces/${DEMO_SPACES.assembly}/c/${ids.componentId}/recruitments/${ids.recruitmentId}/register`);
      await s.page.getByLabel("Code de votre lettre").fill(mine);
      await s.page.getByRole("button", { name: "Continuer" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.locator(".error-summary").textContent()).resolves.toContain("Ce code a déjà servi à une inscription.");
      await s.page.getByLabel("Code de votre lettre").fill(neighbour);
      await s.page.getByRole("button", { name: "Continuer" }).click();
      await s.page.waitForLoadState();
      await s.page.getByRole("radio", { name: "Homme", exact: true }).check();
      await s.page.getByRole("radio", { name: "75 ans et plus", exact: true }).check();
      await s.page.getByRole("radio", { name: "Rives de Meurthe", exact: true }).check();
      await s.page.getByLabel("Nom complet").fill("Bruno Lambert");
      await s.page.getByLabel("Adresse e-mail").fill("bruno@story.example");
      await s.page.getByLabel("J’ai lu le texte ci-dessus et j’accepte que mes réponses servent au tirage au sort").check();
      await s.page.getByRole("button", { name: "M’inscrire" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Vous êtes inscrit·e");
      const mail = await s.platform.smtp.waitFor((m) => m.to.includes("bruno@story.example"));
      expect(mail.subject).toBe("Votre inscription : Assemblée citoyenne 2027 : inscriptions");
    });

    it("the administrator sees both in the pool's composition against the targets", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.page.goto("/locale/en");
      const page = `/admin/spaces/${ids.spaceId}/components/${ids.componentId}/manage/recruitments/${ids.recruitmentId}/composition`;
      await s.visit(page);
      const total = s.page.locator("[data-total]");
      await expect(total.textContent()).resolves.toBe("2");
      const women = s.page.getByRole("table", { name: "Gender" }).getByRole("row", { name: /^Woman/ });
      await expect(women.locator("td").first().textContent()).resolves.toBe("1");
      if (jsEnabled) {
        // Once the page listens, a person registering elsewhere appears without a reload.
        await s.page.locator("[data-live][data-connected]").waitFor();
        const r = await findRecruitment(s.platform.deps.db, ids.componentId, ids.recruitmentId);
        if (!r) throw new Error("story: recruitment");
        const added = await register(s.platform.deps, r, { code: "", features: { gender: "woman", age: "16-29", neighbourhood: "Plateau de Haye" }, contact: { name: "Océane Roux", email: "oceane@story.example", phone: null, showName: false, locale: "fr" }, link: "/" }, { source: "web" });
        expect(added.ok).toBe(true);
        await s.page.waitForFunction(() => document.querySelector("[data-total]")?.textContent === "3");
        await expect(women.locator("td").first().textContent()).resolves.toBe("2");
      } else {
        await s.page.getByRole("link", { name: "Reload the counts" }).click();
        await s.page.waitForLoadState();
        await expect(total.textContent()).resolves.toBe("2");
      }
      await s.checkA11y();
    });
  });
}
