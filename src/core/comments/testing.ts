/**
 * Test fixture for the comments' integration tests: a throwaway component whose resource kind
 * ("testnote", the tests' fake kind: src/test/resource-kind.ts) is commentable with alignment, and whose page shows
 * `<CommentsSection>` from `loadCommentsSection` like any component's resource page would. Register
 * it before creating the test platform (its page is a site route).
 */
import { sql } from "drizzle-orm";
import { h } from "preact";
import { z } from "zod";
import type { Db } from "../../db/client";
import type { TestPlatform } from "../../test/platform";
import { fakeResourceKind, publishedPlace } from "../../test/resource-kind";
import { defineComponent, siteRoute } from "../components/define";
import { getComponentManifest, registerComponent } from "../components/registry";
import { notFound } from "../http/result";
import { resolveResource } from "../resources/access";
import { components, type ComponentPermissionsValue, type ComponentSettingsValue } from "../spaces/schema";
import { sendPage } from "../../web/render";
import { loadCommentsSection } from "./section";
import { CommentsSection } from "./views";

export const NOTE = "testnote";

const notes = fakeResourceKind(NOTE, { label: "comments.openData.label", url: (n) => `/test-notes/${n.id}`, declares: { comments: { alignment: true } } });

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
      resources: { [NOTE]: notes.kind },
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

/** Two spaces (public, private) and a published component of test notes in each. */
export async function noteFixtures(p: TestPlatform): Promise<NoteFixtures> {
  const { db } = p.deps;
  const manifest = getComponentManifest("test-notes");
  if (!manifest) throw new Error("registerTestNotes() first");
  const open = await publishedPlace(p, manifest, `open-${Date.now()}`);
  const closed = await publishedPlace(p, manifest, `closed-${Date.now()}`, { isPrivate: true });
  return {
    publicSpace: open.space.id,
    privateSpace: closed.space.id,
    publicComponent: open.component.id,
    privateComponent: closed.component.id,
    note: async (opts = {}) => notes.add(opts.component === closed.component.id ? closed : open, opts.authorId ?? null, opts.title ?? "A note", { public: opts.public }),
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
