import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../core/accounts/users";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform, type TestClient } from "../../test/platform";
import { firstLink } from "../../test/smtp";
import { runPetitionTick } from "./counts";
import { saveType } from "./types-service";
import { assessCriterion, createPetition, transition } from "./workflow";

let p: TestPlatform;
let componentId: number;
let smallTypeId: number;
let adminId: number;
let authorId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const c = await p.deps.db.execute<{ id: string }>(sql`select id from components where manifest = 'petitions' limit 1`);
  componentId = Number(c.rows[0]?.id);
  const admin = await p.deps.db.execute<{ id: string }>(sql`select id from users where is_admin limit 1`);
  adminId = Number(admin.rows[0]?.id);
  authorId = await createUser(p.deps.db, { email: "author@example.org", name: "Ada Author", password: "correct horse battery", confirmed: true, locale: "en" });
  const small = await saveType(p.deps.db, { id: adminId, ip: null }, componentId, null, {
    title: { en: "Small test petition", fr: "Petite pétition de test" },
    threshold: 3,
    regionThresholds: { "BE-BRU": 1, "BE-VLG": 1 },
    minAge: 16,
    residenceRegions: [],
    signingDays: 30,
    coSponsorsRequired: 1,
    allowWithdrawal: true,
    verification: "email",
    criteria: [{ key: "competence", label: { en: "Within competence" } }],
    reviewDays: 30,
    answerDays: 180,
  });
  if (!small.ok) throw new Error("type");
  smallTypeId = small.value.id;
}, 120_000);
afterAll(() => p.stop());

const actor = () => ({ id: adminId, ip: "127.0.0.1" });
const tick = () => runPetitionTick(p.deps);

async function signIn(email: string, password: string): Promise<TestClient> {
  const c = p.client();
  const res = await c.post("/users/sign-in", { email, password }, { formPage: "/users/sign-in" });
  expect(res.statusCode).toBe(303);
  return c;
}

/** A published petition of the small type, by the author (through the whole review). */
async function publishedPetition(title = "A petition about cycling lanes"): Promise<number> {
  const created = await createPetition(p.deps.db, { id: authorId, ip: null }, componentId, { typeId: smallTypeId, title, summary: "", body: "We ask for safe cycling lanes on every main road of the region.", language: "en" });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const id = created.value.id;
  expect((await transition(p.deps, { id: authorId, ip: null }, id, { to: "submitted" }, "author")).ok).toBe(true);
  const sponsor = await createUser(p.deps.db, { email: `sponsor-${id}@example.org`, name: "Sponsor", password: "x".repeat(12), confirmed: true });
  await p.deps.db.execute(sql`insert into petition_cosponsors (petition_id, user_id) values (${id}, ${sponsor})`);
  expect((await transition(p.deps, actor(), id, { to: "under_review" }, "services")).ok).toBe(true);
  expect((await assessCriterion(p.deps.db, { id: adminId, ip: null }, id, "competence", true, "")).ok).toBe(true);
  expect((await transition(p.deps, actor(), id, { to: "published" }, "services")).ok).toBe(true);
  return id;
}

async function apiCounts(id: number) {
  const res = await p.client().get(`/api/petitions/${id}`);
  expect(res.statusCode).toBe(200);
  return (JSON.parse(res.body) as { data: { counts: { total: number; byRegion: Record<string, { online: number; paper: number }> }; state: string; timeline: unknown[] } }).data;
}

