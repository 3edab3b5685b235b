/**
 * The deliberative-committee road: a citizens' suggestion at its threshold awaits the parliament's
 * decision; accepting it creates the committee's assembly (a draw and a recommendations component,
 * linked both ways); refusing it publishes reasons and keeps its author from submitting another of the
 * type for the delay; the follow-up report's due date stays within 6 to 9 months of the
 * recommendations, is shown publicly (overdue marked), and the staff are reminded once per stage.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createUser } from "../../core/accounts/users";
import { DEMO_ADMIN, seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { addMonths, followUpWindow, sendFollowUpReminders, setFollowUpDue } from "./follow-up";
import { runPetitionTick } from "./counts";
import { BRUSSELS_PARLIAMENT, DEMO_SUGGESTION } from "./seeds";
import { saveType, type TypeValues } from "./types-service";
import { addPaperSignatures, createPetition, transition } from "./workflow";

let p: TestPlatform;
let componentId: number;
let authorId: number;
let admin: { client: TestClient; userId: number; email: string };
let suggestionType: number;
let petitionType: number;

/** The Brussels Parliament's rules with a threshold a test reaches, open to anyone. */
const base: TypeValues = { ...BRUSSELS_PARLIAMENT, title: { en: "Committee suggestion", fr: "Suggestion de commission" }, threshold: 5, regionThresholds: {}, residenceRegions: [], signingDays: 30, criteria: [] };

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const c = await p.deps.db.execute<{ id: string }>(sql`select id from components where manifest = 'petitions' limit 1`);
  componentId = Number(c.rows[0]?.id);
  admin = await signedInClient(p, { isAdmin: true, email: "committee-admin@example.org" });
  authorId = await createUser(p.deps.db, { email: "suggestion-author@example.org", name: "Sam Author", password: "correct horse battery", confirmed: true, locale: "en" });
  const committeeType = await saveType(p.deps.db, { id: admin.userId, ip: null }, componentId, null, { ...base, committee: { drawnSeats: 45, electedSeats: 15, resubmissionMonths: 12 } });
  const plainType = await saveType(p.deps.db, { id: admin.userId, ip: null }, componentId, null, { ...base, title: { en: "Plain petition", fr: "Pétition simple", nl: "Gewone petitie", de: "Einfache Petition" } });
  if (!committeeType.ok || !plainType.ok) throw new Error("types refused");
  suggestionType = committeeType.value.id;
  petitionType = plainType.value.id;
}, 120_000);
afterAll(() => p.stop());

async function draft(typeId: number, title: string, author = authorId) {
  return createPetition(p.deps.db, { id: author, ip: null }, componentId, { typeId, title, summary: "A summary.", body: "A suggestion body long enough to be accepted by the form rules.", language: "en" });
}

/** A suggestion published then signed past its threshold (paper signatures), the tick having run. */
async function pastThreshold(title: string, author = authorId): Promise<number> {
  const created = await draft(suggestionType, title, author);
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const id = created.value.id;
  for (const [to, by] of [["submitted", "author"], ["under_review", "services"], ["published", "services"]] as const) {
    const moved = await transition(p.deps, { id: by === "author" ? author : admin.userId, ip: null }, id, { to }, by);
    if (!moved.ok) throw new Error(`${to}: ${JSON.stringify(moved.errors)}`);
  }
  const paper = await addPaperSignatures(p.deps.db, { id: admin.userId, ip: null }, id, "BE-BRU", 6);
  if (!paper.ok) throw new Error("paper refused");
  // The tick folds the journal and checks thresholds; the platform's own job may have done it first.
  await runPetitionTick(p.deps, { expire: false });
  return id;
}

const stateOf = async (id: number) => (await p.deps.db.execute<{ state: string }>(sql`select state from petitions where id = ${id}`)).rows[0]?.state;

