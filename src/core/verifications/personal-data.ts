/** The person's verifications in "download my data" (never the census hashes: they identify nobody to them). */
import { registerPersonalDataExporter } from "../accounts/personal-data";
import { userAuthorizations } from "./service";

registerPersonalDataExporter({
  name: "verifications",
  collect: async (db, userId) =>
    (await userAuthorizations(db, userId)).map((a) => ({ method: a.handler, spaceId: a.spaceId, details: a.metadata, grantedAt: a.grantedAt.toISOString() })),
});
