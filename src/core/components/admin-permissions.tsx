/** The per-action permissions screen of a component. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/client";
import type { FieldErrors } from "../http/result";
import { sendSpaceAdminPage } from "../spaces/admin-parts";
import type { ComponentPermissionsValue } from "../spaces/schema";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import { listVerifications } from "../verifications/registry";
import type { OptionChoices } from "../verifications/types";
import type { ComponentManifest } from "./define";
import { PermissionsForm } from "./admin-views";

/** The selects the installed handlers offer for some options, by handler name (one query each at most). */
async function loadChoices(db: Db): Promise<Record<string, Record<string, OptionChoices>>> {
  const handlers = listVerifications().filter((h) => h.optionChoices);
  const loaded = await Promise.all(handlers.map(async (h) => [h.name, (await h.optionChoices?.(db)) ?? {}] as const));
  return Object.fromEntries(loaded);
}

export async function ComponentPermissionsScreen(
  req: FastifyRequest,
  reply: FastifyReply,
  c: { space: SpaceRecord; component: ComponentRecord; manifest: ComponentManifest },
  values: ComponentPermissionsValue,
  errors?: FieldErrors,
) {
  return sendSpaceAdminPage(req, reply, c.space, {
    title: req.ctx.t("components.admin.permissions"),
    tab: "components",
    status: errors ? 422 : 200,
    body: <PermissionsForm ctx={req.ctx} space={c.space} component={c.component} manifest={c.manifest} values={values} errors={errors} choices={await loadChoices(req.server.deps.db)} />,
  });
}