describe("petition workflow", () => {
  it("moves through review with preconditions, refuses illegal transitions with a translated error, and audits every step", async () => {
    const created = await createPetition(p.deps.db, { id: authorId, ip: null }, componentId, { typeId: smallTypeId, title: "Open the parks at night", summary: "", body: "Parks should stay open until midnight in summer months.", language: "en" });
    if (!created.ok) throw new Error("create");
    const id = created.value.id;
    // Services cannot skip the author's submission.
    const early = await transition(p.deps, actor(), id, { to: "under_review" }, "services");
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.errors._form?.key).toBe("petitions.errors.illegalTransition");
    expect((await transition(p.deps, { id: authorId, ip: null }, id, { to: "submitted" }, "author")).ok).toBe(true);
    // One co-sponsor is needed before review.
    const noSponsor = await transition(p.deps, actor(), id, { to: "under_review" }, "services");
    expect(!noSponsor.ok && noSponsor.errors._form?.key).toBe("petitions.errors.cosponsorsMissing");
    const sponsor = await createUser(p.deps.db, { email: "cosponsor@example.org", name: "Co Sponsor", password: "cosponsor password", confirmed: true });
    void sponsor;
    const sc = await signIn("cosponsor@example.org", "cosponsor password");
    const token = (await p.deps.db.execute<{ sponsor_token: string }>(sql`select sponsor_token from petitions where id = ${id}`)).rows[0]?.sponsor_token;
    const co = await sc.post(`/petitions/${id}/cosponsor/${token}`, {});
    expect(co.statusCode).toBe(303);
    expect((await transition(p.deps, actor(), id, { to: "under_review" }, "services")).ok).toBe(true);
    const unassessed = await transition(p.deps, actor(), id, { to: "published" }, "services");
    expect(!unassessed.ok && unassessed.errors._form?.key).toBe("petitions.errors.criteriaMissing");
    await assessCriterion(p.deps.db, { id: adminId, ip: null }, id, "competence", false, "Federal matter");
    expect((await transition(p.deps, actor(), id, { to: "inadmissible" }, "services")).ok).toBe(true);
    const illegal = await transition(p.deps, actor(), id, { to: "published" }, "services");
    expect(illegal.ok).toBe(false);
    // Reasons are public, per criterion; the timeline is dated.
    const api = await apiCounts(id);
    expect(api.state).toBe("inadmissible");
    expect(api.timeline).toHaveLength(4);
    const page = await p.client().get(`/petitions/${id}`, { "accept-language": "en" });
    expect(page.body).toContain("Federal matter");
    const audits = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'petition' and resource_id = ${String(id)} order by id`);
    expect(audits.rows.map((a) => a.action)).toEqual(expect.arrayContaining(["petition.transition.submitted", "petition.transition.under_review", "petition.assess", "petition.transition.inadmissible"]));
    // The author was told by mail and in the app.
    await tick();
    await p.smtp.waitFor((m) => m.to.includes("author@example.org") && m.subject.includes("inadmissible"));
    // Under review, then inadmissible; not of the submission they made themselves (no one is told of their own action).
    const notes = await p.deps.db.execute<{ kind: string }>(sql`select kind from notifications where user_id = ${authorId} and url = ${`/petitions/${id}`} order by id`);
    expect(notes.rows.map((n) => n.kind)).toEqual(["petition.state.under_review", "petition.state.inadmissible"]);
    const author = await signIn("author@example.org", "correct horse battery");
    const list = await author.get("/notifications", { "accept-language": "en" });
    expect(list.body).toContain("Open the parks at night");
    expect(list.body).toMatch(/Notifications \(\d+ new\)/);
  });

  it("shows the illegal-transition error translated when the author submits twice", async () => {
    const id = await publishedPetition("Translated errors for authors");
    const c = await signIn("author@example.org", "correct horse battery");
    const res = await c.post(`/petitions/${id}/author-transition`, { to: "submitted" }, { formPage: `/petitions/${id}` });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("A petition cannot go from");
  });
});

describe("signing", () => {
  let id: number;
  beforeAll(async () => {
    id = await publishedPetition("Signing rules petition title");
  });

  it("counts an anonymous signature only once its emailed link is opened", async () => {
    const c = p.client();
    const res = await c.post(`/petitions/${id}/sign`, { name: "Bea Brussels", email: "bea@example.org", birthDate: "1990-05-01", postalCode: "1000", showName: "on" }, { formPage: `/petitions/${id}` });
    expect(res.statusCode).toBe(303);
    expect((await apiCounts(id)).counts.total).toBe(0);
    await tick();
    const mail = await p.smtp.waitFor((m) => m.to.includes("bea@example.org"));
    const link = new URL(firstLink(mail));
    const confirmed = await c.get(link.pathname);
    expect(confirmed.statusCode).toBe(303);
    const data = await apiCounts(id);
    expect(data.counts.total).toBe(1);
    expect(data.counts.byRegion["BE-BRU"]?.online).toBe(1);
    // Opening the link again does not count twice.
    await c.get(link.pathname);
    expect((await apiCounts(id)).counts.total).toBe(1);
  });

  it("refuses the under-aged, unknown postal codes and wrong residences with clear messages", async () => {
    const c = p.client();
    const young = await c.post(`/petitions/${id}/sign`, { name: "Young One", email: "young@example.org", birthDate: "2020-01-01", postalCode: "1000" }, { formPage: `/petitions/${id}` });
    expect(young.statusCode).toBe(422);
    expect(young.body).toContain("Vous devez avoir au moins 16 ans");
    const unknown = await c.post(`/petitions/${id}/sign`, { name: "Nowhere", email: "nowhere@example.org", birthDate: "1980-01-01", postalCode: "99" }, { formPage: `/petitions/${id}` });
    expect(unknown.statusCode).toBe(422);
    // The Brussels Parliament type takes Brussels residents only.
    const seeded = await p.deps.db.execute<{ id: string }>(sql`select p.id from petitions p join petition_types t on t.id = p.type_id where t.residence_regions ? 'BE-BRU' limit 1`);
    const bru = Number(seeded.rows[0]?.id);
    const antwerp = await c.post(`/petitions/${bru}/sign`, { name: "Anna Antwerpen", email: "anna@example.org", birthDate: "1980-01-01", postalCode: "2000" }, { formPage: `/petitions/${bru}` });
    expect(antwerp.statusCode).toBe(422);
    expect(antwerp.body).toContain("Seuls les habitants de");
  });

  it("enforces one signature per mailbox (canonical email) and re-sends the link instead", async () => {
    const c = p.client();
    const first = await c.post(`/petitions/${id}/sign`, { name: "Carl Gmail", email: "carl.dupont@gmail.com", birthDate: "1970-02-02", postalCode: "2000" }, { formPage: `/petitions/${id}` });
    expect(first.statusCode).toBe(303);
    const again = await c.post(`/petitions/${id}/sign`, { name: "Carl Gmail", email: "CarlDupont+petitions@gmail.com", birthDate: "1970-02-02", postalCode: "2000" }, { formPage: `/petitions/${id}` });
    expect(again.statusCode).toBe(303);
    const rows = await p.deps.db.execute<{ n: number; mails: number }>(sql`select count(*)::int as n, max(mails_sent) as mails from petition_signatures where petition_id = ${id} and canonical_email = 'carldupont@gmail.com'`);
    expect(rows.rows[0]).toEqual({ n: 1, mails: 2 });
    // The database itself refuses a second row.
    await expect(
      p.deps.db.execute(sql`insert into petition_signatures (petition_id, email, canonical_email, email_domain, name, birth_date, postal_code, region) values (${id}, 'x@gmail.com', 'carldupont@gmail.com', 'gmail.com', 'X', '1970-01-01', '2000', 'BE-VLG')`),
    ).rejects.toThrow();
  });

  it("counts a verified account's signature at once and lets it be withdrawn", async () => {
    await createUser(p.deps.db, { email: "vera@example.org", name: "Vera Verified", password: "vera password 1", confirmed: true });
    const c = await signIn("vera@example.org", "vera password 1");
    const before = (await apiCounts(id)).counts.total;
    const res = await c.post(`/petitions/${id}/sign`, { birthDate: "14/03/1985", postalCode: "9000" }, { formPage: `/petitions/${id}` });
    expect(res.statusCode).toBe(303);
    expect((await apiCounts(id)).counts.total).toBe(before + 1);
    const page = await c.get(`/petitions/${id}`, { "accept-language": "en" });
    expect(page.body).toContain("You signed this petition.");
    const withdrawn = await c.post(`/petitions/${id}/unsign`, {}, { formPage: `/petitions/${id}` });
    expect(withdrawn.statusCode).toBe(303);
    expect((await apiCounts(id)).counts.total).toBe(before);
  });

  it("limits signatures per IP with a clear message, and blocks domains", async () => {
    await p.deps.db.execute(sql`update components set settings = jsonb_set(settings, '{global}', '{"ipLimit": 2, "ipWindowSeconds": 300}') where id = ${componentId}`);
    const { forgetSigningInfo } = await import("./cache");
    forgetSigningInfo(p.deps.db, id);
    const c = p.client();
    // Earlier signatures in this file came from 127.0.0.1 via inject; the limit counts them.
    const over = await c.post(`/petitions/${id}/sign`, { name: "Dan Ip", email: "dan@example.org", birthDate: "1970-02-02", postalCode: "1000" }, { formPage: `/petitions/${id}` });
    expect(over.statusCode).toBe(429);
    expect(over.body).toContain("Trop de signatures ont été faites depuis votre réseau");
    await p.deps.db.execute(sql`update components set settings = jsonb_set(settings, '{global}', '{}') where id = ${componentId}`);
    await p.deps.db.execute(sql`insert into petition_blocked_domains (domain) values ('spam.example')`);
    forgetSigningInfo(p.deps.db, id);
    const { forgetBlockedDomains } = await import("./abuse");
    forgetBlockedDomains(p.deps.db);
    const blocked = await c.post(`/petitions/${id}/sign`, { name: "Eve Spam", email: "eve@mx.spam.example", birthDate: "1970-02-02", postalCode: "1000" }, { formPage: `/petitions/${id}` });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.body).toContain("Les signatures d’adresses chez mx.spam.example ne sont pas acceptées");
  });
});

describe("thresholds, paper signatures, answers and exports", () => {
  it("reaches the threshold when every quota is met, notifies the author at 33/66/100 %, and goes on to the answer", async () => {
    const id = await publishedPetition("Threshold petition for the story");
    const c = p.client();
    const signers = [
      { email: "t1@example.org", postalCode: "1050" },
      { email: "t2@example.org", postalCode: "3000" },
    ];
    for (const s of signers) {
      await c.post(`/petitions/${id}/sign`, { name: "Signer", email: s.email, birthDate: "1990-01-01", postalCode: s.postalCode }, { formPage: `/petitions/${id}` });
    }
    await tick();
    for (const s of signers) {
      const mail = await p.smtp.waitFor((m) => m.to.includes(s.email));
      await c.get(new URL(firstLink(mail)).pathname);
    }
    await tick();
    expect((await apiCounts(id)).state).toBe("published");
    // A paper signature from Wallonia completes the overall threshold.
    const { addPaperSignatures } = await import("./workflow");
    expect((await addPaperSignatures(p.deps.db, { id: adminId, ip: null }, id, "BE-WAL", 1)).ok).toBe(true);
    await tick();
    const data = await apiCounts(id);
    expect(data.state).toBe("threshold_reached");
    expect(data.counts.total).toBe(3);
    expect(data.counts.byRegion["BE-WAL"]?.paper).toBe(1);
    await tick();
    await p.smtp.waitFor((m) => m.to.includes("author@example.org") && m.subject.includes("100%"));
    const milestones = await p.deps.db.execute<{ kind: string }>(sql`select kind from notifications where url = ${`/petitions/${id}`} and kind like 'petition.progress.%' order by id`);
    expect(milestones.rows.map((r) => r.kind)).toEqual(["petition.progress.66", "petition.progress.100"]);
    expect((await transition(p.deps, actor(), id, { to: "transmitted" }, "services")).ok).toBe(true);
    const noDate = await transition(p.deps, actor(), id, { to: "hearing_scheduled" }, "services");
    expect(!noDate.ok && noDate.errors.hearingAt?.key).toBe("validation.date");
    expect((await transition(p.deps, actor(), id, { to: "hearing_scheduled", hearingAt: "2027-03-01T10:00", hearingLink: "https://parliament.example/hearing" }, "services")).ok).toBe(true);
    expect((await transition(p.deps, actor(), id, { to: "answered", answer: "The Parliament will debate it." }, "services")).ok).toBe(true);
    expect((await transition(p.deps, actor(), id, { to: "closed" }, "services")).ok).toBe(true);
    const final = await apiCounts(id);
    expect(final.state).toBe("closed");
  });

  it("publishes a JSON API and open-data CSV without personal data", async () => {
    const list = await p.client().get("/api/petitions");
    expect(list.statusCode).toBe(200);
    const body = list.body;
    expect(body).not.toContain("@example.org");
    const parsed = JSON.parse(body) as { data: Array<{ id: number; state: string; thresholds: { total: number }; counts: { total: number } }> };
    expect(parsed.data.length).toBeGreaterThan(0);
    expect(parsed.data[0]).toHaveProperty("thresholds.total");
    const one = await p.client().get(`/api/petitions/${parsed.data[0]?.id}`);
    expect(one.body).not.toMatch(/@example\.org|postal|birth/);
    const csv = await p.client().get("/petitions.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\r\n")[0]).toContain("signatures_BE-BRU");
    expect(csv.body).not.toContain("@example.org");
    // Drafts are not public.
    const draft = await createPetition(p.deps.db, { id: authorId, ip: null }, componentId, { typeId: smallTypeId, title: "A private draft petition", summary: "", body: "Nobody but the author sees this draft yet, at all.", language: "en" });
    if (!draft.ok) throw new Error("draft");
    expect((await p.client().get(`/api/petitions/${draft.value.id}`)).statusCode).toBe(404);
    expect((await p.client().get(`/petitions/${draft.value.id}`)).statusCode).toBe(404);
  });

  it("finds petitions by full-text search in their own language, and filters and sorts", async () => {
    const fr = await p.client().get("/api/petitions?q=arbre");
    const ids = (JSON.parse(fr.body) as { data: Array<{ title: string }> }).data.map((d) => d.title);
    expect(ids).toContain("Plus d’arbres dans les rues de Bruxelles");
    const en = await p.client().get("/api/petitions?q=lane");
    expect((JSON.parse(en.body) as { data: Array<{ title: string }> }).data.some((d) => d.title.includes("cycling lanes") || d.title.includes("Signing rules"))).toBe(true);
    const closed = await p.client().get("/api/petitions?state=closed&sort=newest");
    expect((JSON.parse(closed.body) as { data: Array<{ state: string }> }).data.every((d) => d.state === "closed")).toBe(true);
    const home = await p.client().get("/", { "accept-language": "fr" });
    expect(home.body).toContain('href="/petitions"');
    const page = await p.client().get("/petitions?q=arbres&region=BE-BRU&sort=closing_soon", { "accept-language": "fr" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Plus d’arbres");
  });

  it("exports signatures to the services only, and logs it; invalidation recomputes counts", async () => {
    const id = await publishedPetition("Petition with a signature flood");
    const c = p.client();
    for (const n of [1, 2]) {
      await c.post(`/petitions/${id}/sign`, { name: `Bot ${n}`, email: `bot${n}@flood.example`, birthDate: "1990-01-01", postalCode: "1000" }, { formPage: `/petitions/${id}` });
    }
    await p.deps.db.execute(sql`update petition_signatures set state = 'confirmed', confirmed_at = now() where email_domain = 'flood.example'`);
    await p.deps.db.execute(sql`insert into petition_count_deltas (petition_id, region, delta) values (${id}, 'BE-BRU', 2)`);
    expect((await apiCounts(id)).counts.total).toBe(2);
    const anon = await p.client().get(`/admin/petitions/${id}/signatures.csv`);
    expect([303, 403]).toContain(anon.statusCode);
    const admin = await signIn("admin@pnyx.example", "pnyx-demo-admin");
    const csv = await admin.get(`/admin/petitions/${id}/signatures.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("bot1@flood.example");
    // Streamed through a cursor in batches: a batch of one gives the same rows in the same order.
    const { signaturesCsv } = await import("./presenters");
    const paged: string[] = [];
    for await (const chunk of signaturesCsv(p.deps.pool, id, 1)) paged.push(chunk);
    expect(paged).toHaveLength(3);
    expect(paged.join("")).toBe(csv.body);
    const logged = await p.deps.db.execute(sql`select 1 from audit_log where action = 'petition.signatures.export' and resource_id = ${String(id)}`);
    expect(logged.rows).toHaveLength(1);
    const inv = await admin.post("/admin/petitions/abuse/invalidate", { petitionId: String(id), domain: "flood.example" }, { formPage: "/admin/petitions/abuse" });
    expect(inv.statusCode).toBe(303);
    expect((await apiCounts(id)).counts.total).toBe(0);
    const audit = await p.deps.db.execute<{ after: { invalidated: number } }>(sql`select after from audit_log where action = 'petition.signatures.invalidate' order by id desc limit 1`);
    expect(audit.rows[0]?.after.invalidated).toBe(2);
  });
});

