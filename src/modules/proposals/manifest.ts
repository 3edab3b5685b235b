/**
 * The proposals component: participants write proposals (draft, preview with similar proposals,
 * publish, edit within a window, withdraw), support them within the component's limits, and the
 * organization answers them with states it defines per component.
 *
 * Languages: a participant writes in one language, chosen on the form (the reader's by default): the
 * title and body hold that one language and `language` names it, so search and similarity use the
 * right stemmer and `lang` attributes are right. Official proposals, written by the organization in
 * the back office, are translatable: every language given is kept, and `language` is the first one.
 * Answers, state names, the body template and the announcement are translatable.
 *
 * Comments (for, against, neutral), endorsements, follows, co-authors, reports and notifications come
 * from the participation kit through `resources.proposal` (kit.ts).
 */
import { defineComponent } from "../../core/components/define";
import type { Db } from "../../db/client";
import { amendmentResourceKind } from "./amendments/kit";
import { proposalResourceKind } from "./kit";
import messages from "./messages";
import { countProposals, countSupports, newsletterParticipants, participationIn } from "./participation";
import { proposalAdminRoutes } from "./admin-routes";
import { proposalApiRoutes } from "./api-routes";
import { proposalRoutes } from "./routes";
import { ACTIONS, proposalRule, type ProposalResource } from "./rules";
import { proposalSettings, proposalStepSettings } from "./settings";

/** For canMany: the proposals of a list as the rule sees them, one query. */
const loadResources = async (db: Db, componentId: number, ids: number[]): Promise<Map<number, ProposalResource>> => {
  const facts = await proposalResourceKind.load(db, ids);
  const out = new Map<number, ProposalResource>();
  for (const [id, f] of facts) if (f.componentId === componentId) out.set(id, f.permissionResource as ProposalResource);
  return out;
};

export default defineComponent({
  name: "proposals",
  label: "proposals.component.label",
  description: "proposals.component.description",
  messages,
  settings: proposalSettings,
  stepSettings: proposalStepSettings,
  labels: {
    supportLimit: "proposals.settings.supportLimit",
    minimumSupportsPerPerson: "proposals.settings.minimumSupportsPerPerson",
    thresholdPerProposal: "proposals.settings.thresholdPerProposal",
    canExceedThreshold: "proposals.settings.canExceedThreshold",
    proposalLimit: "proposals.settings.proposalLimit",
    titleMaxLength: "proposals.settings.titleMaxLength",
    bodyMaxLength: "proposals.settings.bodyMaxLength",
    editWindowMinutes: "proposals.settings.editWindowMinutes",
    bodyTemplate: "proposals.settings.bodyTemplate",
    officialProposalsEnabled: "proposals.settings.officialProposalsEnabled",
    attachmentsMax: "proposals.settings.attachmentsMax",
    announcement: "proposals.settings.announcement",
    creationEnabled: "proposals.settings.creationEnabled",
    supportsEnabled: "proposals.settings.supportsEnabled",
    supportsBlocked: "proposals.settings.supportsBlocked",
    supportCountsHidden: "proposals.settings.supportCountsHidden",
    answersPublishedImmediately: "proposals.settings.answersPublishedImmediately",
    answersWithCosts: "proposals.settings.answersWithCosts",
    defaultSort: "proposals.settings.defaultSort",
    amendmentsEnabled: "proposals.settings.amendmentsEnabled",
    amendmentCreationEnabled: "proposals.settings.amendmentCreationEnabled",
    amendmentReactionEnabled: "proposals.settings.amendmentReactionEnabled",
    amendmentPromotionEnabled: "proposals.settings.amendmentPromotionEnabled",
    amendmentsVisibility: "proposals.settings.amendmentsVisibility",
  },
  actions: ACTIONS,
  actionLabels: { create: "proposals.action.create", support: "proposals.action.support", edit: "proposals.action.edit", withdraw: "proposals.action.withdraw", amend: "proposals.action.amend" },
  loadResources,
  permissions: ({ action, user, settings, resource }) => proposalRule({ action, user, settings, resource }),
  resources: { proposal: proposalResourceKind, amendment: amendmentResourceKind },
  routes: proposalRoutes,
  adminRoutes: proposalAdminRoutes,
  siteRoutes: proposalApiRoutes,
  accountPromise: "proposals.accountPromise",
  newsletterParticipants,
  participation: participationIn,
  statistics: [
    { label: "proposals.stats.proposals", count: countProposals },
    { label: "proposals.stats.supports", count: countSupports },
  ],
  personalData: {
    name: "proposals",
    export: async (db, userId) => (await import("./personal-data")).exportProposalData(db, userId),
    erase: async (tx, user) => (await import("./personal-data")).eraseProposalData(tx, user),
    erasure: "proposals.personalData.erasure",
  },
  openData: [{ path: "/open-data/proposals.csv", label: "proposals.openData.label", description: "proposals.openData.description" }],
  demo: async (deps, input) => (await import("./demo")).seedProposalsDemo(deps, input),
  archive: async (db, input) => (await import("./archive")).archiveProposals(db, input),
  search: { kind: "proposals", label: "proposals.search.kind", search: async (db, q) => (await import("./search")).searchProposals(db, q) },
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    proposals: Extract<keyof typeof messages.en, string>;
  }
}
