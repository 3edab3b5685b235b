import { describe, expect, it } from "vitest";
import { LOCALES } from "../i18n/locales";
import { translator } from "../i18n/translator";
import { composeModerationMail } from "./mails";

describe("moderation mails", () => {
  for (const locale of LOCALES) {
    it(`tell the reason of a block, and its end, in ${locale}`, () => {
      const t = translator(locale);
      const blocked = composeModerationMail(t, "Ville de Test", { kind: "blocked", name: "Ada", reason: "Insults {twice} <b>" });
      expect(blocked.subject).toContain("Ville de Test");
      expect(blocked.text).toContain("Ada");
      // The reason as typed, on its own line: never read as a message pattern or markup.
      expect(blocked.text).toContain("\nInsults {twice} <b>\n");
      const unblocked = composeModerationMail(t, "Ville de Test", { kind: "unblocked", name: "Ada" });
      expect(unblocked.subject).not.toBe(blocked.subject);
      for (const { subject, text } of [blocked, unblocked]) expect(`${subject}\n${text}`).not.toMatch(/moderation\.mail|accounts\.mail|\{org\}|\{name\}/);
    });
  }
  it("are in the reader's language", () => {
    expect(composeModerationMail(translator("nl"), "Gent", { kind: "blocked", name: "Ada", reason: "x" }).subject).toBe("Uw account is geblokkeerd · Gent");
  });
});
