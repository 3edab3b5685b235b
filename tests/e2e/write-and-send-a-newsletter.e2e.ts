import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../src/core/accounts/schema";
import { createUser } from "../../src/core/accounts/users";
import { DEMO_ADMIN, seedDemo } from "../../src/seeds";
import { openStory, type Story } from "./support/story";

for (const jsEnabled of [true, false]) {
  describe(`an admin writes and sends a newsletter, a subscriber unsubscribes (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    beforeAll(async () => {
      s = await openStory({
        jsEnabled,
        seed: async (p) => {
          await seedDemo(p.deps);
          const id = await createUser(p.deps.db, { email: "reader@story.example", name: "Rae Reader", password: "correct horse battery", confirmed: true, locale: "en" });
          await p.deps.db.update(users).set({ newsletterOptIn: true }).where(eq(users.id, id));
        },
      });
    });
    afterAll(() => s.close());

    it("goes from a draft to the subscriber's mailbox, and the link in the mail unsubscribes", async () => {
      const { page } = s;
      await s.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
      await s.visit("/admin/newsletters");
      await page.getByRole("link", { name: "New newsletter" }).click();
      await s.checkA11y();
      await page.getByLabel("Subject (English)", { exact: true }).fill("Three budgets are open");
      await page.getByLabel("Text (English)", { exact: true }).fill("Students, parents and teachers: **submit your ideas**.");
      await page.getByRole("button", { name: "Save the draft" }).click();
      await s.checkA11y();
      await expect(page.getByText("submit your ideas").count()).resolves.toBe(1);
      await page.getByRole("button", { name: "Review and send" }).click();
      await s.checkA11y();
      await page.getByRole("button", { name: /^Send to \d+ subscribers?$/ }).click();
      await s.checkA11y();
      const mail = await s.platform.smtp.waitFor((m) => m.to.includes("reader@story.example") && m.subject === "Three budgets are open");
      const link = /Unsubscribe: (\S+)/.exec(mail.text)?.[1];
      expect(link).toBeTruthy();
      await s.visit(new URL(link ?? "").pathname);
      await page.getByRole("button", { name: "Unsubscribe" }).click();
      await s.checkA11y();
      await expect(page.getByText("You are unsubscribed from the newsletter.").count()).resolves.toBe(1);
    }, 180_000);
  });
}
