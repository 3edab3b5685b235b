/**
 * Demo discussions: a component's demo seed describes threads (who says what, in which language,
 * on which side, who votes) and `seedDiscussion` writes them as real comments by demo participants,
 * spread over the past days. No notification is raised: nobody follows anything yet.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ResourceRef } from "../resources/kinds";
import type { Alignment } from "./queries";
import { insertComment, resolveHandles, setVote } from "./store";
import { mentionHandles, normaliseBody } from "./text";

export interface DemoParticipant {
  email: string;
  name: string;
  locale: "fr" | "nl" | "en" | "de";
}

export interface DemoComment {
  /** Key of the author in the participants given. */
  by: string;
  locale: "fr" | "nl" | "en" | "de";
  body: string;
  alignment?: Alignment;
  /** Participants voting it up (1) or down (-1). */
  votes?: Record<string, 1 | -1>;
  replies?: DemoComment[];
}

/** Demo participants by key: accounts without a password (they cannot sign in), created once. */
async function participants(db: Db, people: Record<string, DemoParticipant>): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [key, p] of Object.entries(people)) {
    await db.execute(sql`
      insert into users (email, name, locale, email_confirmed_at) values (${p.email.toLowerCase()}, ${p.name}, ${p.locale}, now())
      on conflict do nothing`);
    const row = await db.execute<{ id: string }>(sql`select id from users where lower(email) = ${p.email.toLowerCase()}`);
    const id = row.rows[0]?.id;
    if (id === undefined) throw new Error(`demo participant ${p.email} missing`);
    ids[key] = Number(id);
  }
  return ids;
}

/** Writes the threads on `ref`, oldest first, the last one an hour ago. */
export async function seedDiscussion(db: Db, ref: ResourceRef, place: { componentId: number; spaceId: number }, people: Record<string, DemoParticipant>, threads: DemoComment[]): Promise<void> {
  const ids = await participants(db, people);
  const author = (key: string) => {
    const id = ids[key];
    if (id === undefined) throw new Error(`demo discussion: no participant ${key}`);
    return id;
  };
  const flat: Array<{ c: DemoComment; parentIndex: number | null }> = [];
  const walk = (list: DemoComment[], parentIndex: number | null) => {
    for (const c of list) {
      flat.push({ c, parentIndex });
      walk(c.replies ?? [], flat.length - 1);
    }
  };
  walk(threads, null);
  await db.transaction(async (tx) => {
    const written: Array<{ id: number; rootId: number; depth: number }> = [];
    for (const [i, { c, parentIndex }] of flat.entries()) {
      const parent = parentIndex === null ? null : (written[parentIndex] ?? null);
      const body = normaliseBody(c.body);
      const created = await insertComment(tx, {
        ref,
        componentId: place.componentId,
        spaceId: place.spaceId,
        authorId: author(c.by),
        body,
        locale: c.locale,
        alignment: parent ? 0 : (c.alignment ?? 0),
        mentions: await resolveHandles(tx, mentionHandles(body)),
        parent,
      });
      // Spread over the last days, in the order written.
      await tx.execute(sql`update comments set created_at = now() - make_interval(hours => ${(flat.length - i) * 7}) where id = ${created.id}`);
      written.push({ id: created.id, rootId: parent ? parent.rootId : created.id, depth: parent ? parent.depth + 1 : 0 });
      for (const [voter, value] of Object.entries(c.votes ?? {})) await setVote(tx, created.id, author(voter), value);
    }
  });
}
