/** How a person wants to hear of what they follow: mail at once, in a daily or weekly digest, or never; and following what they take part in. */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { users, type EmailFrequency } from "../accounts/schema";
import { notifications } from "./schema";

export const EMAIL_FREQUENCIES = ["realtime", "daily", "weekly", "none"] as const satisfies readonly EmailFrequency[];

export const preferencesInput = z.object({
  emailFrequency: z.enum(EMAIL_FREQUENCIES, { message: "validation.invalid" }),
  followByDefault: z.literal("on").optional(),
});
export type PreferencesInput = z.infer<typeof preferencesInput>;

export interface Preferences {
  emailFrequency: EmailFrequency;
  followByDefault: boolean;
}

export async function loadPreferences(db: Db, userId: number): Promise<Preferences> {
  const [row] = await db.select({ emailFrequency: users.emailFrequency, followByDefault: users.followByDefault }).from(users).where(eq(users.id, userId));
  return row ?? { emailFrequency: "realtime", followByDefault: true };
}

/**
 * Saves the choice. Leaving a digest for mail at once or none drops the waiting digest marks: those
 * notifications are on the platform, and the next mails follow the new choice.
 */
export async function savePreferences(db: Db, userId: number, input: PreferencesInput): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ emailFrequency: input.emailFrequency, followByDefault: input.followByDefault === "on", updatedAt: new Date() }).where(eq(users.id, userId));
    if (input.emailFrequency === "realtime" || input.emailFrequency === "none") {
      await tx.update(notifications).set({ digestPending: false }).where(and(eq(notifications.userId, userId), eq(notifications.digestPending, true)));
    }
  });
}
