/**
 * The verification handlers this installation knows. Handlers register themselves at import time;
 * `can()` and the permissions screen look them up by name.
 */
import type { VerificationHandler } from "./types";

const handlers = new Map<string, VerificationHandler>();

/** Adds (or replaces, so tests and reloads stay idempotent) a handler under its name. */
export function registerVerification(handler: VerificationHandler): void {
  handlers.set(handler.name, handler);
}

export function getVerification(name: string): VerificationHandler | undefined {
  return handlers.get(name);
}

/** Every registered handler, in registration order. */
export function listVerifications(): VerificationHandler[] {
  return [...handlers.values()];
}

/** Removes a handler (tests only). */
export function unregisterVerification(name: string): void {
  handlers.delete(name);
}
