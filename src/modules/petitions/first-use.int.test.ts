/** What a new user met on the petition pages: paragraphs, type names, the review screen, signing twice, numbers. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, pathOf, signedInClient } from "../../core/accounts/testing";
import { createUser } from "../../core/accounts/users";
import { pauseMailRelay } from "../../core/mail/outbox";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { firstLink } from "../../test/smtp";
import { runPetitionTick } from "./counts";
import { detailsJson } from "./presenters";
import { loadPetition } from "./queries";
import { saveType } from "./types-service";
import { addPaperSignatures, assessCriterion, createPetition, transition } from "./workflow";

let p: TestPlatform;
let componentId: number;
let typeId: number;
let adminId: number;
let authorId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const c = await p.deps.db.execute<{ id: string }>(sql`select id from components where manifest = 'petitions' order by id limit 1`);
  componentId = Number(c.rows[0]?.id);
  const admin = await p.deps.db.execute<{ id: string }>(sql`select id from users where is_admin limit 1`);
  adminId = Number(admin.rows[0]?.id);
  authorId = await createUser(p.deps.db, { email: "first-author@example.org", name: "Fay First", password: "correct horse battery", confirmed: true, locale: "en" });
  const type = await saveType(p.deps.db, { id: adminId, ip: null }, componentId, null, {
    // Stored German first: the back office used to show whichever language came first.
    title: { de: "Kleine Petition", en: "Small petition", fr: "Petite pétition" },
    threshold: 3,
    regionThresholds: {},
    minAge: 16,
    residenceRegions: [],
    signingDays: 30,
    coSponsorsRequired: 0,
    allowWithdrawal: true,
    verification: "email",
    criteria: [{ key: "competence", label: { en: "Within competence" } }],
    reviewDays: 30,
    answerDays: 180,
  });
  if (!type.ok) throw new Error("type");
  typeId = type.value.id;
}, 120_000);
afterAll(() => p.stop());

const actor = () => ({ id: adminId, ip: "127.0.0.1" });
const BODY = "We ask for more benches.\r\nIn every park.\r\n\r\nOld people <b>need</b> to sit.\r\n\r\n\r\nThat is all.";

async function submittedPetition(title: string): Promise<number> {
  const created = await createPetition(p.deps.db, { id: authorId, ip: null }, componentId, { typeId, title, summary: "Benches.\r\n\r\nEverywhere.", body: BODY, language: "en" });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  expect((await transition(p.deps, { id: authorId, ip: null }, created.value.id, { to: "submitted" }, "author")).ok).toBe(true);
  return created.value.id;
}

async function publishedPetition(title: string): Promise<number> {
  const id = await submittedPetition(title);
  expect((await transition(p.deps, actor(), id, { to: "under_review" }, "services")).ok).toBe(true);
  expect((await assessCriterion(p.deps.db, { id: adminId, ip: null }, id, "competence", true, "")).ok).toBe(true);
  expect((await transition(p.deps, actor(), id, { to: "published" }, "services")).ok).toBe(true);
  return id;
}

const flashOf = (res: { cookies: Array<{ name: string; value: string }> }) => res.cookies.find((c) => c.name === "pnyx_flash")?.value;

describe("a petition's page", () => {
  it("keeps the paragraphs and line breaks of the text, escaped", async () => {
    const id = await publishedPetition("More benches in the parks, please");
    const page = await (await englishClient(p)).get(`/petitions/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<p>We ask for more benches.<br/>In every park.</p><p>Old people &lt;b>need&lt;/b> to sit.</p><p>That is all.</p>");
  });

  it("writes numbers with the reader's thousands separator", async () => {
    const id = await publishedPetition("A petition signed on paper by many");
    expect((await addPaperSignatures(p.deps.db, { id: adminId, ip: null }, id, "BE-BRU", 35498)).ok).toBe(true);
    await runPetitionTick(p.deps);
    const en = await (await englishClient(p)).get(`/petitions/${id}`);
    expect(en.body).toContain("On paper: 35,498");
    const de = await p.client().get(`/petitions/${id}`, { "accept-language": "de" });
    expect(de.body).toContain("Auf Papier: 35.498");
  });
});

describe("the back office", () => {
  it("names components and types in the reader's language", async () => {
    await p.deps.db.execute(sql`update components set name = ${JSON.stringify({ de: "Petitionen", en: "Petitions", fr: "Pétitions" })}::jsonb where id = ${componentId}`);
    const { client } = await signedInClient(p, { isAdmin: true });
    const page = await client.get("/admin/petitions/types");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`#${componentId} <span>Petitions</span>`);
    expect(page.body).not.toContain("Petitionen");
    expect(page.body).toContain(">Small petition</a> (3 signatures, aged 16+)");
  });

  it("shows the petition's text on the review screen and offers the criteria only while they can be saved", async () => {
    const id = await submittedPetition("Benches for the review screen");
    const { client } = await signedInClient(p, { isAdmin: true });
    const submitted = await client.get(`/admin/petitions/${id}`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.body).toContain("<p>We ask for more benches.<br/>In every park.</p>");
    expect(submitted.body).toContain("<p>Benches.</p><p>Everywhere.</p>");
    expect(submitted.body).not.toContain(`/admin/petitions/${id}/assess/`);
    expect(submitted.body).toContain("Criteria are assessed while the petition is under review.");
    expect((await transition(p.deps, actor(), id, { to: "under_review" }, "services")).ok).toBe(true);
    const review = await client.get(`/admin/petitions/${id}`);
    expect(review.body).toContain(`action="/admin/petitions/${id}/assess/competence"`);
    const saved = await client.post(`/admin/petitions/${id}/assess/competence`, { met: "met", note_competence: "Regional matter" }, { formPage: `/admin/petitions/${id}` });
    expect(saved.statusCode).toBe(303);
    expect((await transition(p.deps, actor(), id, { to: "published" }, "services")).ok).toBe(true);
    const published = await client.get(`/admin/petitions/${id}`);
    expect(published.body).not.toContain(`/admin/petitions/${id}/assess/`);
    expect(published.body).toContain("Within competence</span>: Met (Regional matter)");
  });

  it("names the type in the reader's language in the API's details", async () => {
    const id = await publishedPetition("Benches in the API details");
    const details = await loadPetition(p.deps.db, id);
    if (!details) throw new Error("petition");
    expect(detailsJson("http://pnyx.test", details, { locale: "fr", fallback: "fr" }).type.name).toBe("Petite pétition");
    expect(detailsJson("http://pnyx.test", details, { locale: "nl", fallback: "de" }).type.name).toBe("Kleine Petition");
    expect(detailsJson("http://pnyx.test", details).type.name).toBe("Small petition"); // the petition's own language
  });
});

describe("signing twice", () => {
  let id: number;
  beforeAll(async () => {
    id = await publishedPetition("Benches that people sign twice");
  });

  const sign = (c: TestClient, email: string) => c.post(`/petitions/${id}/sign`, { name: "Sam Signer", email, birthDate: "1980-01-01", postalCode: "1000" }, { formPage: `/petitions/${id}` });

  it("answers as for a new signature and tells the address by mail, in the signer's language", async () => {
    const first = await englishClient(p);
    const fresh = await sign(first, "sam@example.org");
    expect(fresh.statusCode).toBe(303);
    await runPetitionTick(p.deps);
    const confirm = await p.smtp.waitFor((m) => m.to.includes("sam@example.org") && m.subject.startsWith("Confirm your signature"));
    await first.get(pathOf(firstLink(confirm)));
    // Someone else, not signed in, tries the same address: the same answer as for a new one.
    const other = await englishClient(p);
    const again = await sign(other, "Sam@Example.org");
    const brandNew = await sign(await englishClient(p), "someone-new@example.org");
    expect(again.statusCode).toBe(brandNew.statusCode);
    expect(again.headers.location).toBe(brandNew.headers.location);
    expect(flashOf(again)).toBe(flashOf(brandNew));
    expect((await other.get(`/petitions/${id}`)).body).toContain("Almost done: open the link we sent to your email address");
    await runPetitionTick(p.deps);
    const mail = await p.smtp.waitFor((m) => m.to.includes("sam@example.org") && m.subject === "Your signature: Benches that people sign twice");
    expect(mail.text).toContain("This address has already signed it and its signature counts");
    expect(mail.text).toContain(`/petitions/${id}`);
    // In French for a French signer.
    await sign(p.client(), "sam@example.org");
    await runPetitionTick(p.deps);
    await p.smtp.waitFor((m) => m.to.includes("sam@example.org") && m.subject === "Votre signature : Benches that people sign twice");
    // The mails about one signature are limited (three in all): a fourth try queues nothing more
    // (the background relay held back, so a queued mail would still be in the outbox).
    pauseMailRelay(true);
    try {
      expect((await sign(p.client(), "sam@example.org")).statusCode).toBe(303);
      const queued = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from mail_outbox where "to" ilike 'sam@example.org'`);
      expect(queued.rows[0]?.n).toBe(0);
    } finally {
      pauseMailRelay(false);
    }
  });

  it("still tells the address's owner, signed in, that they already signed", async () => {
    const { client, email } = await signedInClient(p);
    expect((await sign(client, email)).statusCode).toBe(303);
    const again = await sign(client, email);
    expect(again.statusCode).toBe(303);
    expect((await client.get(`/petitions/${id}`)).body).toContain("You have already signed this petition.");
  });
});
