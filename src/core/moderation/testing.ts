/**
 * A small world for moderation's integration tests, built from the core alone: two published spaces
 * with a component each, and a resource kind "note" kept in memory (as any component's kind would be
 * in its tables), so the tests show moderation working on any kind and on comments.
 */
import { sql } from "drizzle-orm";
import { signedInClient } from "../accounts/testing";
import { getComponentManifest } from "../components/registry";
import { registerResourceKind } from "../resources/kinds";
import { assignRole } from "../spaces/roles-service";
import type { TestPlatform } from "../../test/platform";
import { fakeResourceKind, publishedPlace, type FakeResource, type Place } from "../../test/resource-kind";

export interface World {
  notes: Map<number, FakeResource>;
  spaces: { a: { id: number; componentId: number }; b: { id: number; componentId: number } };
  addNote: (where: "a" | "b", authorId: number, title?: string) => number;
  /** Whether moderation hid the note. */
  hidden: (noteId: number) => boolean | undefined;
  addComment: (noteId: number, authorId: number, body?: string) => Promise<number>;
  setThreshold: (n: number) => Promise<void>;
  /** A signed-in moderator (role "moderator", not admin) of a space. */
  moderatorOf: (where: "a" | "b") => Promise<Awaited<ReturnType<typeof signedInClient>>>;
}

export async function buildWorld(p: TestPlatform): Promise<World> {
  const { db } = p.deps;
  await db.execute(sql`insert into organizations (id, name) values (1, '{"en": "Test city"}'::jsonb) on conflict (id) do nothing`);
  const manifest = getComponentManifest("pages");
  if (!manifest) throw new Error("the pages component is not installed");
  const modSpace = (where: string) => {
    const slug = `mod-${where}-${Date.now()}`;
    return publishedPlace(p, manifest, slug, { title: `Space ${slug}` });
  };
  const places: Record<"a" | "b", Place> = { a: await modSpace("a"), b: await modSpace("b") };
  const spaces = { a: { id: places.a.space.id, componentId: places.a.component.id }, b: { id: places.b.space.id, componentId: places.b.component.id } };
  const notes = fakeResourceKind("note", { label: "moderation.reason.other", url: (n) => `/notes/${n.id}`, declares: { comments: true } });
  registerResourceKind("note", "moderation-test", notes.kind);
  return {
    notes: notes.resources,
    spaces,
    addNote: (where, authorId, title = "A note worth reading") => notes.add(places[where], authorId, title),
    hidden: (noteId) => {
      const n = notes.resources.get(noteId);
      return n && !n.public;
    },
    addComment: async (noteId, authorId, body = "A comment on the note.") => {
      const n = notes.resources.get(noteId);
      if (!n) throw new Error("no such note");
      const rows = await db.execute<{ id: string }>(sql`
        insert into comments (component_id, space_id, resource_type, resource_id, author_id, body, depth)
        values (${n.componentId}, ${n.spaceId}, 'note', ${noteId}, ${authorId}, ${body}, 0) returning id`);
      return Number(rows.rows[0]?.id);
    },
    setThreshold: async (n) => {
      await db.execute(sql`update organizations set report_threshold = ${n} where id = 1`);
    },
    moderatorOf: async (where) => {
      const person = await signedInClient(p);
      const assigned = await assignRole(db, { id: 0, ip: null }, spaces[where].id, person.email, "moderator");
      if (!assigned.ok) throw new Error("role");
      return person;
    },
  };
}
