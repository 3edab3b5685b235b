/**
 * Verification handlers: ways a person proves something about themselves (email confirmed, on a census
 * list, age and residence). An admin attaches handlers, with options, to a component's actions; `can()`
 * asks each attached handler whether the person passes.
 */
import type { z } from "zod";
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import type { MessageKey } from "../i18n/catalogues";
import type { Translatable } from "../i18n/locales";

export type VerificationStatus =
  | { status: "ok" }
  /** The person can verify now: send them to `verifyUrl` and back. */
  | { status: "pending"; verifyUrl: string }
  /** Verified, but the options exclude them (too young, wrong region); the reason is shown. */
  | { status: "unauthorized"; reason: MessageKey; values?: Record<string, string | number> };

export interface VerificationCheck {
  db: Db;
  user: CurrentUser | null;
  spaceId: number;
  /** The options the admin set for this action (validated by the handler's schema). */
  options: Record<string, unknown>;
  /** Where to come back after verifying. */
  returnTo: string;
}

export interface VerificationHandler<O extends z.ZodType = z.ZodType> {
  name: string;
  label: MessageKey;
  /** Options an admin sets when attaching the handler to an action (rendered as a form from the schema). */
  options: O;
  check: (input: VerificationCheck) => Promise<VerificationStatus>;
  /**
   * Choices offered instead of a free number for some numeric options (the spaces that have a census
   * list rather than a space number to type), by option key. Loaded when the permissions screen opens.
   */
  optionChoices?: (db: Db) => Promise<Record<string, OptionChoices>>;
}

/** A select for a numeric option: the blank value (the option left unset) and the numbers offered. */
export interface OptionChoices {
  blank: MessageKey;
  choices: Array<{ value: number; label: Translatable }>;
}
