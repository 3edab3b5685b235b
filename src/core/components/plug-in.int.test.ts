/**
 * The component contract, proved from outside: a throwaway component written in a temporary folder,
 * using only the manifest API (src/core/components/define.ts), registered as the composition root
 * would, gets its routes, navigation, messages, search, open data, jobs, commands, personal data
 * export and erasure, without a line of the core changed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { componentSubcommands } from "../../cli-registry";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { englishClient, signedInClient } from "../accounts/testing";
import type { ComponentManifest } from "./define";
import { createSpace, setSpacePublished } from "../spaces/service";
import { getComponentManifest, registerComponent } from "./registry";
import { addComponent } from "./service";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const core = (file: string) => JSON.stringify(path.join(root, "src/core", file));

// The whole component: one file, written where the core cannot have heard of it.
const source = `
import { sql } from "drizzle-orm";
import { h } from "preact";
import { z } from "zod";
import { defineComponent, siteRoute } from ${core("components/define.ts")};
import { defineMessages } from ${core("i18n/define.ts")};

const m = (en, fr) => ({ en, fr, nl: en, de: en });
const entries = {
  "notes.label": m("Notes", "Notes"),
  "notes.description": m("Short public notes", "Notes publiques courtes"),
  "notes.nav": m("Field notes", "Carnet de terrain"),
  "notes.admin": m("Notes desk", "Bureau des notes"),
  "notes.kind": m("Field notes", "Notes de terrain"),
  "notes.erasure": m("Your notes are deleted.", "Vos notes sont supprimées."),
  "notes.openData": m("All notes (CSV)", "Toutes les notes (CSV)"),
  "notes.openDataDescription": m("Every public note.", "Chaque note publique."),
  "notes.home": m("Latest field note", "Dernière note de terrain"),
};
const pick = (l) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v[l]]));
const messages = defineMessages({ en: pick("en"), fr: pick("fr"), nl: pick("nl"), de: pick("de") });

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export default defineComponent({
  name: "notes",
  label: "notes.label",
  description: "notes.description",
  messages,
  settings: z.object({}),
  stepSettings: z.object({ closed: z.boolean().default(false) }),
  labels: { closed: "notes.label" },
  actions: ["write"],
  actionLabels: { write: "notes.label" },
  permissions: ({ action, settings }) => (action === "write" && settings.step.closed ? { reason: "notes.description" } : null),
  routes: [
    { method: "GET", path: "/", handler: async (req, reply, c) => reply.send("notes of " + c.space.slug) },
    { method: "GET", path: "/write", action: "write", handler: async (_req, reply) => reply.send("write here") },
    { method: "GET", path: "/n/:id", params: idParam, rateLimit: { max: 2, timeWindow: "1 minute" }, handler: async (_req, reply, c) => reply.send("note " + c.params.id) },
  ],
  adminRoutes: [],
  siteRoutes: [
    siteRoute({ method: "GET", path: "/notes", handler: async (req, reply, { deps }) => {
      const rows = await deps.db.execute(sql\`select body from throwaway_notes order by id\`);
      return reply.type("text/html").send("<h1>" + req.ctx.t("notes.nav") + "</h1>" + rows.rows.map((r) => "<p>" + r.body + "</p>").join(""));
    } }),
    siteRoute({ method: "GET", path: "/notes/:id", params: idParam, handler: async (_req, reply, { params }) => reply.send({ id: params.id }) }),
    siteRoute({ method: "GET", path: "/notes.csv", handler: async (_req, reply, { deps }) => {
      const rows = await deps.db.execute(sql\`select id, body from throwaway_notes order by id\`);
      return reply.type("text/csv").send("id,body\\n" + rows.rows.map((r) => r.id + "," + r.body).join("\\n"));
    } }),
  ],
  adminSiteRoutes: [siteRoute({ method: "GET", path: "/admin/notes", require: "admin", handler: async (req, reply) => reply.send(req.ctx.t("notes.admin")) })],
  nav: [{ href: "/notes", label: "notes.nav" }],
  adminNav: [{ href: "/admin/notes", label: "notes.admin" }],
  homeSections: [{ order: 50, load: async (_deps, ctx) => h("p", { class: "home-notes" }, ctx.t("notes.home")) }],
  jobs: [{ name: "notes.sweep", cron: "*/5 * * * *", run: async (deps) => { await deps.db.execute(sql\`update throwaway_notes set body = upper(body) where body = 'sweep me'\`); } }],
  commands: { notes: { summary: "notes: pnyx notes count", run: async () => 0 } },
  search: {
    kind: "notes",
    label: "notes.kind",
    search: async (db, q) => {
      const rows = await db.execute(sql\`select id, body from throwaway_notes where body ilike \${"%" + q.q + "%"} order by id limit \${q.limit} offset \${q.offset}\`);
      const total = await db.execute(sql\`select count(*)::int as n from throwaway_notes where body ilike \${"%" + q.q + "%"}\`);
      return { total: total.rows[0].n, hits: rows.rows.map((r) => ({ title: r.body, lang: "en", url: "/notes/" + r.id, excerpt: r.body })) };
    },
  },
  statistics: [{ label: "notes.kind", count: async (db) => (await db.execute(sql\`select count(*)::int as n from throwaway_notes\`)).rows[0].n }],
  openData: [{ path: "/notes.csv", label: "notes.openData", description: "notes.openDataDescription" }],
  personalData: {
    name: "notes",
    export: async (db, userId) => (await db.execute(sql\`select body from throwaway_notes where user_id = \${userId} order by id\`)).rows,
    erase: async (tx, user) => { await tx.execute(sql\`delete from throwaway_notes where user_id = \${user.id}\`); },
    erasure: "notes.erasure",
  },
  participation: async (db, ids) => (await db.execute(sql\`select count(*)::int as n from throwaway_notes where component_id = any(\${ids}::bigint[])\`)).rows[0].n,
});
`;

let p: TestPlatform;
let folder: string;

beforeAll(async () => {
  // Under the repository (ignored by git) so that "zod" and "drizzle-orm" resolve as for any module.
  mkdirSync(path.join(root, ".pnyx-test"), { recursive: true });
  folder = mkdtempSync(path.join(root, ".pnyx-test", "component-"));
  writeFileSync(path.join(folder, "manifest.ts"), source);
  const manifest = ((await import(path.join(folder, "manifest.ts"))) as { default: ComponentManifest }).default;
  registerComponent(manifest);
  p = await createTestPlatform();
  await p.deps.db.execute(sql`create table throwaway_notes (id bigserial primary key, user_id bigint, component_id bigint, body text not null)`);
});
afterAll(async () => {
  await p.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe("a component from outside the core", () => {
  it("serves its site routes, with its messages in the reader's language and its parameters checked", async () => {
    await p.deps.db.execute(sql`insert into throwaway_notes (body) values ('the unicorn crossed the square')`);
    const en = await englishClient(p);
    const page = await en.get("/notes");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Field notes</h1>");
    expect(page.body).toContain("the unicorn crossed the square");
    const fr = p.client();
    await fr.get("/locale/fr");
    expect((await fr.get("/notes")).body).toContain("<h1>Carnet de terrain</h1>");
    expect(JSON.parse((await en.get("/notes/7")).body)).toEqual({ id: 7 });
    for (const bad of ["/notes/abc", "/notes/1.5", "/notes/-1", "/notes/99999999999999999999"]) expect((await en.get(bad)).statusCode, bad).toBe(404);
  });

  it("appears in the main navigation, the back office's and on the home page", async () => {
    const en = await englishClient(p);
    const home = await en.get("/");
    expect(home.body).toMatch(/<a href="\/notes">Field notes<\/a>/);
    expect(home.body).toContain('<p class="home-notes">Latest field note</p>');
    expect((await en.get("/admin/notes")).statusCode).toBe(303);
    const admin = await signedInClient(p, { isAdmin: true });
    const dashboard = await admin.client.get("/admin");
    expect(dashboard.body).toContain('href="/admin/notes"');
    // Its statistics among the dashboard's figures.
    const notes = (await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from throwaway_notes`)).rows[0]?.n;
    expect(dashboard.body).toMatch(new RegExp(`<dt>Field notes</dt><dd>${notes}</dd>`));
    expect((await admin.client.get("/admin/notes")).body).toBe("Notes desk");
    const someone = await signedInClient(p);
    expect((await someone.client.get("/admin/notes")).statusCode).toBe(403);
  });

  it("lives under its space, where the dispatcher checks the route's action before the handler", async () => {
    const actor = { id: 1, ip: null };
    const space = await createSpace(p.deps.db, actor, "process", { slug: "notebook", title: { en: "Notebook" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 }, null);
    if (!space.ok) throw new Error("space");
    await setSpacePublished(p.deps.db, actor, space.value.id, true);
    const manifest = getComponentManifest("notes");
    if (!manifest) throw new Error("not registered");
    const component = await addComponent(p.deps.db, actor, space.value.id, manifest, { en: "Notes" }, { published: true });
    const en = await englishClient(p);
    expect((await en.get(`/spaces/notebook/c/${component.id}`)).body).toBe("notes of notebook");
    const visitor = await en.get(`/spaces/notebook/c/${component.id}/write`);
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toContain("/users/sign-in?return_to=");
    const someone = await signedInClient(p);
    expect((await someone.client.get(`/spaces/notebook/c/${component.id}/write`)).body).toBe("write here");
    // Its own parameters and rate limit, checked before the handler.
    expect((await en.get(`/spaces/notebook/c/${component.id}/n/abc`)).statusCode).toBe(404);
    expect((await en.get(`/spaces/notebook/c/${component.id}/n/2`)).body).toBe("note 2");
    await en.get(`/spaces/notebook/c/${component.id}/n/3`);
    const limited = await en.get(`/spaces/notebook/c/${component.id}/n/4`);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain("<h1>");
    // Counted per person when signed in: the same address, another person, still served; then limited too.
    expect((await someone.client.get(`/spaces/notebook/c/${component.id}/n/5`)).body).toBe("note 5");
    await someone.client.get(`/spaces/notebook/c/${component.id}/n/6`);
    expect((await someone.client.get(`/spaces/notebook/c/${component.id}/n/7`)).statusCode).toBe(429);
  });

  it("is found by the site-wide search and listed in open data", async () => {
    const en = await englishClient(p);
    const found = await en.get("/search?q=unicorn");
    expect(found.body).toContain("Field notes");
    expect(found.body).toContain('href="/notes/');
    const openData = await en.get("/open-data");
    expect(openData.body).toContain('href="/notes.csv"');
    expect(openData.body).toContain("All notes (CSV)");
  });

  it("gives the person's notes in 'download my data' and erases them with the account", async () => {
    const me = await signedInClient(p);
    await p.deps.db.execute(sql`insert into throwaway_notes (user_id, body) values (${me.userId}, 'my own note')`);
    const data = JSON.parse((await me.client.get("/account/data")).body) as Record<string, unknown>;
    expect(data.notes).toEqual([{ body: "my own note" }]);
    expect((await me.client.get("/account/delete")).body).toContain("Your notes are deleted.");
    const res = await me.client.post("/account/delete", { current_password: me.password }, { formPage: "/account/delete" });
    expect(res.statusCode).toBe(303);
    const left = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from throwaway_notes where user_id = ${me.userId}`);
    expect(left.rows[0]?.n).toBe(0);
  });

  it("runs its background job through the job queue and offers its pnyx command", async () => {
    await p.deps.db.execute(sql`insert into throwaway_notes (body) values ('sweep me')`);
    await p.deps.jobs.send("notes.sweep", {});
    await expect.poll(async () => (await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from throwaway_notes where body = 'SWEEP ME'`)).rows[0]?.n, { timeout: 10_000 }).toBe(1);
    const commands = await componentSubcommands();
    expect(commands.notes?.summary).toBe("notes: pnyx notes count");
    expect(await commands.notes?.run([])).toBe(0);
  });
});
