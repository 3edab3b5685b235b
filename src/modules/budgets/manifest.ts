/**
 * The budgets component: participatory budgets on the budgeting engine (src/engines/budgeting).
 * Budgets (amount, currency, ballot kind and rules), projects (comment kit, follows, attachments),
 * ballots (knapsack, approval, cumulative, ordinal; checked out, changeable until voting closes when
 * allowed), paper ballots confirmed by a second person, and outcomes computed with a published rule
 * (greedy, greedy with a threshold, Method of Equal Shares + Add1) in a worker, with why each project
 * was or was not funded. `pnyx budgets import|export` read and write pabulib files.
 *
 * Who may vote is the component's permission for the action `vote` (e.g. the students' census list).
 */
import { defineComponent } from "../../core/components/define";
import { budgetAdminRoutes } from "./admin-routes";
import { budgetApiRoutes } from "./api-routes";
import { ballotParticipants } from "./ballot-participation";
import { projectResourceKind } from "./kit";
import messages from "./messages";
import { outcomeAdminRoutes } from "./outcome-admin-routes";
import { outcomeRoutes } from "./outcome-routes";
import { paperAdminRoutes } from "./paper-routes";
import { projectRoutes } from "./project-routes";
import { ballotRoutes } from "./routes";
import { followBudgetChanges } from "./rules-cache";
import { budgetSettings, budgetStepSettings } from "./settings";

export default defineComponent({
  name: "budgets",
  label: "budgets.component.label",
  description: "budgets.component.description",
  messages,
  settings: budgetSettings,
  stepSettings: budgetStepSettings,
  labels: {
    workflow: "budgets.settings.workflow",
    projectsPerPage: "budgets.settings.projectsPerPage",
    votes: "budgets.settings.votes",
    showVotes: "budgets.settings.showVotes",
    changeVoteAllowed: "budgets.settings.changeVoteAllowed",
    announcement: "budgets.settings.announcement",
  },
  actions: ["vote"],
  actionLabels: { vote: "budgets.action.vote" },
  // Voting only while the step's `votes` is "enabled" (then the permission: e.g. the census verification).
  permissions: ({ action, settings }) => (action === "vote" && settings.step.votes !== "enabled" ? { reason: "budgets.ballot.closed" } : null),
  accountPromise: "budgets.accountPromise",
  resources: { budget_project: projectResourceKind },
  // Order matters where paths overlap: the more specific first.
  routes: [...outcomeRoutes, ...projectRoutes, ...ballotRoutes],
  adminRoutes: [...paperAdminRoutes, ...outcomeAdminRoutes, ...budgetAdminRoutes],
  siteRoutes: budgetApiRoutes,
  // The demo organization: a "Vote" component in each school budget space (demo.ts).
  demo: async (deps, input) => (await import("./demo")).seedBudgetsDemo(deps, input),
  participation: async (db, ids) => (await import("./ballot-participation")).ballotsIn(db, ids),
  newsletterParticipants: ballotParticipants,
  // The budgets the ballot's actions keep in memory are forgotten when any instance changes one.
  onStart: (deps) => followBudgetChanges(deps.db, deps.bus),
  personalData: {
    name: "budgets",
    export: async (db, userId) => (await import("./personal-data")).exportBallotData(db, userId),
    erase: async (tx, user) => (await import("./personal-data")).eraseBallotData(tx, user),
    erasure: "budgets.personalData.erasure",
  },
  jobs: [
    // Outcomes: computed in a worker thread when asked (outcome-job.ts); the sweep picks up any left queued.
    { name: "budgets.outcome", run: async (deps, data) => void (await (await import("./outcome-job")).runOutcomeJob(deps.db, typeof data.outcomeId === "number" ? data.outcomeId : undefined)) },
    { name: "budgets.outcome.sweep", everySeconds: 30, run: async (deps) => void (await (await import("./outcome-job")).runOutcomeJob(deps.db)) },
  ],
  openData: [{ path: "/open-data/budgets.csv", label: "budgets.api.openData.label", description: "budgets.api.openData.description" }],
  commands: { budgets: { summary: "participatory budgets: pnyx budgets import <file.pb> --space <slug> | export <budgetId> --rule <rule> --out <file.pb>", run: async (a) => (await import("./cli")).run(a) } },
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    budgets: Extract<keyof typeof messages.en, string>;
  }
}