describe("live counts, expiry, verifications and permissions", () => {
  it("publishes live counts on the petition's topic when signatures are folded", async () => {
    const id = await publishedPetition("A petition watched live by its page");
    const events: unknown[] = [];
    const { petitionTopic } = await import("./notify");
    const unsubscribe = p.deps.bus.subscribe(petitionTopic(id), (data) => events.push(data));
    await createUser(p.deps.db, { email: "live@example.org", name: "Liv Live", password: "live password 1", confirmed: true });
    const c = await signIn("live@example.org", "live password 1");
    await c.post(`/petitions/${id}/sign`, { birthDate: "1980-01-01", postalCode: "1000" }, { formPage: `/petitions/${id}` });
    await tick();
    for (let i = 0; i < 40 && !events.some((e) => (e as { kind: string }).kind === "counts"); i++) await new Promise((r) => setTimeout(r, 50));
    unsubscribe();
    const counts = events.find((e) => (e as { kind: string }).kind === "counts") as { total: number; quotas: Array<{ region: string | null; count: number }> };
    expect(counts.total).toBe(1);
    expect(counts.quotas.find((q) => q.region === "BE-BRU")?.count).toBe(1);
    // The page links the stream, and works without it: counts are in the HTML.
    const page = await p.client().get(`/petitions/${id}`);
    expect(page.body).toContain(`data-live="/petitions/${id}/events"`);
    expect(page.body).toMatch(/<progress[^>]*max="3"[^>]*value="1"/);
  });

  it("expires a petition whose signing period ended without reaching the threshold, and refuses signatures", async () => {
    const id = await publishedPetition("A petition that nobody signed in time");
    await p.deps.db.execute(sql`update petitions set signing_ends_at = now() - interval '1 minute' where id = ${id}`);
    const { forgetSigningInfo } = await import("./cache");
    forgetSigningInfo(p.deps.db, id);
    const late = await p.client().post(`/petitions/${id}/sign`, { name: "Late Larry", email: "late@example.org", birthDate: "1980-01-01", postalCode: "1000" }, { formPage: "/users/sign-in" });
    expect(late.statusCode).toBe(422);
    const { expirePetitions } = await import("./counts");
    expect(await expirePetitions(p.deps)).toBeGreaterThanOrEqual(1);
    expect((await apiCounts(id)).state).toBe("expired");
  });

  it("withdraws an anonymous signature through the link in its mail", async () => {
    const id = await publishedPetition("A petition one may leave by mail link");
    const c = p.client();
    await c.post(`/petitions/${id}/sign`, { name: "Wanda Withdraw", email: "wanda@example.org", birthDate: "1980-01-01", postalCode: "1000" }, { formPage: `/petitions/${id}` });
    await tick();
    const mail = await p.smtp.waitFor((m) => m.to.includes("wanda@example.org"));
    await c.get(new URL(firstLink(mail)).pathname);
    expect((await apiCounts(id)).counts.total).toBe(1);
    const withdraw = /https?:\/\/\S+\/withdraw\/\S+/.exec(mail.text)?.[0];
    expect(withdraw).toBeTruthy();
    const path = new URL(withdraw ?? "").pathname;
    const res = await c.post(path, {}, { formPage: path });
    expect(res.statusCode).toBe(303);
    expect((await apiCounts(id)).counts.total).toBe(0);
  });

  it("takes birth date and residence from the age-and-residence verification when the type requires it", async () => {
    const typed = await saveType(p.deps.db, { id: adminId, ip: null }, componentId, null, {
      title: { en: "Verified residents only" },
      threshold: 10,
      regionThresholds: {},
      minAge: 18,
      residenceRegions: ["BE-BRU"],
      signingDays: 30,
      coSponsorsRequired: 0,
      allowWithdrawal: false,
      verification: "age_residence",
      criteria: [],
      reviewDays: 30,
      answerDays: 180,
    });
    if (!typed.ok) throw new Error("type");
    const created = await createPetition(p.deps.db, { id: authorId, ip: null }, componentId, { typeId: typed.value.id, title: "Verified residents petition", summary: "", body: "Only verified adult residents of Brussels may sign this one.", language: "en" });
    if (!created.ok) throw new Error("create");
    const id = created.value.id;
    await transition(p.deps, { id: authorId, ip: null }, id, { to: "submitted" }, "author");
    await transition(p.deps, actor(), id, { to: "under_review" }, "services");
    expect((await transition(p.deps, actor(), id, { to: "published" }, "services")).ok).toBe(true);
    const visitor = p.client();
    expect((await visitor.get(`/petitions/${id}`, { "accept-language": "en" })).body).toContain("Signing this petition needs an account with a verification.");
    const anon = await visitor.post(`/petitions/${id}/sign`, { name: "Anon", email: "anon@example.org", birthDate: "1980-01-01", postalCode: "1000" }, { formPage: "/users/sign-in" });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain("/users/sign-in?return_to=");
    const userId = await createUser(p.deps.db, { email: "resident@example.org", name: "Rita Resident", password: "resident password", confirmed: true, locale: "en" });
    const c = await signIn("resident@example.org", "resident password");
    const unverified = await c.post(`/petitions/${id}/sign`, {}, { formPage: `/petitions/${id}` });
    expect(unverified.statusCode).toBe(422);
    expect(unverified.body).toContain("requires a verified age and residence");
    const { declareAgeResidence } = await import("../../core/verifications/age-residence");
    expect((await declareAgeResidence(p.deps.db, userId, { birthDate: "1975-05-05", country: "BE", postalCode: "1040" })).ok).toBe(true);
    const signed = await c.post(`/petitions/${id}/sign`, {}, { formPage: `/petitions/${id}` });
    expect(signed.statusCode).toBe(303);
    expect((await apiCounts(id)).counts.byRegion["BE-BRU"]?.online).toBe(1);
    // No withdrawal for this type.
    const out = await c.post(`/petitions/${id}/unsign`, {}, { formPage: `/petitions/${id}` });
    expect(out.statusCode).toBe(422);
  });

  it("keeps the back office to the services: 403 for other signed-in people", async () => {
    const id = await publishedPetition("A petition for the permission test");
    await createUser(p.deps.db, { email: "nosy@example.org", name: "Nosy", password: "nosy password 1", confirmed: true });
    const c = await signIn("nosy@example.org", "nosy password 1");
    expect((await c.get(`/admin/petitions/${id}`)).statusCode).toBe(403);
    expect((await c.get(`/admin/petitions/${id}/signatures.csv`)).statusCode).toBe(403);
    expect((await c.get("/admin/petitions")).statusCode).toBe(403);
    const admin = await signIn("admin@pnyx.example", "pnyx-demo-admin");
    const queue = await admin.get("/admin/petitions", { "accept-language": "en" });
    expect(queue.statusCode).toBe(200);
    const manage = await admin.get(`/admin/petitions/${id}`);
    expect(manage.statusCode).toBe(200);
  });
});

