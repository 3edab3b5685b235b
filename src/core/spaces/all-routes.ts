/** Every route of spaces and components, registered as one area by app-routes. */
import type { FastifyInstance } from "fastify";
import { componentDeleteRoutes } from "../components/admin-delete";
import { componentAdminRoutes } from "../components/admin-routes";
import { componentRoutes } from "../components/routes";
import { memberAdminRoutes } from "./admin-members";
import { roleAdminRoutes } from "./admin-roles";
import { spaceDeleteRoutes } from "./admin-delete";
import { spaceAdminRoutes } from "./admin-routes";
import { stepAdminRoutes } from "./admin-steps";
import { spacePublicRoutes } from "./routes";
import { uploadRoutes } from "./uploads";

export async function spacesRoutes(app: FastifyInstance): Promise<void> {
  await uploadRoutes(app);
  await spacePublicRoutes(app);
  await spaceAdminRoutes(app);
  await spaceDeleteRoutes(app);
  await stepAdminRoutes(app);
  await memberAdminRoutes(app);
  await roleAdminRoutes(app);
  await componentAdminRoutes(app);
  await componentDeleteRoutes(app);
  await componentRoutes(app);
}
