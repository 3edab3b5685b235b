/**
 * Sign-in throttling per account (ADR 0029), on top of the per (account, address) and per address
 * limits (src/core/accounts/sign-in-throttle.int.test.ts): failures on one account spread over many
 * addresses (a botnet guessing one person's password) pause sign-in on that account for strangers,
 * even with the right password, while the owner keeps signing in from a browser or an address they
 * used before. An address with no account is paused the same way (the pause tells nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_SIGN_IN } from "../../core/accounts/throttle";
import { createUser } from "../../core/accounts/users";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { Browser } from "./browser";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
}, 60_000);
afterAll(() => p.stop());

const PAUSED = "Too many failed attempts. For your security, signing in is paused for 1 minute.";

/** One wrong guess from each of `n` addresses of a /16 no one else uses (so no per-address limit is reached). */
async function distributedGuesses(email: string, net: string, n: number) {
  const statuses: number[] = [];
  for (let i = 1; i <= n; i++) statuses.push((await new Browser(p, `${net}.${i >> 8}.${i & 255}`).signIn(email, `guess number ${i}`)).statusCode);
  return statuses;
}

describe("failed sign-ins on one account from many addresses", () => {
  it("pause strangers (even with the right password) but not the owner's browsers and addresses", async () => {
    const owner = { email: "target@example.org", password: "the owner's long password" };
    await createUser(p.deps.db, { ...owner, name: "Target", confirmed: true });
    // The owner's laptop (signed in before, then signed out) and phone (still signed in at home).
    const laptop = new Browser(p, "198.51.100.7");
    expect((await laptop.signIn(owner.email, owner.password)).statusCode).toBe(303);
    expect((await laptop.post("/users/sign-out")).statusCode).toBe(303);
    const phone = new Browser(p, "198.51.100.8");
    expect((await phone.signIn(owner.email, owner.password)).statusCode).toBe(303);

    // The attack: one guess from each of ACCOUNT_SIGN_IN.free addresses, all answered as wrong passwords.
    const free = ACCOUNT_SIGN_IN.free;
    expect(await distributedGuesses(owner.email, "203.0", free)).toEqual(Array(free).fill(422));
    // From then on a new address is paused, even with the right password (it is not even checked).
    const stranger = await new Browser(p, "203.0.200.1").signIn(owner.email, owner.password);
    expect(stranger.statusCode).toBe(429);
    expect(stranger.body).toContain(PAUSED);

    // The owner's laptop, from a hotel's address it never used: it is a browser the account knows.
    laptop.remoteAddress = "192.0.2.77";
    expect((await laptop.signIn(owner.email, owner.password)).statusCode).toBe(303);
    // A new browser at home, the address of the phone's live session: an address the account knows.
    const desktop = new Browser(p, "198.51.100.8");
    expect((await desktop.signIn(owner.email, owner.password)).statusCode).toBe(303);
    // The owner signing in does not reopen the gate to strangers.
    expect((await new Browser(p, "203.0.200.2").signIn(owner.email, "one more guess")).statusCode).toBe(429);
    // A forged known-browser cookie (not signed by the server) is no key.
    const forger = new Browser(p, "203.0.200.3");
    forger.cookies.set("pnyx_known", String(laptop.cookies.get("pnyx_known")).replace(/\.[^.]+$/, ".forged"));
    expect((await forger.signIn(owner.email, owner.password)).statusCode).toBe(429);
  });

  it("the password reset link reopens the gate (the owner on a new device during an attack)", async () => {
    const owner = { email: "traveller@example.org", password: "the traveller's password" };
    await createUser(p.deps.db, { ...owner, name: "Traveller", confirmed: true });
    await distributedGuesses(owner.email, "203.1", ACCOUNT_SIGN_IN.free);
    const newPhone = new Browser(p, "192.0.2.99");
    expect((await newPhone.signIn(owner.email, owner.password)).statusCode).toBe(429);
    expect((await newPhone.post("/users/password/forgot", { email: owner.email })).statusCode).toBe(303);
    const mail = await p.smtp.waitFor((m) => m.to.includes(owner.email) && m.text.includes("/users/password/reset"));
    const link = new URL(/https?:\/\/\S+/.exec(mail.text)?.[0] ?? "");
    const form = await newPhone.get(`${link.pathname}${link.search}`);
    const token = /name="token" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
    expect((await newPhone.post("/users/password/reset", { token, password: "a brand new password" })).statusCode).toBe(303);
    // Signed in by the link; later sign-ins from a new address work again too.
    expect((await new Browser(p, "192.0.2.100").signIn(owner.email, "a brand new password")).statusCode).toBe(303);
  });

  it("an address with no account is paused the same way", async () => {
    await distributedGuesses("nobody-here@example.org", "203.2", ACCOUNT_SIGN_IN.free);
    const res = await new Browser(p, "203.2.200.1").signIn("nobody-here@example.org", "any password at all");
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain(PAUSED);
  });
});