describe("petition types in the back office", () => {
  it("creates a type with regional quotas, residence and criteria from the form, audited", async () => {
    const admin = await signIn("admin@pnyx.example", "pnyx-demo-admin");
    const form = `/admin/petitions/types/new?component=${componentId}`;
    const bad = await admin.post(form, { "title.en": "", threshold: "" }, { formPage: form });
    expect(bad.statusCode).toBe(422);
    const res = await admin.post(
      form,
      {
        "title.en": "Flemish Parliament petition",
        "title.nl": "Verzoekschrift aan het Vlaams Parlement",
        threshold: "15000",
        "quota.BE-VLG": "15000",
        minAge: "16",
        residence: ["BE-VLG", "BE-BRU"],
        signingDays: "120",
        coSponsorsRequired: "2",
        allowWithdrawal: "on",
        verification: "email",
        signerFields: ["name", "birthDate", "postalCode"],
        criteria: "Within the Flemish competence\nNot defamatory",
        reviewDays: "30",
        answerDays: "90",
      },
      { formPage: form },
    );
    expect(res.statusCode).toBe(303);
    const rows = await p.deps.db.execute<{ id: string; region_thresholds: Record<string, number>; residence_regions: string[]; criteria: Array<{ key: string }>; co_sponsors_required: number }>(
      sql`select id, region_thresholds, residence_regions, criteria, co_sponsors_required from petition_types where title->>'en' = 'Flemish Parliament petition'`,
    );
    const row = rows.rows[0];
    expect(row?.region_thresholds).toEqual({ "BE-VLG": 15000 });
    expect(row?.residence_regions).toEqual(["BE-VLG", "BE-BRU"]);
    expect(row?.criteria.map((c) => c.key)).toEqual(["within-the-flemish-competence", "not-defamatory"]);
    expect(row?.co_sponsors_required).toBe(2);
    const audited = await p.deps.db.execute(sql`select 1 from audit_log where action = 'petition_type.create' and resource_id = ${row?.id ?? ""}`);
    expect(audited.rows).toHaveLength(1);
    const list = await admin.get("/admin/petitions/types", { "accept-language": "en" });
    expect(list.body).toContain("Flemish Parliament petition");
    expect(list.body).toContain("Petition to the Belgian House of Representatives");
  });
});
