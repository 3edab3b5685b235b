/**
 * The petitions component. Its pages live at stable addresses (`/petitions/:id`, whatever space the
 * component sits in), so the component's own routes send visitors there; handlers are imported
 * lazily to keep the manifest free of import cycles with the core's permission code.
 */
import { defineComponent } from "../../core/components/define";
import { petitionSettings, petitionStepSettings } from "./settings";

export default defineComponent({
  name: "petitions",
  label: "petitions.component.label",
  description: "petitions.component.description",
  settings: petitionSettings,
  stepSettings: petitionStepSettings,
  labels: {
    ipLimit: "petitions.settings.ipLimit",
    ipWindowSeconds: "petitions.settings.ipWindowSeconds",
    petitionPerMinute: "petitions.settings.petitionPerMinute",
    showRegionBreakdown: "petitions.settings.showRegionBreakdown",
    creationEnabled: "petitions.settings.creationEnabled",
    signingEnabled: "petitions.settings.signingEnabled",
  },
  actions: ["create", "sign"] as const,
  actionLabels: { create: "petitions.action.create", sign: "petitions.action.sign" },
  // Signing needs no account: the signature counts once its emailed link is opened.
  anonymousActions: ["sign"],
  permissions: ({ action, settings }) => {
    if (action === "create" && !settings.step.creationEnabled) return { reason: "petitions.errors.creationClosed" };
    if (action === "sign" && !settings.step.signingEnabled) return { reason: "petitions.sign.closed" };
    return null;
  },
  routes: [
    { method: "GET", path: "/", handler: async (_req, reply, c) => reply.redirect(`/petitions?component=${c.component.id}`, 303) },
    { method: "GET", path: "/new", handler: async (_req, reply, c) => reply.redirect(`/petitions/new?component=${c.component.id}`, 303) },
    { method: "GET", path: "/:petitionId", handler: async (_req, reply, c) => reply.redirect(`/petitions/${encodeURIComponent(c.params.petitionId ?? "")}`, 303) },
  ],
  adminRoutes: [{ method: "GET", path: "/", handler: async (_req, reply, c) => reply.redirect(`/admin/petitions/types?component=${c.component.id}`, 303) }],
  openData: [{ path: "/petitions.csv", label: "petitions.openData.label", description: "petitions.openData.description" }],
  search: { kind: "petitions", label: "search.kind.petitions", search: async (db, q) => (await import("./search")).searchPetitions(db, q) },
  seeds: async (deps, input) => {
    const { seedPetitionTypes } = await import("./seeds");
    await seedPetitionTypes(deps, input.componentId, input.adminId);
  },
});
