/**
 * Registrations to be drawn: with a letter's code (once only, even when two people type it at the same
 * instant), as a volunteer when allowed, by phone (audited); repeats kept out of the pool for review;
 * the pool's composition against the targets, live; and a draw whose pool is the registrations, whose
 * record replays with `pnyx sortition verify`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { run as sortitionCli } from "../../engines/sortition/cli";
import { runCommand } from "../../test/command";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { publishedAssembly } from "../../test/spaces";
import { until } from "../../test/until";
import { compositionOf } from "./composition";
import { runDraw } from "./draw-run";
import { publishDraw, startDraw } from "./draw-service";
import { sortitionComponentOf } from "./place";
import { strataQuotasCsv } from "./registration-draw";
import { compositionTopic, findRecruitment, register, type NewRegistration } from "./registration-service";
import { TEST_STRATA, testRecruitment } from "./registration-testing";

let p: TestPlatform;
let admin: TestClient;
let adminId: number;
let spaceId: number;
let componentId: number;
let slug: string;
let addresses = 0;

/** A visitor reading English, from an address of its own (the form's rate limit counts per address). */
async function visitor(): Promise<TestClient> {
  const client = p.client({ remoteAddress: `10.9.0.${++addresses}` });
  await client.get("/locale/en");
  return client;
}
const publicBase = () => `/spaces/${slug}/c/${componentId}`;
const adminBase = () => `/admin/spaces/${spaceId}/components/${componentId}/manage`;

const person = (name: string, email: string, gender = "woman", age = "40+") => ({
  name,
  email,
  phone: "",
  "stratum.gender": gender,
  "stratum.age": age,
  consent: "on",
});

