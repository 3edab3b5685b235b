/**
 * Refusing passwords that are quick to guess: the most common ones ("password12", "1234567890",
 * "azertyuiop"), keyboard walks, repeats and sequences. zxcvbn-ts estimates the guesses an attacker
 * needs, from a maintained list of common passwords and keyboard layouts.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/** zxcvbn's score 2: at least a million guesses, beyond what the sign-in throttling lets anyone try. */
export const MIN_PASSWORD_SCORE = 2;
/** Longer passwords are judged by their start: the estimate's cost grows with the length. */
const CHECKED_LENGTH = 100;

let factory: ZxcvbnFactory | null = null;

/** Whether `password` is among the common passwords or simple patterns that are refused. */
export function isGuessablePassword(password: string): boolean {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return factory.check(password.slice(0, CHECKED_LENGTH)).score < MIN_PASSWORD_SCORE;
}