describe("the type form", () => {
  it("makes a type a citizens' suggestion with its committee and delay, keeps what was typed when refused, and reads it back", async () => {
    const form = `/admin/petitions/types/new?component=${componentId}`;
    const fields = {
      "title.en": "Suggestion for a committee",
      threshold: "1000",
      minAge: "16",
      residence: ["BE-BRU"],
      signingDays: "90",
      coSponsorsRequired: "0",
      verification: "email",
      signerFields: ["name", "birthDate", "postalCode"],
      criteria: "",
      reviewDays: "30",
      answerDays: "180",
      committee: "on",
      drawnSeats: "0",
      electedSeats: "15",
      resubmissionMonths: "12",
    };
    const bad = await admin.client.post(form, fields, { formPage: form });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('name="drawnSeats"');
    expect(bad.body).toMatch(/name="committee"[^>]*checked/);
    const res = await admin.client.post(form, { ...fields, drawnSeats: "30", electedSeats: "10", resubmissionMonths: "6" }, { formPage: form });
    expect(res.statusCode).toBe(303);
    const row = (await p.deps.db.execute<{ id: string; committee: unknown }>(sql`select id, committee from petition_types where title->>'en' = 'Suggestion for a committee'`)).rows[0];
    expect(row?.committee).toEqual({ drawnSeats: 30, electedSeats: 10, resubmissionMonths: 6 });
    const edit = await admin.client.get(`/admin/petitions/types/${row?.id}`);
    expect(edit.body).toContain("Citizens’ suggestion for a deliberative committee");
    expect(edit.body).toMatch(/name="drawnSeats"[^>]*value="30"|value="30"[^>]*name="drawnSeats"/);
    expect((await admin.client.get("/admin/petitions/types")).body).toContain("suggestion for a deliberative committee");
    // Unticked, the same type is a petition again.
    const unticked = Object.fromEntries(Object.entries({ ...fields, drawnSeats: "30" }).filter(([k]) => k !== "committee"));
    const plain = await admin.client.post(`/admin/petitions/types/${row?.id}`, unticked, { formPage: `/admin/petitions/types/${row?.id}` });
    expect(plain.statusCode).toBe(303);
    expect((await p.deps.db.execute<{ committee: unknown }>(sql`select committee from petition_types where id = ${row?.id}`)).rows[0]?.committee).toBeNull();
  });
});

describe("a citizens' suggestion at its threshold", () => {
  it("awaits the parliament's decision, on its page and its timeline, and cannot be accepted by a plain transition", async () => {
    const id = await pastThreshold("Quieter nights");
    expect(await stateOf(id)).toBe("awaiting_decision");
    const events = await p.deps.db.execute<{ to_state: string }>(sql`select to_state from petition_events where petition_id = ${id} order by id`);
    expect(events.rows.map((e) => e.to_state).slice(-2)).toEqual(["published", "awaiting_decision"]);
    const page = await (await englishClient(p)).get(`/petitions/${id}`);
    expect(page.body).toContain("This suggestion reached its threshold and awaits the parliament’s decision.");
    expect(page.body).toMatch(/<li><time[^>]*>[^<]*<\/time>: Awaiting the parliament’s decision<\/li>/);
    // The generic transition form cannot skip the decision (it would create no committee).
    const form = `/admin/petitions/${id}`;
    const direct = await admin.client.post(`/admin/petitions/${id}/transition`, { to: "accepted" }, { formPage: form });
    expect(direct.statusCode).toBe(422);
    expect(await stateOf(id)).toBe("awaiting_decision");
    // The back office offers the decision, and lists the suggestion under "Awaiting decision".
    const manage = await admin.client.get(form);
    expect(manage.body).toContain(`action="/admin/petitions/${id}/decision/accept"`);
    expect(manage.body).toContain('value="committee-quieter-nights"');
    expect((await admin.client.get("/admin/petitions?tab=decide")).body).toContain(`href="/admin/petitions/${id}"`);
  });

  it("the demo's suggestion awaits the decision with its signatures past the threshold", async () => {
    const r = await p.deps.db.execute<{ id: string; state: string }>(sql`select id, state from petitions where title = ${DEMO_SUGGESTION}`);
    expect(r.rows[0]?.state).toBe("awaiting_decision");
    const page = await (await englishClient(p)).get(`/petitions/${r.rows[0]?.id}`);
    expect(page.body).toContain("1,043");
  });
});

