import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { countQueries } from "../audit/testing";
import { users } from "../accounts/schema";
import type { CurrentUser } from "../http/context";
import { ageResidenceHandler } from "./handlers/age-residence";
import { emailConfirmedHandler } from "./handlers/email-confirmed";
import { authorizations } from "./schema";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const user = (id: number, emailConfirmed = true): CurrentUser => ({ id, email: "x@example.org", name: "X", isAdmin: false, emailConfirmed, locale: null });

/** A birth date `years` years ago plus `days` days (UTC). */
function yearsAgo(years: number, days = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe("declared age and residence", () => {
  it("validates its options", () => {
    const o = ageResidenceHandler.options;
    expect(o.parse({}).minimumAge).toBe(0);
    expect(o.safeParse({ minimumAge: 16, "region_BE-BRU": true }).success).toBe(true);
    expect(o.safeParse({ "region_FR-IDF": true }).success).toBe(false);
    expect(o.safeParse({ minimumAge: -1 }).success).toBe(false);
    expect(o.safeParse({ minimumAge: 16, other: 1 }).success).toBe(false);
  });

  it("sends a person who has not declared to the form, and back", async () => {
    const a = await signedInClient(p);
    const status = await ageResidenceHandler.check({ db: p.deps.db, user: user(a.userId), spaceId: 1, options: {}, returnTo: "/petitions/7/sign" });
    expect(status).toEqual({ status: "pending", verifyUrl: "/verifications/age_residence?return_to=%2Fpetitions%2F7%2Fsign" });
  });

  it("refuses an unknown postal code and a future birth date, with the errors named", async () => {
    const a = await signedInClient(p);
    const res = await a.client.post("/verifications/age_residence", { birthDate: "2999-01-01", country: "BE", postalCode: "0999" }, { formPage: "/verifications/age_residence" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("There is a problem");
    expect(res.body).toContain("Enter a birth date in the past.");
    expect(res.body).toContain("This is not a postal code of the chosen country.");
  });

  it("records the region and applies minimum age and regions", async () => {
    const teen = await signedInClient(p);
    const url = `/verifications/age_residence?return_to=${encodeURIComponent("/petitions/7/sign")}`;
    // Fifteen today, sixteen tomorrow.
    const res = await teen.client.post(url, { birthDate: yearsAgo(16, 1), country: "BE", postalCode: "1050" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/petitions/7/sign");
    const [auth] = await p.deps.db.select().from(authorizations).where(eq(authorizations.userId, teen.userId));
    expect(auth?.metadata).toEqual({ region: "BE-BRU", country: "BE", birthDate: yearsAgo(16, 1), birthYear: Number(yearsAgo(16, 1).slice(0, 4)) });
    expect(auth?.spaceId).toBeNull();

    const check = (options: Record<string, unknown>) => ageResidenceHandler.check({ db: p.deps.db, user: user(teen.userId), spaceId: 1, options, returnTo: "/" });
    expect(await check({ minimumAge: 16 })).toEqual({ status: "unauthorized", reason: "verifications.ageResidence.tooYoung", values: { min: 16 } });
    expect(await check({ minimumAge: 15 })).toEqual({ status: "ok" });
    expect(await check({ "region_BE-BRU": true })).toEqual({ status: "ok" });
    expect(await check({ "region_BE-VLG": true, "region_BE-WAL": true })).toEqual({ status: "unauthorized", reason: "verifications.ageResidence.wrongRegion" });

    // Moving house: the declaration is replaced, not duplicated.
    const moved = await teen.client.post(url, { birthDate: yearsAgo(16), country: "BE", postalCode: "9000" });
    expect(moved.statusCode).toBe(303);
    expect(await p.deps.db.select().from(authorizations).where(eq(authorizations.userId, teen.userId))).toHaveLength(1);
    expect(await check({ minimumAge: 16, "region_BE-VLG": true })).toEqual({ status: "ok" });
    expect((await teen.client.get("/verifications")).body).toContain("Flemish Region");

    // "Download my data" includes the declaration, under "verifications".
    const data = JSON.parse((await teen.client.get("/account/data")).body) as { verifications?: Array<{ method: string; details: Record<string, unknown> }> };
    expect(data.verifications).toEqual([expect.objectContaining({ method: "age_residence", details: expect.objectContaining({ region: "BE-VLG" }) })]);
  });

  it("checks a confirmed email address", async () => {
    const db = p.deps.db;
    expect(await emailConfirmedHandler.check({ db, user: user(1), spaceId: 1, options: {}, returnTo: "/x" })).toEqual({ status: "ok" });
    expect(await emailConfirmedHandler.check({ db, user: user(1, false), spaceId: 1, options: {}, returnTo: "/x" })).toEqual({ status: "pending", verifyUrl: "/verifications/email_confirmed?return_to=%2Fx" });
  });

  it("lists granted verifications to admins, who can revoke them (audited)", async () => {
    const person = await signedInClient(p, { name: "Zoë Person" });
    await person.client.post("/verifications/age_residence", { birthDate: "1990-05-01", country: "BE", postalCode: "4000" }, { formPage: "/verifications/age_residence" });
    const admin = await signedInClient(p, { isAdmin: true });
    const list = await admin.client.get("/admin/verifications?handler=age_residence");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Zoë Person");
    expect(list.body).toContain("Walloon Region");
    const [auth] = await p.deps.db.select().from(authorizations).where(eq(authorizations.userId, person.userId));
    const res = await admin.client.post(`/admin/verifications/${auth?.id}/revoke`, {}, { formPage: "/admin/verifications" });
    expect(res.statusCode).toBe(303);
    expect(await p.deps.db.select().from(authorizations).where(eq(authorizations.userId, person.userId))).toHaveLength(0);
    const [entry] = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "verification.revoke"));
    expect(entry?.before).toMatchObject({ userId: person.userId, handler: "age_residence", metadata: { region: "BE-WAL" } });
    expect((await person.client.get("/admin/verifications")).statusCode).toBe(403);
  });
});

describe("the granted verifications list", () => {
  it("runs the same few queries with 500 authorizations", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const list = () =>
      countQueries(p, async () => {
        expect((await admin.client.get("/admin/verifications")).statusCode).toBe(200);
      });
    const before = await list();
    const people = await p.deps.db
      .insert(users)
      .values(Array.from({ length: 500 }, (_, i) => ({ email: `bulk${i}@example.org`, name: `Bulk ${i}` })))
      .returning({ id: users.id });
    await p.deps.db.insert(authorizations).values(people.map((u) => ({ userId: u.id, handler: "age_residence", metadata: { region: "BE-BRU", birthYear: 1990 } })));
    expect(await list()).toBe(before);
    expect(before).toBeLessThanOrEqual(5);
  });
});

