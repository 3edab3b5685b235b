/**
 * Account enumeration: the account forms (sign-up, sign-in, password reset, the confirmation link
 * again) and a petition's signature
 * give the same answer for an address that has an account (or has signed) and one that has not: the
 * same status, redirect, cookies (names and attributes) and page, apart from per-request tokens and the
 * address typed. The timing side is built equal (the same argon2 work, one mail queued in both cases),
 * and that construction is what is checked here; the clock is measured by `npm run bench:enumeration`.
 */
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathOf } from "../../core/accounts/testing";
import { passwordWork } from "../../core/accounts/passwords";
import { RESET_REQUEST_JOB } from "../../core/accounts/service/password-reset";
import { createUser } from "../../core/accounts/users";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { saveType } from "../../modules/petitions/types-service";
import { createPetition, transition } from "../../modules/petitions/workflow";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { firstLink } from "../../test/smtp";
import { publishedProcess } from "../../test/spaces";
import { until } from "../../test/until";
import { Browser, type Fields } from "./browser";

let p: TestPlatform;
let adminId: number;
let addresses = 0;
beforeAll(async () => {
  p = await createTestPlatform();
  adminId = await createUser(p.deps.db, { email: "enum-admin@example.org", password: "an administrator's password", name: "Admin", confirmed: true, isAdmin: true });
}, 60_000);
afterAll(() => p.stop());

/** Two addresses of the same length (so the pages' lengths may be compared too): [known, unknown]. */
function pair(tag: string): [string, string] {
  addresses += 1;
  return [`known-${tag}-${addresses}@example.org`, `nobod-${tag}-${addresses}@example.org`];
}

/** What a visitor sees of an answer, per-request tokens and the typed address taken out. */
function seen(res: LightMyRequestResponse, typed: string) {
  const scrub = (s: string) =>
    s
      .split(typed)
      .join("<typed>")
      .replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value="<token>"')
      .replace(/nonce="[^"]+"/g, 'nonce="<nonce>"')
      .replace(/'nonce-[^']+'/g, "'nonce-<nonce>'");
  const headers = Object.entries(res.headers)
    .filter(([k]) => !["date", "set-cookie"].includes(k))
    .map(([k, v]) => [k, scrub(String(v))]);
  const cookies = res.cookies.map((c) => ({ ...c, value: "<value>", expires: c.expires ? "<expires>" : undefined })).sort((a, b) => a.name.localeCompare(b.name));
  return { status: res.statusCode, headers: Object.fromEntries(headers), cookies, body: scrub(res.body) };
}

/** Sends the form from a fresh browser (its own address, so no limit is shared) and follows one redirect. */
async function answer(url: string, page: string, fields: Fields, typed: string, from: string) {
  const b = new Browser(p, from);
  const first = await b.post(url, fields, page);
  const next = first.headers.location ? await b.get(String(first.headers.location)) : null;
  return { first: seen(first, typed), next: next ? seen(next, typed) : null };
}

/** Waits until `n` mails reached `to`, and checks no more arrive with the queue drained. */
const mailsTo = (to: string) => p.smtp.messages.filter((m) => m.to.includes(to)).length;

