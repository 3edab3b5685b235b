/** Back-office routes: paper ballots entered one by one or as a CSV per polling place, confirmed by a second person. */
import type { ComponentRoute } from "../../core/components/define";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

export const paperAdminRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [];
