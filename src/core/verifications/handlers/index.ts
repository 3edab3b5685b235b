/** Registers the built-in verification handlers (imported once by the verifications routes). */
import { registerVerification } from "../registry";
import type { VerificationHandler } from "../types";
import { ageResidenceHandler } from "./age-residence";
import { censusHandler } from "./census";
import { emailConfirmedHandler } from "./email-confirmed";

export const builtInHandlers: VerificationHandler[] = [emailConfirmedHandler, censusHandler, ageResidenceHandler];

export function registerBuiltInVerifications(): void {
  for (const handler of builtInHandlers) registerVerification(handler);
}

registerBuiltInVerifications();
