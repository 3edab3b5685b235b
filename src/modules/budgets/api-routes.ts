/** Site routes of the budgets component: `GET /api/budgets/:budgetId/results` (a 404 problem until results are published). */
import type { SiteRoute } from "../../core/components/define";

export const budgetApiRoutes: SiteRoute[] = [];
