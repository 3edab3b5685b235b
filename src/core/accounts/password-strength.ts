/**
 * Refusing passwords that are quick to guess: the most common ones ("password12", "1234567890",
 * "azertyuiop"), keyboard walks, repeats and sequences. zxcvbn-ts estimates the guesses an attacker
 * needs, from a maintained list of common passwords and keyboard layouts.
 */
import { createRequire } from "node:module";
import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type * as ZxcvbnCommon from "@zxcvbn-ts/language-common";

/** zxcvbn's score 2: at least a million guesses, beyond what the sign-in throttling lets anyone try. */
export const MIN_PASSWORD_SCORE = 2;
/** Longer passwords are judged by their start: the estimate's cost grows with the length. */
const CHECKED_LENGTH = 100;

let factory: ZxcvbnFactory | null = null;

/** Loaded on first use: decompressing the dictionaries costs a tenth of a second at start-up. */
function createFactory(): ZxcvbnFactory {
  const require = createRequire(import.meta.url);
  const core = require("@zxcvbn-ts/core") as typeof ZxcvbnCore;
  const common = require("@zxcvbn-ts/language-common") as typeof ZxcvbnCommon;
  return new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
}

/** Whether `password` is among the common passwords or simple patterns that are refused. */
export function isGuessablePassword(password: string): boolean {
  factory ??= createFactory();
  return factory.check(password.slice(0, CHECKED_LENGTH)).score < MIN_PASSWORD_SCORE;
}
