/** Public routes of a budget's published outcome: why each project was or was not funded, charts and tables. */
import type { ComponentRoute } from "../../core/components/define";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

export const outcomeRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [];
