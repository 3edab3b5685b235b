/**
 * The relay, end to end: `notify()` in a transaction, the relay fans the event out (set-based) to the
 * audiences it declares, minus the actor, blocked and deleted accounts and anyone who can no longer see
 * the resource; mails at once in the reader's language over SMTP, or one daily / weekly digest, or none.
 * A resource kind of the test's own, on real spaces and components, so nothing depends on a component.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import type { EmailFrequency } from "../accounts/schema";
import type { Locale, Translatable } from "../i18n/locales";
import { registerResourceKind, type ResourceFacts } from "../resources/kinds";
import { sendDigests } from "./digest";
import { notify, type NotifyOptions } from "./outbox";
import { relayEvents, waitForRelay } from "./relay";

const TYPE = "relay-note";
interface Note {
  componentId: number;
  spaceId: number;
  title: string | Translatable;
  authorIds: number[];
  public: boolean;
}
const notes = new Map<number, Note>();
let nextNote = 1;
/** While true, a "fragile" event raised with `{ fragile: 1 }` fails in its fan-out. */
let fragileBroken = false;

registerResourceKind(TYPE, "relay-test", {
  label: "notifications.title",
  load: async (_db, ids) =>
    new Map(
      ids.flatMap((id): Array<[number, ResourceFacts]> => {
        const n = notes.get(id);
        return n ? [[id, { type: TYPE, id, componentId: n.componentId, spaceId: n.spaceId, title: n.title, url: `/relay-notes/${id}`, authorIds: n.authorIds, public: n.public }]] : [];
      }),
    ),
  events: {
    everyone: { to: ["followers", "authors", "spaceFollowers", "spaceAdmins", "mentioned", "parentAuthor"], message: "petitions.notification.progress" },
    followers: { to: ["followers"], message: "petitions.notification.progress" },
    fragile: {
      to: ["followers"],
      message: "petitions.notification.progress",
      keyedValues: (values) => {
        if (fragileBroken && values.fragile === 1) throw new Error("the fragile event broke");
        return {};
      },
    },
  },
});

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const one = async (query: ReturnType<typeof sql>) => Number((await p.deps.db.execute<{ id: string }>(query)).rows[0]?.id);
let people = 0;
async function person(opts: { frequency?: EmailFrequency; locale?: Locale; name?: string } = {}): Promise<{ id: number; email: string }> {
  people += 1;
  const email = `relay-${people}-${Date.now()}@example.org`;
  const id = await one(sql`insert into users (email, name, locale, email_frequency, email_confirmed_at) values (${email}, ${opts.name ?? `Person ${people}`}, ${opts.locale ?? "en"}, ${opts.frequency ?? "realtime"}, now()) returning id`);
  return { id, email };
}

async function place(opts: { isPrivate?: boolean } = {}): Promise<{ spaceId: number; componentId: number }> {
  const slug = `relay-${Math.random().toString(36).slice(2, 10)}`;
  const spaceId = await one(sql`insert into spaces (type, slug, title, published_at, is_private) values ('process', ${slug}, '{"en":"Relay space"}', now(), ${opts.isPrivate ?? false}) returning id`);
  const componentId = await one(sql`insert into components (space_id, manifest, name, published_at) values (${spaceId}, 'petitions', '{"en":"Notes"}', now()) returning id`);
  return { spaceId, componentId };
}

function note(where: { spaceId: number; componentId: number }, opts: Partial<Note> = {}): number {
  const id = nextNote++;
  notes.set(id, { ...where, title: `Note ${id}`, authorIds: [], public: true, ...opts });
  return id;
}

const follow = (userId: number, type: string, id: number) => p.deps.db.execute(sql`insert into follows (resource_type, resource_id, user_id) values (${type}, ${id}, ${userId}) on conflict do nothing`);
const emit = (id: number, event: string, options: NotifyOptions = {}) => p.deps.db.transaction((tx) => notify(tx, { type: TYPE, id }, event, { values: { percent: 50 }, ...options }));
const relay = () => waitForRelay(p.deps, { relay: true, timeoutMs: 15_000 });
const told = async (id: number) =>
  (await p.deps.db.execute<{ user_id: string }>(sql`select user_id from notifications where resource_type = ${TYPE} and resource_id = ${id} order by user_id`)).rows.map((r) => Number(r.user_id));
const mailsTo = (email: string) => p.smtp.messages.filter((m) => m.to.includes(email));
const settle = () => new Promise((r) => setTimeout(r, 2_500));

