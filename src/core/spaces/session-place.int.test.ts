/**
 * The component routes' session and place in one statement (findSessionAndPlace, ADR 0044) says what
 * the two lookups it replaces say (lookupSession, then findSpaceComponent for that person), and through
 * HTTP a signed-in component request still loses its access at once: signed out, blocked, deleted,
 * expired, a role or a private membership taken away.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, hashToken, lookupSession } from "../accounts/sessions";
import { signedInClient } from "../accounts/testing";
import { getComponentManifest } from "../components/registry";
import { addComponent } from "../components/service";
import { NO_ACCESS } from "../permissions/access";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { findSessionAndPlace, findSpaceComponent } from "./queries";
import { createSpace } from "./service";

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
}, 60_000);
afterAll(async () => {
  await p.stop();
});

/** A published private process with a published conversation; returns its slug and component id. */
async function privateConversation(adminId: number): Promise<{ slug: string; spaceId: number; componentId: number }> {
  const slug = `together-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const created = await createSpace(
    p.deps.db,
    { id: adminId, ip: null },
    "process",
    { slug, title: { en: "Together" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: true, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  await p.deps.db.execute(sql`update spaces set published_at = now() where id = ${created.value.id}`);
  const manifest = getComponentManifest("conversations");
  if (!manifest) throw new Error("conversations not registered");
  const componentId = (await addComponent(p.deps.db, { id: adminId, ip: null }, created.value.id, manifest, { en: "Talk" }, { published: true })).id;
  return { slug, spaceId: created.value.id, componentId };
}

describe("findSessionAndPlace", () => {
  it("answers as lookupSession then findSpaceComponent do, for every kind of person and session", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const member = await signedInClient(p);
    const stranger = await signedInClient(p);
    const { slug, spaceId, componentId } = await privateConversation(admin.userId);
    await p.deps.db.execute(sql`insert into space_roles (space_id, user_id, role) values (${spaceId}, ${member.userId}, 'moderator')`);
    await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${spaceId}, ${member.userId})`);
    await p.deps.db.execute(sql`insert into notifications (user_id, kind, message, url) values (${member.userId}, 'test', 'notifications.title', '/'), (${member.userId}, 'test', 'notifications.title', '/')`);
    const tokens = [
      await createSession(p.deps.db, member.userId, {}),
      await createSession(p.deps.db, stranger.userId, {}),
      await createSession(p.deps.db, admin.userId, {}),
      "no-such-session-token",
    ];
    for (const token of tokens) {
      const session = await lookupSession(p.deps.db, token);
      const found = await findSessionAndPlace(p.deps.db, hashToken(token), slug, componentId);
      expect(found).toEqual({ session, place: await findSpaceComponent(p.deps.db, slug, componentId, session?.user ?? null) });
    }
    const mine = await findSessionAndPlace(p.deps.db, hashToken(tokens[0] ?? ""), slug, componentId);
    expect(mine?.session?.user.id).toBe(member.userId);
    expect(mine?.session?.unreadNotifications).toBe(2);
    expect(mine?.place.access).toEqual({ orgAdmin: false, roles: ["moderator"], privateMember: true });
    expect(mine?.place.component?.id).toBe(componentId);
    // Another component id: the space alone; another slug: nothing (the caller looks the session up alone).
    expect((await findSessionAndPlace(p.deps.db, hashToken(tokens[0] ?? ""), slug, componentId + 100_000))?.place.component).toBeNull();
    expect(await findSessionAndPlace(p.deps.db, hashToken(tokens[0] ?? ""), `${slug}-missing`, componentId)).toBeNull();
  }, 60_000);

  it("gives no session, and a visitor's access, for an expired session or a blocked or deleted account", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const { slug, spaceId, componentId } = await privateConversation(admin.userId);
    for (const end of ["expired", "blocked", "deleted"] as const) {
      const person = await signedInClient(p);
      await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${spaceId}, ${person.userId})`);
      const token = await createSession(p.deps.db, person.userId, {});
      expect((await findSessionAndPlace(p.deps.db, hashToken(token), slug, componentId))?.place.access.privateMember).toBe(true);
      if (end === "expired") await p.deps.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${person.userId}`);
      if (end === "blocked") await p.deps.db.execute(sql`update users set blocked_at = now() where id = ${person.userId}`);
      if (end === "deleted") await p.deps.db.execute(sql`update users set deleted_at = now() where id = ${person.userId}`);
      const found = await findSessionAndPlace(p.deps.db, hashToken(token), slug, componentId);
      expect(found?.session).toBeNull();
      expect(found?.place.access).toEqual(NO_ACCESS);
    }
  }, 60_000);

  it("touches a session last seen over a minute ago, and not one seen just now", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const { slug, componentId } = await privateConversation(admin.userId);
    const person = await signedInClient(p);
    const token = await createSession(p.deps.db, person.userId, {});
    const seen = async () => (await p.deps.pool.query<{ t: Date }>("select last_seen_at as t from sessions where id = $1", [hashToken(token)])).rows[0]?.t.getTime();
    await p.deps.pool.query("update sessions set last_seen_at = now() - interval '2 minutes' where id = $1", [hashToken(token)]);
    const before = await seen();
    await findSessionAndPlace(p.deps.db, hashToken(token), slug, componentId);
    const after = await seen();
    expect(after).toBeGreaterThan((before ?? 0) + 60_000);
    await findSessionAndPlace(p.deps.db, hashToken(token), slug, componentId);
    expect(await seen()).toBe(after);
  }, 60_000);
});

describe("a signed-in component request", () => {
  it("loses the place at once when signed out, blocked, or its role and membership are taken away", async () => {
    const admin = await signedInClient(p, { isAdmin: true });
    const { slug, spaceId, componentId } = await privateConversation(admin.userId);
    const page = `/spaces/${slug}/c/${componentId}`;
    const join = async (userId: number) => p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${spaceId}, ${userId})`);

    const leaving = await signedInClient(p);
    await join(leaving.userId);
    expect((await leaving.client.get(page)).statusCode).toBe(200);
    expect((await leaving.client.post("/users/sign-out", {}, { formPage: "/" })).statusCode).toBe(303);
    expect((await leaving.client.get(page)).statusCode).toBe(404);

    const blocked = await signedInClient(p);
    await join(blocked.userId);
    expect((await blocked.client.get(page)).statusCode).toBe(200);
    await p.deps.db.execute(sql`update users set blocked_at = now() where id = ${blocked.userId}`);
    expect((await blocked.client.get(page)).statusCode).toBe(404);

    const moderator = await signedInClient(p);
    await p.deps.db.execute(sql`insert into space_roles (space_id, user_id, role) values (${spaceId}, ${moderator.userId}, 'moderator')`);
    const asModerator = await moderator.client.get(page);
    expect(asModerator.statusCode).toBe(200);
    // Signed in on the page itself: the header names the person.
    expect(asModerator.body).toContain('action="/users/sign-out"');
    await p.deps.db.execute(sql`delete from space_roles where space_id = ${spaceId} and user_id = ${moderator.userId}`);
    const after = await moderator.client.get(page);
    expect(after.statusCode).toBe(404);
    // Still signed in on the 404 (the place's own lookup found the space, the session with it).
    expect(after.body).toContain('action="/users/sign-out"');
    // A slug that names no space: a 404 that still knows who is signed in (the session looked up alone).
    const missing = await moderator.client.get(`/spaces/${slug}-missing/c/${componentId}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('action="/users/sign-out"');
  }, 60_000);
});
