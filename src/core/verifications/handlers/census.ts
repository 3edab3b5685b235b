/** "census": the person claimed an entry of a space's census list. */
import { z } from "zod";
import type { VerificationHandler } from "../types";
import { censusListChoices } from "../census-lists";
import { findAuthorization } from "../service";
import { verifyUrl } from "./verify-url";

export const censusOptions = z
  .object({
    /** Whose census list: another space's (a school's list shared by its budgets); the action's space by default. */
    censusSpaceId: z.number().int().positive().optional().describe("verifications.options.censusSpaceId"),
  })
  .strict();

export const censusHandler: VerificationHandler<typeof censusOptions> = {
  name: "census",
  label: "verifications.census.name",
  options: censusOptions,
  check: async ({ db, user, spaceId, options, returnTo }) => {
    const parsed = censusOptions.safeParse(options);
    const listSpace = (parsed.success ? parsed.data.censusSpaceId : undefined) ?? spaceId;
    if (user && (await findAuthorization(db, user.id, "census", listSpace))) return { status: "ok" };
    return { status: "pending", verifyUrl: verifyUrl("census", returnTo, listSpace) };
  },
  // The admin picks a list by its space's title, not by typing a space number.
  optionChoices: async (db) => ({
    censusSpaceId: { blank: "verifications.options.censusOwnSpace", choices: (await censusListChoices(db)).map((c) => ({ value: c.spaceId, label: c.title })) },
  }),
};
