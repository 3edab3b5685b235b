/**
 * The demo seed: the organization, a demo administrator, and each area's demo content. Areas add their
 * seed function to `areaSeeds`; each runs once, in order, on a fresh database.
 */
import type { Db } from "../db/client";
import type { AppDeps } from "../core/http/deps";
import { organizations } from "../core/organization/schema";
import { saveOrganization } from "../core/organization/service";
import { createUser } from "../core/accounts/users";
import { seedPetitions } from "../modules/petitions/seeds";
import { seedSpaces } from "../core/spaces/seeds";
import { seedVerifications } from "../core/verifications/seeds";

/** Demo data only: stated in the README. Never use in production. */
export const DEMO_ADMIN = { email: "admin@pnyx.example", password: "pnyx-demo-admin", name: "Demo Admin" } as const;

export type AreaSeed = (deps: AppDeps, ctx: { adminId: number }) => Promise<void>;
export const areaSeeds: AreaSeed[] = [];
areaSeeds.push(seedSpaces);
areaSeeds.push(seedPetitions);
areaSeeds.push(seedVerifications);

export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.select({ id: organizations.id }).from(organizations).limit(1);
  return rows.length > 0;
}

export async function seedDemo(deps: AppDeps): Promise<void> {
  await saveOrganization(deps.db, {
    name: { fr: "Pnyx Démo", nl: "Pnyx Demo", en: "Pnyx Demo", de: "Pnyx Demo" },
    description: {
      fr: "Pétitions, assemblées citoyennes, consultations et budgets participatifs.",
      nl: "Petities, burgerassemblees, raadplegingen en participatieve begrotingen.",
      en: "Petitions, citizens' assemblies, consultations and participatory budgets.",
      de: "Petitionen, Bürgerversammlungen, Konsultationen und Bürgerhaushalte.",
    },
    host: "localhost",
    defaultLocale: "fr",
    availableLocales: ["fr", "nl", "en", "de"],
    theme: {},
  });
  const adminId = await createUser(deps.db, { ...DEMO_ADMIN, isAdmin: true, confirmed: true, locale: "en" });
  for (const seed of areaSeeds) await seed(deps, { adminId });
}