const rows = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => (await p.deps.db.execute<T>(q)).rows;

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin, userId: adminId } = await signedInClient(p, { isAdmin: true }));
  ({ id: spaceId, slug } = await publishedAssembly(p, adminId, { prefix: "registration", title: { en: "Registration assembly" } }));
  componentId = await sortitionComponentOf(p.deps.db, { id: adminId, ip: null }, spaceId);
}, 60_000);
afterAll(async () => {
  await p?.stop();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("registering with a letter's code", () => {
  it("registers once with a code typed loosely, mails a confirmation, and refuses the code's second use with the values kept", async () => {
    const { id, codes } = await testRecruitment(p.deps.db, p.deps.config, componentId);
    const form = `${publicBase()}/recruitments/${id}/register`;
    const v = await visitor();
    const index = await v.get(publicBase());
    expect(index.body).toContain(`${form}"`);
    const step1 = await v.get(form);
    expect(step1.statusCode).toBe(200);
    expect(step1.body).toContain("Code from your letter");
    // Not open to volunteers: no way around the code.
    expect(step1.body).not.toContain("?volunteer=1");
    const unknown = await v.post(`${form}/code`, { code: "AAAAA-AAAAA" }, { formPage: form });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain("This code is not one of our letters");
    const code = codes[0] ?? "";
    const loose = ` ${code.toLowerCase().replace("-", " ").replace(/0/g, "o")} `;
    const step2 = await v.post(`${form}/code`, { code: loose }, { formPage: form });
    expect(step2.statusCode).toBe(200);
    expect(step2.body).toContain('name="stratum.gender"');
    expect(step2.body).toContain("<legend>Gender</legend>");
    expect(step2.body).toContain("Your answers are used for the draw only.");
    // Nothing is marked by step 1.
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from sortition_invitations where recruitment_id = ${id} and used_at is not null`))[0]?.n).toBe(0);

    // No consent, no answer: the form comes back with each error, values kept.
    const incomplete = await v.post(form, { code: loose, name: "Camille Laurent", email: "camille@example.org", "stratum.gender": "woman" }, { formPage: form });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.body).toContain("Tick the box to give your consent");
    expect(incomplete.body).toContain("Choose one answer.");
    expect(incomplete.body).toContain('value="Camille Laurent"');

    const done = await v.post(form, { code: loose, ...person("Camille Laurent", "camille@example.org"), showName: "on" }, { formPage: form });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${publicBase()}/recruitments/${id}/registered`);
    expect((await v.get(String(done.headers.location))).body).toContain("You are registered");
    const [reg] = await rows<{ source: string; invitation_id: string | null; features: Record<string, string>; contact_sealed: Buffer | null }>(sql`select source, invitation_id, features, contact_sealed from sortition_registrations where recruitment_id = ${id}`);
    expect(reg?.source).toBe("invitation");
    expect(reg?.invitation_id).not.toBeNull();
    expect(reg?.features).toEqual({ gender: "woman", age: "40+" });
    // The contact is sealed: the name is not in the row in clear.
    expect(reg?.contact_sealed?.toString("latin1")).not.toContain("Camille");
    const mail = await p.smtp.waitFor((m) => m.to.includes("camille@example.org"));
    expect(mail.subject).toBe("Your registration: Spring assembly");
    expect(mail.text).toContain("Hello Camille Laurent");

    // The same code again (another person, another address): refused, their values kept.
    const other = await visitor();
    expect((await other.get(`${form}?code=${encodeURIComponent(code)}`)).body).toContain("already used");
    const again = await other.post(form, { code, ...person("Yanis Haddad", "yanis@example.org", "man") }, { formPage: form });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain("This code was already used to register");
    expect(again.body).toContain('value="Yanis Haddad"');
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from sortition_registrations where recruitment_id = ${id}`))[0]?.n).toBe(1);
  });

  it("lets exactly one of two simultaneous registrations with the same code through", async () => {
    const { id, codes } = await testRecruitment(p.deps.db, p.deps.config, componentId);
    const r = await findRecruitment(p.deps.db, componentId, id);
    if (!r) throw new Error("recruitment");
    const input = (name: string, email: string): NewRegistration => ({ code: codes[1] ?? "", features: { gender: "man", age: "16-39" }, contact: { name, email, phone: null, showName: false, locale: "en" }, link: "/" });
    const outcomes = await Promise.all([register(p.deps, r, input("Léa Muller", "lea@example.org"), { source: "web" }), register(p.deps, r, input("Hugo Girard", "hugo@example.org"), { source: "web" })]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused && !refused.ok ? refused.errors.code?.key : null).toBe("sortition.register.error.codeUsed");
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from sortition_registrations where recruitment_id = ${id}`))[0]?.n).toBe(1);
  });

  it("stores one of two simultaneous registrations of the same person as the repeat of the other, and writes nothing for another recruitment's letter", async () => {
    const { id, codes } = await testRecruitment(p.deps.db, p.deps.config, componentId);
    const other = await testRecruitment(p.deps.db, p.deps.config, componentId);
    const r = await findRecruitment(p.deps.db, componentId, id);
    if (!r) throw new Error("recruitment");
    const input = (code: string, name: string): NewRegistration => ({ code, features: { gender: "woman", age: "40+" }, contact: { name, email: "nora@example.org", phone: null, showName: false, locale: "en" }, link: "/" });
    const both = await Promise.all([register(p.deps, r, input(codes[2] ?? "", "Nora Benali"), { source: "web" }), register(p.deps, r, input(codes[3] ?? "", "Nora Benali"), { source: "web" })]);
    const ids = both.map((o) => (o.ok ? o.id : 0));
    const repeats = both.map((o) => (o.ok ? o.duplicateOf : "refused"));
    expect(repeats.filter((d) => d === null)).toHaveLength(1);
    expect(repeats.filter((d) => typeof d === "number" && ids.includes(d))).toHaveLength(1);

    const foreign = await register(p.deps, r, input(other.codes[0] ?? "", "Someone Else"), { source: "web" });
    expect(foreign.ok ? null : foreign.errors.code?.key).toBe("sortition.register.error.codeUnknown");
    const otherUsed = await rows<{ n: number }>(sql`select count(*)::int as n from sortition_invitations where recruitment_id = ${other.id} and used_at is not null`);
    expect(otherUsed[0]?.n).toBe(0);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from sortition_registrations where recruitment_id = ${id}`))[0]?.n).toBe(2);
    // One confirmation each for the two stored registrations, none for the refused one.
    const toNora = () => p.smtp.messages.filter((m) => m.to.includes("nora@example.org")).length;
    await until(async () => toNora() >= 2);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from mail_outbox where "to" = 'nora@example.org'`))[0]?.n).toBe(0);
    expect(toNora()).toBe(2);
  });
});

