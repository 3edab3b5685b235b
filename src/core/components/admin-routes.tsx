/** Back office of a space's components: add, configure (generated forms), publish, permissions, delete. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { notFound, type FieldErrors } from "../http/result";
import type { ComponentPermissionsValue } from "../spaces/schema";
import { requireSpaceAdmin, sendSpaceAdminPage } from "../spaces/admin-parts";
import { findComponent, listComponents, listSteps } from "../spaces/queries";
import type { SpaceRecord } from "../spaces/types";
import { redirectWithFlash } from "../../web/render";
import { ComponentPermissionsScreen } from "./admin-permissions";
import { componentAdminPath, ComponentSettingsForm, ComponentsAdminList, type SettingsFormValues } from "./admin-views";
import { nestFields, parseNested, translatable } from "./form-values";
import { getComponentManifest } from "./registry";
import { addComponent, moveComponent, setComponentPublished, updateComponentPermissions, updateComponentSettings } from "./service";
import { parsePermissionsForm, parseSettingsForm } from "./settings-form";

export type ComponentAdminParams = { id: string; componentId?: string };
type P = ComponentAdminParams;

const addInput = z.object({
  manifest: z.string({ message: "validation.required" }).refine((name) => Boolean(getComponentManifest(name)), { message: "validation.invalid" }),
  name: translatable({ required: true, max: 200 }),
});

/** The space (as its admin) and the component of the URL, with its manifest; null after a redirect. */
export async function loadComponentAdmin(req: FastifyRequest<{ Params: P }>, reply: FastifyReply) {
  const a = await requireSpaceAdmin(req, reply, req.params.id);
  if (!a) return null;
  const id = /^\d{1,15}$/.test(req.params.componentId ?? "") ? Number(req.params.componentId) : -1;
  const component = await findComponent(req.server.deps.db, a.space.id, id);
  const manifest = component ? getComponentManifest(component.manifest) : undefined;
  if (!component || !manifest) throw notFound();
  return { ...a, component, manifest };
}

