/** What a domain service returns: a value, or the errors to show next to the form's fields. */
import type { MessageKey } from "../i18n/catalogues";
import type { Values } from "../i18n/translator";

export interface FieldError {
  key: MessageKey;
  values?: Values;
}
/** Field name (or "_form" for the whole form) to its error. */
export type FieldErrors = Record<string, FieldError>;

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (errors: FieldErrors): { ok: false; errors: FieldErrors } => ({ ok: false, errors });

/** A real failure (not a validation result), with a stable id and an HTTP status, mapped to a page. */
export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message?: string,
  ) {
    super(message ?? id);
  }
}
export const notFound = () => new AppError("not_found", 404);
export const forbidden = () => new AppError("forbidden", 403);

/** A query string the route's schema refused (a 400), naming the parameters at fault. */
export class InvalidQuery extends AppError {
  constructor(readonly names: string[]) {
    super("invalid_query", 400);
  }
}
