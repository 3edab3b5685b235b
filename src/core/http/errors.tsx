/**
 * One error handler: typed errors and framework errors become translated pages, or, under /api/ (and
 * before the request has a context), problem details (RFC 9457, application/problem+json).
 */
import { randomUUID } from "node:crypto";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ZodError } from "zod";
import type { MessageKey } from "../i18n/catalogues";
import { LOCALES } from "../i18n/locales";
import { fromAcceptLanguage } from "../i18n/negotiate";
import { translator, type Translate } from "../i18n/translator";
import { assetUrl } from "../../web/assets";
import { sendHtml, sendPage } from "../../web/render";
import { buildProblem, pathOf, problemTypeFor, sendProblem, type ProblemInput } from "./problem";
import { AppError, InvalidQuery } from "./result";
import { databaseUnavailable } from "../../db/unavailable";

interface ErrorPage {
  status: number;
  title: MessageKey;
  body: MessageKey;
}

type Classified = ErrorPage & { id: string; problem?: Pick<ProblemInput, "detail" | "invalidParams"> };

function classify(error: FastifyError | AppError | ZodError): Classified {
  // Routes parse their path parameters and query with zod: a value that does not fit names no page.
  if (error instanceof ZodError) return { id: "not_found", status: 404, title: "error.notFound.title", body: "error.notFound.body" };
  if (error instanceof AppError) {
    if (error.status === 404) return { id: error.id, status: 404, title: "error.notFound.title", body: "error.notFound.body" };
    if (error.status === 403) return { id: error.id, status: 403, title: "error.forbidden.title", body: "error.forbidden.body" };
    if (error.status === 429) return { id: "rate_limited", status: 429, title: "error.rateLimited.title", body: "error.rateLimited.body" };
    if (error instanceof InvalidQuery) {
      const problem = { detail: { key: "api.problem.invalidQuery.detail" as const, values: { count: error.names.length, names: error.names.join(", ") } }, invalidParams: error.names.map((name) => ({ name, in: "query" as const })) };
      return { id: error.id, status: 400, title: "error.badRequest.title", body: "error.badRequest.body", problem };
    }
    if (error.id === "invalid_characters") return { id: error.id, status: 400, title: "error.badRequest.title", body: "error.badRequest.body", problem: { detail: { key: "api.problem.invalidCharacters.detail" } } };
    if (error.status === 400) return { id: error.id, status: 400, title: "error.badRequest.title", body: "error.badRequest.body" };
  }
  if (databaseUnavailable(error)) return { id: "unavailable", status: 503, title: "error.unavailable.title", body: "error.unavailable.body" };
  const code = (error as FastifyError).code ?? "";
  if (code.startsWith("FST_CSRF")) return { id: "csrf_invalid", status: 403, title: "error.csrf.title", body: "error.csrf.body" };
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 429) return { id: "rate_limited", status, title: "error.rateLimited.title", body: "error.rateLimited.body" };
  if (status === 404) return { id: "not_found", status, title: "error.notFound.title", body: "error.notFound.body" };
  if (status >= 400 && status < 500) return { id: code || "bad_request", status, title: "error.badRequest.title", body: "error.badRequest.body" };
  return { id: "internal", status: 500, title: "error.server.title", body: "error.server.body" };
}

/** The public address for problem type URIs (none in a bare Fastify instance: the URI stays relative). */
const publicUrlOf = (req: FastifyRequest) => (req.server.hasDecorator("deps") ? req.server.deps.config.PUBLIC_URL : "");

/** Without a request context (it failed before the context hook), the browser's language answers. */
const translateFor = (req: FastifyRequest): Translate => req.ctx?.t ?? translator(fromAcceptLanguage(req.headers["accept-language"], LOCALES) ?? "en");

function sendApiProblem(req: FastifyRequest, reply: FastifyReply, page: Classified, ref: string) {
  const problem = buildProblem(translateFor(req), publicUrlOf(req), {
    type: problemTypeFor(page.status),
    status: page.status,
    code: page.id,
    instance: pathOf(req.url),
    ...(page.status >= 500 ? { ref } : {}),
    ...page.problem,
  });
  return sendProblem(reply, problem);
}

function respond(req: FastifyRequest, reply: FastifyReply, page: Classified, ref: string) {
  if (req.url.startsWith("/api/") || !req.ctx) return sendApiProblem(req, reply, page, ref);
  const t = req.ctx.t;
  return sendPage(req, reply, {
    status: page.status,
    title: t(page.title),
    body: (
      <section class="error-page">
        <h1>{t(page.title)}</h1>
        <p>{t(page.body, { id: ref })}</p>
        <p><a href="/">{t("common.home")}</a></p>
      </section>
    ),
  });
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | ZodError, req, reply) => {
    const page = classify(error);
    const ref = randomUUID().slice(0, 8);
    if (page.id === "unavailable") req.log.warn({ err: error, ref }, "database unavailable");
    else if (page.status >= 500) req.log.error({ err: error, ref }, "request failed");
    if (page.id === "rate_limited") reply.header("retry-after", "60");
    // The database restarting or failing over: a client (or a proxy) may try again in a moment.
    if (page.id === "unavailable") reply.header("retry-after", "5");
    return respond(req, reply, page, ref);
  });
  app.setNotFoundHandler((req, reply) => respond(req, reply, { id: "not_found", status: 404, title: "error.notFound.title", body: "error.notFound.body" }, "-"));
}

/**
 * For Fastify's `frameworkErrors` option: a path whose percent-encoding does not decode is refused by
 * the router before any hook runs (no cookies, no context), so the page stands alone, in the
 * browser's language, instead of the framework's JSON.
 */
export function frameworkErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = error.statusCode ?? 400;
  const page: ErrorPage = status >= 500 ? { status, title: "error.server.title", body: "error.server.body" } : { status, title: "error.badRequest.title", body: "error.badRequest.body" };
  const locale = fromAcceptLanguage(req.headers["accept-language"], LOCALES) ?? "en";
  const t = translator(locale);
  const ref = "-";
  if (status >= 500) req.log.error({ err: error }, "request failed");
  if (req.url.startsWith("/api/")) {
    const code = error.code || (status >= 500 ? "internal" : "bad_request");
    return sendProblem(reply, buildProblem(t, publicUrlOf(req), { type: problemTypeFor(status), status: status >= 500 ? 500 : status, code, instance: pathOf(req.url) }));
  }
  reply.header("content-security-policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'").header("x-content-type-options", "nosniff");
  return sendHtml(
    reply,
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t(page.title)}</title>
        <link rel="stylesheet" href={assetUrl("app.css")} />
      </head>
      <body>
        <main id="main" class="container">
          <section class="error-page">
            <h1>{t(page.title)}</h1>
            <p>{t(page.body, { id: ref })}</p>
            <p><a href="/">{t("common.home")}</a></p>
          </section>
        </main>
      </body>
    </html>,
    status,
  );
}
