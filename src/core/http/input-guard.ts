/**
 * Refuses text PostgreSQL cannot store before any route sees it: a NUL byte or a lone UTF-16
 * surrogate in the path, the query or the body, or percent-encoding that does not decode. Such a
 * request gets a 400 page (a JSON problem under /api/) instead of failing deep in a query as a 500.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "./result";

// Without the `u` flag the pattern sees UTF-16 code units, so an unpaired half of a pair matches.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string holds a NUL byte or a lone surrogate. */
export function isUnstorable(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text);
}

function decodes(component: string): boolean {
  try {
    return !isUnstorable(decodeURIComponent(component));
  } catch {
    return false; // malformed percent-encoding, or bytes that are not UTF-8
  }
}

/** Whether the raw request target (path and every query key and value) decodes to storable text. */
export function isCleanTarget(url: string): boolean {
  const mark = url.indexOf("?");
  const path = mark < 0 ? url : url.slice(0, mark);
  if (!decodes(path)) return false;
  if (mark < 0) return true;
  for (const pair of url.slice(mark + 1).split("&")) {
    for (const part of pair.split("=")) if (!decodes(part.replaceAll("+", " "))) return false;
  }
  return true;
}

const MAX_DEPTH = 32;

/** Whether a parsed body (form fields, JSON, text) holds only storable strings; files are not looked at. */
export function isCleanValue(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return !isUnstorable(value);
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value)) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((v) => isCleanValue(v, depth + 1));
  return Object.entries(value).every(([k, v]) => !isUnstorable(k) && isCleanValue(v, depth + 1));
}

function check(req: FastifyRequest): void {
  if (!isCleanTarget(req.url) || !isCleanValue(req.body)) throw new AppError("invalid_characters", 400);
}

/**
 * Checks every request once its body is parsed and its context (language) is known, so the 400 page
 * is translated; it runs before validation, CSRF and any handler.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (req) => check(req));
}
