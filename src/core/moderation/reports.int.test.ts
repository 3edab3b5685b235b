/**
 * Reporting as a participant: the form and its validation, one report per person, hidden after the
 * organization's threshold of reports from different people (concurrent reports counted once each),
 * comments hidden like resources.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { report } from "./service";
import { resolveTarget } from "./targets";
import { buildWorld, type World } from "./testing";

let p: TestPlatform;
let w: World;
let authorId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  w = await buildWorld(p);
  authorId = (await signedInClient(p)).userId;
}, 60_000);
afterAll(() => p.stop());

const reportOf = async (type: string, id: number) =>
  (await p.deps.db.execute<{ report_count: number; hidden: boolean }>(sql`select report_count, hidden_at is not null as hidden from moderations where resource_type = ${type} and resource_id = ${id}`)).rows[0];

/** Reports as a new signed-in person through the form; returns the response. */
async function reportAs(type: string, id: number, fields: Record<string, string> = { reason: "spam" }) {
  const person = await signedInClient(p);
  const res = await person.client.post("/reports", { resourceType: type, resourceId: String(id), ...fields }, { formPage: `/reports/new?resourceType=${type}&resourceId=${id}` });
  return { person, res };
}

describe("reporting", () => {
  it("offers the form to signed-in people only, for things they may see", async () => {
    const note = w.addNote("a", authorId);
    const anonymous = await englishClient(p);
    const signIn = await anonymous.get(`/reports/new?resourceType=note&resourceId=${note}`);
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toContain("/users/sign-in?return_to=");
    const { client } = await signedInClient(p);
    const page = await client.get(`/reports/new?resourceType=note&resourceId=${note}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Why do you report this?");
    expect(page.body).toContain('value="does_not_belong"');
    expect(page.body).toContain(`href="/notes/${note}"`);
    expect((await client.get("/reports/new?resourceType=note&resourceId=999999")).statusCode).toBe(404);
    expect((await client.get(`/reports/new?resourceType=nothing&resourceId=${note}`)).statusCode).toBe(404);
    expect((await client.get("/reports/new?resourceType=%3Cscript%3E&resourceId=1")).statusCode).toBe(404);
  });

  it("requires a reason, and words for “other”, bounded", async () => {
    const note = w.addNote("a", authorId);
    const none = await reportAs("note", note, {});
    expect(none.res.statusCode).toBe(422);
    expect(none.res.body).toContain("Choose a reason");
    expect(none.res.body).toContain('href="#field-reason"');
    const bogus = await reportAs("note", note, { reason: "boring" });
    expect(bogus.res.statusCode).toBe(422);
    const other = await reportAs("note", note, { reason: "other" });
    expect(other.res.statusCode).toBe(422);
    expect(other.res.body).toContain("Say what is wrong when you choose “Other”");
    // The choice is kept.
    expect(other.res.body).toMatch(/value="other" checked/);
    const long = await reportAs("note", note, { reason: "other", details: "x".repeat(1001) });
    expect(long.res.statusCode).toBe(422);
    expect(long.res.body).toContain("1000");
    // Nothing was recorded by the refused forms.
    expect(await reportOf("note", note)).toBeUndefined();
    const fine = await reportAs("note", note, { reason: "other", details: "Advertises a <b>shop</b>" });
    expect(fine.res.statusCode).toBe(303);
    expect(fine.res.headers.location).toBe(`/notes/${note}`);
    const stored = await p.deps.db.execute<{ reason: string; details: string }>(sql`select reason, details from reports order by id desc limit 1`);
    expect(stored.rows[0]).toEqual({ reason: "other", details: "Advertises a <b>shop</b>" });
  });

  it("takes one report per person, and says so politely", async () => {
    const note = w.addNote("a", authorId);
    const first = await reportAs("note", note);
    expect(first.res.statusCode).toBe(303);
    const again = await first.person.client.post("/reports", { resourceType: "note", resourceId: String(note), reason: "offensive" }, { formPage: `/reports/new?resourceType=note&resourceId=${note}` });
    expect(again.statusCode).toBe(303);
    const landing = await first.person.client.get(`/reports/new?resourceType=note&resourceId=${note}`);
    expect(landing.body).toContain("You have already reported this.");
    expect(landing.body).not.toContain("Send the report");
    expect(await reportOf("note", note)).toEqual({ report_count: 1, hidden: false });
  });

  it("hides a thing after three reports from different people, not three from the same", async () => {
    const note = w.addNote("a", authorId, "Buy cheap watches");
    const one = await reportAs("note", note);
    for (let i = 0; i < 2; i++) await one.person.client.post("/reports", { resourceType: "note", resourceId: String(note), reason: "spam" }, { formPage: `/reports/new?resourceType=note&resourceId=${note}` });
    await reportAs("note", note);
    expect(await reportOf("note", note)).toEqual({ report_count: 2, hidden: false });
    expect(w.hidden(note)).toBe(false);
    const third = await reportAs("note", note, { reason: "offensive" });
    // Hidden now: the reporter no longer sees it and goes home.
    expect(third.res.headers.location).toBe("/");
    expect(await reportOf("note", note)).toEqual({ report_count: 3, hidden: true });
    expect(w.hidden(note)).toBe(true);
    const fourth = await signedInClient(p);
    expect((await fourth.client.get(`/reports/new?resourceType=note&resourceId=${note}`)).statusCode).toBe(404);
    // Its author still sees it; the decision is in the audit log.
    expect(await resolveTarget(p.deps.db, { type: "note", id: note }, { id: authorId, email: "", name: "", isAdmin: false, emailConfirmed: true, locale: "en" })).not.toBeNull();
    const audited = await p.deps.db.execute<{ action: string; actor_id: string | null; after: { reports: number; threshold: number } }>(sql`select action, actor_id, after from audit_log where resource_type = 'note' and resource_id = ${String(note)}`);
    expect(audited.rows).toEqual([{ action: "moderation.auto_hide", actor_id: null, after: { hidden: true, reports: 3, threshold: 3 } }]);
  });

  it("follows the organization's threshold, lower or higher", async () => {
    try {
      await w.setThreshold(1);
      const low = w.addNote("a", authorId);
      await reportAs("note", low);
      expect(w.hidden(low)).toBe(true);
      await w.setThreshold(5);
      const high = w.addNote("a", authorId);
      for (let i = 0; i < 4; i++) await reportAs("note", high);
      expect(await reportOf("note", high)).toEqual({ report_count: 4, hidden: false });
      await reportAs("note", high);
      expect(await reportOf("note", high)).toEqual({ report_count: 5, hidden: true });
    } finally {
      await w.setThreshold(3);
    }
  });

  it("takes the threshold from the organization's settings page", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const page = await admin.client.get("/admin/organization");
    expect(page.body).toContain("Reports before hiding");
    expect(page.body).toMatch(/name="reportThreshold" type="number" value="3"/);
    const settings = { name_en: "Test city", defaultLocale: "en", availableLocales: ["en", "fr"], host: "participation.example.org" };
    const bad = await admin.client.post("/admin/organization", { ...settings, reportThreshold: "0" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/name="reportThreshold" type="number" value="0"/);
    try {
      expect((await admin.client.post("/admin/organization", { ...settings, reportThreshold: "2" })).statusCode).toBe(303);
      const note = w.addNote("a", authorId);
      await reportAs("note", note);
      await reportAs("note", note);
      expect(w.hidden(note)).toBe(true);
      // Saving the page without the field keeps it.
      expect((await admin.client.post("/admin/organization", settings)).statusCode).toBe(303);
      const row = await p.deps.db.execute<{ n: number }>(sql`select report_threshold as n from organizations where id = 1`);
      expect(row.rows[0]?.n).toBe(2);
    } finally {
      await w.setThreshold(3);
    }
  });

  it("counts reports sent at the same moment once each, and hides once", async () => {
    const note = w.addNote("b", authorId);
    const target = (await resolveTarget(p.deps.db, { type: "note", id: note }, null))?.target;
    if (!target) throw new Error("note");
    const people = await Promise.all(Array.from({ length: 5 }, () => signedInClient(p)));
    const outcomes = await Promise.all([...people, people[0]].map((person) => report(p.deps.db, { id: person!.userId, ip: null }, target, { reason: "spam" })));
    expect(outcomes.filter((o) => o === "reported")).toHaveLength(5);
    expect(outcomes.filter((o) => o === "already")).toHaveLength(1);
    expect(await reportOf("note", note)).toEqual({ report_count: 5, hidden: true });
    const hides = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'moderation.auto_hide' and resource_id = ${String(note)}`);
    expect(hides.rows[0]?.n).toBe(1);
  });

  it("hides a reported comment, which its resource keeps showing to others", async () => {
    const note = w.addNote("a", authorId);
    const commenter = await signedInClient(p);
    const comment = await w.addComment(note, commenter.userId, "Rude words here");
    const page = await (await signedInClient(p)).client.get(`/reports/new?resourceType=comment&resourceId=${comment}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Rude words here");
    expect(page.body).toContain(`href="/notes/${note}#comment-${comment}"`);
    await reportAs("comment", comment);
    await reportAs("comment", comment);
    const last = await reportAs("comment", comment, { reason: "offensive" });
    // Back to the note, which is still there.
    expect(last.res.headers.location).toBe(`/notes/${note}`);
    const row = await p.deps.db.execute<{ hidden: boolean }>(sql`select hidden_at is not null as hidden from comments where id = ${comment}`);
    expect(row.rows[0]?.hidden).toBe(true);
    expect(w.hidden(note)).toBe(false);
    // Others no longer reach it; its author does.
    expect((await (await signedInClient(p)).client.get(`/reports/new?resourceType=comment&resourceId=${comment}`)).statusCode).toBe(404);
    expect((await commenter.client.get(`/reports/new?resourceType=comment&resourceId=${comment}`)).statusCode).toBe(200);
  });

  it("puts a person's reports in their data, and keeps them counted without them once the account is deleted", async () => {
    const note = w.addNote("a", authorId);
    const { person } = await reportAs("note", note, { reason: "other", details: "My neighbour's address is in it" });
    const data = JSON.parse((await person.client.get("/account/data")).body) as { moderation: { blockedReason: string | null; reports: Array<{ resourceType: string; resourceId: number; reason: string; details: string }> } };
    expect(data.moderation).toMatchObject({ blockedReason: null, reports: [{ resourceType: "note", resourceId: note, reason: "other", details: "My neighbour's address is in it" }] });
    expect((await person.client.get("/account/delete")).body).toContain("Your reports stay counted, without your name or your words.");
    expect((await person.client.post("/account/delete", { current_password: person.password })).statusCode).toBe(303);
    const left = await p.deps.db.execute<{ user_id: string | null; details: string | null }>(sql`select r.user_id, r.details from reports r join moderations m on m.id = r.moderation_id where m.resource_type = 'note' and m.resource_id = ${note}`);
    expect(left.rows).toEqual([{ user_id: null, details: null }]);
    expect(await reportOf("note", note)).toEqual({ report_count: 1, hidden: false });
  });

  it("keeps a private space's things private", async () => {
    await p.deps.db.execute(sql`update spaces set is_private = true where id = ${w.spaces.b.id}`);
    try {
      const note = w.addNote("b", authorId);
      const { client } = await signedInClient(p);
      expect((await client.get(`/reports/new?resourceType=note&resourceId=${note}`)).statusCode).toBe(404);
      const res = await client.post("/reports", { resourceType: "note", resourceId: String(note), reason: "spam" }, { formPage: "/reports/new?resourceType=note&resourceId=" + w.addNote("a", authorId) });
      expect(res.statusCode).toBe(404);
      expect(await reportOf("note", note)).toBeUndefined();
    } finally {
      await p.deps.db.execute(sql`update spaces set is_private = false where id = ${w.spaces.b.id}`);
    }
  });
});
