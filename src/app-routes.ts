/**
 * Every area's routes, registered in this order by buildApp. An area adds one line here.
 */
import type { FastifyInstance } from "fastify";
import { adminRoutes } from "./core/admin/routes";
import { homeRoutes } from "./core/home/routes";
import { accountsRoutes } from "./core/accounts/routes";

export const routeModules: Array<(app: FastifyInstance) => Promise<void>> = [homeRoutes, adminRoutes];
routeModules.push(accountsRoutes);
