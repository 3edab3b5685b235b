/**
 * The demo seed: the organization, a demo administrator, the demo spaces, each component's demo
 * content (its manifest's `demo`, in the composition root's order), then the verifications' census.
 * It runs once, on a fresh database.
 */
import type { Db } from "../db/client";
import type { AppDeps } from "../core/http/deps";
import { organizations } from "../core/organization/schema";
import { saveOrganization } from "../core/organization/service";
import { createUser } from "../core/accounts/users";
import { listComponentManifests } from "../core/components/registry";
import { seedSpaces } from "../core/spaces/seeds";
import { seedVerifications } from "../core/verifications/seeds";

/** Demo data only: stated in the README. Never use in production. */
export const DEMO_ADMIN = { email: "admin@pnyx.example", password: "pnyx-demo-admin", name: "Demo Admin" } as const;


export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.select({ id: organizations.id }).from(organizations).limit(1);
  return rows.length > 0;
}

/** Demo terms of use: what a real deployment replaces in Administration > Organization. */
const DEMO_TERMS = {
  fr: "## Ce que vous acceptez\n\nCette plateforme de démonstration sert à essayer Pnyx. Vos contributions sont publiques, sauf vos données de contact et de vérification, qui ne sont jamais publiées.\n\n- Respectez les autres participants.\n- Vous pouvez télécharger ou supprimer vos données à tout moment depuis « Mon compte ».",
  nl: "## Wat u aanvaardt\n\nDit demonstratieplatform dient om Pnyx uit te proberen. Uw bijdragen zijn openbaar, behalve uw contact- en verificatiegegevens, die nooit worden gepubliceerd.\n\n- Respecteer de andere deelnemers.\n- U kunt uw gegevens op elk moment downloaden of wissen via \u201cMijn account\u201d.",
  en: "## What you accept\n\nThis demonstration platform is for trying Pnyx out. Your contributions are public, except your contact and verification data, which are never published.\n\n- Respect the other participants.\n- You can download or delete your data at any time from \u201cMy account\u201d.",
  de: "## Was Sie akzeptieren\n\nDiese Demonstrationsplattform dient zum Ausprobieren von Pnyx. Ihre Beiträge sind öffentlich, außer Ihren Kontakt- und Prüfdaten, die nie veröffentlicht werden.\n\n- Respektieren Sie die anderen Teilnehmenden.\n- Sie können Ihre Daten jederzeit unter \u201eMein Konto\u201c herunterladen oder löschen.",
};

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
    termsOfUse: DEMO_TERMS,
  });
  const adminId = await createUser(deps.db, { ...DEMO_ADMIN, isAdmin: true, confirmed: true, locale: "en" });
  const spaces = await seedSpaces(deps, { adminId });
  for (const manifest of listComponentManifests()) await manifest.demo?.(deps, { adminId, spaces });
  await seedVerifications(deps, { adminId });
}