describe("volunteers, closing, phone registrations", () => {
  it("takes volunteers without a code only when the recruitment allows it, and nothing once closed", async () => {
    const open = await testRecruitment(p.deps.db, p.deps.config, componentId, { volunteersOpen: true });
    const closedToVolunteers = await testRecruitment(p.deps.db, p.deps.config, componentId, { volunteersOpen: false });
    const v = await visitor();
    const form = `${publicBase()}/recruitments/${open.id}/register`;
    expect((await v.get(form)).body).toContain(`${form}?volunteer=1`);
    expect((await v.get(`${form}?volunteer=1`)).body).toContain("You are registering as a volunteer.");
    const ok = await v.post(form, { code: "", ...person("Awa Diop", "awa@example.org") }, { formPage: form });
    expect(ok.statusCode).toBe(303);
    expect((await rows<{ source: string }>(sql`select source from sortition_registrations where recruitment_id = ${open.id}`)).map((r) => r.source)).toEqual(["volunteer"]);

    const other = `${publicBase()}/recruitments/${closedToVolunteers.id}/register`;
    const refused = await v.post(other, { code: "", ...person("Awa Diop", "awa@example.org") }, { formPage: other });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Enter the code printed on your letter.");

    const past = await testRecruitment(p.deps.db, p.deps.config, componentId, { volunteersOpen: true, registrationDeadline: new Date(Date.now() - 60_000) });
    const pastForm = `${publicBase()}/recruitments/${past.id}/register`;
    const page = await v.get(pastForm);
    expect(page.body).toContain("Registrations for this draw are closed.");
    const late = await v.post(pastForm, { code: past.codes[0] ?? "", ...person("Awa Diop", "awa@example.org") }, { formPage: form });
    expect(late.statusCode).toBe(409);
    const closed = await testRecruitment(p.deps.db, p.deps.config, componentId, { volunteersOpen: true, status: "closed" });
    const closedForm = `${publicBase()}/recruitments/${closed.id}/register`;
    expect((await v.post(closedForm, { code: "", ...person("Awa Diop", "awa@example.org") }, { formPage: form })).statusCode).toBe(409);
    // A draft is not public at all.
    const draft = await testRecruitment(p.deps.db, p.deps.config, componentId, { status: "draft" });
    expect((await v.get(`${publicBase()}/recruitments/${draft.id}/register`)).statusCode).toBe(404);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from sortition_registrations where recruitment_id in (${past.id}, ${closed.id}, ${closedToVolunteers.id})`))[0]?.n).toBe(0);
  });

  it("refuses a registration once the recruitment closed elsewhere, though this instance's copy of it still says open", async () => {
    const r = await testRecruitment(p.deps.db, p.deps.config, componentId, { volunteersOpen: true });
    const v = await visitor();
    const form = `${publicBase()}/recruitments/${r.id}/register`;
    // The form read the recruitment (a copy kept up to a second); another instance then closes it and turns volunteers away.
    expect((await v.get(form)).body).toContain(`${form}?volunteer=1`);
    await p.deps.db.execute(sql`update sortition_recruitments set volunteers_open = false where id = ${r.id}`);
    const volunteer = await v.post(form, { code: "", ...person("Awa Diop", "awa@example.org") }, { formPage: form });
    expect(volunteer.statusCode).toBe(422);
    expect(volunteer.body).toContain("Enter the code printed on your letter.");
    await p.deps.db.execute(sql`update sortition_recruitments set status = 'closed', closed_at = now() where id = ${r.id}`);
    const late = await v.post(form, { code: r.codes[0] ?? "", ...person("Awa Diop", "awa@example.org") }, { formPage: form });
    expect(late.statusCode).toBe(409);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from sortition_registrations where recruitment_id = ${r.id}`))[0]?.n).toBe(0);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from sortition_invitations where recruitment_id = ${r.id} and used_at is not null`))[0]?.n).toBe(0);
  });

  it("records a phone registration entered by staff, with who entered it, audited", async () => {
    const { id } = await testRecruitment(p.deps.db, p.deps.config, componentId);
    const page = `${adminBase()}/recruitments/${id}/phone`;
    expect((await admin.get(page)).statusCode).toBe(200);
    // Neither email nor phone: the person could not be reached.
    const bad = await admin.post(page, { name: "Pierre Martin", "stratum.gender": "man", "stratum.age": "40+", consent: "on" }, { formPage: page });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Enter an email or a phone number");
    const res = await admin.post(page, { name: "Pierre Martin", phone: "+33 6 12 34 56 78", "stratum.gender": "man", "stratum.age": "40+", consent: "on" }, { formPage: page });
    expect(res.statusCode).toBe(303);
    const [reg] = await rows<{ id: string; source: string; entered_by: string }>(sql`select id, source, entered_by from sortition_registrations where recruitment_id = ${id}`);
    expect(reg?.source).toBe("phone");
    expect(Number(reg?.entered_by)).toBe(adminId);
    const audited = await rows<{ action: string; actor_id: string }>(sql`select action, actor_id from audit_log where resource_type = 'sortition_registration' and resource_id = ${String(reg?.id)}`);
    expect(audited).toEqual([{ action: "sortition.registration.phone", actor_id: String(adminId) }]);
    // Not for a visitor.
    expect((await (await visitor()).get(page)).statusCode).not.toBe(200);
  });
});

describe("duplicates and the pool's composition", () => {
  it("keeps repeats out of the pool until staff review them, counts the pool against the targets, and streams each person added", async () => {
    const { id } = await testRecruitment(p.deps.db, p.deps.config, componentId, { volunteersOpen: true });
    const r = await findRecruitment(p.deps.db, componentId, id);
    if (!r) throw new Error("recruitment");
    const heard: unknown[] = [];
    const stop = p.deps.bus.subscribe(compositionTopic(id), (d) => heard.push(d));
    const add = (name: string, email: string | null, features: Record<string, string>, phone: string | null = null) =>
      register(p.deps, r, { code: "", features, contact: { name, email, phone, showName: false, locale: "en" }, link: "/" }, { source: "web" });
    await add("Chloé Petit", "chloe@example.org", { gender: "woman", age: "16-39" });
    await add("Karim Durand", "karim@example.org", { gender: "man", age: "40+" });
    const repeat = await add("Chloe Petit", "CHLOE@example.org ", { gender: "woman", age: "40+" });
    const second = await add("C. Petit", "chloe@example.org", { gender: "woman", age: "40+" });
    expect(repeat.ok && repeat.duplicateOf).toBeTruthy();
    expect(second.ok && second.duplicateOf).toBeTruthy();
    await until(async () => heard.length >= 2);
    stop();
    // Only the two people in the pool were announced.
    expect(heard).toEqual([
      { delta: 1, features: { gender: "woman", age: "16-39" } },
      { delta: 1, features: { gender: "man", age: "40+" } },
    ]);

    const comp = await compositionOf(p.deps.db, id);
    expect(comp.total).toBe(2);
    expect(comp.duplicates).toBe(2);
    const page = await admin.get(`${adminBase()}/recruitments/${id}/composition`);
    expect(page.statusCode).toBe(200);
    // Women: 1 registered, target 2 to 2, 1 still needed.
    expect(page.body).toMatch(/<th scope="row">Woman<\/th><td data-registered(="[^"]*")?>1<\/td><td>2 to 2<\/td><td data-needed(="[^"]*")?>1<\/td>/);
    expect(page.body).toContain(`${adminBase()}/recruitments/${id}/composition/events`);
    expect(page.body).toContain("Duplicates to review (2)");

    const list = await admin.get(`${adminBase()}/recruitments/${id}/duplicates`);
    expect(list.body).toContain("Chloe Petit");
    expect(list.body).toContain("chloe@example.org");
    const dupPage = `${adminBase()}/recruitments/${id}/duplicates`;
    const ids = [repeat.ok ? repeat.id : 0, second.ok ? second.id : 0];
    expect((await admin.post(`${dupPage}/${ids[0]}/keep`, {}, { formPage: dupPage })).statusCode).toBe(303);
    expect((await admin.post(`${dupPage}/${ids[1]}/mark`, {}, { formPage: dupPage })).statusCode).toBe(303);
    // Decided once only.
    await admin.post(`${dupPage}/${ids[1]}/keep`, {}, { formPage: dupPage });
    const after = await compositionOf(p.deps.db, id);
    expect(after.total).toBe(3);
    expect(after.duplicates).toBe(0);
    const audited = await rows<{ action: string }>(sql`select action from audit_log where resource_type = 'sortition_registration' and resource_id in (${String(ids[0])}, ${String(ids[1])}) order by id`);
    expect(audited.map((a) => a.action)).toEqual(["sortition.registration.keep", "sortition.registration.duplicate"]);
    // A person registering by phone without email is matched on name and phone.
    await add("Karim Durand", null, { gender: "man", age: "40+" }, "06 11 22 33 44");
    const again = await add("karim  DURAND", null, { gender: "man", age: "40+" }, "0611223344");
    expect(again.ok && again.duplicateOf).toBeTruthy();
  });
});

describe("a draw from the registrations", () => {
  it("draws from the pool of registrations through the usual path, and its record replays with sortition verify", async () => {
    const { id } = await testRecruitment(p.deps.db, p.deps.config, componentId, { volunteersOpen: true });
    const r = await findRecruitment(p.deps.db, componentId, id);
    if (!r) throw new Error("recruitment");
    const people: Array<[string, string, string]> = [
      ["woman", "16-39", "Manon"], ["woman", "40+", "Inès"], ["woman", "40+", "Sarah"], ["woman", "16-39", "Louise"], ["woman", "40+", "Jeanne"],
      ["man", "16-39", "Lucas"], ["man", "40+", "Nathan"], ["man", "40+", "Mehdi"], ["man", "16-39", "Antoine"], ["man", "40+", "Paul"],
    ];
    for (const [gender, age, name] of people) {
      const o = await register(p.deps, r, { code: "", features: { gender, age }, contact: { name, email: `${name.toLowerCase()}@example.org`, phone: null, showName: true, locale: "en" }, link: "/" }, { source: "web" });
      expect(o.ok).toBe(true);
    }
    // A duplicate is not in the pool.
    await register(p.deps, r, { code: "", features: { gender: "man", age: "40+" }, contact: { name: "Paul", email: "paul@example.org", phone: null, showName: true, locale: "en" }, link: "/" }, { source: "web" });

    const formPage = `${adminBase()}/recruitments/${id}/draw`;
    const form = await admin.get(formPage);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("category,feature,min,max");
    const fields = { title: "Panel of four", k: "4", algorithm: "leximin", quotas: strataQuotasCsv(TEST_STRATA, 4), commitment: "Dice rolled in public on Monday", randomness: "dice: 6 2 5 1 3" };
    const bad = await admin.post(formPage, { ...fields, quotas: "category,feature,min,max\ngender,other,1,2\n" }, { formPage });
    expect(bad.statusCode).toBe(422);
    const created = await admin.post(formPage, fields, { formPage });
    expect(created.statusCode).toBe(303);
    const drawId = Number(String(created.headers.location).split("/").pop());
    const [draw] = await rows<{ recruitment_id: string; pool_size: number; categories: string[] }>(sql`select recruitment_id, pool_size, categories from sortition_draws where id = ${drawId}`);
    expect(Number(draw?.recruitment_id)).toBe(id);
    expect(draw?.pool_size).toBe(10);
    expect(draw?.categories).toEqual(["gender", "age"]);
    const contacts = await rows<{ name: string; email: string; show_name: boolean }>(sql`select name, email, show_name from sortition_pool_contacts where draw_id = ${drawId} order by row`);
    expect(contacts.map((c) => c.name)).toEqual(people.map((x) => x[2]));
    expect(contacts.every((c) => c.show_name && c.email.endsWith("@example.org"))).toBe(true);

    const actor = { id: adminId, ip: null };
    expect((await startDraw(p.deps.db, actor, spaceId, drawId)).ok).toBe(true);
    await runDraw(p.deps.db, drawId);
    // The sweep job may have claimed it first: wait for the end either way.
    const done = await until(async () => {
      const d = (await rows<{ status: string }>(sql`select status from sortition_draws where id = ${drawId}`))[0];
      return d && d.status !== "running" ? d : null;
    });
    expect(done.status).toBe("done");
    expect(await publishDraw(p.deps.db, actor, spaceId, drawId)).toBe(true);
    const json = await (await visitor()).get(`${publicBase()}/draws/${drawId}.json`);
    expect(json.statusCode).toBe(200);
    expect(json.body).not.toContain("@example.org");
    expect(json.body).not.toContain("Manon");
    const dir = await mkdtemp(path.join(tmpdir(), "pnyx-registration-draw-"));
    try {
      const file = path.join(dir, "record.json");
      await writeFile(file, json.body);
      const verified = await runCommand(sortitionCli, ["verify", file, "--json"], p.deps.config.DATABASE_URL ?? "");
      expect(verified.code).toBe(0);
      expect((JSON.parse(verified.out) as { verified: boolean }).verified).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
