import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { signedInClient } from "../accounts/testing";
import type { CurrentUser } from "../http/context";
import { auditLog } from "../audit/schema";
import { authorize } from "../permissions/authorize";
import { can } from "../permissions/can";
import { findComponent, findSpaceById } from "../spaces/queries";
import { components } from "../spaces/schema";
import { createSpace, setSpacePublished } from "../spaces/service";
import { activateStep, createStep } from "../spaces/steps-service";
import { registerVerification, unregisterVerification } from "../verifications/registry";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { defineComponent } from "./define";
import { translatable } from "./form-values";
import { registerComponent } from "./registry";
import { currentSettings } from "./settings";

/** A component exercising every kind of setting, and one action gated by a step setting. */
const widgets = defineComponent({
  name: "test-widgets",
  label: "pages.name",
  description: "pages.description",
  settings: z.object({
    limit: z.number().int().min(0).max(10).default(3),
    mode: z.enum(["open", "closed"]).default("open"),
    enabled: z.boolean().default(false),
    note: z.string().max(20).optional(),
    intro: translatable({ max: 100 }),
  }),
  stepSettings: z.object({ creationEnabled: z.boolean().default(false) }),
  labels: { limit: "pages.admin.weight", mode: "spaces.fields.group", enabled: "pages.settings.showTableOfContents", note: "pages.admin.body", intro: "pages.settings.announcement", creationEnabled: "pages.admin.new" },
  actions: ["create"] as const,
  actionLabels: { create: "pages.admin.new" },
  permissions: ({ action, settings }) => (action === "create" && !settings.step.creationEnabled ? { reason: "permissions.unknownAction" } : null),
  routes: [
    { method: "GET", path: "/", handler: async (_req, reply, c) => reply.send(`limit=${c.settings.global.limit}`) },
    { method: "GET", path: "/new", handler: async (req, reply, c) => ((await authorize(req, reply, c, "create")) ? reply.send("creating") : reply) },
  ],
  adminRoutes: [],
});
registerComponent(widgets);

/** A verification handler for tests: decided by the email address. */
registerVerification({
  name: "test-age",
  label: "permissions.pending",
  options: z.object({ minimumAge: z.number().int().min(0).max(120).default(18) }),
  check: async ({ user, options, returnTo }) => {
    if (user?.email.startsWith("old")) return { status: "ok" };
    if (user?.email.startsWith("young")) return { status: "unauthorized", reason: "permissions.roleRequired", values: { age: Number(options.minimumAge) } };
    return { status: "pending", verifyUrl: `/verify/test-age?return_to=${encodeURIComponent(returnTo)}` };
  },
});

let p: TestPlatform;
let admin: TestClient;
let spaceId: number;
let stepIds: number[];
let componentId: number;

