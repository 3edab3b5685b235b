/** Public routes of a project's page (/budgets/:budgetId/projects/:projectId), with the participation kit. */
import type { ComponentRoute } from "../../core/components/define";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

export const projectRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [];
