import { describe, expect, it } from "vitest";
import { parseForm } from "../http/forms";
import { echo, errorStatus } from "./routes/shared";
import { registerInput, signInInput } from "./inputs";
import { escapeLike } from "./service/admin-users";
import { minutesLeft } from "./throttle";

describe("account inputs", () => {
  it("requires the terms, a real address and a 10-character password", () => {
    const r = parseForm(registerInput, { name: "Ada", email: "nope", password: "123456789" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.email?.key).toBe("validation.email");
    expect(r.errors.password).toEqual({ key: "validation.tooShort", values: { min: 10 } });
    expect(r.errors.terms?.key).toBe("accounts.register.termsRequired");
  });

  it("names the missing field in its message", () => {
    const r = parseForm(registerInput, { name: "  ", terms: "on" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.name?.key).toBe("accounts.field.nameRequired");
    expect(r.errors.email?.key).toBe("accounts.field.emailRequired");
    expect(r.errors.password?.key).toBe("accounts.field.newPasswordRequired");
    const s = parseForm(signInInput, { email: "a@b.org" });
    expect(!s.ok && s.errors.password?.key).toBe("accounts.field.passwordRequired");
  });

  it("trims the address but never the password", () => {
    const r = parseForm(registerInput, { name: " Ada ", email: " ada@example.org ", password: " spaced pass ", terms: "on" });
    expect(r.ok && r.value).toMatchObject({ name: "Ada", email: "ada@example.org", password: " spaced pass " });
  });

  it("does not limit the length of a password being checked (only its bound)", () => {
    expect(parseForm(signInInput, { email: "a@b.org", password: "x" }).ok).toBe(true);
    expect(parseForm(signInInput, { email: "a@b.org", password: "x".repeat(201) }).ok).toBe(false);
  });
});

describe("account route helpers", () => {
  it("never echo passwords, tokens or the CSRF field back into a form", () => {
    expect(echo({ email: "a@b.org", password: "secret", current_password: "s", email_password: "s", token: "t", _csrf: "c" })).toEqual({ email: "a@b.org" });
  });

  it("answer throttled requests with 429 and bad input with 422", () => {
    expect(errorStatus({ _form: { key: "accounts.signIn.locked", values: { minutes: 3 } } })).toBe(429);
    expect(errorStatus({ _form: { key: "accounts.throttle.mail" } })).toBe(429);
    expect(errorStatus({ email: { key: "validation.email" } })).toBe(422);
  });

  it("escape LIKE wildcards typed in the admin search", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
  });

  it("round lock times up to whole minutes, at least one", () => {
    const now = new Date("2026-01-01T10:00:00Z");
    expect(minutesLeft(new Date("2026-01-01T10:14:01Z"), now)).toBe(15);
    expect(minutesLeft(new Date("2026-01-01T10:00:01Z"), now)).toBe(1);
    expect(minutesLeft(new Date("2026-01-01T09:00:00Z"), now)).toBe(1);
  });
});