describe("the parliament accepts a suggestion", () => {
  it("creates the committee's assembly with its draw and recommendations components, linked both ways, audited", async () => {
    const id = await pastThreshold("Air quality near schools");
    const form = `/admin/petitions/${id}`;
    const accepted = await admin.client.post(`/admin/petitions/${id}/decision/accept`, { title: "Committee on air quality", slug: "committee-quieter-nights-x", note: "" }, { formPage: form });
    expect(accepted.statusCode).toBe(303);
    // Another suggestion asking for the same address comes back with the form as typed, and nothing is created.
    const second = await pastThreshold("Air quality again");
    const refused = await admin.client.post(`/admin/petitions/${second}/decision/accept`, { title: "Another committee", slug: "committee-quieter-nights-x", note: "" }, { formPage: `/admin/petitions/${second}` });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Another committee");
    expect(await stateOf(second)).toBe("awaiting_decision");
    expect((await p.deps.db.execute(sql`select 1 from petition_committees where petition_id = ${second}`)).rows).toHaveLength(0);

    expect(await stateOf(id)).toBe("accepted");
    const space = await p.deps.db.execute<{ id: string; slug: string; type: string; published: boolean; transparent: boolean }>(
      sql`select s.id, s.slug, s.type, s.published_at is not null as published, s.is_transparent as transparent from spaces s join petition_committees c on c.space_id = s.id where c.petition_id = ${id}`,
    );
    const s = space.rows[0];
    expect(s).toMatchObject({ slug: "committee-quieter-nights-x", type: "assembly", published: true, transparent: true });
    const comps = await p.deps.db.execute<{ id: string; manifest: string; published: boolean }>(sql`select id, manifest, published_at is not null as published from components where space_id = ${s?.id} order by weight`);
    expect(comps.rows.map((c) => [c.manifest, c.published])).toEqual([
      ["sortition", true],
      ["proposals", true],
    ]);
    const visitor = await englishClient(p);
    const page = await visitor.get(`/petitions/${id}`);
    expect(page.body).toContain('href="/assemblies/committee-quieter-nights-x"');
    expect(page.body).toContain("a deliberative committee of 45 citizens drawn by lot and 15 members of parliament");
    expect(page.body).toContain("Seated so far: 0 of 45 citizens drawn by lot, 0 of 15 members of parliament.");
    expect(page.body).toContain(`href="/spaces/committee-quieter-nights-x/c/${comps.rows[1]?.id}"`);
    const assembly = await visitor.get("/assemblies/committee-quieter-nights-x");
    expect(assembly.statusCode).toBe(200);
    expect(assembly.body).toContain(`href="/petitions/${id}"`);
    expect(assembly.body).toContain("45 citizens drawn by lot and 15 members of parliament.");
    const audits = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'petition' and resource_id = ${String(id)} and action like 'petition.%' order by id`);
    expect(audits.rows.map((a) => a.action)).toEqual(expect.arrayContaining(["petition.transition.accepted", "petition.committee.accepted"]));
  });
});

describe("the parliament refuses a suggestion", () => {
  it("publishes its reasons and keeps its author from submitting another of the type for 12 months", async () => {
    const id = await pastThreshold("Night buses");
    const form = `/admin/petitions/${id}`;
    const empty = await admin.client.post(`/admin/petitions/${id}/decision/refuse`, { reasons: " " }, { formPage: form });
    expect(empty.statusCode).toBe(422);
    const done = await admin.client.post(`/admin/petitions/${id}/decision/refuse`, { reasons: "The mobility committee is already examining night transport." }, { formPage: form });
    expect(done.statusCode).toBe(303);
    expect(await stateOf(id)).toBe("refused");
    const page = await (await englishClient(p)).get(`/petitions/${id}`);
    expect(page.body).toContain("Why the parliament refused");
    expect(page.body).toContain("The mobility committee is already examining night transport.");

    const again = await draft(suggestionType, "Night buses, again");
    if (!again.ok) throw new Error("draft refused");
    const submitted = await transition(p.deps, { id: authorId, ip: null }, again.value.id, { to: "submitted" }, "author");
    const until = addMonths(today(), 12);
    expect(!submitted.ok && submitted.errors._form).toEqual({ key: "petitions.committee.resubmitTooSoon", values: { refused: today(), date: until } });
    // The author sees it in words, with the date, when submitting from the page.
    const author = await englishClient(p);
    await author.post("/users/sign-in", { email: "suggestion-author@example.org", password: "correct horse battery" }, { formPage: "/users/sign-in" });
    const res = await author.post(`/petitions/${again.value.id}/author-transition`, { to: "submitted" }, { formPage: `/petitions/${again.value.id}` });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`you may submit a new one from ${until}.`);
    // A petition of another type is not held back.
    const other = await draft(petitionType, "Benches in parks");
    if (!other.ok) throw new Error("draft refused");
    expect((await transition(p.deps, { id: authorId, ip: null }, other.value.id, { to: "submitted" }, "author")).ok).toBe(true);
  });
});

describe("the follow-up report", () => {
  let id: number;
  beforeAll(async () => {
    // Another author: the first one's refused suggestion holds them back for a year.
    const other = await createUser(p.deps.db, { email: "housing-author@example.org", name: "Hal Author", password: "correct horse battery", confirmed: true, locale: "en" });
    id = await pastThreshold("Housing costs", other);
    const done = await admin.client.post(`/admin/petitions/${id}/decision/accept`, { title: "Committee on housing", slug: "committee-housing", note: "" }, { formPage: `/admin/petitions/${id}` });
    expect(done.statusCode).toBe(303);
  });

  it("is due 6 to 9 months after the recommendations, no earlier and no later", async () => {
    const form = `/admin/petitions/${id}`;
    const early = await admin.client.post(`/admin/petitions/${id}/follow-up`, { recommendationsAt: "2027-01-31", reportDueAt: "2027-07-30" }, { formPage: form });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain("The due date must fall between 2027-07-31 and 2027-10-31");
    expect(early.body).toContain('value="2027-07-30"');
    const late = await setFollowUpDue(p.deps.db, { id: admin.userId, ip: null }, id, { recommendationsAt: "2027-01-31", reportDueAt: "2027-11-01" });
    expect(late.ok).toBe(false);
    expect(followUpWindow("2026-08-31")).toEqual({ from: "2027-02-28", to: "2027-05-31" });
    const ok = await admin.client.post(`/admin/petitions/${id}/follow-up`, { recommendationsAt: "2027-01-31", reportDueAt: "2027-10-31" }, { formPage: form });
    expect(ok.statusCode).toBe(303);
    const page = await (await englishClient(p)).get(`/petitions/${id}`);
    expect(page.body).toContain("The members of parliament’s follow-up report is due by October 31, 2027.");
    expect(page.body).not.toContain("Overdue");
  });

  it("reminds the staff 30 and 7 days before and once overdue, each once, over SMTP; the page marks it overdue", async () => {
    // The demo's administrator reads English (an administrator without a language of their own gets the organization's).
    const subject = (s: string) => (m: { to: string[]; subject: string }) => m.to.includes(DEMO_ADMIN.email) && m.subject === s;
    const set = async (dueIn: number) => {
      const due = daysFromToday(dueIn);
      const r = await setFollowUpDue(p.deps.db, { id: admin.userId, ip: null }, id, { recommendationsAt: addMonths(due, -7), reportDueAt: due });
      expect(r.ok).toBe(true);
    };
    await set(20);
    await sendFollowUpReminders(p.deps);
    await p.smtp.waitFor(subject("Follow-up report of “Housing costs” due in 20 days"));
    await p.smtp.waitFor((m) => m.to.includes(admin.email) && m.subject === "Rapport de suivi de « Housing costs » attendu dans 20 jours");
    // Run again (the hourly job may also run meanwhile): nothing more for this stage.
    expect(await sendFollowUpReminders(p.deps)).toBe(0);

    await set(5);
    await sendFollowUpReminders(p.deps);
    await p.smtp.waitFor(subject("Follow-up report of “Housing costs” due in 5 days"));
    expect(await sendFollowUpReminders(p.deps)).toBe(0);

    await set(-1);
    await sendFollowUpReminders(p.deps);
    const overdue = await p.smtp.waitFor(subject("Overdue: the follow-up report of “Housing costs”"));
    expect(overdue.text).toContain(`/admin/petitions/${id}`);
    expect(await sendFollowUpReminders(p.deps)).toBe(0);
    // Each stage reached the administrator once (a second one would have been queued before the next stage's).
    for (const s of ["Follow-up report of “Housing costs” due in 20 days", "Follow-up report of “Housing costs” due in 5 days", "Overdue: the follow-up report of “Housing costs”"]) {
      expect(p.smtp.messages.filter(subject(s))).toHaveLength(1);
    }

    const page = await (await englishClient(p)).get(`/petitions/${id}`);
    expect(page.body).toContain("<strong>Overdue</strong>");
    // Once the report is recorded, it is public and nothing is overdue any more.
    const published = await admin.client.post(`/admin/petitions/${id}/follow-up/report`, { reportBody: "Of the 12 recommendations, 8 are carried out.", reportUrl: "https://parlement.brussels/report.pdf" }, { formPage: `/admin/petitions/${id}` });
    expect(published.statusCode).toBe(303);
    const after = await (await englishClient(p)).get(`/petitions/${id}`);
    expect(after.body).toContain("Of the 12 recommendations, 8 are carried out.");
    expect(after.body).toContain('href="https://parlement.brussels/report.pdf"');
    expect(after.body).not.toContain("<strong>Overdue</strong>");
    const audits = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where resource_id = ${String(id)} and action in ('petition.follow_up.due', 'petition.follow_up.report')`);
    expect(audits.rows[0]?.n).toBeGreaterThanOrEqual(5);
  });
});
