/** "email_confirmed": the person confirmed their email address (the accounts area sets the flag). */
import { z } from "zod";
import type { VerificationHandler } from "../types";
import { verifyUrl } from "./verify-url";

export const emailConfirmedOptions = z.object({}).strict();

export const emailConfirmedHandler: VerificationHandler<typeof emailConfirmedOptions> = {
  name: "email_confirmed",
  label: "verifications.emailConfirmed.name",
  options: emailConfirmedOptions,
  check: async ({ user, returnTo }) => (user?.emailConfirmed ? { status: "ok" } : { status: "pending", verifyUrl: verifyUrl("email_confirmed", returnTo) }),
};
