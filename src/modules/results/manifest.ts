/**
 * The results component (accountability): what became of a process's contributions. Results and
 * sub-results with a status of the component's own list, a progress (a parent's is its children's
 * mean), dates and a timeline of updates, each linked to the resources it comes from (proposals, later
 * budgets' projects) through the core's resource kinds: this component never imports another.
 * The back office imports and exports them as CSV; /api/results and /open-data/results.csv publish them.
 *
 * Comments (without for/against) and follows come from the participation kit through `resources.result`.
 */
import { defineComponent } from "../../core/components/define";
import { resultAdminRoutes } from "./admin-routes";
import { resultApiRoutes } from "./api-routes";
import { resultResourceKind } from "./kit";
import messages from "./messages";
import { participationIn } from "./participation";
import { resultRoutes } from "./routes";
import { resultSettings, resultStepSettings } from "./settings";

export default defineComponent({
  name: "results",
  label: "results.component.label",
  description: "results.component.description",
  messages,
  settings: resultSettings,
  stepSettings: resultStepSettings,
  labels: {
    displayProgressEnabled: "results.settings.displayProgressEnabled",
    announcement: "results.settings.announcement",
  },
  actions: [],
  actionLabels: {},
  resources: { result: resultResourceKind },
  routes: resultRoutes,
  adminRoutes: resultAdminRoutes,
  siteRoutes: resultApiRoutes,
  participation: participationIn,
  linkedFrom: { label: "results.ledTo.title", load: async (db, ref) => (await import("./queries")).resultsFrom(db, ref) },
  openData: [{ path: "/open-data/results.csv", label: "results.openData.label", description: "results.openData.description" }],
  demo: async (deps, input) => (await import("./demo")).seedResultsDemo(deps, input),
});

declare module "../../core/i18n/catalogues" {
  interface ComponentMessageKeys {
    results: Extract<keyof typeof messages.en, string>;
  }
}