describe("the relay's audiences", () => {
  it("tells followers, authors and accepted co-authors, the mentioned, the space's admins and followers, but never the actor", async () => {
    const where = await place();
    const [author, coauthor, invited, follower, actor, mentioned, admin, spaceFollower, stranger] = await Promise.all(Array.from({ length: 9 }, () => person({ frequency: "none" })));
    if (!author || !coauthor || !invited || !follower || !actor || !mentioned || !admin || !spaceFollower || !stranger) throw new Error("people");
    const id = note(where, { authorIds: [author.id] });
    await p.deps.db.execute(sql`insert into coauthorships (resource_type, resource_id, user_id, component_id, status) values
      (${TYPE}, ${id}, ${coauthor.id}, ${where.componentId}, 'accepted'), (${TYPE}, ${id}, ${invited.id}, ${where.componentId}, 'invited')`);
    await follow(follower.id, TYPE, id);
    await follow(actor.id, TYPE, id);
    await follow(spaceFollower.id, "space", where.spaceId);
    await p.deps.db.execute(sql`insert into space_roles (space_id, user_id, role) values (${where.spaceId}, ${admin.id}, 'admin')`);
    await emit(id, "everyone", { actorId: actor.id, recipients: { mentioned: [mentioned.id] } });
    await relay();
    expect(await told(id)).toEqual([author, coauthor, follower, mentioned, admin, spaceFollower].map((x) => x.id).sort((a, b) => a - b));
    const row = await p.deps.db.execute<{ kind: string; url: string; values: Record<string, unknown>; digest_pending: boolean }>(
      sql`select kind, url, values, digest_pending from notifications where user_id = ${follower.id} and resource_id = ${id}`,
    );
    expect(row.rows[0]).toMatchObject({ kind: `${TYPE}.everyone`, url: `/relay-notes/${id}`, values: { title: `Note ${id}`, percent: 50 }, digest_pending: false });

    // An event for followers only reaches followers, even with a mention in it.
    const other = note(where, { authorIds: [author.id] });
    await follow(follower.id, TYPE, other);
    await emit(other, "followers", { recipients: { mentioned: [mentioned.id] } });
    await relay();
    expect(await told(other)).toEqual([follower.id]);
  });

  it("tells the followers it had when it happened, not someone who followed while it waited for the relay", async () => {
    const where = await place();
    const [early, late] = await Promise.all([person({ frequency: "none" }), person({ frequency: "none" })]);
    const id = note(where);
    await follow(early.id, TYPE, id);
    // Dated after the event (as if followed while the event waited), whenever the relay runs.
    await p.deps.db.execute(sql`insert into follows (resource_type, resource_id, user_id, created_at) values (${TYPE}, ${id}, ${late.id}, now() + interval '1 minute')`);
    await emit(id, "followers");
    await relay();
    expect(await told(id)).toEqual([early.id]);
  });

  it("leaves out blocked and deleted accounts", async () => {
    const where = await place();
    const [kept, blocked, deleted] = await Promise.all([person({ frequency: "none" }), person({ frequency: "none" }), person({ frequency: "none" })]);
    const id = note(where);
    for (const x of [kept, blocked, deleted]) await follow(x.id, TYPE, id);
    await p.deps.db.execute(sql`update users set blocked_at = now(), blocked_reason = 'spam' where id = ${blocked.id}`);
    await p.deps.db.execute(sql`update users set deleted_at = now(), email = null where id = ${deleted.id}`);
    await emit(id, "followers");
    await relay();
    expect(await told(id)).toEqual([kept.id]);
  });

  it("tells only those who can still see it: a private space's members, and only authors and staff once it is not public", async () => {
    const where = await place({ isPrivate: true });
    const [member, leaver, author, moderator] = await Promise.all([person({ frequency: "none" }), person({ frequency: "none" }), person({ frequency: "none" }), person({ frequency: "none" })]);
    await p.deps.db.execute(sql`insert into space_private_users (space_id, user_id) values (${where.spaceId}, ${member.id}), (${where.spaceId}, ${leaver.id}), (${where.spaceId}, ${author.id})`);
    await p.deps.db.execute(sql`insert into space_roles (space_id, user_id, role) values (${where.spaceId}, ${moderator.id}, 'moderator')`);
    const id = note(where, { authorIds: [author.id] });
    for (const x of [member, leaver, author, moderator]) await follow(x.id, TYPE, id);
    // The leaver lost access to the private space, but still follows.
    await p.deps.db.execute(sql`delete from space_private_users where space_id = ${where.spaceId} and user_id = ${leaver.id}`);
    await emit(id, "followers");
    await relay();
    expect(await told(id)).toEqual([member.id, author.id, moderator.id].sort((a, b) => a - b));

    // Hidden by moderation (not public): its author and the staff only.
    const hidden = note(where, { authorIds: [author.id], public: false });
    for (const x of [member, author, moderator]) await follow(x.id, TYPE, hidden);
    await emit(hidden, "followers");
    await relay();
    expect(await told(hidden)).toEqual([author.id, moderator.id].sort((a, b) => a - b));
  });

  it("fans one event out to 200 followers in one pass, with no event left behind", async () => {
    const where = await place();
    const id = note(where);
    await p.deps.db.execute(sql`
      with made as (
        insert into users (email, name, email_frequency) select 'crowd-' || g || '-' || ${id} || '@example.org', 'Crowd ' || g, 'none' from generate_series(1, 200) g returning id
      ) insert into follows (resource_type, resource_id, user_id) select ${TYPE}, ${id}, id from made`);
    await emit(id, "followers");
    const stats = await relayEvents(p.deps);
    await relay();
    expect((await told(id)).length).toBe(200);
    expect(stats.failed).toBe(0);
    // Relaying again (as after a crash) adds nothing: the row went with its fan-out.
    await relayEvents(p.deps);
    expect((await told(id)).length).toBe(200);
  });

  it("logs a failing event with its id and keeps it for the next run, while the others of its batch go out", async () => {
    const where = await place();
    const reader = await person({ frequency: "none" });
    const [before, broken, after] = [note(where), note(where), note(where)] as const;
    for (const id of [before, broken, after]) await follow(reader.id, TYPE, id);
    // The background relay shares these deps: its lines are caught too, whichever run gets there first.
    const lines: string[] = [];
    const log = p.deps.log;
    p.deps.log = (m) => lines.push(m);
    fragileBroken = true;
    try {
      await p.deps.db.transaction(async (tx) => {
        for (const id of [before, broken, after]) await notify(tx, { type: TYPE, id }, "fragile", { values: { percent: 10, fragile: id === broken ? 1 : 0 } });
      });
      const eventId = await one(sql`select id from event_outbox where resource_type = ${TYPE} and resource_id = ${broken}`);
      const until = Date.now() + 15_000;
      while ((await told(before)).length + (await told(after)).length < 2 || lines.length === 0) {
        if (Date.now() > until) throw new Error(`the relay did not get through: ${lines.at(-1) ?? "nothing logged"}`);
        await relayEvents(p.deps);
      }
      expect([await told(before), await told(after), await told(broken)]).toEqual([[reader.id], [reader.id], []]);
      expect(lines[0]).toBe(`notifications relay: event ${eventId} (fragile on ${TYPE} ${broken}) failed, kept for the next run: the fragile event broke`);
      expect(await one(sql`select id from event_outbox where id = ${eventId}`)).toBe(eventId);
      // Mended, the next run relays it.
      fragileBroken = false;
      await relay();
      expect(await told(broken)).toEqual([reader.id]);
    } finally {
      fragileBroken = false;
      p.deps.log = log;
    }
  });

  it("drops events of unknown kinds or resources, and goes on with the others", async () => {
    const where = await place();
    const reader = await person({ frequency: "none" });
    const id = note(where);
    await follow(reader.id, TYPE, id);
    await p.deps.db.transaction(async (tx) => {
      await notify(tx, { type: "no-such-kind", id: 1 }, "everyone");
      await notify(tx, { type: TYPE, id: 999_999 }, "everyone");
      await notify(tx, { type: TYPE, id }, "no-such-event");
      await notify(tx, { type: TYPE, id }, "followers", { values: { percent: 10 } });
    });
    await relay();
    expect(await told(id)).toEqual([reader.id]);
  });
});

