/**
 * The migration that moves petitions onto the participation kit: follows written in
 * `petition_follows` and mails waiting in `petition_outbox` before it are in `follows` and
 * `mail_outbox` after it, the old tables and `users.notify_by_email` are gone, the mail choice made
 * with the old checkbox holds, and the notices people received before stay (now naming their petition).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "../../db/migrate";
import { createDatabaseMigratedTo, type PartlyMigratedDatabase } from "../../test/migrate-to";

const MIGRATION = "_petitions_onto_kit";

/** The migration just before this one: the database is written as it was then. */
function previousTag(): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(MIGRATION));
  const before = journal.entries[at - 1];
  if (at < 1 || !before) throw new Error(`no migration ending with ${MIGRATION}`);
  return before.tag;
}

let db: PartlyMigratedDatabase;
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await createDatabaseMigratedTo(previousTag());
  const q = async (text: string, values: unknown[] = []) => (await db.client.query<{ id: string }>(text, values)).rows;
  const one = async (text: string, values: unknown[] = []) => Number((await q(text, values))[0]?.id);
  ids.space = await one(`insert into spaces (type, slug, title, published_at) values ('process', 'moving', '{"fr":"Déménagement"}', now()) returning id`);
  ids.component = await one(`insert into components (space_id, manifest, name, published_at) values ($1, 'petitions', '{"fr":"Pétitions"}', now()) returning id`, [ids.space]);
  ids.type = await one(`insert into petition_types (component_id, title, threshold) values ($1, '{"fr":"T"}', 10) returning id`, [ids.component]);
  ids.first = await one(`insert into petitions (component_id, type_id, title, body, language, state, sponsor_token) values ($1, $2, 'Plus de bancs', 'b', 'fr', 'published', 'tok-1') returning id`, [ids.component, ids.type]);
  ids.second = await one(`insert into petitions (component_id, type_id, title, body, language, state, sponsor_token) values ($1, $2, 'Moins de bruit', 'b', 'fr', 'published', 'tok-2') returning id`, [ids.component, ids.type]);
  ids.mailOn = await one(`insert into users (email, name) values ('on@example.org', 'On') returning id`);
  ids.mailOff = await one(`insert into users (email, name) values ('off@example.org', 'Off') returning id`);
  // Turned mail off with the old checkbox after the kit's first migration had copied the choice.
  await q(`update users set notify_by_email = false where id = $1`, [ids.mailOff]);
  await q(
    `insert into petition_follows (petition_id, user_id, created_at) values ($1, $3, '2026-03-01T10:00:00Z'), ($1, $4, '2026-03-02T10:00:00Z'), ($2, $3, '2026-03-03T10:00:00Z')`,
    [ids.first, ids.second, ids.mailOn, ids.mailOff],
  );
  await q(`insert into petition_outbox ("to", subject, text) values ('signer@example.org', 'Confirmez votre signature', 'Ouvrez le lien.'), ('other@example.org', 'Votre signature', 'Déjà signée.')`);
  // Notices received before: one about a petition, one about something else.
  await q(
    `insert into notifications (user_id, kind, message, values, keyed_values, url) values
      ($1, 'petition.state.published', 'petitions.notification.state', '{"title":"Plus de bancs"}', '{"state":"petitions.state.published"}', $2),
      ($1, 'newsletter.sent', 'newsletters.notice', '{}', '{}', '/newsletters/4')`,
    [ids.mailOn, `/petitions/${ids.first}`],
  );
  await db.migrateRest();
}, 120_000);
afterAll(() => db.drop());

const rows = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await db.client.query<T>(text, values)).rows;

describe("moving petitions' follows and mails onto the kit", () => {
  it("copies every follow into the kit's follows, with its petition's component and space and its date", async () => {
    const follows = await rows<{ resource_type: string; resource_id: string; user_id: string; component_id: string; space_id: string; created_at: Date }>(
      `select resource_type, resource_id, user_id, component_id, space_id, created_at from follows order by created_at`,
    );
    expect(follows.map((f) => [f.resource_type, Number(f.resource_id), Number(f.user_id), Number(f.component_id), Number(f.space_id), f.created_at.toISOString()])).toEqual([
      ["petition", ids.first, ids.mailOn, ids.component, ids.space, "2026-03-01T10:00:00.000Z"],
      ["petition", ids.first, ids.mailOff, ids.component, ids.space, "2026-03-02T10:00:00.000Z"],
      ["petition", ids.second, ids.mailOn, ids.component, ids.space, "2026-03-03T10:00:00.000Z"],
    ]);
  });

  it("queues the mails that were waiting in the core's mail outbox, in their order", async () => {
    const mails = await rows<{ to: string; subject: string; text: string }>(`select "to", subject, text from mail_outbox order by id`);
    expect(mails).toEqual([
      { to: "signer@example.org", subject: "Confirmez votre signature", text: "Ouvrez le lien." },
      { to: "other@example.org", subject: "Votre signature", text: "Déjà signée." },
    ]);
  });

  it("keeps the notices received before, naming their petition so they can be unfollowed from", async () => {
    const notices = await rows<{ kind: string; url: string; resource_type: string | null; resource_id: string | null }>(
      `select kind, url, resource_type, resource_id from notifications where user_id = $1 order by id`,
      [ids.mailOn],
    );
    expect(notices.map((n) => [n.kind, n.url, n.resource_type, n.resource_id === null ? null : Number(n.resource_id)])).toEqual([
      ["petition.state.published", `/petitions/${ids.first}`, "petition", ids.first],
      ["newsletter.sent", "/newsletters/4", null, null],
    ]);
  });

  it("keeps the mail choice made with the old checkbox, then drops it with the old tables", async () => {
    const people = await rows<{ id: string; email_frequency: string }>(`select id, email_frequency from users order by id`);
    expect(people.map((u) => [Number(u.id), u.email_frequency])).toEqual([
      [ids.mailOn, "realtime"],
      [ids.mailOff, "none"],
    ]);
    const gone = await rows<{ follows: string | null; outbox: string | null; column: number }>(
      `select to_regclass('petition_follows')::text as follows, to_regclass('petition_outbox')::text as outbox,
        (select count(*)::int from information_schema.columns where table_name = 'users' and column_name = 'notify_by_email') as column`,
    );
    expect(gone).toEqual([{ follows: null, outbox: null, column: 0 }]);
  });
});
