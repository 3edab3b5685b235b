/**
 * The session lookup every request makes (sessions.ts, a hand-written prepared statement since ADR 0042):
 * a live session of an active account gives the context's user and the unread count; an unknown, expired
 * or ended session, or a blocked, deleted or address-less account, gives nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { createSession, destroySession, destroyUserSessions, hashToken, lookupSession } from "./sessions";
import { createUser } from "./users";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

let n = 0;
async function person(opts: { isAdmin?: boolean } = {}): Promise<{ userId: number; token: string }> {
  n += 1;
  const userId = await createUser(p.deps.db, { email: `lookup${n}@example.org`, password: "correct horse battery", name: `Lookup ${n}`, confirmed: true, isAdmin: opts.isAdmin ?? false });
  const token = await createSession(p.deps.db, userId, {});
  return { userId, token };
}

const sql = (text: string, values: unknown[]) => p.deps.pool.query(text, values);

describe("the session lookup", () => {
  it("gives the live session's user, their locale and their unread notifications", async () => {
    const { userId, token } = await person({ isAdmin: true });
    await sql("update users set locale = 'nl' where id = $1", [userId]);
    await sql("insert into notifications (user_id, kind, message, url) select $1, 'test', 'notifications.title', '/' from generate_series(1, 3)", [userId]);
    await sql("update notifications set read_at = now() where id = (select min(id) from notifications where user_id = $1)", [userId]);
    const found = await lookupSession(p.deps.db, token);
    expect(found).toEqual({
      sessionId: hashToken(token),
      unreadNotifications: 2,
      user: { id: userId, email: `lookup${n}@example.org`, name: `Lookup ${n}`, isAdmin: true, emailConfirmed: true, locale: "nl" },
    });
    await sql("update users set email_confirmed_at = null, locale = null where id = $1", [userId]);
    expect((await lookupSession(p.deps.db, token))?.user).toMatchObject({ emailConfirmed: false, locale: null, isAdmin: true });
  });

  it("gives nobody for an unknown token, an expired or ended session", async () => {
    expect(await lookupSession(p.deps.db, "not-a-token")).toBeNull();
    const expired = await person();
    await sql("update sessions set expires_at = now() - interval '1 second' where user_id = $1", [expired.userId]);
    expect(await lookupSession(p.deps.db, expired.token)).toBeNull();
    const ended = await person();
    const other = await createSession(p.deps.db, ended.userId, {});
    await destroySession(p.deps.db, hashToken(ended.token));
    expect(await lookupSession(p.deps.db, ended.token)).toBeNull();
    expect(await lookupSession(p.deps.db, other)).not.toBeNull();
    await destroyUserSessions(p.deps.db, ended.userId);
    expect(await lookupSession(p.deps.db, other)).toBeNull();
  });

  it("gives nobody for a blocked, deleted or address-less account", async () => {
    const blocked = await person();
    await sql("update users set blocked_at = now() where id = $1", [blocked.userId]);
    expect(await lookupSession(p.deps.db, blocked.token)).toBeNull();
    const deleted = await person();
    await sql("update users set deleted_at = now() where id = $1", [deleted.userId]);
    expect(await lookupSession(p.deps.db, deleted.token)).toBeNull();
    const anonymised = await person();
    await sql("update users set email = null where id = $1", [anonymised.userId]);
    expect(await lookupSession(p.deps.db, anonymised.token)).toBeNull();
  });
});
