import { eq } from "drizzle-orm";
import { countQueries } from "../../test/queries";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../audit/schema";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { users } from "./schema";
import { englishClient, signedInClient } from "./testing";
import { createUser } from "./users";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

describe("the back office's users page", () => {
  it("is for organization administrators only", async () => {
    const { client } = await signedInClient(p);
    expect((await client.get("/admin/users")).statusCode).toBe(403);
    const anonymous = await englishClient(p);
    expect((await anonymous.get("/admin/users")).statusCode).toBe(303);
  });

  it("lists, searches and pages through people", async () => {
    const { client } = await signedInClient(p, { isAdmin: true, name: "The Admin" });
    await p.deps.pool.query(
      "insert into users (email, name) select 'bulk' || g || '@example.org', 'Bulk ' || g from generate_series(1, 60) g",
    );
    const first = await client.get("/admin/users");
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("Users");
    expect(first.body).toContain('rel="next"');
    expect(first.body).toContain("Page 1 of 3");
    const third = await client.get("/admin/users?page=3");
    expect(third.body).toContain("Page 3 of 3");
    const found = await client.get("/admin/users?q=bulk42");
    expect(found.body).toContain("bulk42@example.org");
    expect(found.body).toContain("1 user");
    const admins = await client.get("/admin/users?status=admins");
    expect(admins.body).toContain("The Admin");
    expect(admins.body).not.toContain("bulk1@example.org");
    expect((await client.get("/admin/users?q=bulk&status=unconfirmed")).body).toContain("60 users");
    // A % typed in the search box is a character, not a wildcard.
    expect((await client.get("/admin/users?q=%25")).body).toContain("No users");
  });

  it("loads the list with the same number of queries whatever its size", async () => {
    const { client } = await signedInClient(p, { isAdmin: true });
    const countFor = async (url: string) => {
      const { count, result } = await countQueries(p.deps.pool, () => client.get(url));
      expect(result.statusCode).toBe(200);
      return count;
    };
    const few = await countFor("/admin/users?q=bulk42");
    const many = await countFor("/admin/users");
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(6);
  });

  it("blocks (ending the person's sessions), unblocks, grants and revokes, each audited", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const person = await signedInClient(p, { name: "Someone Else" });
    // Blocking needs a reason (the person receives it): the list's Block leads to moderation's form.
    expect((await admin.client.get("/admin/users?q=someone")).body).toContain(`href="/admin/moderation/users/${person.userId}/block?return_to=`);
    const noReason = await admin.client.post(`/admin/users/${person.userId}/block`, { return_to: "/admin/users?q=someone" }, { formPage: "/admin/users" });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain("Give the reason for the block");
    const block = await admin.client.post(`/admin/users/${person.userId}/block`, { return_to: "/admin/users?q=someone", reason: "Insults in every comment" }, { formPage: "/admin/users" });
    expect(block.statusCode).toBe(303);
    expect(block.headers.location).toBe("/admin/users?q=someone");
    expect((await person.client.get("/account")).statusCode).toBe(303);
    const blocked = await englishClient(p);
    const signIn = await blocked.post("/users/sign-in", { email: person.email, password: person.password }, { formPage: "/users/sign-in" });
    expect(signIn.body).toContain("This account has been blocked by the moderators. Reason: Insults in every comment");

    await admin.client.post(`/admin/users/${person.userId}/unblock`, {}, { formPage: "/admin/users" });
    await admin.client.post(`/admin/users/${person.userId}/grant-admin`, {}, { formPage: "/admin/users" });
    let [u] = await p.deps.db.select().from(users).where(eq(users.id, person.userId));
    expect(u).toMatchObject({ blockedAt: null, isAdmin: true });
    await admin.client.post(`/admin/users/${person.userId}/revoke-admin`, {}, { formPage: "/admin/users" });
    [u] = await p.deps.db.select().from(users).where(eq(users.id, person.userId));
    expect(u?.isAdmin).toBe(false);

    const entries = await p.deps.db.select().from(auditLog).where(eq(auditLog.resourceId, String(person.userId)));
    expect(entries.map((e) => e.action)).toEqual(["user.block", "user.unblock", "user.grant_admin", "user.revoke_admin"]);
    expect(entries[0]).toMatchObject({ actorId: admin.userId, resourceType: "user", before: { blocked: false }, after: { blocked: true, reason: "Insults in every comment" } });
  });

  it("refuses an administrator's change to their own account", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const res = await admin.client.post(`/admin/users/${admin.userId}/revoke-admin`, {}, { formPage: "/admin/users" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("You cannot change your own account from this page.");
    const [u] = await p.deps.db.select().from(users).where(eq(users.id, admin.userId));
    expect(u?.isAdmin).toBe(true);
  });

  it("answers an unknown person with 404", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    await createUser(p.deps.db, { email: "x@example.org", password: "whatever12345", name: "X" });
    expect((await admin.client.post("/admin/users/999999/block", {}, { formPage: "/admin/users" })).statusCode).toBe(404);
  });
});
