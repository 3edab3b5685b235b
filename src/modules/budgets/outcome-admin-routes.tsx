/** Back-office routes: compute an outcome with a rule (in a worker), review it, publish it. */
import type { ComponentRoute } from "../../core/components/define";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

export const outcomeAdminRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [];
