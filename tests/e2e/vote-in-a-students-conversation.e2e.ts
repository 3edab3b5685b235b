/**
 * The conversations component on the demo's students' budget: a student votes through 10 statements
 * (French), writes a statement that waits for moderation, a moderator accepts it (English), the
 * student sees where they stand on the opinion map (and, with JavaScript, the map update live when
 * the math ticks), and the organizer reads the report.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { DEMO_SPACES } from "../../src/core/spaces/seeds";
import { DEMO_TOPIC } from "../../src/modules/conversations/demo";
import { runConversationTick } from "../../src/modules/conversations/math";
import { castVote, ensureParticipant, newAnonymousToken } from "../../src/modules/conversations/votes";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

interface Ids {
  spaceId: number;
  componentId: number;
  conversationId: number;
}

async function seed(p: TestPlatform) {
  await seedDemo(p.deps);
  await createUser(p.deps.db, { email: "ines@story.example", name: "Inès Dubois", password: "ines password 1", confirmed: true, locale: "fr" });
}

async function idsOf(p: TestPlatform): Promise<Ids> {
  const r = await p.deps.db.execute<{ space_id: string; component_id: string; id: string }>(sql`
    select c.space_id, c.id as component_id, cv.id from components c join spaces s on s.id = c.space_id join conversations cv on cv.component_id = c.id
    where s.slug = ${DEMO_SPACES.budgetStudents} and c.manifest = 'conversations' order by cv.id limit 1`);
  const row = r.rows[0];
  if (!row) throw new Error("story: no conversation in the students' budget of the demo");
  return { spaceId: Number(row.space_id), componentId: Number(row.component_id), conversationId: Number(row.id) };
}

/** Runs the conversation's tick now (the background job may have just run it: then there is nothing new). */
async function tick(p: TestPlatform, id: number): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await runConversationTick(p.deps.db, id, { force: true });
    if (r.ran) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("story: the tick did not run");
}

const STATEMENT = "Des bancs à l’ombre près de l’entrée pour attendre le bus.";

for (const jsEnabled of [true, false]) {
  describe(`a student takes part in the students' conversation, a moderator accepts a statement, the organizer reads the report (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let ids: Ids;
    let conversation = "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      ids = await idsOf(s.platform);
      conversation = `/spaces/${DEMO_SPACES.budgetStudents}/c/${ids.componentId}/conversations/${ids.conversationId}`;
    }, 120_000);
    afterAll(() => s.close());

    it("a student votes through 10 statements, one at a time, with their progress (French)", async () => {
      await s.signIn("ines@story.example", "ines password 1");
      await s.visit(conversation);
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(DEMO_TOPIC.fr);
      const buttons = ["D’accord", "Pas d’accord", "Passer / je ne sais pas"];
      const progress = s.page.locator("#conversation-progress");
      await expect(progress.textContent()).resolves.toMatch(/0 sur 20/);
      const seen: string[] = [];
      for (let i = 0; i < 10; i++) {
        const statement = (await s.page.locator("#conversation-statement, .conversation-statement").first().textContent()) ?? "";
        expect(seen).not.toContain(statement);
        seen.push(statement);
        await s.page.getByRole("button", { name: buttons[i % 3], exact: true }).click();
        await s.page.waitForLoadState();
        await s.page.locator("#conversation-progress", { hasText: `${i + 1} sur 20` }).waitFor();
        if (i === 0 || i === 9) await s.checkA11y();
      }
      // With JavaScript the page was never reloaded: the live region said what happened.
      if (jsEnabled) await expect(s.page.locator("#conversation-live").textContent()).resolves.toMatch(/Vote enregistré/);
      const votes = await s.platform.deps.db.execute<{ n: string }>(sql`
        select count(*) as n from conversation_votes v join conversation_participants p on p.conversation_id = v.conversation_id and p.pid = v.pid
        join users u on u.id = p.user_id where u.email = 'ines@story.example' and v.conversation_id = ${ids.conversationId}`);
      expect(Number(votes.rows[0]?.n)).toBe(10);
    });

    it("the student writes a statement, which waits for moderation", async () => {
      await s.page.getByLabel("Votre affirmation").fill(STATEMENT);
      await s.page.getByRole("button", { name: "Envoyer l’affirmation" }).click();
      await s.page.waitForLoadState();
      await s.page.getByText("Merci ! Votre affirmation est en attente de modération.").first().waitFor();
      await s.checkA11y();
      await expect(s.page.getByText("en attente de modération", { exact: false }).count()).resolves.toBeGreaterThan(0);
    });

    it("a moderator accepts the statement (English)", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit(`/admin/spaces/${ids.spaceId}/components/${ids.componentId}/manage/${ids.conversationId}/statements`);
      const row = s.page.locator("tr", { hasText: STATEMENT });
      await row.getByRole("button", { name: /^Accept/ }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText(/Statement \d+ is accepted\./).count()).resolves.toBeGreaterThan(0);
      const state = await s.platform.deps.db.execute<{ state: string }>(sql`select state from conversation_statements where conversation_id = ${ids.conversationId} and text = ${STATEMENT}`);
      expect(state.rows[0]?.state).toBe("accepted");
    });

    it("the student sees their group on the opinion map, with its table; the map follows the math", async () => {
      await tick(s.platform, ids.conversationId);
      await s.signIn("ines@story.example", "ines password 1");
      await s.visit(`${conversation}/map`);
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Carte d’opinion");
      await expect(s.page.getByText(/Vous êtes dans le groupe/).count()).resolves.toBeGreaterThan(0);
      await expect(s.page.locator("svg[role=img]").count()).resolves.toBeGreaterThan(0);
      await expect(s.page.getByRole("table").count()).resolves.toBeGreaterThan(0);
      if (jsEnabled) {
        // A newcomer votes; when the tick that includes it is done, the page shows it without a reload.
        const before = Number(await s.page.locator("[data-math-tick]").first().getAttribute("data-math-tick"));
        const pid = await ensureParticipant(s.platform.deps.db, ids.conversationId, { anonymousToken: newAnonymousToken() });
        const tids = await s.platform.deps.db.execute<{ tid: number }>(sql`select tid from conversation_statements where conversation_id = ${ids.conversationId} and state = 'accepted' order by tid limit 5`);
        for (const t of tids.rows) await castVote(s.platform.deps.db, ids.conversationId, pid, t.tid, 1);
        await tick(s.platform, ids.conversationId);
        await s.page.waitForFunction((n) => Number(document.querySelector("[data-math-tick]")?.getAttribute("data-math-tick")) > n, before, { timeout: 15_000 });
        await s.checkA11y();
      }
    });

    it("the organizer reads the report: participation, groups, consensus, every statement", async () => {
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit(`${conversation}/report`);
      await expect(s.page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Report:");
      await expect(s.page.getByRole("table").count()).resolves.toBeGreaterThanOrEqual(2);
      await expect(s.page.getByText(STATEMENT).count()).resolves.toBeGreaterThan(0);
      const csv = await s.page.request.get(`/conversations/${ids.conversationId}/export/participants-votes.csv`);
      expect(csv.status()).toBe(200);
      expect((await csv.text()).split("\n")[0]).toMatch(/^participant,group-id,n-comments,n-votes,n-agree,n-disagree/);
    });
  });
}
