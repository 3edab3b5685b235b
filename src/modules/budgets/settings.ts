/**
 * The budgets component's settings. `workflow`: Decidim's three — vote in one budget of the component
 * (the person chooses), in every budget, or in one budget assigned at random. Per step: whether voting
 * is open, finished (results may be published) or not yet; whether vote counts are shown; whether a
 * checked-out vote may be changed until the voting step closes.
 */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";

export const BUDGET_WORKFLOWS = ["one", "all", "random"] as const;
export type BudgetWorkflow = (typeof BUDGET_WORKFLOWS)[number];

export const budgetSettings = z.object({
  workflow: z.enum(BUDGET_WORKFLOWS).default("one"),
  projectsPerPage: z.number().int().min(5).max(200).default(50),
});
export type BudgetSettings = z.infer<typeof budgetSettings>;

export const VOTES_STATES = ["disabled", "enabled", "finished"] as const;
export const budgetStepSettings = z.object({
  votes: z.enum(VOTES_STATES).default("disabled"),
  showVotes: z.boolean().default(false),
  changeVoteAllowed: z.boolean().default(false),
  announcement: translatable({ max: 2_000 }),
});
export type BudgetStepSettings = z.infer<typeof budgetStepSettings>;
