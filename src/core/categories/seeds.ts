/**
 * Demo categories and scopes: each demo space's categories (some with sub-categories), and the
 * organization's scopes: the Brussels-Capital Region's nineteen municipalities (with their statistical
 * codes) and the demo school district's sites. Created through the services, so audited as an
 * administrator's would be.
 */
import type { AppDeps } from "../http/deps";
import type { Translatable } from "../i18n/locales";
import { createScope } from "./scopes-service";
import { createCategory, type Actor } from "./service";

type T = Required<Translatable>;
const t = (fr: string, nl: string, en: string, de: string): T => ({ fr, nl, en, de });
/** A proper name written the same in all four languages. */
const same = (name: string): T => t(name, name, name, name);

interface DemoCategory {
  name: T;
  children?: T[];
}

/** The demo spaces' categories, by the key the space seeds use (DEMO_SPACES). */
export const DEMO_CATEGORIES: Record<string, DemoCategory[]> = {
  petitions: [
    {
      name: t("Environnement", "Milieu", "Environment", "Umwelt"),
      children: [t("Arbres et espaces verts", "Bomen en groene ruimten", "Trees and green spaces", "Bäume und Grünflächen"), t("Qualité de l’air", "Luchtkwaliteit", "Air quality", "Luftqualität")],
    },
    {
      name: t("Mobilité", "Mobiliteit", "Mobility", "Mobilität"),
      children: [t("Vélo", "Fiets", "Cycling", "Radverkehr"), t("Transports publics", "Openbaar vervoer", "Public transport", "Öffentlicher Verkehr")],
    },
    { name: t("Logement", "Huisvesting", "Housing", "Wohnen") },
    { name: t("Enseignement", "Onderwijs", "Education", "Bildung") },
    { name: t("Culture et sport", "Cultuur en sport", "Culture and sport", "Kultur und Sport") },
  ],
  assembly: [
    {
      name: t("Mobilité", "Mobiliteit", "Mobility", "Mobilität"),
      children: [t("Vélo", "Fiets", "Cycling", "Radverkehr"), t("Marche", "Te voet", "Walking", "Zu Fuß gehen"), t("Transports publics", "Openbaar vervoer", "Public transport", "Öffentlicher Verkehr")],
    },
    { name: t("Espace public", "Openbare ruimte", "Public space", "Öffentlicher Raum") },
  ],
  consultation: [
    { name: t("Données ouvertes", "Open data", "Open data", "Offene Daten") },
    { name: t("Vie privée", "Privacy", "Privacy", "Privatsphäre") },
    { name: t("Services numériques", "Digitale diensten", "Digital services", "Digitale Dienste") },
  ],
  ...Object.fromEntries(
    ["budgetStudents", "budgetParents", "budgetFaculty"].map((key) => [
      key,
      [
        { name: t("Cour de récréation", "Speelplaats", "Playground", "Schulhof") },
        { name: t("Cantine", "Refter", "Canteen", "Mensa") },
        { name: t("Bibliothèque", "Bibliotheek", "Library", "Bibliothek") },
        { name: t("Sport", "Sport", "Sport", "Sport"), children: [t("Équipement", "Materiaal", "Equipment", "Ausrüstung"), t("Sorties", "Uitstappen", "Outings", "Ausflüge")] },
        { name: t("Numérique", "Digitaal", "Digital", "Digitales") },
      ],
    ]),
  ),
};

