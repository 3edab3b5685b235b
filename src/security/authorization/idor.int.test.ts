/**
 * Insecure direct object references: participant B tries participant A's ids on the routes the table
 * (route-access.ts) marks `owner`, and is refused with nothing of A's shown or changed. Wave 9 covers
 * the notification; drafts, ballots and exports are listed as not yet done in the wave's report.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { everyRoute } from "../../core/http/route-registry";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { signIn } from "./fixture";
import { ruleFor } from "./route-access";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
}, 60_000);
afterAll(() => p?.stop());

describe("another person's objects", () => {
  it("lists the owner-scoped routes from the registry, the notification among them", () => {
    const owned = everyRoute(p.app).filter((r) => ruleFor(r)?.owner).map((r) => `${r.method} ${r.url}`);
    expect(owned).toContain("GET /notifications/:id/open");
  });

  it("does not open, reveal or mark read another person's notification", async () => {
    const a = await signIn(p, "idor-a@authz.example", "10.9.2.1");
    const b = await signIn(p, "idor-b@authz.example", "10.9.2.2");
    const rows = await p.deps.db.execute<{ id: string }>(sql`insert into notifications (user_id, kind, message, url) values (${a.userId}, 'mention', 'A private note for A only', '/account') returning id`);
    const id = rows.rows[0]?.id;
    const opened = await b.client.get(`/notifications/${id}/open`);
    expect(opened.statusCode).toBe(404);
    expect(opened.body).not.toContain("A private note for A only");
    expect((await b.client.get("/notifications")).body).not.toContain("A private note for A only");
    const after = await p.deps.db.execute<{ read_at: Date | null }>(sql`select read_at from notifications where id = ${id}`);
    expect(after.rows[0]?.read_at).toBeNull();
    // A, its owner, is let through (the id was a real one).
    const own = await a.client.get(`/notifications/${id}/open`);
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe("/account");
  });
});
