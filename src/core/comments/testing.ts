/**
 * Test fixture for the comments' integration tests: a throwaway component whose resource kind
 * ("testnote", rows in a table the test creates) is commentable with alignment, and whose page shows
 * `<CommentsSection>` from `loadCommentsSection` like any component's resource page would. Register
 * it before creating the test platform (its page is a site route).
 */
import { sql } from "drizzle-orm";
import { h } from "preact";
import { z } from "zod";
import type { Db } from "../../db/client";
import type { TestPlatform } from "../../test/platform";
import { defineComponent, siteRoute } from "../components/define";
import { getComponentManifest, registerComponent } from "../components/registry";
import { notFound } from "../http/result";
import { resolveResource } from "../resources/access";
import type { ResourceFacts, ResourceKind } from "../resources/kinds";
import { components, spaces, type ComponentPermissionsValue, type ComponentSettingsValue } from "../spaces/schema";
import { sendPage } from "../../web/render";
import { loadCommentsSection } from "./section";
import { CommentsSection } from "./views";

export const NOTE = "testnote";

async function loadNotes(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ id: string; component_id: string; space_id: string; author_id: string | null; public: boolean; title: string }>(
    sql`select id, component_id, space_id, author_id, public, title from test_notes where id = any(${sql.param(ids)}::bigint[])`,
  );
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      { type: NOTE, id: Number(r.id), componentId: Number(r.component_id), spaceId: Number(r.space_id), title: r.title, url: `/test-notes/${r.id}`, authorIds: r.author_id ? [Number(r.author_id)] : [], public: r.public },
    ]),
  );
}

const noteKind: ResourceKind = { label: "comments.openData.label", load: loadNotes, comments: { alignment: true } };

const idParam = z.object({ id: z.coerce.number().int().positive() });

export function registerTestNotes(): void {
  registerComponent(
    defineComponent({
      name: "test-notes",
      label: "comments.openData.label",
      description: "comments.openData.description",
      settings: z.object({}),
      stepSettings: z.object({}),
      labels: {},
      actions: [] as const,
      actionLabels: {},
      routes: [],
      adminRoutes: [],
      resources: { [NOTE]: noteKind },
      siteRoutes: [
        siteRoute({
          method: "GET",
          path: "/test-notes/:id",
          params: idParam,
          handler: async (req, reply, { deps, params }) => {
            const ref = { type: NOTE, id: params.id };
            const r = await resolveResource(deps.db, ref, req.ctx.user);
            if (!r) throw notFound();
            const q = (req.query ?? {}) as Record<string, unknown>;
            const data = await loadCommentsSection(deps.db, ref, req.ctx.user, { sort: q.comments_sort, page: q.comments_page });
            return sendPage(req, reply, { title: "Note", body: h("article", null, data ? h(CommentsSection, { ctx: req.ctx, data }) : h("p", null, "No discussion here.")) });
          },
        }),
      ],
    }),
  );
}

export interface NoteFixtures {
  publicSpace: number;
  privateSpace: number;
  publicComponent: number;
  privateComponent: number;
  note: (opts?: { component?: number; public?: boolean; authorId?: number | null; title?: string }) => Promise<number>;
  /** Sets the component's kit settings (global and default step) and its permissions. */
  configure: (componentId: number, values: { global?: Record<string, unknown>; step?: Record<string, unknown>; permissions?: ComponentPermissionsValue }) => Promise<void>;
}

/** Two spaces (public, private), a published component of test notes in each, and the notes' table. */
export async function noteFixtures(p: TestPlatform): Promise<NoteFixtures> {
  const { db } = p.deps;
  await db.execute(sql`create table if not exists test_notes (id bigserial primary key, component_id bigint not null, space_id bigint not null, author_id bigint, public boolean not null default true, title text not null default 'A note')`);
  const space = async (slug: string, isPrivate: boolean) => {
    const [row] = await db.insert(spaces).values({ type: "process", slug, title: { en: slug }, publishedAt: new Date(), isPrivate }).returning({ id: spaces.id });
    if (!row) throw new Error("space");
    return row.id;
  };
  const manifest = getComponentManifest("test-notes");
  if (!manifest) throw new Error("registerTestNotes() first");
  const component = async (spaceId: number) => {
    const settings: ComponentSettingsValue = { global: manifest.settings.parse({}), defaultStep: manifest.stepSettings.parse({}), steps: {} };
    const [row] = await db.insert(components).values({ spaceId, manifest: "test-notes", name: { en: "Notes" }, settings, publishedAt: new Date() }).returning({ id: components.id });
    if (!row) throw new Error("component");
    return row.id;
  };
  const publicSpace = await space(`open-${Date.now()}`, false);
  const privateSpace = await space(`closed-${Date.now()}`, true);
  const publicComponent = await component(publicSpace);
  const privateComponent = await component(privateSpace);
  return {
    publicSpace,
    privateSpace,
    publicComponent,
    privateComponent,
    note: async (opts = {}) => {
      const componentId = opts.component ?? publicComponent;
      const spaceId = componentId === privateComponent ? privateSpace : publicSpace;
      const rows = await db.execute<{ id: string }>(sql`
        insert into test_notes (component_id, space_id, author_id, public, title)
        values (${componentId}, ${spaceId}, ${opts.authorId ?? null}, ${opts.public ?? true}, ${opts.title ?? "A note"}) returning id`);
      return Number(rows.rows[0]?.id);
    },
    configure: async (componentId, values) => {
      const settings: ComponentSettingsValue = { global: manifest.settings.parse(values.global ?? {}), defaultStep: manifest.stepSettings.parse(values.step ?? {}), steps: {} };
      await db.update(components).set({ settings, permissions: values.permissions ?? {} }).where(sql`${components.id} = ${componentId}`);
    },
  };
}

/** Copies every event_outbox row into `outbox_log` as it is written (the relay deletes the originals). */
export async function logOutbox(db: Db): Promise<void> {
  await db.execute(sql`create table if not exists outbox_log as select * from event_outbox with no data`);
  await db.execute(sql`create or replace function log_outbox() returns trigger language plpgsql as $$ begin insert into outbox_log select new.*; return new; end $$`);
  await db.execute(sql`drop trigger if exists log_outbox on event_outbox`);
  await db.execute(sql`create trigger log_outbox after insert on event_outbox for each row execute function log_outbox()`);
}
