import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { createSession } from "../accounts/sessions";
import { signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { spaceRoles, spaces } from "../spaces/schema";
import { censusHandler } from "./handlers/census";
import { authorizations, censusEntries, censusLists } from "./schema";
import { getVerification } from "./registry";

let p: TestPlatform;
let admin: { client: TestClient; userId: number };
let spaceId: number;

const CSV = "student_number;birth_date\nS2023-001;14/03/2008\nS2023-002;2009-01-31\nS2023-003;01.12.2007\n";

beforeAll(async () => {
  p = await createTestPlatform();
  admin = await signedInClient(p, { isAdmin: true });
  const [space] = await p.deps.db.insert(spaces).values({ type: "process", slug: "students-budget", title: { en: "Students' budget", fr: "Budget des élèves" }, publishedAt: new Date() }).returning({ id: spaces.id });
  spaceId = space?.id ?? 0;
});
afterAll(() => p.stop());

const upload = (c: TestClient, csv: string, opts: { header?: boolean; space?: number | undefined } = {}) => {
  const url = `/admin/census/${opts.space ?? spaceId}`;
  return c.post(url, { secondAttribute: "birth_date", ...(opts.header === false ? {} : { hasHeader: "on" }), csv }, { formPage: url });
};

describe("census lists", () => {
  it("registers the handler with its options schema", () => {
    expect(getVerification("census")).toBeDefined();
    expect(censusHandler.options.safeParse({}).success).toBe(true);
    expect(censusHandler.options.safeParse({ censusSpaceId: 3 }).success).toBe(true);
    expect(censusHandler.options.safeParse({ censusSpaceId: "x" }).success).toBe(false);
  });

  it("tells a person sent to a space without a list that there is none", async () => {
    const someone = await signedInClient(p);
    const res = await someone.client.get(`/verifications/census?space=${spaceId}&return_to=%2Fback`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("This space has no census list.");
    expect(res.body).toContain('href="/back"');
    expect((await someone.client.get("/verifications/census?space=999999")).statusCode).toBe(404);
  });

  it("never shows a participant the census of a space they may not see", async () => {
    const [hidden] = await p.deps.db.insert(spaces).values({ type: "process", slug: "draft-budget", title: { en: "Secret draft budget" } }).returning({ id: spaces.id });
    expect((await upload(admin.client, "X-1;2008-01-01\n", { header: false, space: hidden?.id })).statusCode).toBe(303);
    const someone = await signedInClient(p);
    expect((await someone.client.get(`/verifications/census?space=${hidden?.id}`)).statusCode).toBe(404);
    expect((await someone.client.get("/verifications")).body).not.toContain("Secret draft budget");
    expect((await admin.client.get(`/verifications/census?space=${hidden?.id}`)).statusCode).toBe(200);
  });

  it("refuses a list with bad lines, naming them, and keeps nothing", async () => {
    const res = await upload(admin.client, "id;birth\nA1;2008-01-01\nA2;31/02/2008\n;2008-01-01\nA1;2008-01-02\n");
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("There is a problem");
    expect(res.body).toContain("Line 3 is not valid");
    expect(res.body).toContain("Lines with a problem: 3, 4, 5.");
    expect(await p.deps.db.select().from(censusLists).where(eq(censusLists.spaceId, spaceId))).toHaveLength(0);
  });

  it("stores only keyed hashes of an uploaded list, and audits the upload", async () => {
    const res = await upload(admin.client, CSV);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/census/${spaceId}`);
    const page = await admin.client.get(`/admin/census/${spaceId}`);
    expect(page.body).toContain("3 entries loaded. No verification withdrawn.");
    expect(page.body).toContain("3 entries, uploaded on");

    const entries = await p.deps.db.select().from(censusEntries).where(eq(censusEntries.spaceId, spaceId));
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      expect(e.entryHash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.entryHash).not.toContain("2023");
    }
    const [entry] = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "census.replace"), eq(auditLog.spaceId, spaceId)));
    expect(entry).toMatchObject({ actorId: admin.userId, resourceType: "census_list", resourceId: String(spaceId), spaceId, before: null });
    expect(entry?.after).toEqual({ secondAttribute: "birth_date", entryCount: 3, revokedAuthorizations: 0 });
  });

  it("lets a listed person verify and sends them back; a second account cannot claim the same entry", async () => {
    const alice = await signedInClient(p);
    const back = "/spaces/students-budget/c/1";
    const formUrl = `/verifications/census?space=${spaceId}&return_to=${encodeURIComponent(back)}`;
    const form = await alice.client.get(formUrl);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Census list of Students");

    const wrong = await alice.client.post(formUrl, { identifier: "S2023-001", second: "15/03/2008" });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("These details do not match any entry of the list");
    expect(wrong.body).toContain('value="S2023-001"');
    expect(wrong.body).not.toContain("15/03/2008");

    // Case, spaces, dashes and the date's format do not matter.
    const right = await alice.client.post(formUrl, { identifier: " s2023 001 ", second: "2008-03-14" });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe(back);

    const [auth] = await p.deps.db.select().from(authorizations).where(and(eq(authorizations.userId, alice.userId), eq(authorizations.handler, "census")));
    expect(auth?.spaceId).toBe(spaceId);
    expect(auth?.uniqueId).toMatch(/^[0-9a-f]{64}$/);

    expect((await admin.client.get(`/admin/census/${spaceId}`)).body).toContain("1 person has verified with it.");

    const bob = await signedInClient(p);
    const claim = await bob.client.post(formUrl, { identifier: "S2023001", second: "14/03/2008" });
    expect(claim.statusCode).toBe(422);
    expect(claim.body).toContain("These details are already used by another account");

    const db = p.deps.db;
    const user = (id: number) => ({ id, email: "", name: "", isAdmin: false, emailConfirmed: true, locale: null });
    expect(await censusHandler.check({ db, user: user(alice.userId), spaceId, options: {}, returnTo: back })).toEqual({ status: "ok" });
    expect(await censusHandler.check({ db, user: user(bob.userId), spaceId, options: {}, returnTo: back })).toEqual({
      status: "pending",
      verifyUrl: `/verifications/census?space=${spaceId}&return_to=${encodeURIComponent(back)}`,
    });
  });

  it("slows down guessing: a few tries per quarter hour and account", async () => {
    const guesser = await signedInClient(p);
    const url = `/verifications/census?space=${spaceId}`;
    const page = await guesser.client.get(url);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await guesser.client.post(url, { identifier: "S2023-001", second: `0${(i % 9) + 1}/01/2008` }, { csrf })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("replaces the list on re-upload and withdraws the verifications of people no longer on it", async () => {
    const res = await upload(admin.client, "S2023-002;2009-01-31\nS2023-004;2010-05-05\n", { header: false });
    expect(res.statusCode).toBe(303);
    expect((await admin.client.get(`/admin/census/${spaceId}`)).body).toContain("2 entries loaded. 1 verification withdrawn.");
    expect(await p.deps.db.select().from(authorizations).where(eq(authorizations.handler, "census"))).toHaveLength(0);
    const entries = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "census.replace"), eq(auditLog.spaceId, spaceId)));
    const last = entries[entries.length - 1];
    expect(last?.before).toMatchObject({ secondAttribute: "birth_date", entryCount: 3 });
    expect(last?.after).toEqual({ secondAttribute: "birth_date", entryCount: 2, revokedAuthorizations: 1 });
  });

  it("is managed by organization admins and the space's admins only", async () => {
    const someone = await signedInClient(p);
    expect((await someone.client.get(`/admin/census/${spaceId}`)).statusCode).toBe(403);
    expect((await someone.client.get("/admin/census")).statusCode).toBe(403);
    await p.deps.db.insert(spaceRoles).values({ spaceId, userId: someone.userId, role: "admin" });
    expect((await someone.client.get(`/admin/census/${spaceId}`)).statusCode).toBe(200);
    expect((await admin.client.get("/admin/census")).body).toContain("Census list of Students");
  });
});

describe("census upload as a browser sends it (multipart with a file)", () => {
  it("reads the CSV file and ignores the empty paste field", async () => {
    // The test client speaks urlencoded only: open a session by hand and keep the CSRF cookie.
    const token = await createSession(p.deps.db, admin.userId, {});
    const page = await p.app.inject({ method: "GET", url: `/admin/census/${spaceId}`, headers: { cookie: `pnyx_session=${token}` } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const csrfCookie = page.cookies.find((c) => c.name === "pnyx_csrf");
    const cookie = `pnyx_session=${token}; pnyx_csrf=${encodeURIComponent(csrfCookie?.value ?? "")}`;
    const boundary = "----pnyxtest";
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"\r\nContent-Type: text/csv` : ""}\r\n\r\n${value}\r\n`;
    const body = [part("_csrf", csrf), part("secondAttribute", "text"), part("hasHeader", "on"), part("csv", ""), part("file", "code\nT-1, 1000\nT-2, 1050\n", "list.csv")].join("") + `--${boundary}--\r\n`;
    const res = await p.app.inject({
      method: "POST",
      url: `/admin/census/${spaceId}`,
      headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode, /class="error-message">([^<]*)/.exec(res.body)?.[1]).toBe(303);
    const [list] = await p.deps.db.select().from(censusLists).where(eq(censusLists.spaceId, spaceId));
    expect(list).toMatchObject({ secondAttribute: "text", entryCount: 2 });
  });
});
