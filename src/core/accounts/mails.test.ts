import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n/locales";
import { translator } from "../i18n/translator";
import { composeAccountMail, type AccountMail } from "./mails";

const link = "https://pnyx.example/users/confirm?token=abc";
const mails: AccountMail[] = [
  { kind: "confirm", name: "Ada", link },
  { kind: "exists", name: "Ada", link, signIn: "https://pnyx.example/users/sign-in" },
  { kind: "reset", name: "Ada", link },
  { kind: "noAccount", link },
  { kind: "change", name: "Ada", link },
  { kind: "changeTaken" },
  { kind: "changed", name: "Ada", email: "new@example.org" },
  { kind: "passwordChanged", name: "Ada", link },
];

describe("account mails", () => {
  for (const locale of LOCALES) {
    it(`are complete in ${locale}`, () => {
      const t = translator(locale);
      for (const mail of mails) {
        const { subject, text } = composeAccountMail(t, "Ville de Test", mail);
        expect(subject).toContain("Ville de Test");
        expect(text).not.toMatch(/accounts\.mail|\{[a-z]+\}/);
        if ("link" in mail) expect(text).toContain(mail.link);
        if ("name" in mail) expect(text).toContain("Ada");
      }
    });
  }

  it("keep the link on a line of its own, so mail readers make it clickable", () => {
    const { text } = composeAccountMail(translator("en"), "Pnyx", { kind: "reset", name: "Ada", link });
    expect(text.split("\n")).toContain(link);
  });

  it("never put a reset link in the mail to an address without an account", () => {
    const { text } = composeAccountMail(translator("fr"), "Pnyx", { kind: "noAccount", link: "https://pnyx.example/users/sign-up" });
    expect(text).not.toContain("token=");
  });
});
