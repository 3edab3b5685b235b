/**
 * Site routes of the budgets component: `GET /api/budgets/:budgetId/results` (the published outcome; a
 * 404 problem until one is published, or for a budget the public may not see) and the budget's pabulib
 * file, `/open-data/budgets/:budgetId.pb`, with the published rule, so anyone can recompute it; the list of
 * budgets with a published outcome and their files, `/open-data/budgets.csv` (the manifest's openData).
 */
import { z } from "zod";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import type messages from "./messages";
import { budgetFilePath, budgetsCsv, findPublicOutcome, publicBudgetFile } from "./open-data";
import { OUTCOME_RULES } from "./schema";

const about = (description: Extract<keyof typeof messages.en, string>) => ({ description });

export const budgetIdParams = z.object({
  budgetId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta(about("budgets.api.param.budgetId")),
});

const fileParams = z.object({ file: z.string().regex(/^\d{1,15}\.pb$/) });

const outcomeProject = z.strictObject({
  id: z.string(),
  projectId: z.number().int().positive(),
  cost: z.number(),
  votes: z.number().int().min(0),
  score: z.number().optional(),
  selected: z.boolean(),
  round: z.number().int().positive().optional(),
  pricePerVoter: z.number().optional(),
  effectiveSupport: z.number().optional(),
  position: z.number().int().positive().optional(),
  leftWhenConsidered: z.number().optional(),
  belowThreshold: z.boolean().optional(),
  tie: z.boolean().optional(),
});

export const budgetResultsResponse = z.strictObject({
  rule: z.enum(OUTCOME_RULES),
  selected: z.array(z.string()),
  projects: z.array(outcomeProject),
  budgetId: z.number().int().positive(),
  spent: z.number(),
  ballots: z.number().int().min(0),
  endowment: z.number().optional(),
  threshold: z.number().optional(),
  publishedAt: z.iso.datetime(),
  inputsDigest: z.string().nullable().meta(about("budgets.api.field.digest")),
  file: z.string().meta(about("budgets.api.field.file")),
});

export const budgetApiRoutes: SiteRoute[] = [
  siteRoute({
    method: "GET",
    path: "/api/budgets/:budgetId/results",
    params: budgetIdParams,
    api: { summary: "budgets.api.results.summary", description: "budgets.api.results.description", response: budgetResultsResponse, errors: [404] },
    handler: async (_req, reply, { deps, params }) => {
      const o = await findPublicOutcome(deps.db, params.budgetId);
      if (!o) throw notFound();
      const r = o.result;
      const body: z.infer<typeof budgetResultsResponse> = {
        rule: r.rule,
        selected: r.selected,
        projects: r.projects,
        budgetId: o.budgetId,
        spent: r.spent,
        ballots: r.ballots,
        ...(r.endowment === undefined ? {} : { endowment: r.endowment }),
        ...(r.threshold === undefined ? {} : { threshold: r.threshold }),
        publishedAt: o.publishedAt.toISOString(),
        inputsDigest: o.inputsDigest,
        file: `${deps.config.PUBLIC_URL}${budgetFilePath(o.budgetId)}`,
      };
      return reply.header("cache-control", "public, max-age=5").send(body);
    },
  }),
  siteRoute({
    method: "GET",
    path: "/open-data/budgets.csv",
    handler: async (req, reply, { deps }) =>
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="budgets.csv"')
        .header("cache-control", "public, max-age=60")
        .header("vary", "Accept-Language, Cookie")
        .send(await budgetsCsv(deps.db, deps.config.PUBLIC_URL, { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale })),
  }),
  siteRoute({
    method: "GET",
    path: "/open-data/budgets/:file",
    params: fileParams,
    handler: async (_req, reply, { deps, params }) => {
      const id = Number(params.file.slice(0, -3));
      const text = await publicBudgetFile(deps.db, id);
      if (text === null) throw notFound();
      return reply
        .header("content-type", "text/plain; charset=utf-8")
        .header("content-disposition", `attachment; filename="budget-${id}.pb"`)
        .header("cache-control", "public, max-age=60")
        .send(text);
    },
  }),
];
