import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { englishClient, signedInClient } from "../accounts/testing";
import { users } from "../accounts/schema";
import { createUser } from "../accounts/users";
import { auditLog } from "../audit/schema";
import { spaceRoles, spaces } from "../spaces/schema";

let p: TestPlatform;
let admin: TestClient;

async function subscriber(email: string, locale: "fr" | "en" | "nl" | "de", opts: { optIn?: boolean; confirmed?: boolean } = {}) {
  const id = await createUser(p.deps.db, { email, name: email.split("@")[0] ?? email, password: "correct horse battery", confirmed: opts.confirmed ?? true, locale });
  await p.deps.db.update(users).set({ newsletterOptIn: opts.optIn ?? true }).where(eq(users.id, id));
  return id;
}

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin } = await signedInClient(p, { isAdmin: true }));
}, 120_000);
afterAll(() => p.stop());

async function draft(subject: Record<string, string>, body: Record<string, string>): Promise<number> {
  const form = "/admin/newsletters/new";
  const fields: Record<string, string> = {};
  for (const [l, v] of Object.entries(subject)) fields[`subject.${l}`] = v;
  for (const [l, v] of Object.entries(body)) fields[`body.${l}`] = v;
  const res = await admin.post(form, fields, { formPage: form });
  expect(res.statusCode).toBe(303);
  return Number(/\/admin\/newsletters\/(\d+)/.exec(String(res.headers.location))?.[1]);
}

describe("newsletters", () => {
  it("sends a draft once, to confirmed subscribers only, each in their language, with a working unsubscribe link", async () => {
    const refused = await admin.post("/admin/newsletters/new", { "subject.en": "", "body.en": "Kept text" }, { formPage: "/admin/newsletters/new" });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Kept text");

    const fr = await subscriber("camille@example.org", "fr");
    await subscriber("sam@example.org", "en");
    await subscriber("nadia@example.org", "nl"); // no Dutch text: gets the organization's language
    await subscriber("quiet@example.org", "en", { optIn: false });
    await subscriber("unconfirmed@example.org", "en", { confirmed: false });
    const id = await draft({ fr: "Les budgets sont ouverts", en: "The budgets are open" }, { fr: "Proposez vos **idées** avant le 30 novembre.", en: "Submit your **ideas** before 30 November." });

    const review = await admin.post(`/admin/newsletters/${id}/send`, { audience: "all" }, { formPage: `/admin/newsletters/${id}` });
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain("Send to 3 subscribers");
    const sent = await admin.post(`/admin/newsletters/${id}/send`, { audience: "all", confirm: "yes" }, { formPage: `/admin/newsletters/${id}` });
    expect(sent.statusCode).toBe(303);

    const french = await p.smtp.waitFor((m) => m.to.includes("camille@example.org"));
    expect(french.subject).toBe("Les budgets sont ouverts");
    expect(french.html).toContain("<strong>idées</strong>");
    const english = await p.smtp.waitFor((m) => m.to.includes("sam@example.org"));
    expect(english.subject).toBe("The budgets are open");
    expect(english.text).toContain("Unsubscribe: ");
    const dutch = await p.smtp.waitFor((m) => m.to.includes("nadia@example.org"));
    expect(dutch.subject).toBe("Les budgets sont ouverts");
    expect(french.headers["list-unsubscribe"]).toMatch(/^<http.*\/newsletter\/unsubscribe\/\d+\.[A-Za-z0-9_-]{32}>$/);
    await new Promise((r) => setTimeout(r, 300));
    expect(p.smtp.messages.some((m) => m.to.includes("quiet@example.org") || m.to.includes("unconfirmed@example.org"))).toBe(false);

    // Sent once; the audit log has the audience and the count.
    const again = await admin.post(`/admin/newsletters/${id}/send`, { audience: "all", confirm: "yes" }, { formPage: `/admin/newsletters/${id}` });
    expect(again.body).toContain("This newsletter has already been sent.");
    const [entry] = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "newsletter.send"));
    expect(entry?.after).toMatchObject({ audience: { kind: "all" }, recipients: 3 });

    // The link unsubscribes without signing in; a forged one is refused.
    const link = new URL(/Se désabonner: (\S+)/.exec(french.text)?.[1] ?? "").pathname;
    const visitor = await englishClient(p);
    expect((await visitor.get(link)).body).toContain("Unsubscribe from the newsletter");
    expect((await visitor.post(link, {}, { formPage: link })).body).toContain("You are unsubscribed from the newsletter.");
    const [row] = await p.deps.db.select({ optIn: users.newsletterOptIn }).from(users).where(eq(users.id, fr));
    expect(row?.optIn).toBe(false);
    expect((await visitor.get(link.replace(/\.[^.]+$/, ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))).statusCode).toBe(404);
  });

  it("reaches only the subscribers connected to the chosen spaces", async () => {
    const [space] = await p.deps.db.insert(spaces).values({ type: "process", slug: "school-budget", title: { en: "School budget" }, publishedAt: new Date() }).returning({ id: spaces.id });
    if (!space) throw new Error("fixture");
    const evaluator = await subscriber("evaluator@example.org", "en");
    await p.deps.db.insert(spaceRoles).values({ spaceId: space.id, userId: evaluator, role: "evaluator" });
    const id = await draft({ en: "For the school budget team" }, { en: "Meeting on Monday." });
    const none = await admin.post(`/admin/newsletters/${id}/send`, { audience: "spaces" }, { formPage: `/admin/newsletters/${id}` });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain("Choose at least one space.");
    const review = await admin.post(`/admin/newsletters/${id}/send`, { audience: "spaces", spaceIds: String(space.id) }, { formPage: `/admin/newsletters/${id}` });
    expect(review.body).toContain("Send to 1 subscriber");
    expect((await admin.post(`/admin/newsletters/${id}/send`, { audience: "spaces", spaceIds: String(space.id), confirm: "yes" }, { formPage: `/admin/newsletters/${id}` })).statusCode).toBe(303);
    await p.smtp.waitFor((m) => m.to.includes("evaluator@example.org") && m.subject === "For the school budget team");
    const deliveries = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from newsletter_deliveries where newsletter_id = ${id}`);
    expect(deliveries.rows[0]?.n).toBe(1);
  });

  it("is for organization administrators only", async () => {
    const someone = await signedInClient(p);
    expect((await someone.client.get("/admin/newsletters")).statusCode).toBe(403);
    expect((await someone.client.post("/admin/newsletters/new", { "subject.en": "x", "body.en": "y" }, { formPage: "/account" })).statusCode).toBe(403);
  });
});
