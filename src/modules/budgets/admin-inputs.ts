/**
 * What the budgets' back-office forms accept: a budget (amount, currency, ballot kind and the rules
 * that kind takes) and a project (cost, filing, place). Messages are message keys; the rules a ballot
 * kind does not take are dropped, so a budget never keeps a rule that would not apply.
 */
import { z } from "zod";
import { optionalText, translatable } from "../../core/components/form-values";
import { VOTE_TYPES, type BallotRules, type VoteType } from "./schema";

/** The rules each ballot kind takes (what the form shows under each kind, and what is kept). */
export const RULES_OF: Record<VoteType, Array<keyof BallotRules>> = {
  knapsack: ["minPercent", "minProjects", "maxProjects"],
  approval: ["minProjects", "maxProjects"],
  cumulative: ["maxPoints", "maxPointsPerProject", "minProjects"],
  ordinal: ["maxLength", "minProjects"],
};
export const RULE_FIELDS = ["minPercent", "minProjects", "maxProjects", "maxPoints", "maxPointsPerProject", "maxLength"] as const satisfies ReadonlyArray<keyof BallotRules>;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** An amount: "50 000", "1 234,50", "1234.5" (spaces and the currency sign ignored); two decimals at most. */
export const amount = (message: "budgets.validation.total" | "budgets.validation.cost") =>
  z.preprocess(
    (v) => (blank(v) ? undefined : typeof v === "string" ? v.replace(/[\s\u00a0\u202f€$£]/g, "") : v),
    z
      .string({ message: "validation.required" })
      .regex(/^\d{1,15}([.,]\d{1,2})?$/, { message })
      .transform((s) => Number(s.replace(",", ".")))
      .refine((n) => n > 0, { message }),
  );

/** A whole number in a range, blank for none. */
const optionalInt = (min: number, max: number, message: "budgets.validation.percent" | "budgets.validation.count") =>
  z.preprocess((v) => (blank(v) ? undefined : typeof v === "string" ? Number(v.trim().replace(",", ".")) : v), z.number({ message }).int({ message }).min(min, { message }).max(max, { message }).optional());

const optionalId = z.preprocess((v) => (blank(v) ? undefined : Number(v)), z.number({ message: "validation.invalid" }).int().positive().max(Number.MAX_SAFE_INTEGER).optional());
const weight = z.preprocess((v) => (blank(v) ? 0 : Number(v)), z.number({ message: "validation.number" }).int({ message: "validation.number" }).min(-10_000).max(10_000));

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export const budgetInput = z
  .object({
    title: translatable({ required: true, max: 200 }),
    description: translatable({ max: 20_000 }),
    total: amount("budgets.validation.total"),
    currency: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
      z.string({ message: "validation.required" }).refine((c) => CURRENCIES.has(c), { message: "budgets.validation.currency" }),
    ),
    scopeId: optionalId,
    voteType: z.enum(VOTE_TYPES, { message: "validation.invalid" }),
    weight,
    minPercent: optionalInt(0, 100, "budgets.validation.percent"),
    minProjects: optionalInt(0, 10_000, "budgets.validation.count"),
    maxProjects: optionalInt(1, 10_000, "budgets.validation.count"),
    maxPoints: optionalInt(1, 1_000_000, "budgets.validation.count"),
    maxPointsPerProject: optionalInt(1, 1_000_000, "budgets.validation.count"),
    maxLength: optionalInt(1, 10_000, "budgets.validation.count"),
  })
  .superRefine((v, ctx) => {
    const takes = RULES_OF[v.voteType];
    const has = (k: keyof BallotRules) => takes.includes(k) && v[k] !== undefined;
    if (has("minProjects") && has("maxProjects") && (v.minProjects ?? 0) > (v.maxProjects ?? 0)) ctx.addIssue({ code: "custom", message: "budgets.validation.minAboveMax", path: ["minProjects"] });
    if (has("maxPoints") && has("maxPointsPerProject") && (v.maxPointsPerProject ?? 0) > (v.maxPoints ?? 0)) ctx.addIssue({ code: "custom", message: "budgets.validation.perProjectAboveMax", path: ["maxPointsPerProject"] });
    if (v.voteType === "ordinal" && v.maxLength === undefined) ctx.addIssue({ code: "custom", message: "budgets.validation.maxLengthRequired", path: ["maxLength"] });
    if (has("maxLength") && has("minProjects") && (v.minProjects ?? 0) > (v.maxLength ?? 0)) ctx.addIssue({ code: "custom", message: "budgets.validation.minAboveLength", path: ["minProjects"] });
  })
  .transform((v) => {
    const rules: BallotRules = {};
    for (const k of RULES_OF[v.voteType]) if (v[k] !== undefined) rules[k] = v[k];
    return { title: v.title, description: v.description, total: v.total, currency: v.currency, scopeId: v.scopeId, voteType: v.voteType, weight: v.weight, rules };
  });
export type BudgetInput = z.infer<typeof budgetInput>;

const coordinate = (min: number, max: number) =>
  z.preprocess((v) => (blank(v) ? undefined : typeof v === "string" ? Number(v.trim().replace(",", ".")) : v), z.number({ message: "budgets.validation.coordinate" }).min(min, { message: "budgets.validation.coordinate" }).max(max, { message: "budgets.validation.coordinate" }).optional());

export const projectInput = z
  .object({
    title: translatable({ required: true, max: 300 }),
    description: translatable({ max: 20_000 }),
    cost: amount("budgets.validation.cost"),
    categoryId: optionalId,
    scopeId: optionalId,
    address: optionalText(300),
    latitude: coordinate(-90, 90),
    longitude: coordinate(-180, 180),
    weight,
  })
  .superRefine((v, ctx) => {
    if ((v.latitude === undefined) !== (v.longitude === undefined)) ctx.addIssue({ code: "custom", message: "budgets.validation.bothCoordinates", path: [v.latitude === undefined ? "latitude" : "longitude"] });
  });
export type ProjectInput = z.infer<typeof projectInput>;

export const importInput = z.object({
  source: z.string({ message: "budgets.validation.source" }).regex(/^[a-z][a-z_]{0,39}:\d{1,15}$/, { message: "budgets.validation.source" }),
  budgetId: z.preprocess((v) => (blank(v) ? undefined : Number(v)), z.number({ message: "budgets.validation.budget" }).int().positive().max(Number.MAX_SAFE_INTEGER)),
});
