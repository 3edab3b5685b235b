import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { audit } from "./audit";
import { auditLog } from "./schema";
import { countQueries } from "./testing";

let p: TestPlatform;
let admin: { client: TestClient; userId: number; email: string };

beforeAll(async () => {
  p = await createTestPlatform();
  admin = await signedInClient(p, { isAdmin: true, name: "Audrey Admin" });
  const other = await signedInClient(p, { isAdmin: true, name: "Otto Other" });
  for (let i = 1; i <= 60; i++) {
    await audit(p.deps.db, { actorId: i % 2 ? admin.userId : other.userId, action: i % 3 ? "space.update" : "theme.space.update", resourceType: "space", resourceId: i, spaceId: i, before: { title: { en: `Old ${i}` } }, after: { title: { en: `New ${i}` } }, ip: "192.0.2.7" });
  }
});
afterAll(() => p.stop());

describe("audit log page", () => {
  it("shows who, what, when, the resource and the before/after diff, newest first", async () => {
    const res = await admin.client.get("/admin/audit");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Audrey Admin");
    expect(res.body).toContain("Otto Other");
    expect(res.body).toContain("space #60");
    expect(res.body).toContain("<code>title.en</code>");
    expect(res.body).toContain("<code>Old 60</code>");
    expect(res.body).toContain("<code>New 60</code>");
    expect(res.body).toContain("192.0.2.7");
    expect(res.body.indexOf("space #60")).toBeLessThan(res.body.indexOf("space #59"));
  });

  it("pages through 50 entries at a time", async () => {
    const first = await admin.client.get("/admin/audit");
    expect(first.body).toContain('href="/admin/audit?page=2"');
    expect(first.body).not.toContain("space #10<");
    const second = await admin.client.get("/admin/audit?page=2");
    expect(second.body).toContain("space #10<");
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain('href="/admin/audit"');
  });

  it("filters by actor, action prefix and resource", async () => {
    const byActor = await admin.client.get(`/admin/audit?actor=${encodeURIComponent(admin.email.toUpperCase())}`);
    expect(byActor.body).toContain("space #59<");
    expect(byActor.body).not.toContain("space #60<");
    const byAction = await admin.client.get("/admin/audit?action=theme.");
    expect(byAction.body).toContain("space #60<");
    expect(byAction.body).not.toContain("space #59<");
    const byResource = await admin.client.get("/admin/audit?resource=space&resourceId=7");
    expect(byResource.body).toContain("space #7<");
    expect(byResource.body).not.toContain("space #8<");
    const none = await admin.client.get("/admin/audit?action=nothing%25");
    expect(none.body).toContain("No entry matches.");
  });

  it("is for administrators only", async () => {
    const someone = await signedInClient(p);
    expect((await someone.client.get("/admin/audit")).statusCode).toBe(403);
  });
});

describe("bounded queries", () => {
  const queriesFor = (url: string) =>
    countQueries(p, async () => {
      expect((await admin.client.get(url)).statusCode).toBe(200);
    });

  it("reads a page of the audit log with the same few queries whatever its size", async () => {
    const before = await queriesFor("/admin/audit");
    await p.deps.db.insert(auditLog).values(Array.from({ length: 500 }, (_, i) => ({ actorId: admin.userId, action: "bulk.test", resourceType: "thing", resourceId: String(i), before: { n: i }, after: { n: i + 1 } })));
    expect(await queriesFor("/admin/audit")).toBe(before);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThanOrEqual(5);
  });
});
