/** Public routes of the budgets component: the budgets, a budget's projects and the ballot (relative to /spaces/:slug/c/:componentId). */
import type { ComponentRoute } from "../../core/components/define";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

export const ballotRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [];
