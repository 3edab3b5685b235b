/**
 * A small world for moderation's integration tests, built from the core alone: two published spaces
 * with a component each, and a resource kind "note" kept in memory (as any component's kind would be
 * in its tables), so the tests show moderation working on any kind and on comments.
 */
import { sql } from "drizzle-orm";
import { signedInClient } from "../accounts/testing";
import { addComponent } from "../components/service";
import { getComponentManifest } from "../components/registry";
import { registerResourceKind, type ResourceFacts, type ResourceKind } from "../resources/kinds";
import { assignRole } from "../spaces/roles-service";
import { createSpace, setSpacePublished } from "../spaces/service";
import type { TestPlatform } from "../../test/platform";

export interface Note {
  id: number;
  spaceId: number;
  componentId: number;
  title: string;
  authorId: number;
  hidden: boolean;
}

export interface World {
  notes: Map<number, Note>;
  spaces: { a: { id: number; componentId: number }; b: { id: number; componentId: number } };
  addNote: (where: "a" | "b", authorId: number, title?: string) => number;
  addComment: (noteId: number, authorId: number, body?: string) => Promise<number>;
  setThreshold: (n: number) => Promise<void>;
  /** A signed-in moderator (role "moderator", not admin) of a space. */
  moderatorOf: (where: "a" | "b") => Promise<Awaited<ReturnType<typeof signedInClient>>>;
}

let nextNote = 1;

export async function buildWorld(p: TestPlatform): Promise<World> {
  const { db } = p.deps;
  const actor = { id: 0, ip: null };
  await db.execute(sql`insert into organizations (id, name) values (1, '{"en": "Test city"}'::jsonb) on conflict (id) do nothing`);
  const manifest = getComponentManifest("pages");
  if (!manifest) throw new Error("the pages component is not installed");
  const makeSpace = async (slug: string) => {
    const created = await createSpace(db, actor, "process", { slug, title: { en: `Space ${slug}` }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 }, null);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    await setSpacePublished(db, actor, created.value.id, true);
    const component = await addComponent(db, actor, created.value.id, manifest, { en: "Notes" }, { published: true });
    return { id: created.value.id, componentId: component.id };
  };
  const spaces = { a: await makeSpace(`mod-a-${Date.now()}`), b: await makeSpace(`mod-b-${Date.now()}`) };
  const notes = new Map<number, Note>();
  const facts = (n: Note): ResourceFacts => ({ type: "note", id: n.id, componentId: n.componentId, spaceId: n.spaceId, title: n.title, url: `/notes/${n.id}`, authorIds: [n.authorId], public: !n.hidden });
  const kind: ResourceKind = {
    label: "moderation.reason.other",
    load: async (_db, ids) => new Map(ids.flatMap((id) => (notes.has(id) ? [[id, facts(notes.get(id) as Note)] as const] : []))),
    comments: true,
    setHidden: async (_tx, ids, hidden) => {
      for (const id of ids) {
        const n = notes.get(id);
        if (n) n.hidden = hidden;
      }
    },
    setTitle: async (_tx, id, title) => {
      const n = notes.get(id);
      if (n) n.title = title;
    },
    authoredBy: async (_db, userId) => [...notes.values()].filter((n) => n.authorId === userId).map((n) => n.id),
  };
  registerResourceKind("note", "moderation-test", kind);
  return {
    notes,
    spaces,
    addNote: (where, authorId, title = "A note worth reading") => {
      const id = nextNote++;
      notes.set(id, { id, spaceId: spaces[where].id, componentId: spaces[where].componentId, title, authorId, hidden: false });
      return id;
    },
    addComment: async (noteId, authorId, body = "A comment on the note.") => {
      const n = notes.get(noteId);
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
