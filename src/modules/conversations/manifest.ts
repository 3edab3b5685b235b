/**
 * The conversations component: live opinion maps on the Pol.is engine (src/engines/opinion).
 * Participants vote agree / disagree / pass on short statements (accounts, or anonymous visitors under
 * a signed-cookie identity when the conversation allows it) and may write their own; a background job
 * ticks the engine in a worker thread, half a second after the previous run ended (ADR 33), and
 * keeps its state in PostgreSQL (math.ts). `pnyx conversations import` loads a Pol.is openData export;
 * each public conversation is exported back in that format and its map served at Pol.is's
 * `/api/v3/math/pca2`.
 *
 * Who may vote is the component's permission for the action `vote` (a verification, e.g. a census).
 */
import { onSignIn } from "../../core/accounts/sign-in-hooks";
import { defineComponent } from "../../core/components/define";
import { conversationAdminRoutes } from "./admin-routes";
import { conversationApiRoutes } from "./api-routes";
import { embedSiteRoutes } from "./embed-routes";
import { conversationResourceKind } from "./kit";
import messages from "./messages";
import { mergeOnSignIn } from "./merge";
import { reportRoutes, reportSiteRoutes } from "./report-routes";
import { conversationRoutes } from "./routes";
import { conversationSettings, conversationStepSettings } from "./settings";

export default defineComponent({
  name: "conversations",
  label: "conversations.component.label",
  description: "conversations.component.description",
  messages,
  settings: conversationSettings,
  stepSettings: conversationStepSettings,
  labels: {
    votingEnabled: "conversations.settings.votingEnabled",
    writingEnabled: "conversations.settings.writingEnabled",
    announcement: "conversations.settings.announcement",
  },
  actions: ["vote", "write"],
  actionLabels: { vote: "conversations.action.vote", write: "conversations.action.write" },
  anonymousActions: ["vote", "write"],
  accountPromise: "conversations.accountPromise",
  permissions: ({ action, settings }) => {
    if (action === "vote" && !settings.step.votingEnabled) return { reason: "conversations.denied.votingClosed" };
    if (action === "write" && !settings.step.writingEnabled) return { reason: "conversations.denied.writingClosed" };
    return null;
  },
  resources: { conversation: conversationResourceKind },
  routes: [...reportRoutes, ...conversationRoutes],
  adminRoutes: conversationAdminRoutes,
  siteRoutes: [...conversationApiRoutes, ...reportSiteRoutes, ...embedSiteRoutes],
  // An anonymous participant becomes the account's at sign-in (merge.ts), without losing a vote.
  onStart: () => onSignIn(mergeOnSignIn),
  commands: {
    conversations: { summary: "conversations (Pol.is): pnyx conversations import <dir> --space <slug> [--json]", run: async (a) => (await import("./cli")).run(a) },
  },
  jobs: [{ name: "conversations.tick", everySeconds: 0.5, run: async (deps) => void (await (await import("./math")).runDueTicks(deps.db, deps.log)) }],
  // The demo organization: a conversation with synthetic participants in the students' budget space (demo.ts).
  demo: async (deps, input) => (await import("./demo")).seedConversationsDemo(deps, input),
  participation: async (db, componentIds) => (await import("./participation")).votesIn(db, componentIds),
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    conversations: Extract<keyof typeof messages.en, string>;
  }
}