beforeAll(async () => {
  p = await createTestPlatform();
  const { client, userId } = await signedInClient(p, { isAdmin: true });
  admin = client;
  const actor = { id: userId, ip: null };
  const created = await createSpace(p.deps.db, actor, "process", { slug: "widgets", title: { en: "Widgets" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 }, null);
  if (!created.ok) throw new Error("space");
  spaceId = created.value.id;
  await setSpacePublished(p.deps.db, actor, spaceId, true);
  stepIds = [];
  for (const title of ["Ideas", "Creation"]) stepIds.push((await createStep(p.deps.db, actor, spaceId, { title: { en: title }, description: {}, startDate: undefined, endDate: undefined })).id);
});
afterAll(async () => {
  unregisterVerification("test-age");
  await p.stop();
});

const user = (email: string): CurrentUser => ({ id: 1, email, name: "x", isAdmin: false, emailConfirmed: true, locale: "en" });

describe("component settings forms generated from the manifest's zod schemas", () => {
  it("adds a component with its defaults", async () => {
    const list = `/admin/spaces/${spaceId}/components`;
    const res = await admin.post(list, { manifest: "test-widgets", "name.en": "Widgets" }, { formPage: list });
    expect(res.statusCode).toBe(303);
    const [row] = await p.deps.db.select().from(components).where(eq(components.spaceId, spaceId));
    if (!row) throw new Error("no component");
    componentId = row.id;
    expect(row.settings.global).toMatchObject({ limit: 3, mode: "open", enabled: false });
    expect(row.publishedAt).toBeNull();
  });

  it("renders a control per setting kind, and each step's settings", async () => {
    const form = (await admin.get(`/admin/spaces/${spaceId}/components/${componentId}/edit`)).body;
    expect(form).toMatch(/<input type="checkbox" id="field-global-enabled" name="global.enabled"/);
    expect(form).toMatch(/<input id="field-global-limit" name="global.limit" type="number" value="3"/);
    expect(form).toMatch(/<select id="field-global-mode" name="global.mode"/);
    expect(form).toContain('name="global.note" type="text"');
    for (const l of ["fr", "nl", "en", "de"]) expect(form).toContain(`name="global.intro.${l}"`);
    for (const id of stepIds) expect(form).toContain(`name="steps.${id}.creationEnabled"`);
  });

  it("re-renders with errors next to the fields (422) on bad values", async () => {
    const url = `/admin/spaces/${spaceId}/components/${componentId}/edit`;
    const res = await admin.post(url, { "name.en": "Widgets", "global.limit": "11", "global.mode": "sideways", "global.note": "x".repeat(30) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#field-global-limit"');
    expect(res.body).toContain("Enter a value of at most 10.");
    expect(res.body).toContain('href="#field-global-mode"');
    expect(res.body).toContain('href="#field-global-note"');
  });

  it("saves global and per-step settings; currentSettings follows the active step", async () => {
    const url = `/admin/spaces/${spaceId}/components/${componentId}/edit`;
    const [ideas, creation] = stepIds;
    const res = await admin.post(url, { "name.en": "Widgets", "global.limit": "7", "global.mode": "closed", "global.enabled": "on", "global.intro.fr": "Bonjour", [`steps.${creation}.creationEnabled`]: "on" });
    expect(res.statusCode).toBe(303);
    const component = await findComponent(p.deps.db, spaceId, componentId);
    if (!component) throw new Error("component");
    expect(component.settings.global).toEqual({ limit: 7, mode: "closed", enabled: true, intro: { fr: "Bonjour" } });
    expect(component.settings.steps[String(ideas)]).toEqual({ creationEnabled: false });
    expect(currentSettings(component, { activeStepId: ideas ?? null }).step).toEqual({ creationEnabled: false });
    expect(currentSettings(component, { activeStepId: creation ?? null }).step).toEqual({ creationEnabled: true });
    expect(currentSettings(component, { activeStepId: null }).step).toEqual({ creationEnabled: false });
    const audits = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "component.update"), eq(auditLog.resourceId, String(componentId))));
    expect(audits).toHaveLength(1);
  });

  it("routes /spaces/:slug/c/:id to the manifest's route once published", async () => {
    const anon = p.client();
    expect((await anon.get(`/spaces/widgets/c/${componentId}`)).statusCode).toBe(404);
    await admin.post(`/admin/spaces/${spaceId}/components/${componentId}/publish`, {}, { formPage: `/admin/spaces/${spaceId}/components` });
    const res = await anon.get(`/spaces/widgets/c/${componentId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("limit=7");
    expect((await anon.get(`/spaces/widgets/c/${componentId}/nowhere`)).statusCode).toBe(404);
  });
});

describe("the permissions screen and can()", () => {
  it("offers each installed handler per action, with its options form", async () => {
    const body = (await admin.get(`/admin/spaces/${spaceId}/components/${componentId}/permissions`)).body;
    expect(body).toContain('name="perm.create.test-age.enabled"');
    expect(body).toMatch(/name="perm.create.test-age.options.minimumAge" type="number" value="18"/);
  });

  it("refuses bad handler options with 422 and saves good ones", async () => {
    const url = `/admin/spaces/${spaceId}/components/${componentId}/permissions`;
    const bad = await admin.post(url, { "perm.create.test-age.enabled": "on", "perm.create.test-age.options.minimumAge": "-5" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-perm-create-test-age-options-minimumAge"');
    const good = await admin.post(url, { "perm.create.test-age.enabled": "on", "perm.create.test-age.options.minimumAge": "16" });
    expect(good.statusCode).toBe(303);
    const component = await findComponent(p.deps.db, spaceId, componentId);
    expect(component?.permissions).toEqual({ create: { handlers: { "test-age": { minimumAge: 16 } } } });
  });

  it("combines the step settings and the attached handlers", async () => {
    const db = p.deps.db;
    const ctx = { db, returnTo: "/spaces/widgets/c/1" };
    const [ideas, creation] = stepIds;
    await activateStep(db, { id: 1, ip: null }, spaceId, ideas ?? 0);
    let space = await findSpaceById(db, spaceId);
    const component = await findComponent(db, spaceId, componentId);
    if (!space || !component) throw new Error("missing");
    // Creation is closed in the first step, whoever asks.
    expect(await can(user("old@example.org"), "create", { space, component }, ctx)).toMatchObject({ status: "unauthorized", reason: "permissions.unknownAction" });
    await activateStep(db, { id: 1, ip: null }, spaceId, creation ?? 0);
    space = await findSpaceById(db, spaceId);
    if (!space) throw new Error("missing");

    expect(await can(null, "create", { space, component }, ctx)).toEqual({ status: "signIn", reason: "permissions.signInRequired" });
    expect(await can(user("old@example.org"), "create", { space, component }, ctx)).toEqual({ status: "ok" });
    expect(await can(user("young@example.org"), "create", { space, component }, ctx)).toEqual({ status: "unauthorized", reason: "permissions.roleRequired", values: { age: 16 } });
    expect(await can(user("new@example.org"), "create", { space, component }, ctx)).toEqual({ status: "pending", verifyUrl: "/verify/test-age?return_to=%2Fspaces%2Fwidgets%2Fc%2F1" });
    expect(await can(user("old@example.org"), "vote", { space, component }, ctx)).toMatchObject({ status: "unauthorized", reason: "permissions.unknownAction" });
    // A handler that is no longer installed refuses rather than letting everyone through.
    unregisterVerification("test-age");
    expect(await can(user("old@example.org"), "create", { space, component }, ctx)).toMatchObject({ status: "unauthorized", reason: "permissions.handlerUnavailable" });
  });

  it("sends people to sign in, to verify, or shows the reason (authorize)", async () => {
    registerVerification({
      name: "test-age",
      label: "permissions.pending",
      options: z.object({ minimumAge: z.number().int().min(0).max(120).default(18) }),
      check: async ({ user, returnTo }) => (user?.email.startsWith("old") ? { status: "ok" } : user?.email.startsWith("young") ? { status: "unauthorized", reason: "permissions.roleRequired" } : { status: "pending", verifyUrl: `/verify/test-age?return_to=${encodeURIComponent(returnTo)}` }),
    });
    const url = `/spaces/widgets/c/${componentId}/new`;
    const anon = p.client();
    const signIn = await anon.get(url);
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe(`/users/sign-in?return_to=${encodeURIComponent(url)}`);
    const { client: newcomer } = await signedInClient(p, { email: `new${Date.now()}@example.org` });
    const pending = await newcomer.get(url);
    expect(pending.statusCode).toBe(303);
    expect(pending.headers.location).toBe(`/verify/test-age?return_to=${encodeURIComponent(url)}`);
    const { client: young } = await signedInClient(p, { email: `young${Date.now()}@example.org` });
    const refused = await young.get(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("You need a role in this space to do this.");
    const { client: old } = await signedInClient(p, { email: `old${Date.now()}@example.org` });
    expect((await old.get(url)).body).toBe("creating");
  });

  it("answers space-level actions from roles", async () => {
    const space = await findSpaceById(p.deps.db, spaceId);
    if (!space) throw new Error("missing");
    const ctx = { db: p.deps.db, returnTo: "/" };
    expect(await can(user("x@example.org"), "space.read", { space }, ctx)).toEqual({ status: "ok" });
    expect(await can(user("x@example.org"), "space.admin", { space }, ctx)).toMatchObject({ status: "unauthorized" });
    expect(await can({ ...user("x@example.org"), isAdmin: true }, "space.admin", { space }, ctx)).toEqual({ status: "ok" });
  });

  it("deletes a component only once it is unpublished (audited)", async () => {
    const list = `/admin/spaces/${spaceId}/components`;
    expect((await admin.post(`${list}/${componentId}/delete`, {}, { formPage: list })).statusCode).toBe(403);
    await admin.post(`${list}/${componentId}/unpublish`, {}, { formPage: list });
    expect((await admin.post(`${list}/${componentId}/delete`, {}, { formPage: list })).statusCode).toBe(303);
    expect(await findComponent(p.deps.db, spaceId, componentId)).toBeNull();
    const audits = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "component.delete"), eq(auditLog.resourceId, String(componentId))));
    expect(audits).toHaveLength(1);
  });
});
