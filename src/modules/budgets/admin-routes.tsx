/** Back-office routes of the budgets component: budgets, projects, import from proposals. */
import type { ComponentRoute } from "../../core/components/define";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

export const budgetAdminRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [];
