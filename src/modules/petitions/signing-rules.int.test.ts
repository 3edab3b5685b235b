/**
 * Signing rules that vary by type and component: the attributes a type asks for, verifications that
 * administrators attach to signing, the per-petition rate shared by instances, rule changes seen by
 * every instance at once, and type names in the reader's language.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config";
import { createUser } from "../../core/accounts/users";
import { startPlatform, type Platform } from "../../runtime";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { firstLink } from "../../test/smtp";
import { signingInfo } from "./cache";
import { runPetitionTick } from "./counts";
import { sign } from "./signing";
import { saveType, type TypeValues } from "./types-service";
import { createPetition, transition } from "./workflow";

let p: TestPlatform;
let other: Platform;
let componentId: number;
let adminId: number;
let authorId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  // A second instance on the same database, as behind a load balancer.
  other = await startPlatform(loadConfig({ NODE_ENV: "test", DATABASE_URL: p.deps.config.DATABASE_URL, LOG_LEVEL: "silent", SESSION_SECRET: "y".repeat(32), SMTP_URL: p.deps.config.SMTP_URL }), () => {});
  const c = await p.deps.db.execute<{ id: string }>(sql`select id from components where manifest = 'petitions' limit 1`);
  componentId = Number(c.rows[0]?.id);
  const admin = await p.deps.db.execute<{ id: string }>(sql`select id from users where is_admin limit 1`);
  adminId = Number(admin.rows[0]?.id);
  authorId = await createUser(p.deps.db, { email: "rules-author@example.org", name: "Rae Author", password: "correct horse battery", confirmed: true, locale: "en" });
}, 120_000);
afterAll(async () => {
  await other.close();
  await p.stop();
});

const baseType: TypeValues = {
  title: { en: "Open consultation", fr: "Consultation ouverte", nl: "Open raadpleging", de: "Offene Konsultation" },
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
};

async function publishedOfType(values: Partial<TypeValues>, title: string): Promise<number> {
  const type = await saveType(p.deps.db, { id: adminId, ip: null }, componentId, null, { ...baseType, ...values });
  if (!type.ok) throw new Error(JSON.stringify(type.errors));
  const created = await createPetition(p.deps.db, { id: authorId, ip: null }, componentId, { typeId: type.value.id, title, summary: "", body: "A petition body long enough to be accepted by the form rules.", language: "fr" });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const id = created.value.id;
  for (const [to, role] of [["submitted", "author"], ["under_review", "services"], ["published", "services"]] as const) {
    const moved = await transition(p.deps, { id: role === "author" ? authorId : adminId, ip: null }, id, { to }, role);
    if (!moved.ok) throw new Error(`${to}: ${JSON.stringify(moved.errors)}`);
  }
  return id;
}

async function signIn(email: string, password: string): Promise<TestClient> {
  const c = p.client();
  const res = await c.post("/users/sign-in", { email, password }, { formPage: "/users/sign-in" });
  expect(res.statusCode).toBe(303);
  return c;
}

describe("the attributes a type asks signers for", () => {
  it("refuses a type whose rules need an attribute it does not ask for, and keeps what the administrator typed", async () => {
    const noBirthDate = await saveType(p.deps.db, { id: adminId, ip: null }, componentId, null, { ...baseType, minAge: 16, signerFields: ["name", "postalCode"] });
    expect(!noBirthDate.ok && noBirthDate.errors.signerFields?.key).toBe("petitions.admin.needsBirthDate");
    const noPostalCode = await saveType(p.deps.db, { id: adminId, ip: null }, componentId, null, { ...baseType, regionThresholds: { "BE-BRU": 10 }, signerFields: ["name"] });
    expect(!noPostalCode.ok && noPostalCode.errors.signerFields?.key).toBe("petitions.admin.needsPostalCode");
    // The age-and-residence verification provides both.
    expect((await saveType(p.deps.db, { id: adminId, ip: null }, componentId, null, { ...baseType, minAge: 16, residenceRegions: ["BE-BRU"], verification: "age_residence", signerFields: [] })).ok).toBe(true);

    const admin = await signIn("admin@pnyx.example", "pnyx-demo-admin");
    const form = `/admin/petitions/types/new?component=${componentId}`;
    const refused = await admin.post(
      form,
      { "title.en": "Youth petition", threshold: "500", minAge: "16", signingDays: "60", verification: "email", signerFields: ["name"], criteria: "Within competence", reviewDays: "30", answerDays: "90" },
      { formPage: form },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("A minimum age needs the date of birth");
    expect(refused.body).toContain('value="Youth petition"');
    expect(refused.body).toContain('value="500"');
    expect(refused.body).toContain("Within competence");
    expect(refused.body).toMatch(/name="signerFields" value="name" checked/);
    expect(refused.body).not.toMatch(/name="signerFields" value="birthDate" checked/);
  });

  it("asks only for the email and what the type needs, and counts signatures without a region in the total only", async () => {
    const id = await publishedOfType({ signerFields: ["birthDate"], minAge: 16 }, "Une pétition sans nom ni code postal");
    const c = p.client();
    const page = await c.get(`/petitions/${id}`, { "accept-language": "en" });
    expect(page.body).toContain('name="birthDate"');
    expect(page.body).toContain('name="email"');
    expect(page.body).not.toContain('name="name"');
    expect(page.body).not.toContain('name="postalCode"');
    expect(page.body).not.toContain('name="showName"');

    const young = await c.post(`/petitions/${id}/sign`, { email: "young@example.org", birthDate: "2020-01-01" }, { formPage: `/petitions/${id}` });
    expect(young.statusCode).toBe(422);
    const signed = await c.post(`/petitions/${id}/sign`, { email: "nameless@example.org", birthDate: "1990-06-01", name: "Ignored Name", postalCode: "1000" }, { formPage: `/petitions/${id}` });
    expect(signed.statusCode).toBe(303);
    const row = await p.deps.db.execute<{ name: string; postal_code: string; region: string; birth_date: string; show_name: boolean }>(
      sql`select name, postal_code, region, birth_date::text, show_name from petition_signatures where petition_id = ${id}`,
    );
    expect(row.rows).toEqual([{ name: "", postal_code: "", region: "", birth_date: "1990-06-01", show_name: false }]);
    const mail = await p.smtp.waitFor((m) => m.to.includes("nameless@example.org"));
    const link = firstLink(mail);
    expect((await p.client().get(new URL(link ?? "").pathname)).statusCode).toBe(303);
    await runPetitionTick(p.deps);
    const api = JSON.parse((await p.client().get(`/api/petitions/${id}`)).body) as { data: { counts: { total: number; byRegion: Record<string, unknown> } } };
    expect(api.data.counts.total).toBe(1);
    expect(api.data.counts.byRegion).toEqual({});
  });
});

describe("permissions on signing", () => {
  it("asks visitors to sign in once an administrator attaches a verification to signing, and sends accounts to verify", async () => {
    const id = await publishedOfType({}, "Une pétition réservée aux comptes vérifiés");
    const info = await signingInfo(p.deps.db, id);
    if (!info) throw new Error("info");
    await p.deps.db.execute(sql`update components set permissions = ${JSON.stringify({ sign: { handlers: { age_residence: { minimumAge: 16 } } } })}::jsonb where id = ${info.componentId}`);
    try {
      const { forgetSigningInfo } = await import("./cache");
      forgetSigningInfo(p.deps.db, "all");
      const visitor = p.client();
      const page = await visitor.get(`/petitions/${id}`, { "accept-language": "en" });
      expect(page.body).toContain("Signing this petition needs an account with a verification.");
      expect(page.body).not.toContain(`action="/petitions/${id}/sign"`);
      // The page has no signing form any more: a stale form posted anyway (CSRF token from another page).
      const post = await visitor.post(`/petitions/${id}/sign`, { name: "Val Visitor", email: "val@example.org", birthDate: "1980-01-01", postalCode: "1000" }, { formPage: "/users/sign-in" });
      expect(post.statusCode).toBe(303);
      expect(post.headers.location).toBe(`/users/sign-in?return_to=${encodeURIComponent(`/petitions/${id}`)}`);
      expect((await p.deps.db.execute(sql`select 1 from petition_signatures where petition_id = ${id}`)).rows).toHaveLength(0);

      await createUser(p.deps.db, { email: "unverified@example.org", name: "Una", password: "unverified password", confirmed: true, locale: "en" });
      const account = await signIn("unverified@example.org", "unverified password");
      const verify = await account.get(`/petitions/${id}`, { "accept-language": "en" });
      expect(verify.body).toContain("Verify your account to sign");
      const attempt = await account.post(`/petitions/${id}/sign`, {}, { formPage: `/petitions/${id}` });
      expect(attempt.statusCode).toBe(303);
      expect(attempt.headers.location).toContain("/verifications/age_residence?return_to=");
    } finally {
      await p.deps.db.execute(sql`update components set permissions = '{}'::jsonb where id = ${info.componentId}`);
    }
  });
});

describe("several instances", () => {
  it("share the per-petition signing rate: attempts over the limit get a clear refusal on any instance", async () => {
    const id = await publishedOfType({}, "Une pétition très demandée");
    await p.deps.db.execute(sql`update components set settings = jsonb_set(settings, '{global}', '{"petitionPerMinute": 3, "ipLimit": 0}') where id = ${componentId}`);
    try {
      const { forgetSigningInfo } = await import("./cache");
      forgetSigningInfo(p.deps.db, "all");
      forgetSigningInfo(other.deps.db, "all");
      const attempt = async (platform: Platform, n: number) => {
        const info = await signingInfo(platform.deps.db, id);
        if (!info) throw new Error("info");
        return sign(platform.deps, info, { input: { name: `Signer ${n}`, email: `rate-${n}@example.org`, birthDate: "1980-01-01", postalCode: "1000", showName: false }, user: null, ip: null, locale: "en" });
      };
      const outcomes = [await attempt(p, 1), await attempt(other, 2), await attempt(p, 3), await attempt(other, 4), await attempt(p, 5)];
      expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false, false]);
      const refused = outcomes[3];
      expect(refused && !refused.ok && refused.errors._form?.key).toBe("petitions.sign.busy");
      const rows = await p.deps.db.execute(sql`select 1 from petition_signatures where petition_id = ${id}`);
      expect(rows.rows).toHaveLength(3);
    } finally {
      await p.deps.db.execute(sql`update components set settings = jsonb_set(settings, '{global}', '{}') where id = ${componentId}`);
    }
  });

  it("see a transition made on another instance at once, not after the cache's lifetime", async () => {
    const id = await publishedOfType({ threshold: 1 }, "Une pétition retirée par son auteur");
    const before = await signingInfo(other.deps.db, id);
    expect(before?.state).toBe("published");
    expect((await transition(p.deps, { id: authorId, ip: null }, id, { to: "withdrawn" }, "author")).ok).toBe(true);
    // The cache lives two seconds; the announcement arrives in milliseconds.
    await expect.poll(async () => (await signingInfo(other.deps.db, id))?.state, { timeout: 1_000, interval: 50 }).toBe("withdrawn");
  });

  it("see a newly blocked domain at once", async () => {
    const id = await publishedOfType({}, "Une pétition contre le spam");
    const info = await signingInfo(other.deps.db, id);
    if (!info) throw new Error("info");
    const input = (n: number) => ({ input: { name: "Sam Spam", email: `sam${n}@junk.example`, birthDate: "1980-01-01", postalCode: "1000", showName: false }, user: null, ip: null, locale: "en" as const });
    expect((await sign(other.deps, info, input(1))).ok).toBe(true);
    const { setDomainBlocked } = await import("./abuse");
    await setDomainBlocked(p.deps.db, { id: adminId, ip: null }, "junk.example", true);
    await expect.poll(async () => (await sign(other.deps, info, input(2))).ok, { timeout: 1_000, interval: 50 }).toBe(false);
  });
});

describe("notices to followers", () => {
  it("tells every follower in the app, and by mail only those who keep mail on (never the person who made the change)", async () => {
    const id = await publishedOfType({}, "Une pétition suivie par deux personnes");
    const { users } = await import("../../core/accounts/schema");
    const { eq } = await import("drizzle-orm");
    const mailOn = await createUser(p.deps.db, { email: "mail-on@example.org", name: "Mo", password: "x".repeat(12), confirmed: true, locale: "en" });
    const mailOff = await createUser(p.deps.db, { email: "mail-off@example.org", name: "Mf", password: "x".repeat(12), confirmed: true, locale: "en" });
    await p.deps.db.update(users).set({ emailFrequency: "none" }).where(eq(users.id, mailOff));
    await p.deps.db.execute(sql`insert into follows (resource_type, resource_id, user_id) values ('petition', ${id}, ${mailOn}), ('petition', ${id}, ${mailOff})`);
    expect((await transition(p.deps, { id: authorId, ip: null }, id, { to: "withdrawn" }, "author")).ok).toBe(true);
    await runPetitionTick(p.deps);
    const mail = await p.smtp.waitFor((m) => m.to.includes("mail-on@example.org") && m.subject.includes("Une pétition suivie"));
    expect(mail.subject).toBe("Petition “Une pétition suivie par deux personnes”: withdrawn");
    expect(mail.text).toContain(`/petitions/${id}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(p.smtp.messages.some((m) => m.to.includes("mail-off@example.org"))).toBe(false);
    const inApp = await p.deps.db.execute<{ user_id: string }>(sql`select user_id from notifications where url = ${`/petitions/${id}`} and kind = 'petition.state.withdrawn' order by user_id`);
    // The author withdrew it: the kit tells everyone else, not the person who acted.
    expect(inApp.rows.map((r) => Number(r.user_id)).sort()).toEqual([mailOn, mailOff].sort());
  });
});

describe("type names in the reader's language", () => {
  it("names the type in the language the API reader asks for", async () => {
    const id = await publishedOfType({}, "Une pétition pour tester les langues");
    const read = async (lang: string) => {
      const res = await p.client().get("/api/petitions?sort=newest", { "accept-language": lang });
      expect(res.headers.vary).toContain("Accept-Language");
      const body = JSON.parse(res.body) as { data: Array<{ id: number; type: string; typeTitle: Record<string, string> }> };
      return body.data.find((x) => x.id === id);
    };
    expect((await read("fr"))?.type).toBe("Consultation ouverte");
    expect((await read("nl-BE"))?.type).toBe("Open raadpleging");
    expect((await read("de"))?.typeTitle.en).toBe("Open consultation");
    const csv = await p.client().get("/petitions.csv", { "accept-language": "de" });
    expect(csv.body).toContain("Offene Konsultation");
  });
});