export async function componentAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const load = loadComponentAdmin;

  const listPage = async (req: FastifyRequest, reply: FastifyReply, space: SpaceRecord, values: { manifest?: string; name?: Record<string, string> } = {}, errors?: FieldErrors) => {
    const components = await listComponents(db, space.id, true);
    return sendSpaceAdminPage(req, reply, space, {
      title: req.ctx.t("components.admin.title"),
      tab: "components",
      status: errors ? 422 : 200,
      body: <ComponentsAdminList ctx={req.ctx} space={space} components={components} values={values} errors={errors} />,
    });
  };

  app.get<{ Params: P }>("/admin/spaces/:id/components", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    return listPage(req, reply, a.space);
  });

  app.post<{ Params: P }>("/admin/spaces/:id/components", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const values = nestFields(req.body);
    const parsed = parseNested(addInput, values);
    const manifest = parsed.ok ? getComponentManifest(parsed.value.manifest) : undefined;
    if (!parsed.ok || !manifest) return listPage(req, reply, a.space, values, parsed.ok ? { manifest: { key: "validation.invalid" } } : parsed.errors);
    const component = await addComponent(db, a.actor, a.space.id, manifest, parsed.value.name);
    return redirectWithFlash(reply, componentAdminPath(a.space, component, "/edit"), "success", req.ctx.t("components.admin.added"));
  });

  app.get<{ Params: P }>("/admin/spaces/:id/components/:componentId", async (req, reply) => reply.redirect(`${req.url.split("?")[0]}/edit`, 303));

  app.get<{ Params: P }>("/admin/spaces/:id/components/:componentId/edit", async (req, reply) => {
    const c = await load(req, reply);
    if (!c) return reply;
    const steps = c.space.type === "process" ? await listSteps(db, c.space.id) : [];
    const s = c.component.settings;
    const values: SettingsFormValues = { name: c.component.name, global: s.global, defaultStep: s.defaultStep, steps: Object.fromEntries(steps.map((st) => [String(st.id), s.steps[String(st.id)] ?? s.defaultStep])) };
    return sendSpaceAdminPage(req, reply, c.space, {
      title: req.ctx.t("components.admin.configure"),
      tab: "components",
      body: <ComponentSettingsForm ctx={req.ctx} space={c.space} component={c.component} manifest={c.manifest} steps={steps} values={values} />,
    });
  });

  app.post<{ Params: P }>("/admin/spaces/:id/components/:componentId/edit", async (req, reply) => {
    const c = await load(req, reply);
    if (!c) return reply;
    const steps = c.space.type === "process" ? await listSteps(db, c.space.id) : [];
    const values = nestFields(req.body);
    // Without steps the default step is edited; with steps each step is, and the default step is kept.
    const parsed = parseSettingsForm(c.manifest, steps.map((s) => s.id), steps.length > 0 ? { ...values, defaultStep: undefined } : values);
    if (!parsed.ok) {
      return sendSpaceAdminPage(req, reply, c.space, {
        title: req.ctx.t("components.admin.configure"),
        tab: "components",
        status: 422,
        body: <ComponentSettingsForm ctx={req.ctx} space={c.space} component={c.component} manifest={c.manifest} steps={steps} values={values as SettingsFormValues} errors={parsed.errors} />,
      });
    }
    const settings = steps.length > 0 ? { ...parsed.value.settings, defaultStep: c.component.settings.defaultStep } : parsed.value.settings;
    await updateComponentSettings(db, c.actor, c.space.id, c.component.id, parsed.value.name, settings);
    return redirectWithFlash(reply, componentAdminPath(c.space, c.component, "/edit"), "success", req.ctx.t("spaces.admin.saved"));
  });

  for (const publish of [true, false]) {
    app.post<{ Params: P }>(`/admin/spaces/:id/components/:componentId/${publish ? "publish" : "unpublish"}`, async (req, reply) => {
      const c = await load(req, reply);
      if (!c) return reply;
      await setComponentPublished(db, c.actor, c.space.id, c.component.id, publish);
      return redirectWithFlash(reply, componentAdminPath(c.space, null), "success", req.ctx.t(publish ? "spaces.admin.publishedFlash" : "spaces.admin.unpublishedFlash"));
    });
  }

  for (const [name, direction] of [["up", -1], ["down", 1]] as const) {
    app.post<{ Params: P }>(`/admin/spaces/:id/components/:componentId/${name}`, async (req, reply) => {
      const c = await load(req, reply);
      if (!c) return reply;
      if (!(await moveComponent(db, c.actor, c.space.id, c.component.id, direction))) throw notFound();
      return redirectWithFlash(reply, componentAdminPath(c.space, null), "success", req.ctx.t("spaces.admin.saved"));
    });
  }

  // Deleting (with its confirmation step and the participation guard): admin-delete.tsx.

  app.get<{ Params: P }>("/admin/spaces/:id/components/:componentId/permissions", async (req, reply) => {
    const c = await load(req, reply);
    if (!c) return reply;
    return ComponentPermissionsScreen(req, reply, c, c.component.permissions);
  });

  app.post<{ Params: P }>("/admin/spaces/:id/components/:componentId/permissions", async (req, reply) => {
    const c = await load(req, reply);
    if (!c) return reply;
    const values = nestFields(req.body);
    const parsed = parsePermissionsForm(c.manifest, values);
    if (!parsed.ok) return ComponentPermissionsScreen(req, reply, c, submittedPermissions(values), parsed.errors);
    await updateComponentPermissions(db, c.actor, c.space.id, c.component.id, parsed.value);
    return redirectWithFlash(reply, componentAdminPath(c.space, c.component, "/permissions"), "success", req.ctx.t("spaces.admin.saved"));
  });
}

/** What the admin ticked, to show it again next to the errors. */
function submittedPermissions(values: Record<string, unknown>): ComponentPermissionsValue {
  const out: ComponentPermissionsValue = {};
  const perm = (values.perm ?? {}) as Record<string, Record<string, { enabled?: string; options?: Record<string, unknown> }>>;
  for (const [action, handlers] of Object.entries(perm)) {
    for (const [name, h] of Object.entries(handlers ?? {})) {
      if (h?.enabled !== "on") continue;
      out[action] ??= { handlers: {} };
      out[action].handlers[name] = h.options ?? {};
    }
  }
  return out;
}