describe("mail as each person chose", () => {
  it("mails at once, in the reader's language, with the page and a way to stop following", async () => {
    const where = await place();
    const reader = await person({ locale: "fr", frequency: "realtime" });
    const id = note(where, { title: { fr: "Des bancs au parc", en: "Benches in the park" } });
    await follow(reader.id, TYPE, id);
    await emit(id, "followers", { values: { percent: 66 } });
    await relay();
    const mail = await p.smtp.waitFor((m) => m.to.includes(reader.email));
    expect(mail.subject).toBe("« Des bancs au parc » a atteint 66 % de son seuil");
    expect(mail.text).toContain(`http://pnyx.test/relay-notes/${id}`);
    expect(mail.text).toContain(`http://pnyx.test/follows/unfollow?type=${TYPE}&id=${id}`);
    expect(mail.text).toContain("http://pnyx.test/account#notifications");
    const stored = await p.deps.db.execute<{ values: Record<string, unknown> }>(sql`select values from notifications where user_id = ${reader.id}`);
    expect(stored.rows[0]?.values.title).toBe("Des bancs au parc");
  });

  it("gathers a daily reader's notices into ONE digest in their language, and nothing at once", async () => {
    const where = await place();
    const reader = await person({ locale: "nl", frequency: "daily", name: "Daan" });
    const first = note(where, { title: "Meer fietspaden" });
    const second = note(where, { title: "Minder lawaai" });
    await follow(reader.id, TYPE, first);
    await follow(reader.id, TYPE, second);
    await emit(first, "followers", { values: { percent: 33 } });
    await emit(first, "followers", { values: { percent: 66 } });
    await emit(second, "followers", { values: { percent: 33 } });
    await relay();
    await settle();
    expect(mailsTo(reader.email)).toHaveLength(0);
    const pending = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${reader.id} and digest_pending`);
    expect(pending.rows[0]?.n).toBe(3);
    // The weekly run is not theirs.
    await sendDigests(p.deps, "weekly");
    expect(await sendDigests(p.deps, "daily")).toBeGreaterThanOrEqual(1);
    const mail = await p.smtp.waitFor((m) => m.to.includes(reader.email));
    expect(mail.subject).toBe("Uw dagelijks overzicht: 3 nieuwe meldingen");
    expect(mail.text).toContain("Hallo Daan");
    expect(mail.text).toContain("“Meer fietspaden” bereikte 33% van de drempel");
    expect(mail.text).toContain("“Meer fietspaden” bereikte 66% van de drempel");
    expect(mail.text).toContain("“Minder lawaai” bereikte 33% van de drempel");
    // Grouped by resource: the first note's two notices, then its page, before the second note.
    expect(mail.text.indexOf("66%")).toBeLessThan(mail.text.indexOf(`http://pnyx.test/relay-notes/${first}`));
    expect(mail.text.indexOf(`http://pnyx.test/relay-notes/${first}`)).toBeLessThan(mail.text.indexOf("Minder lawaai"));
    expect(mail.text).toContain(`http://pnyx.test/follows/unfollow?type=${TYPE}&id=${second}`);
    expect(mail.text).toContain("http://pnyx.test/account#notifications");
    const after = await p.deps.db.execute<{ pending: number; sent: boolean }>(
      sql`select (select count(*)::int from notifications where user_id = ${reader.id} and digest_pending) as pending, (select digest_sent_at is not null from users where id = ${reader.id}) as sent`,
    );
    expect(after.rows[0]).toEqual({ pending: 0, sent: true });
    // Nothing new: the next run sends them nothing.
    await sendDigests(p.deps, "daily");
    await settle();
    expect(mailsTo(reader.email)).toHaveLength(1);
  });

  it("sends a weekly reader's digest on the weekly run only, in their language", async () => {
    const where = await place();
    const reader = await person({ locale: "de", frequency: "weekly" });
    const id = note(where, { title: "Mehr Bänke" });
    await follow(reader.id, TYPE, id);
    await emit(id, "followers", { values: { percent: 100 } });
    await relay();
    await sendDigests(p.deps, "daily");
    await settle();
    expect(mailsTo(reader.email)).toHaveLength(0);
    await sendDigests(p.deps, "weekly");
    const mail = await p.smtp.waitFor((m) => m.to.includes(reader.email));
    expect(mail.subject).toBe("Ihre wöchentliche Zusammenfassung: 1 neue Benachrichtigung");
    expect(mail.text).toContain("Mehr Bänke");
  });

  it("tells someone who wants no mail in the app only", async () => {
    const where = await place();
    const reader = await person({ frequency: "none" });
    const id = note(where);
    await follow(reader.id, TYPE, id);
    await emit(id, "followers");
    await relay();
    await sendDigests(p.deps, "daily");
    await sendDigests(p.deps, "weekly");
    await settle();
    expect(mailsTo(reader.email)).toHaveLength(0);
    const rows = await p.deps.db.execute<{ digest_pending: boolean }>(sql`select digest_pending from notifications where user_id = ${reader.id}`);
    expect(rows.rows).toEqual([{ digest_pending: false }]);
  });
});
