/**
 * Every core area's routes, registered in this order by buildApp, then the components' site routes from
 * their manifests (components never add a line here).
 */
import type { FastifyInstance } from "fastify";
import { adminRoutes } from "./core/admin/routes";
import { homeRoutes } from "./core/home/routes";
import { componentSiteRoutes } from "./core/components/site-routes";
import { apiRoutes } from "./core/api/routes";
import { accountsRoutes } from "./core/accounts/routes";
import { verificationRoutes } from "./core/verifications/routes";
import { themeRoutes } from "./core/theme/routes";
import { auditRoutes } from "./core/audit/routes";
import { organizationRoutes } from "./core/organization/routes";
import { spacesRoutes } from "./core/spaces/all-routes";
import { categoriesRoutes } from "./core/categories/admin-routes";
import { searchRoutes } from "./core/search/routes";
import { notificationRoutes } from "./core/notifications/routes";
import { followRoutes } from "./core/follows/routes";
import { newsletterRoutes } from "./core/newsletters/routes";
import { openDataRoutes } from "./core/open-data/routes";
import { commentRoutes } from "./core/comments/routes";
import { moderationRoutes } from "./core/moderation/routes";
import { endorsementRoutes } from "./core/follows/endorsement-routes";
import { coauthorRoutes } from "./core/follows/coauthor-routes";
import { attachmentRoutes } from "./core/attachments/routes";
import { archiveRoutes } from "./core/archive/routes";

export const routeModules: Array<(app: FastifyInstance) => Promise<void>> = [homeRoutes, adminRoutes];
routeModules.push(accountsRoutes);
routeModules.push(verificationRoutes);
routeModules.push(themeRoutes, auditRoutes, organizationRoutes);
routeModules.push(spacesRoutes, categoriesRoutes, archiveRoutes);
routeModules.push(componentSiteRoutes);
routeModules.push(searchRoutes, notificationRoutes, followRoutes, newsletterRoutes, openDataRoutes);
routeModules.push(commentRoutes);
routeModules.push(endorsementRoutes, coauthorRoutes, attachmentRoutes);
routeModules.push(moderationRoutes);
routeModules.push(apiRoutes);
