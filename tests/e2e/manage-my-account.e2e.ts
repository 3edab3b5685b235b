import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/seeds";
import { firstLink } from "../../src/test/smtp";
import { openStory, type Story } from "./support/story";

for (const jsEnabled of [true, false]) {
  describe(`a newcomer registers, confirms by mail and manages the account (JavaScript ${jsEnabled ? "on" : "off"})`, () => {
    let s: Story;
    beforeAll(async () => {
      s = await openStory({ jsEnabled, seed: (p) => seedDemo(p.deps) });
    });
    afterAll(() => s.close());

    it("registers, confirms, uses the account page, signs out and back in", async () => {
      const email = `newcomer-${jsEnabled ? "js" : "nojs"}@example.org`;
      await s.visit("/users/sign-up");
      await s.page.getByRole("button", { name: "Create my account" }).click();
      await s.checkA11y();
      await s.page.getByLabel("Your name").fill("New Comer");
      await s.page.getByLabel("Email address").fill(email);
      await s.page.getByLabel("Password").fill("a long enough password");
      await s.page.getByLabel("I accept the terms of use").check();
      await s.page.getByRole("button", { name: "Create my account" }).click();
      await s.checkA11y();
      await expect(s.page.getByRole("heading", { name: "Check your mail" }).count()).resolves.toBe(1);
      const mail = await s.platform.smtp.waitFor((m) => m.to.includes(email));
      await s.page.goto(firstLink(mail));
      await s.checkA11y();
      await s.visit("/account");
      await s.page.getByRole("button", { name: "Change my password" }).click();
      await s.checkA11y();
      await s.visit("/account/delete");
      await s.visit("/users/confirm/resend");
      await s.visit("/users/password/forgot");
      await s.page.getByRole("button", { name: "Sign out" }).click();
      await s.visit("/users/sign-in");
      await s.page.getByLabel("Email address").fill(email);
      await s.page.getByLabel("Password").fill("wrong password!!");
      await s.page.getByRole("button", { name: "Sign in" }).last().click();
      await s.checkA11y();
      await s.page.getByLabel("Password").fill("a long enough password");
      await s.page.getByRole("button", { name: "Sign in" }).last().click();
      await s.visit("/account");
      expect(await s.page.content()).toContain(email);
    });

    it("shows an administrator the users page", async () => {
      await s.page.getByRole("button", { name: "Sign out" }).click();
      await s.signIn("admin@pnyx.example", "pnyx-demo-admin", { returnTo: "/admin/users" });
      await s.checkA11y();
      expect(s.page.url()).toContain("/admin/users");
      // Blocking asks for the reason the person receives (moderation's form), then comes back here.
      await s.page.getByRole("link", { name: /^Block/ }).first().click();
      await s.checkA11y();
      await s.page.getByLabel("Reason").fill("Advertising in every discussion");
      await s.page.getByRole("button", { name: "Block the participant" }).click();
      await s.checkA11y();
      expect(s.page.url()).toContain("/admin/users");
      await s.visit("/admin/users?q=newcomer");
      await s.visit("/admin/users?status=blocked");
    });
  });
}
