/**
 * The petitions component. Its pages live at stable addresses (`/petitions/:id`, whatever space the
 * component sits in: links in sent mails), declared as site routes; the component's own routes under
 * the space send visitors there.
 */
import { defineComponent } from "../../core/components/define";
import { petitionAdminSiteRoutes } from "./admin-routes";
import { committeeAdminRoutes } from "./committee-routes";
import { followRulesChanges } from "./cache";
import { petitionsHomeSection } from "./home-section";
import { petitionResourceKind } from "./kit";
import messages from "./messages";
import type { PetitionResource } from "./resources";
import type { Db } from "../../db/client";
import { countPublicPetitions, countSignatures, newsletterParticipants, participationIn } from "./participation";
import { petitionSiteRoutes } from "./routes";
import { petitionSettings, petitionStepSettings } from "./settings";

/** For canMany: the petitions of a list, in one query (a typed function, so the rule below sees its type). */
const loadResources = async (db: Db, componentId: number, ids: number[]): Promise<Map<number, PetitionResource>> => (await import("./resources")).loadPetitionResources(db, componentId, ids);

export default defineComponent({
  name: "petitions",
  label: "petitions.component.label",
  description: "petitions.component.description",
  messages,
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
  actions: ["create", "sign", "edit"] as const,
  actionLabels: { create: "petitions.action.create", sign: "petitions.action.sign", edit: "petitions.action.edit" },
  // Signing needs no account: the signature counts once its emailed link is opened.
  anonymousActions: ["sign"],
  loadResources,
  resources: { petition: petitionResourceKind },
  permissions: ({ action, user, settings, resource }) => {
    if (action === "create" && !settings.step.creationEnabled) return { reason: "petitions.errors.creationClosed" };
    if (action === "sign" && !settings.step.signingEnabled) return { reason: "petitions.sign.closed" };
    // Only the author edits, and only a draft.
    if (action === "edit" && (!user || resource?.authorId !== user.id || resource.state !== "draft")) return { reason: "petitions.errors.notEditable" };
    return null;
  },
  routes: [
    // The component's petitions in its space's frame (filters and pages stay there).
    { method: "GET", path: "/", handler: async (req, reply, c) => (await import("./routes")).renderComponentIndex(req, reply, c) },
    // Starting one, in the space's frame; the dispatcher checks `create` first.
    { method: "GET", path: "/new", action: "create", handler: async (req, reply, c) => (await import("./routes")).renderComponentNew(req, reply, c) },
    // A petition of this component under its space (its stable address stays /petitions/:id).
    { method: "GET", path: "/:petitionId", handler: async (req, reply, c) => (await import("./routes")).renderComponentPetition(req, reply, c) },
  ],
  adminRoutes: [{ method: "GET", path: "/", handler: async (_req, reply, c) => reply.redirect(`/admin/petitions/types?component=${c.component.id}`, 303) }],
  siteRoutes: petitionSiteRoutes,
  adminSiteRoutes: [...petitionAdminSiteRoutes, ...committeeAdminRoutes],
  onStart: (deps) => followRulesChanges(deps.db, deps.bus),
  accountPromise: "petitions.accountPromise",
  nav: [{ href: "/petitions", label: "petitions.nav" }],
  adminNav: [{ href: "/admin/petitions", label: "petitions.nav.admin" }],
  homeSections: [petitionsHomeSection],
  // Counts, progress mails and the outbox relay every second; expiry and old rate windows every minute.
  jobs: [
    { name: "petitions.tick", everySeconds: 1, run: async (deps) => (await import("./counts")).runPetitionTick(deps, { expire: false }) },
    { name: "petitions.expire", cron: "* * * * *", run: async (deps) => (await import("./counts")).runPetitionTick(deps) },
    // Reminders of the deliberative committees' follow-up reports (30 and 7 days before, then overdue), hourly.
    { name: "petitions.follow-up.reminders", cron: "23 * * * *", run: async (deps) => void (await (await import("./follow-up")).sendFollowUpReminders(deps)) },
  ],
  newsletterParticipants,
  participation: participationIn,
  statistics: [
    { label: "petitions.stats.petitions", count: countPublicPetitions },
    { label: "petitions.stats.signatures", count: countSignatures },
  ],
  personalData: {
    name: "petitions",
    export: async (db, userId) => (await import("./personal-data")).exportPetitionData(db, userId),
    erase: async (tx, user) => (await import("./personal-data")).erasePetitionData(tx, user),
    erasure: "petitions.personalData.erasure",
  },
  openData: [{ path: "/petitions.csv", label: "petitions.openData.label", description: "petitions.openData.description" }],
  search: { kind: "petitions", label: "petitions.search.kind", search: async (db, q) => (await import("./search")).searchPetitions(db, q) },
  demo: async (deps, input) => (await import("./seeds")).seedPetitions(deps, input),
  seeds: async (deps, input) => {
    const { seedPetitionTypes } = await import("./seeds");
    await seedPetitionTypes(deps, input.componentId, input.adminId);
  },
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    petitions: Extract<keyof typeof messages.en, string>;
  }
}
