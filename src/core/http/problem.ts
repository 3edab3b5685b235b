/**
 * Problem details (RFC 9457): how every JSON API under /api/ answers an error, as
 * `application/problem+json` with `type`, `title`, `status`, `detail` and `instance`, title and detail in
 * the reader's language. Each problem type has a stable URI, explained on /api/docs; the extensions
 * `code` (a stable id), `ref` (server errors) and `invalidParams` (a refused query) help clients.
 */
import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { MessageKey } from "../i18n/catalogues";
import type { Translate, Values } from "../i18n/translator";
import "../api/messages";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The problem types, by the fragment of their URI; 400 also covers the other 4xx (413, 415...). */
export const PROBLEM_TYPES = {
  "bad-request": { status: 400, title: "api.problem.badRequest.title", detail: "api.problem.badRequest.detail" },
  forbidden: { status: 403, title: "api.problem.forbidden.title", detail: "api.problem.forbidden.detail" },
  "not-found": { status: 404, title: "api.problem.notFound.title", detail: "api.problem.notFound.detail" },
  "rate-limited": { status: 429, title: "api.problem.rateLimited.title", detail: "api.problem.rateLimited.detail" },
  "server-error": { status: 500, title: "api.problem.server.title", detail: "api.problem.server.detail" },
} as const satisfies Record<string, { status: number; title: MessageKey; detail: MessageKey }>;

export type ProblemType = keyof typeof PROBLEM_TYPES;

/** The problem type an HTTP error status is answered with. */
export function problemTypeFor(status: number): ProblemType {
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 400 && status < 500) return "bad-request";
  return "server-error";
}

/** The anchor of a problem type on /api/docs. */
export const problemAnchor = (type: ProblemType) => `problem-${type}`;

/** A problem type's URI: absolute when the public address is known (RFC 9457 prefers it). */
export const problemTypeUri = (publicUrl: string, type: ProblemType) => `${publicUrl}/api/docs#${problemAnchor(type)}`;

// Descriptions are message keys: the OpenAPI document translates them for its reader.
export const problemSchema = z
  .object({
    type: z.string().meta({ description: "api.problem.field.type" }),
    title: z.string().meta({ description: "api.problem.field.title" }),
    status: z.number().int().min(400).max(599).meta({ description: "api.problem.field.status" }),
    detail: z.string().meta({ description: "api.problem.field.detail" }),
    instance: z.string().meta({ description: "api.problem.field.instance" }),
    code: z.string().meta({ description: "api.problem.field.code" }),
    ref: z.string().optional().meta({ description: "api.problem.field.ref" }),
    invalidParams: z
      .array(z.object({ name: z.string(), in: z.enum(["query", "path"]), reason: z.string() }))
      .optional()
      .meta({ description: "api.problem.field.invalidParams" }),
  })
  .meta({ title: "Problem" });

export type Problem = z.infer<typeof problemSchema>;

export interface ProblemInput {
  type: ProblemType;
  /** The actual status when it differs from the type's (a 413 is a "bad-request"). */
  status?: number;
  code: string;
  /** A more precise detail than the type's own. */
  detail?: { key: MessageKey; values?: Values };
  /** The request's path (without the query: it may carry what the client would rather not echo). */
  instance: string;
  ref?: string;
  invalidParams?: Array<{ name: string; in: "query" | "path" }>;
}

/** The problem document, translated by `t`. */
export function buildProblem(t: Translate, publicUrl: string, input: ProblemInput): Problem {
  const def = PROBLEM_TYPES[input.type];
  const values = { ref: input.ref ?? "-", ...input.detail?.values };
  return {
    type: problemTypeUri(publicUrl, input.type),
    title: t(def.title),
    status: input.status ?? def.status,
    detail: t(input.detail?.key ?? def.detail, values),
    instance: input.instance,
    code: input.code,
    ...(input.ref ? { ref: input.ref } : {}),
    ...(input.invalidParams ? { invalidParams: input.invalidParams.map((p) => ({ ...p, reason: t("api.problem.invalidParam") })) } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .status(problem.status)
    .header("content-type", `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .header("cache-control", "no-store")
    .send(JSON.stringify(problem));
}

/** The path of a request URL, without its query string. */
export const pathOf = (url: string) => url.split("?")[0] ?? url;
