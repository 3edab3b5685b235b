/**
 * The debates component: discussion areas (the school budgets' committees). The organization opens
 * debates in the back office (translatable, with optional instructions and dates); participants open
 * their own when the step allows it (one language, editable by the author while open). Comments are
 * the participation kit's, for and against in two columns with neutral below; a debate is closed with
 * a conclusion (by an administrator, or the author of a participant's debate) and is then read-only;
 * administrators reopen it. A component may be kept to the space's members (a committee's own area).
 */
import { defineComponent } from "../../core/components/define";
import type { Db } from "../../db/client";
import { debateResourceKind } from "./kit";
import messages from "./messages";
import { debateAdminRoutes } from "./admin-routes";
import { countDebates, newsletterParticipants, participationIn } from "./participation";
import { debateRoutes } from "./routes";
import { ACTIONS, debateRule, type DebateResource } from "./rules";
import { debateSettings, debateStepSettings } from "./settings";
import { debateSiteRoutes } from "./site-routes";

/** For canMany: the debates of a list as the rule sees them, one query. */
const loadResources = async (db: Db, componentId: number, ids: number[]): Promise<Map<number, DebateResource>> => {
  const out = new Map<number, DebateResource>();
  for (const [id, f] of await debateResourceKind.load(db, ids)) if (f.componentId === componentId) out.set(id, f.permissionResource as DebateResource);
  return out;
};

export default defineComponent({
  name: "debates",
  label: "debates.component.label",
  description: "debates.component.description",
  messages,
  settings: debateSettings,
  stepSettings: debateStepSettings,
  labels: {
    membersOnly: "debates.settings.membersOnly",
    announcement: "debates.settings.announcement",
    creationEnabled: "debates.settings.creationEnabled",
  },
  actions: ACTIONS,
  actionLabels: { create: "debates.action.create" },
  loadResources,
  permissions: ({ action, user, settings, resource }) => debateRule({ action, user, settings, resource }),
  resources: { debate: debateResourceKind },
  routes: debateRoutes,
  adminRoutes: debateAdminRoutes,
  siteRoutes: debateSiteRoutes,
  accountPromise: "debates.accountPromise",
  newsletterParticipants,
  participation: participationIn,
  statistics: [{ label: "debates.stats.debates", count: countDebates }],
  personalData: {
    name: "debates",
    export: async (db, userId) => (await import("./personal-data")).exportDebateData(db, userId),
    erase: async (tx, user) => (await import("./personal-data")).eraseDebateData(tx, user),
    erasure: "debates.personalData.erasure",
  },
  openData: [{ path: "/open-data/debates.csv", label: "debates.openData.label", description: "debates.openData.description" }],
  demo: async (deps, input) => (await import("./demo")).seedDebatesDemo(deps, input),
  search: { kind: "debates", label: "debates.search.kind", search: async (db, q) => (await import("./search")).searchDebates(db, q) },
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    debates: Extract<keyof typeof messages.en, string>;
  }
}
