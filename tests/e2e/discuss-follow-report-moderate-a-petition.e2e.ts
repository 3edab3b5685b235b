/**
 * The participation kit on the demo petition: a French-speaking resident follows it and asks for a
 * daily digest; an English-speaking resident comments (in favour), replies and votes; another reports
 * that comment; the demo administrator, moderating, hides it; the follower's daily digest arrives in
 * French with the new comment in it.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/core/accounts/users";
import { sendDigests } from "../../src/core/notifications/digest";
import { waitForRelay } from "../../src/core/notifications/relay";
import { seedDemo } from "../../src/seeds";
import type { TestPlatform } from "../../src/test/platform";
import { openStory, type Story } from "./support/story";

const PETITION = "Plus d’arbres dans les rues de Bruxelles";

async function seed(p: TestPlatform) {
  await seedDemo(p.deps);
  await createUser(p.deps.db, { email: "chloe@story.example", name: "Chloé Lambert", password: "chloe password 1", confirmed: true, locale: "fr" });
  await createUser(p.deps.db, { email: "ada@story.example", name: "Ada Byron", password: "ada password 1", confirmed: true, locale: "en" });
  await createUser(p.deps.db, { email: "ravi@story.example", name: "Ravi Patel", password: "ravi password 1", confirmed: true, locale: "en" });
}

for (const jsEnabled of [true, false]) {
  describe(`residents discuss, follow and report on a petition; a moderator hides a comment; a follower gets the daily digest (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    let path = "";
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed });
      const r = await s.platform.deps.db.execute<{ id: string }>(sql`select id from petitions where title = ${PETITION}`);
      path = `/petitions/${r.rows[0]?.id}`;
    }, 120_000);
    afterAll(() => s.close());

    it("reads the demo discussion without an account", async () => {
      await s.visit(path);
      // The demo discussion is multilingual; visitors are invited to sign in to take part.
      await expect(s.page.getByRole("heading", { name: /\d+ comments/ }).count()).resolves.toBe(1);
      await expect(s.page.getByRole("link", { name: "Sign in to comment" }).count()).resolves.toBeGreaterThan(0);
      await s.visit(`${path}?comments_sort=best`);
      await s.visit(`${path}?comments_sort=discussed`);
      await s.visit("/open-data");
      const csv = await s.page.request.get("/open-data/comments.csv");
      expect(csv.headers()["content-type"]).toContain("text/csv");
    });

    it("a French-speaking resident follows the petition and chooses a daily digest", async () => {
      await s.signIn("chloe@story.example", "chloe password 1");
      await s.visit(path);
      await s.page.getByRole("button", { name: "Suivre cette pétition" }).click();
      await s.checkA11y();
      await expect(s.page.getByRole("button", { name: "Ne plus suivre" }).count()).resolves.toBe(1);
      await s.visit("/account");
      await s.page.getByLabel("Un résumé quotidien (un e-mail par jour au plus)").check();
      await s.page.getByRole("button", { name: "Enregistrer mes réglages de notification" }).click();
      await s.checkA11y();
      await s.visit("/account/follows");
      expect(await s.page.content()).toContain(PETITION);
    });

    it("an English-speaking resident comments in favour, replies and votes", async () => {
      await s.signIn("ada@story.example", "ada password 1");
      await s.visit(path);
      const text = `Street trees cool the city in summer (${jsEnabled ? "js" : "no js"}).`;
      // With JavaScript, a visitor reading the petition meanwhile sees the new comment arrive by itself.
      const browser = s.page.context().browser();
      const watcher = jsEnabled && browser ? await (await browser.newContext({ locale: "en-GB" })).newPage() : null;
      if (watcher) {
        await watcher.goto(`${s.baseUrl}${path}`);
        await watcher.waitForTimeout(500);
      }
      await s.page.getByLabel("In favour").check();
      await s.page.getByLabel("Your comment").fill(`${text}\n\nSee https://example.org/trees <b>not bold</b>`);
      await s.page.getByRole("button", { name: "Publish comment" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      const mine = s.page.locator("li.comment", { hasText: text }).first();
      await expect(mine.count()).resolves.toBe(1);
      // User text is never HTML: the tag shows as typed, the address becomes a safe link.
      await expect(mine.locator("b").count()).resolves.toBe(0);
      await expect(mine.locator('a[href="https://example.org/trees"][rel~="nofollow"]').count()).resolves.toBe(1);
      if (watcher) {
        await watcher.getByText(text).first().waitFor({ timeout: 20_000 });
        await watcher.context().close();
      }

      // A reply to the first demo comment, then an up vote on it.
      const first = s.page.locator("ol.comments-list > li.comment").first();
      await first.locator("summary", { hasText: "Reply" }).first().click();
      await first.getByRole("textbox").first().fill("I agree, and the plane trees of the Boulevard show it.");
      await first.getByRole("button", { name: "Publish reply" }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await expect(s.page.getByText("I agree, and the plane trees of the Boulevard show it.").count()).resolves.toBe(1);
      const upVote = s.page.getByRole("button", { name: /^Vote up/ }).first();
      await upVote.click();
      await s.page.waitForLoadState();
      await s.checkA11y();
    });

    it("another resident reports the comment and the moderator hides it", async () => {
      const text = `Street trees cool the city in summer (${jsEnabled ? "js" : "no js"}).`;
      await s.signIn("ravi@story.example", "ravi password 1");
      await s.visit(path);
      const comment = s.page.locator("li.comment", { hasText: text }).first();
      await comment.getByRole("link", { name: "Report" }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();
      await s.page.getByLabel("Offensive").check();
      await s.page.getByRole("button", { name: "Send the report" }).click();
      await s.page.waitForLoadState();
      await s.checkA11y();

      await s.signIn("admin@pnyx.example", "pnyx-demo-admin");
      await s.visit("/admin/moderation");
      expect(await s.page.content()).toContain(text.slice(0, 30));
      await s.visit(path);
      await s.page.locator("li.comment", { hasText: text }).first().getByRole("button", { name: "Hide" }).first().click();
      await s.page.waitForLoadState();
      await s.checkA11y();

      await s.page.context().clearCookies();
      await s.visit(path);
      await expect(s.page.getByText(text).count()).resolves.toBe(0);
    });

    it("the follower's daily digest arrives in French with the new comments", async () => {
      await waitForRelay(s.platform.deps, { relay: true });
      const sent = await sendDigests(s.platform.deps, "daily");
      expect(sent).toBeGreaterThanOrEqual(1);
      const mail = await s.platform.smtp.waitFor((m) => m.to.includes("chloe@story.example") && /Votre résumé du jour/.test(m.subject));
      expect(mail.text).toContain(PETITION);
      expect(mail.text).toContain("Nouveau commentaire");
    });
  });
}