/** The nineteen municipalities of the Brussels-Capital Region, by their statistical (NIS) code. */
export const BRUSSELS_MUNICIPALITIES: Array<[code: string, name: T]> = [
  ["21001", same("Anderlecht")],
  ["21002", t("Auderghem", "Oudergem", "Auderghem", "Auderghem")],
  ["21003", t("Berchem-Sainte-Agathe", "Sint-Agatha-Berchem", "Berchem-Sainte-Agathe", "Berchem-Sainte-Agathe")],
  ["21004", t("Bruxelles", "Brussel", "City of Brussels", "Brüssel-Stadt")],
  ["21005", same("Etterbeek")],
  ["21006", same("Evere")],
  ["21007", t("Forest", "Vorst", "Forest", "Forest")],
  ["21008", same("Ganshoren")],
  ["21009", t("Ixelles", "Elsene", "Ixelles", "Ixelles")],
  ["21010", same("Jette")],
  ["21011", same("Koekelberg")],
  ["21012", t("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean", "Molenbeek-Saint-Jean")],
  ["21013", t("Saint-Gilles", "Sint-Gillis", "Saint-Gilles", "Saint-Gilles")],
  ["21014", t("Saint-Josse-ten-Noode", "Sint-Joost-ten-Node", "Saint-Josse-ten-Noode", "Saint-Josse-ten-Noode")],
  ["21015", t("Schaerbeek", "Schaarbeek", "Schaerbeek", "Schaerbeek")],
  ["21016", t("Uccle", "Ukkel", "Uccle", "Uccle")],
  ["21017", t("Watermael-Boitsfort", "Watermaal-Bosvoorde", "Watermael-Boitsfort", "Watermael-Boitsfort")],
  ["21018", t("Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe", "Woluwe-Saint-Lambert", "Woluwe-Saint-Lambert")],
  ["21019", t("Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe", "Woluwe-Saint-Pierre", "Woluwe-Saint-Pierre")],
];

/** The region's own statistical code: the demo files region-wide petitions under it. */
export const BRUSSELS_REGION_CODE = "04000";

const SCHOOL_SITES: Array<[code: string, name: T]> = [
  ["school-garden", t("Site du Jardin", "Vestiging Tuin", "Garden site", "Standort Garten")],
  ["school-station", t("Site de la Gare", "Vestiging Station", "Station site", "Standort Bahnhof")],
  ["school-park", t("Site du Parc", "Vestiging Park", "Park site", "Standort Park")],
];

async function scope(deps: AppDeps, actor: Actor, input: { name: T; scopeType: T; code: string; parentId?: number; weight: number }): Promise<number> {
  const r = await createScope(deps.db, actor, { name: input.name, scopeType: input.scopeType, code: input.code, parentId: input.parentId, weight: input.weight });
  if (!r.ok) throw new Error(`demo scope ${input.code}: ${JSON.stringify(r.errors)}`);
  return r.value.id;
}

/** The organization's scopes: the region and its municipalities, the school district and its sites. */
export async function seedScopes(deps: AppDeps, { adminId }: { adminId: number }): Promise<void> {
  const actor: Actor = { id: adminId, ip: null };
  const region = await scope(deps, actor, {
    name: t("Région de Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest", "Brussels-Capital Region", "Region Brüssel-Hauptstadt"),
    scopeType: t("Région", "Gewest", "Region", "Region"),
    code: BRUSSELS_REGION_CODE,
    weight: 0,
  });
  const municipality = t("Commune", "Gemeente", "Municipality", "Gemeinde");
  for (const [weight, [code, name]] of BRUSSELS_MUNICIPALITIES.entries()) await scope(deps, actor, { name, scopeType: municipality, code, parentId: region, weight });
  const district = await scope(deps, actor, {
    name: t("Réseau scolaire de démonstration", "Demonstratie-scholengroep", "Demo school district", "Demo-Schulverbund"),
    scopeType: t("Réseau scolaire", "Scholengroep", "School district", "Schulverbund"),
    code: "school-district",
    weight: 1,
  });
  const site = t("Implantation scolaire", "Schoolvestiging", "School site", "Schulstandort");
  for (const [weight, [code, name]] of SCHOOL_SITES.entries()) await scope(deps, actor, { name, scopeType: site, code, parentId: district, weight });
}

/** The categories of the demo spaces, given by their DEMO_SPACES key. */
export async function seedCategories(deps: AppDeps, { adminId, spaces }: { adminId: number; spaces: Record<string, { id: number }> }): Promise<void> {
  const actor: Actor = { id: adminId, ip: null };
  for (const [key, list] of Object.entries(DEMO_CATEGORIES)) {
    const space = spaces[key];
    if (!space) continue;
    for (const [weight, c] of list.entries()) {
      const parent = await createCategory(deps.db, actor, space.id, { name: c.name, description: {}, parentId: undefined, weight });
      if (!parent.ok) throw new Error(`demo category ${c.name.en}: ${JSON.stringify(parent.errors)}`);
      for (const [w, name] of (c.children ?? []).entries()) {
        const child = await createCategory(deps.db, actor, space.id, { name, description: {}, parentId: parent.value.id, weight: w });
        if (!child.ok) throw new Error(`demo category ${name.en}: ${JSON.stringify(child.errors)}`);
      }
    }
  }
}
