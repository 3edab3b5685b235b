/** The per-action permissions screen of a component. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FieldErrors } from "../http/result";
import { sendSpaceAdminPage } from "../spaces/admin-parts";
import type { ComponentPermissionsValue } from "../spaces/schema";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import type { ComponentManifest } from "./define";
import { PermissionsForm } from "./admin-views";

export function ComponentPermissionsScreen(
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
    body: <PermissionsForm ctx={req.ctx} space={c.space} component={c.component} manifest={c.manifest} values={values} errors={errors} />,
  });
}
