/**
 * Blocking a participant organization-wide: a reason required, sign-in refused with it, sessions
 * ended, their comments and resources hidden, a mail in their language over SMTP; unblocking shows
 * again what the block hid and nothing that moderators had hidden before.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { buildWorld, type World } from "./testing";

let p: TestPlatform;
let w: World;
let admin: Awaited<ReturnType<typeof signedInClient>>;

beforeAll(async () => {
  p = await createTestPlatform();
  w = await buildWorld(p);
  admin = await signedInClient(p, { isAdmin: true });
}, 60_000);
afterAll(() => p.stop());

const commentHidden = async (id: number) => (await p.deps.db.execute<{ hidden: boolean }>(sql`select hidden_at is not null as hidden from comments where id = ${id}`)).rows[0]?.hidden;
const blockForm = (id: number) => `/admin/moderation/users/${id}/block`;

async function signInAs(email: string, password: string): Promise<{ client: TestClient; status: number; body: string }> {
  const client = await englishClient(p);
  const res = await client.post("/users/sign-in", { email, password }, { formPage: "/users/sign-in" });
  return { client, status: res.statusCode, body: res.body };
}

describe("blocking a participant", () => {
  it("refuses sign-in with the reason, ends sessions, hides their content, mails them; unblocking restores what it hid", async () => {
    const person = await signedInClient(p, { name: "Troll Person" });
    await p.deps.db.execute(sql`update users set locale = 'fr' where id = ${person.userId}`);
    const other = await signedInClient(p);
    const kept = w.addNote("a", other.userId, "Someone else's note");
    const notes = [w.addNote("a", person.userId, "Troll note in A"), w.addNote("b", person.userId, "Troll note in B")];
    const comments = [await w.addComment(kept, person.userId, "Troll comment one"), await w.addComment(kept, person.userId, "Troll comment two")];
    const othersComment = await w.addComment(notes[0]!, other.userId, "A fair answer");
    // Hidden by a moderator before the block: stays hidden after it is lifted.
    const mod = await w.moderatorOf("a");
    await mod.client.post("/admin/moderation/hide", { resourceType: "comment", resourceId: String(comments[1]) }, { formPage: `/admin/spaces/${w.spaces.a.id}/moderation` });
    expect(await commentHidden(comments[1]!)).toBe(true);

    const form = await admin.client.get(`${blockForm(person.userId)}?return_to=/admin/users`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Block Troll Person");
    const noReason = await admin.client.post(blockForm(person.userId), { reason: "  " }, { formPage: blockForm(person.userId) });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain("Give the reason for the block");
    expect((await admin.client.post(blockForm(person.userId), { reason: "x".repeat(1001) }, { formPage: blockForm(person.userId) })).statusCode).toBe(422);
    // Moderators of a space do not block across the organization.
    expect((await mod.client.post(blockForm(person.userId), { reason: "Because" }, { formPage: `/admin/spaces/${w.spaces.a.id}/moderation` })).statusCode).toBe(403);
    expect((await person.client.get("/account")).statusCode).toBe(200);

    const reason = "Insults in every discussion <again>";
    const blocked = await admin.client.post(blockForm(person.userId), { reason, return_to: "/admin/users" }, { formPage: blockForm(person.userId) });
    expect(blocked.statusCode).toBe(303);
    expect(blocked.headers.location).toBe("/admin/users");
    // Signed out at once, and refused at sign-in with the reason.
    expect((await person.client.get("/account")).statusCode).toBe(303);
    const refused = await signInAs(person.email, person.password);
    expect(refused.status).toBe(422);
    expect(refused.body).toContain("This account has been blocked by the moderators. Reason: Insults in every discussion &lt;again");
    expect(refused.body).not.toContain("<again>");
    // Their content is hidden, others' is not.
    expect(notes.map((id) => w.hidden(id))).toEqual([true, true]);
    expect(w.hidden(kept)).toBe(false);
    expect(await commentHidden(comments[0]!)).toBe(true);
    expect(await commentHidden(othersComment)).toBe(false);
    // The mail, in their language, with the reason.
    const mail = await p.smtp.waitFor((m) => m.to.includes(person.email.toLowerCase()) && m.subject.startsWith("Votre compte est bloqué"));
    expect(mail.text).toContain("Bonjour Troll Person,");
    expect(mail.text).toContain(reason);
    // Audited, with the reason and what it hid.
    const audit = await p.deps.db.execute<{ action: string; actor_id: string; after: { reason: string; hidden: Record<string, number> } }>(sql`select action, actor_id, after from audit_log where resource_type = 'user' and resource_id = ${String(person.userId)} order by id`);
    expect(audit.rows[0]).toMatchObject({ action: "user.block", actor_id: String(admin.userId), after: { blocked: true, reason, hidden: { comment: 1, note: 2 } } });
    // The queue lists what the block hid, as reviewed and hidden.
    const queue = await admin.client.get("/admin/moderation?filter=hidden");
    expect(queue.body).toContain("Troll note in B");
    expect(queue.body).toContain("Troll comment one");
    // Blocking twice says so.
    const twice = await admin.client.post(blockForm(person.userId), { reason: "Again" }, { formPage: "/admin/moderation" });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain("is already blocked");

    const unblocked = await admin.client.post(`/admin/moderation/users/${person.userId}/unblock`, {}, { formPage: blockForm(person.userId) });
    expect(unblocked.statusCode).toBe(303);
    expect((await signInAs(person.email, person.password)).status).toBe(303);
    expect(notes.map((id) => w.hidden(id))).toEqual([false, false]);
    expect(await commentHidden(comments[0]!)).toBe(false);
    expect(await commentHidden(comments[1]!)).toBe(true);
    const reopened = await p.smtp.waitFor((m) => m.to.includes(person.email.toLowerCase()) && m.subject.startsWith("Votre compte est débloqué"));
    expect(reopened.text).toContain("Bonjour Troll Person,");
    const user = await p.deps.db.execute<{ blocked_at: string | null; blocked_reason: string | null }>(sql`select blocked_at, blocked_reason from users where id = ${person.userId}`);
    expect(user.rows[0]).toEqual({ blocked_at: null, blocked_reason: null });
  });

  it("works from the users page too, and never on oneself", async () => {
    const person = await signedInClient(p, { name: "Listed Person" });
    const res = await admin.client.post(`/admin/users/${person.userId}/block`, { reason: "Spam links", return_to: "/admin/users" }, { formPage: "/admin/users" });
    expect(res.statusCode).toBe(303);
    expect((await signInAs(person.email, person.password)).body).toContain("Reason: Spam links");
    const self = await admin.client.post(blockForm(admin.userId), { reason: "Oops" }, { formPage: "/admin/moderation" });
    expect(self.statusCode).toBe(422);
    expect((await admin.client.get("/account")).statusCode).toBe(200);
    expect((await admin.client.post(blockForm(999_999), { reason: "Nobody" }, { formPage: "/admin/moderation" })).statusCode).toBe(404);
  });
});
