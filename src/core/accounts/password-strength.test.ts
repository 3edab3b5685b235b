import { describe, expect, it } from "vitest";
import { parseForm } from "../http/forms";
import { translator } from "../i18n/translator";
import { changePasswordInput, registerInput, resetInput } from "./inputs";
import { isGuessablePassword } from "./password-strength";

const COMMON = ["password12", "1234567890", "password123", "azertyuiop", "qwertyuiop", "motdepasse", "iloveyou12", "aaaaaaaaaa", "abcdefghij", "1q2w3e4r5t", "letmein123", "admin12345"];
/** The demo administrator's password and those the tests and e2e stories choose through the forms. */
const FINE = ["pnyx-demo-admin", "analytical engine", "another password", "a new password", "brand new password", "enigma machine", "frequency hopping", "correct horse battery", "a long enough password", "author password 1", "signer password 1", " spaced pass "];

describe("choosing a password", () => {
  it("refuses the most common passwords and simple patterns", () => {
    for (const p of COMMON) expect(isGuessablePassword(p), p).toBe(true);
    for (const p of FINE) expect(isGuessablePassword(p), p).toBe(false);
  });

  it("says so next to the field, wherever a password is chosen", () => {
    const register = parseForm(registerInput, { name: "Ada", email: "ada@example.org", password: "password12", terms: "on" });
    const reset = parseForm(resetInput, { token: "t", password: "1234567890" });
    const change = parseForm(changePasswordInput, { current_password: "whatever", new_password: "qwertyuiop" });
    expect(!register.ok && register.errors.password).toEqual({ key: "accounts.password.guessable" });
    expect(!reset.ok && reset.errors.password).toEqual({ key: "accounts.password.guessable" });
    expect(!change.ok && change.errors.new_password).toEqual({ key: "accounts.password.guessable" });
    expect(parseForm(registerInput, { name: "Ada", email: "ada@example.org", password: "pnyx-demo-admin", terms: "on" }).ok).toBe(true);
    // Too short stays the first thing said.
    expect(!reset.ok && parseForm(resetInput, { token: "t", password: "12345" })).toMatchObject({ errors: { password: { key: "validation.tooShort" } } });
  });

  it("is translated in every language", () => {
    const texts = (["en", "fr", "nl", "de"] as const).map((l) => translator(l)("accounts.password.guessable"));
    expect(new Set(texts).size).toBe(4);
    for (const t of texts) expect(t).not.toBe("accounts.password.guessable");
  });
});
