/**
 * The Nancy assembly's municipal charter, from first reading to adoption: a member comments a
 * paragraph, annotates a sentence and proposes a new wording (French); an editor accepts the amendment
 * with a reason, writes it into the draft, publishes version 2 and finds the annotation still on its
 * sentence, archives the stage, holds the adoption vote (the member votes), and downloads the adopted
 * text as PDF.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { createMember } from "../../src/core/spaces/members-service";
import { DEMO_SPACES } from "../../src/core/spaces/seeds";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

interface Ids {
  spaceId: number;
  componentId: number;
  textId: number;
  blockId: number;
}

const PARAGRAPH = "Les membres sont désignés pour deux ans. La moitié de l’assemblée est renouvelée chaque année.";
const SENTENCE = "Les membres sont désignés pour deux ans.";
const AMENDED = "Les membres sont désignés pour deux ans. La moitié de l’assemblée est renouvelée chaque année, par un nouveau tirage au sort.";

async function seed(p: TestPlatform) {
  await seedDemo(p.deps);
  await createUser(p.deps.db, { email: "camille@story.example", name: "Camille Petit", password: "camille password 1", confirmed: true, locale: "fr" });
  const space = await p.deps.db.execute<{ id: string }>(sql`select id from spaces where slug = ${DEMO_SPACES.assembly}`);
  const spaceId = Number(space.rows[0]?.id);
  const member = await createMember(p.deps.db, { id: 1, ip: null }, spaceId, { name: "Camille Petit", position: "member", positionOther: {}, designation: "drawn", ceasedAt: undefined, weight: 0, userEmail: "camille@story.example" });
  if (!member.ok) throw new Error("story: the member was not added");
  // Amendments are open in this stage of the charter.
  await p.deps.db.execute(sql`
    update components set settings = jsonb_set(settings, '{defaultStep,amendmentsEnabled}', 'true'::jsonb) where space_id = ${spaceId} and manifest = 'texts'`);
}

async function idsOf(p: TestPlatform): Promise<Ids> {
  const r = await p.deps.db.execute<{ space_id: string; component_id: string; text_id: string; block_id: string }>(sql`
    select c.space_id, c.id as component_id, t.id as text_id, vb.block_id from components c join spaces s on s.id = c.space_id
    join texts t on t.component_id = c.id join text_version_blocks vb on vb.version_id = t.current_version_id
    where s.slug = ${DEMO_SPACES.assembly} and c.manifest = 'texts' and vb.body = ${PARAGRAPH} limit 1`);
  const row = r.rows[0];
  if (!row) throw new Error("story: no charter with Article 4's paragraph in the demo");
  return { spaceId: Number(row.space_id), componentId: Number(row.component_id), textId: Number(row.text_id), blockId: Number(row.block_id) };
}

for (const jsEnabled of [true, false]) {
  describe(`the Nancy charter: commented, annotated, amended, versioned, archived and adopted (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let ids: Ids;
    let text = "";
    let block = "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      ids = await idsOf(s.platform);
      text = `/spaces/${DEMO_SPACES.assembly}/c/${ids.componentId}/texts/${ids.textId}`;
      block = `${text}/blocks/${ids.blockId}`;
    }, 180_000);
    afterAll(() => s.close());

    it("a member reads the charter, comments a paragraph, annotates a sentence and proposes an amendment (French)", async () => {
      await s.signIn("camille@story.example", "camille password 1");
      await s.visit(text);
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Charte municipale de la participation citoyenne");
      await expect(s.page.getByRole("link", { name: /Article 4/ }).count()).resolves.toBeGreaterThan(0);
      await s.visit(block);
      await expect(s.page.locator("main").textContent()).resolves.toContain(PARAGRAPH);

      await s.page.getByLabel("Votre commentaire").first().fill("Deux ans, c’est court pour bien connaître les dossiers.");
      await s.page.getByRole("button", { name: "Publier le commentaire" }).first().click();
      await s.page.waitForLoadState();
      await s.page.getByText("Deux ans, c’est court pour bien connaître les dossiers.").first().waitFor();
      await s.checkA11y();

      await s.page.goto(block);
      await s.page.getByLabel("Le passage que vous annotez").fill(SENTENCE);
      await s.page.getByLabel("Votre note").fill("Pourquoi pas trois ans, comme à Gdańsk ?");
      await s.page.getByRole("button", { name: "Annoter", exact: true }).click();
      await s.page.waitForLoadState();
      await s.page.getByText("Votre annotation a été enregistrée.").first().waitFor();
      await s.checkA11y();
      await expect(s.page.locator("mark", { hasText: SENTENCE }).count()).resolves.toBeGreaterThan(0);

      await s.page.goto(block);
      await s.page.getByLabel("La rédaction que vous proposez").fill(AMENDED);
      await s.page.getByRole("button", { name: "Proposer cet amendement" }).click();
      await s.page.waitForLoadState();
      await s.page.getByText("Votre amendement a été proposé.").first().waitFor();
      await s.checkA11y();
      // The proposal is shown as a word diff: the words added are marked.
      await expect(s.page.locator("ins", { hasText: "tirage" }).count()).resolves.toBeGreaterThan(0);
    });

    it("an editor accepts the amendment, publishes version 2, and the annotation is still on its sentence", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit(`${text}/amendments`);
      // The member's amendment (the demo has another one, awaiting the editors too).
      const mine = await s.platform.deps.db.execute<{ id: string }>(sql`select id from text_amendments where text_id = ${ids.textId} and body = ${AMENDED}`);
      await s.page.locator(`a[href$="/amendments/${mine.rows[0]?.id}"]`).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await s.page.getByLabel("Reason for the decision").fill("It says how the assembly is renewed.");
      await s.page.getByRole("button", { name: "Accept", exact: true }).click();
      await s.page.waitForLoadState();
      await s.page.getByText("The amendment was accepted; it will be in the next version.").first().waitFor();
      await s.checkA11y();

      const admin = `/admin/spaces/${ids.spaceId}/components/${ids.componentId}/manage`;
      await s.visit(admin);
      await s.page.getByRole("button", { name: "Apply the accepted amendments to the draft" }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await s.visit(`${admin}/${ids.textId}/publish`);
      await s.page.getByLabel("Why this version").first().fill("Amendments of the first reading");
      await s.page.getByRole("button", { name: "Publish version 2" }).click();
      await s.page.waitForLoadState();
      await s.page.getByText(/Version 2 published\. Annotations: \d+ kept, \d+ moved, 0 no longer found\./).first().waitFor();
      await s.checkA11y();
      const anchored = await s.platform.deps.db.execute<{ status: string; start: number; end: number }>(
        sql`select status, start, "end" from text_annotations where text_id = ${ids.textId} and exact = ${SENTENCE} and block_id = ${ids.blockId}`,
      );
      expect(anchored.rows).toEqual([{ status: "anchored", start: 0, end: [...SENTENCE].length }]);

      await s.visit(block);
      await expect(s.page.locator("main").textContent()).resolves.toContain(AMENDED);
      await expect(s.page.locator("mark", { hasText: SENTENCE }).count()).resolves.toBeGreaterThan(0);
      // The comment followed its paragraph into version 2.
      await expect(s.page.getByText("Deux ans, c’est court pour bien connaître les dossiers.").count()).resolves.toBeGreaterThan(0);
      await s.visit(`${text}/versions/2/changes`);
      await expect(s.page.locator("ins", { hasText: "tirage" }).count()).resolves.toBeGreaterThan(0);
    });

    it("the editor archives the stage; the snapshot stays as it was", async () => {
      await s.visit(`${text}/archive`);
      await s.page.getByRole("button", { name: "Archive this stage" }).click();
      await s.page.waitForLoadState();
      await s.page.getByText("The stage was archived.").first().waitFor();
      await s.checkA11y();
      await s.visit(`${text}/archive`);
      await s.page.getByRole("link", { name: /version 2, frozen on/ }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.locator("main").textContent()).resolves.toContain(AMENDED);
    });

    it("the adoption vote: opened by the editor, the member votes for, closed with the result; the adopted text as PDF", async () => {
      await s.visit(`${text}/adoption`);
      await s.page.getByRole("button", { name: "Open the adoption vote on version 2" }).click();
      await s.page.waitForLoadState();
      await s.page.getByText("The adoption vote is open.").first().waitFor();

      await s.signIn("camille@story.example", "camille password 1");
      await s.visit(`${text}/adoption`);
      await s.page.getByLabel("Pour", { exact: true }).check();
      await s.page.getByRole("button", { name: "Voter", exact: true }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText(/Votre vote : /).count()).resolves.toBeGreaterThan(0);

      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit(`${text}/adoption`);
      await s.page.getByRole("button", { name: "Close the vote and record the result" }).click();
      await s.page.waitForLoadState();
      await s.page.getByText("The vote is closed: the text was adopted.").first().waitFor();
      await s.checkA11y();

      await s.visit(text);
      await expect(s.page.locator(`a[href$="/export/adopted.pdf"]`).count()).resolves.toBe(1);
      const pdf = await s.page.request.get(`${text}/export/adopted.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const bytes = await pdf.body();
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      // Tagged, with the headings' outline.
      expect(bytes.toString("latin1")).toMatch(/\/StructTreeRoot/);
      expect(bytes.toString("latin1")).toMatch(/\/Outlines/);
    });
  });
}