describe("the same answer for known and unknown addresses", () => {
  it("sign-in: a wrong password for an account and any password for no account", async () => {
    const [known, unknown] = pair("in");
    await createUser(p.deps.db, { email: known, password: "the right password", name: "Known", confirmed: true });
    const a = await answer("/users/sign-in", "/users/sign-in", { email: known, password: "a wrong password" }, known, "10.1.0.1");
    const b = await answer("/users/sign-in", "/users/sign-in", { email: unknown, password: "a wrong password" }, unknown, "10.1.0.2");
    expect(a.first.status).toBe(422);
    expect(a).toEqual(b);
  });

  it("sign-up: an address with an account and a new one", async () => {
    const [known, unknown] = pair("up");
    await createUser(p.deps.db, { email: known, password: "the right password", name: "Known", confirmed: true });
    const fields = (email: string) => ({ name: "Someone", email, password: "a long enough password", terms: "on" });
    const a = await answer("/users/sign-up", "/users/sign-up", fields(known), known, "10.2.0.1");
    const b = await answer("/users/sign-up", "/users/sign-up", fields(unknown), unknown, "10.2.0.2");
    expect(a.first.status).toBe(303);
    expect(a).toEqual(b);
    // Each address got its mail (the owner "someone tried to register", the new one its link).
    await until(async () => mailsTo(known) === 1 && mailsTo(unknown) === 1);
  });

  it("password reset: an address with an account and one without", async () => {
    const [known, unknown] = pair("reset");
    await createUser(p.deps.db, { email: known, password: "the right password", name: "Known", confirmed: true });
    const a = await answer("/users/password/forgot", "/users/password/forgot", { email: known }, known, "10.3.0.1");
    const b = await answer("/users/password/forgot", "/users/password/forgot", { email: unknown }, unknown, "10.3.0.2");
    expect(a.first.status).toBe(303);
    expect(a).toEqual(b);
    await until(async () => mailsTo(known) === 1 && mailsTo(unknown) === 1);
  });

  it("asking for the confirmation link again: an account awaiting confirmation and no account", async () => {
    const [known, unknown] = pair("resend");
    await createUser(p.deps.db, { email: known, password: "the right password", name: "Known", confirmed: false });
    const a = await answer("/users/confirm/resend", "/users/confirm/resend", { email: known }, known, "10.8.0.1");
    const b = await answer("/users/confirm/resend", "/users/confirm/resend", { email: unknown }, unknown, "10.8.0.2");
    expect(a.first.status).toBe(303);
    expect(a).toEqual(b);
  });

  it("a petition's signature: an address that already signed (pending or confirmed) and a new one", async () => {
    const petitionId = await openPetition();
    const url = `/petitions/${petitionId}/sign`;
    const page = `/petitions/${petitionId}`;
    const fields = (email: string) => ({ name: "Sam Signer", email, showName: "on" });
    for (const state of ["pending", "confirmed"] as const) {
      const [known, unknown] = pair(`sig-${state}`);
      // The address signs first (from elsewhere), and confirms if asked.
      expect((await new Browser(p, "10.4.9.9").post(url, fields(known), page)).statusCode).toBe(303);
      if (state === "confirmed") {
        const mail = await p.smtp.waitFor((m) => m.to.includes(known));
        await new Browser(p, "10.4.9.9").get(pathOf(firstLink(mail)));
        await until(async () => (await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from petition_signatures where email = ${known} and state = 'confirmed'`)).rows[0]?.n === 1);
      }
      const a = await answer(url, page, fields(known), known, `10.4.${state === "pending" ? 1 : 2}.1`);
      const b = await answer(url, page, fields(unknown), unknown, `10.4.${state === "pending" ? 1 : 2}.2`);
      expect(a.first.status).toBe(303);
      expect(a).toEqual(b);
    }
  });
});

describe("the same work for known and unknown addresses (equal cost by construction)", () => {
  /** The argon2 operations and the mails one request causes. */
  async function work(send: () => Promise<LightMyRequestResponse>, to: string) {
    const before = { ...passwordWork };
    await send();
    return { hashes: passwordWork.hashes - before.hashes, verifications: passwordWork.verifications - before.verifications, mails: await until(async () => mailsTo(to) || false, 30_000).catch(() => 0) };
  }

  it("sign-in checks one password in both cases (a constant dummy hash for no account)", async () => {
    const [known, unknown] = pair("work-in");
    await createUser(p.deps.db, { email: known, password: "the right password", name: "Known", confirmed: true });
    const counts = async (email: string, from: string) => {
      const b = new Browser(p, from);
      const token = await b.token("/users/sign-in");
      const before = { ...passwordWork };
      await b.send("POST", "/users/sign-in", { email, password: "a wrong password", _csrf: token });
      return { hashes: passwordWork.hashes - before.hashes, verifications: passwordWork.verifications - before.verifications };
    };
    // The first unknown address of a fresh process too: nothing is hashed on first use.
    expect(await counts(unknown, "10.5.0.2")).toEqual({ hashes: 0, verifications: 1 });
    expect(await counts(known, "10.5.0.1")).toEqual({ hashes: 0, verifications: 1 });
  });

  it("sign-up hashes the password and queues one mail in both cases", async () => {
    const [known, unknown] = pair("work-up");
    await createUser(p.deps.db, { email: known, password: "the right password", name: "Known", confirmed: true });
    const send = (email: string, from: string) => () => new Browser(p, from).post("/users/sign-up", { name: "Someone", email, password: "a long enough password", terms: "on" }, "/users/sign-up");
    const a = await work(send(known, "10.6.0.1"), known);
    const b = await work(send(unknown, "10.6.0.2"), unknown);
    expect(a).toEqual({ hashes: 1, verifications: 0, mails: 1 });
    expect(b).toEqual(a);
  });

  it("a reset request queues one job in both cases (the lookup and the mail are the job's) and hashes nothing", async () => {
    const [known, unknown] = pair("work-reset");
    await createUser(p.deps.db, { email: known, password: "the right password", name: "Known", confirmed: true });
    // Queued, done or archived since: every reset job ever sent.
    const jobs = async () => (await p.deps.db.execute<{ n: number }>(sql`select ((select count(*) from pnyx_jobs.job where name = ${RESET_REQUEST_JOB}) + (select count(*) from pnyx_jobs.archive where name = ${RESET_REQUEST_JOB}))::int as n`)).rows[0]?.n ?? 0;
    const send = (email: string, from: string) => async () => {
      const before = await jobs();
      const res = await new Browser(p, from).post("/users/password/forgot", { email });
      expect((await jobs()) - before).toBe(1);
      return res;
    };
    const a = await work(send(known, "10.7.0.1"), known);
    const b = await work(send(unknown, "10.7.0.2"), unknown);
    expect(a).toEqual({ hashes: 0, verifications: 0, mails: 1 });
    expect(b).toEqual(a);
  });
});

/** A published petition open for signatures by e-mail, in a space of its own. */
async function openPetition(): Promise<number> {
  const manifest = getComponentManifest("petitions");
  if (!manifest) throw new Error("petitions not registered");
  const space = await publishedProcess(p, adminId, { prefix: "enum" });
  const component = await addComponent(p.deps.db, { id: adminId, ip: null }, space.id, manifest, { en: "Petitions" }, { published: true });
  const authorId = await createUser(p.deps.db, { email: "enum-author@example.org", password: "an author's password", name: "Author", confirmed: true, locale: "en" });
  const type = await saveType(p.deps.db, { id: adminId, ip: null }, component.id, null, {
    title: { en: "Open petition" },
    threshold: 100,
    regionThresholds: {},
    minAge: 0,
    residenceRegions: [],
    signingDays: 30,
    coSponsorsRequired: 0,
    allowWithdrawal: true,
    verification: "email",
    criteria: [],
    reviewDays: 30,
    answerDays: 180,
    signerFields: ["name"],
  });
  if (!type.ok) throw new Error(JSON.stringify(type.errors));
  const created = await createPetition(p.deps.db, { id: authorId, ip: null }, component.id, { typeId: type.value.id, title: "More benches", summary: "", body: "A petition body long enough to be accepted by the form rules.", language: "en" });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  for (const [to, role] of [["submitted", "author"], ["under_review", "services"], ["published", "services"]] as const) {
    const moved = await transition(p.deps, { id: role === "author" ? authorId : adminId, ip: null }, created.value.id, { to }, role);
    if (!moved.ok) throw new Error(`${to}: ${JSON.stringify(moved.errors)}`);
  }
  return created.value.id;
}
