/** Every accounts route: one entry in app-routes.ts. */
import type { FastifyInstance } from "fastify";
import { accountRoutes } from "./account";
import { adminUsersRoutes } from "./admin-users";
import { passwordRoutes } from "./password";
import { registerRoutes } from "./register";
import { signInRoutes } from "./sign-in";

export async function accountsRoutes(app: FastifyInstance): Promise<void> {
  await registerRoutes(app);
  await signInRoutes(app);
  await passwordRoutes(app);
  await accountRoutes(app);
  await adminUsersRoutes(app);
}
