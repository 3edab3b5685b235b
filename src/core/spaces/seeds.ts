/**
 * Demo spaces: a Brussels-style petitions process, the Nancy citizens' assembly, a three-step national
 * consultation, and three school budgets (students, parents, faculty), each with its own theme and
 * categories, and the organization's scopes (src/core/categories/seeds.ts). The components place their
 * demo content in these spaces (their manifest's `demo`), by the keys of DEMO_SPACES.
 */
import { EMPTY_SPACE_FIELDS } from "./compose";
import type { AppDeps } from "../http/deps";
import type { Translatable } from "../i18n/locales";
import type { ThemeTokens } from "../theme/tokens";
import type { SpaceInput } from "./inputs";
import { seedCategories, seedScopes } from "../categories/seeds";
import { createGroup, createSpace, setSpacePublished, type Actor } from "./service";
import { activateStep, createStep } from "./steps-service";
import type { SpaceType } from "./schema";
import { findSpaceById } from "./queries";
import type { SpaceRecord, SpaceRow } from "./types";

export const DEMO_SPACES = {
  petitions: "brussels-petitions",
  assembly: "nancy-citizens-assembly",
  assemblyWorkingGroup: "nancy-cycling-working-group",
  consultation: "public-data-policy",
  budgetStudents: "budget-students",
  budgetParents: "budget-parents",
  budgetFaculty: "budget-faculty",
} as const;

/** Each audience's own look; every text/background pair passes WCAG AA (tested in seeds.test.ts). */
export const BUDGET_THEMES: Record<"students" | "parents" | "faculty", Partial<ThemeTokens>> = {
  students: { colorPrimary: "#0b5d4b", colorOnPrimary: "#ffffff", colorSecondary: "#7a3b00", colorOnSecondary: "#ffffff", colorLink: "#0b5d4b", colorSurface: "#eef7f4", colorText: "#14211d", colorMuted: "#475a54", fontFamily: "rounded", radius: "14px" },
  parents: { colorPrimary: "#8a2b5a", colorOnPrimary: "#ffffff", colorSecondary: "#1f4e8c", colorOnSecondary: "#ffffff", colorLink: "#8a2b5a", colorSurface: "#faf0f5", colorText: "#241a1f", colorMuted: "#5c4a53", fontFamily: "humanist", radius: "8px" },
  faculty: { colorPrimary: "#2d3a8c", colorOnPrimary: "#ffffff", colorSecondary: "#8c4a00", colorOnSecondary: "#ffffff", colorLink: "#2d3a8c", colorSurface: "#f1f2f9", colorText: "#171a2b", colorMuted: "#4a4f66", fontFamily: "serif", radius: "2px" },
};

type T = Required<Translatable>;
const t = (fr: string, nl: string, en: string, de: string): T => ({ fr, nl, en, de });

function input(slug: string, title: T, shortDescription: T, extra: Partial<SpaceInput> = {}): SpaceInput {
  return { ...EMPTY_SPACE_FIELDS, slug, title, shortDescription, description: shortDescription, ...extra };
}

async function space(deps: AppDeps, actor: Actor, type: SpaceType, values: SpaceInput, theme: Partial<ThemeTokens> = {}) {
  const result = await createSpace(deps.db, actor, type, values, null, theme);
  if (!result.ok) throw new Error(`demo space ${values.slug}: ${JSON.stringify(result.errors)}`);
  await setSpacePublished(deps.db, actor, result.value.id, true);
  return result.value;
}

async function steps(deps: AppDeps, actor: Actor, spaceId: number, list: Array<{ title: T; start: string; end: string }>, active: number) {
  const ids: number[] = [];
  for (const s of list) {
    ids.push((await createStep(deps.db, actor, spaceId, { title: s.title, description: {}, startDate: s.start, endDate: s.end })).id);
  }
  const id = ids[active];
  if (id !== undefined) await activateStep(deps.db, actor, spaceId, id);
}

export type DemoSpaceKey = keyof typeof DEMO_SPACES;

/** Creates the demo spaces; returns them by their DEMO_SPACES key for the components' demo seeds. */
export async function seedSpaces(deps: AppDeps, { adminId }: { adminId: number }): Promise<Record<DemoSpaceKey, SpaceRecord>> {
  const actor: Actor = { id: adminId, ip: null };

  const petitions = await space(
    deps,
    actor,
    "process",
    input(
      DEMO_SPACES.petitions,
      t("Pétitions au Parlement bruxellois", "Petities aan het Brussels Parlement", "Petitions to the Brussels Parliament", "Petitionen an das Brüsseler Parlament"),
      t("Lancez ou signez une pétition ; à 1 000 signatures, le Parlement vous entend.", "Start of onderteken een petitie; bij 1 000 handtekeningen hoort het Parlement u.", "Start or sign a petition; at 1,000 signatures, Parliament hears you.", "Starten oder unterzeichnen Sie eine Petition; ab 1 000 Unterschriften hört Sie das Parlament an."),
      { promoted: true, startDate: "2026-01-01" },
    ),
  );

  const assembly = await space(
    deps,
    actor,
    "assembly",
    input(
      DEMO_SPACES.assembly,
      t("Assemblée citoyenne de Nancy", "Burgerassemblee van Nancy", "Nancy citizens' assembly", "Bürgerversammlung Nancy"),
      t("Quarante habitants tirés au sort délibèrent sur la mobilité.", "Veertig uitgelote inwoners beraadslagen over mobiliteit.", "Forty residents drawn by lot deliberate on mobility.", "Vierzig ausgeloste Einwohner beraten über Mobilität."),
      {
        purpose: t("Formuler des recommandations sur la mobilité en ville.", "Aanbevelingen formuleren over mobiliteit in de stad.", "Make recommendations on mobility in the city.", "Empfehlungen zur Mobilität in der Stadt erarbeiten."),
        composition: t("40 habitants tirés au sort, représentatifs par âge, genre et quartier.", "40 uitgelote inwoners, representatief naar leeftijd, gender en wijk.", "40 residents drawn by lot, representative by age, gender and neighbourhood.", "40 ausgeloste Einwohner, repräsentativ nach Alter, Geschlecht und Viertel."),
        isPrivate: true,
        isTransparent: true,
        promoted: true,
      },
    ),
  );
  // Its phases: the work of each is archived when it closes (src/core/archive).
  await steps(
    deps,
    actor,
    assembly.id,
    [
      { title: t("Apprendre", "Leren", "Learning", "Lernen"), start: "2026-09-01", end: "2026-10-31" },
      { title: t("Délibérer", "Beraadslagen", "Deliberation", "Beraten"), start: "2026-11-01", end: "2027-01-31" },
      { title: t("Recommander", "Aanbevelen", "Recommendations", "Empfehlen"), start: "2027-02-01", end: "2027-03-31" },
    ],
    1,
  );
  // Its members are the panel of its draw by lot (the sortition component's demo seats them).
  const assemblyWorkingGroup = await space(
    deps,
    actor,
    "assembly",
    input(
      DEMO_SPACES.assemblyWorkingGroup,
      t("Groupe de travail Vélo", "Werkgroep Fiets", "Cycling working group", "Arbeitsgruppe Radverkehr"),
      t("Huit membres de l’assemblée préparent les propositions sur le vélo.", "Acht leden van de assemblee bereiden de voorstellen over de fiets voor.", "Eight members of the assembly prepare the proposals on cycling.", "Acht Mitglieder der Versammlung bereiten die Vorschläge zum Radverkehr vor."),
      { parentId: assembly.id, isPrivate: true, isTransparent: true },
    ),
  );

  const consultation = await space(
    deps,
    actor,
    "process",
    input(
      DEMO_SPACES.consultation,
      t("Consultation nationale : politique des données publiques", "Nationale raadpleging: beleid voor overheidsgegevens", "National consultation: public data policy", "Nationale Konsultation: Politik für öffentliche Daten"),
      t("Donnez votre avis sur le projet de politique des données publiques.", "Geef uw mening over het ontwerpbeleid voor overheidsgegevens.", "Give your view on the draft public data policy.", "Sagen Sie Ihre Meinung zum Entwurf der Politik für öffentliche Daten."),
      { startDate: "2026-09-01", endDate: "2026-12-31" },
    ),
  );
  await steps(
    deps,
    actor,
    consultation.id,
    [
      { title: t("Information", "Informatie", "Information", "Information"), start: "2026-09-01", end: "2026-09-30" },
      { title: t("Consultation", "Raadpleging", "Consultation", "Konsultation"), start: "2026-10-01", end: "2026-11-30" },
      { title: t("Synthèse et réponse", "Synthese en antwoord", "Synthesis and response", "Synthese und Antwort"), start: "2026-12-01", end: "2026-12-31" },
    ],
    1,
  );

  const groupId = await createGroup(deps.db, actor, { title: t("Budgets participatifs de l’école", "Participatieve begrotingen van de school", "School participatory budgets", "Bürgerhaushalte der Schule"), description: {}, weight: 0 });
  const audiences = [
    { key: "students", slug: DEMO_SPACES.budgetStudents, who: t("élèves", "leerlingen", "students", "Schülerinnen und Schüler"), title: t("Budget des élèves", "Begroting van de leerlingen", "Students' budget", "Schülerhaushalt"), amount: t("50 000 €", "50 000 €", "€50,000", "50 000 €") },
    { key: "parents", slug: DEMO_SPACES.budgetParents, who: t("parents", "ouders", "parents", "Eltern"), title: t("Budget des parents", "Begroting van de ouders", "Parents' budget", "Elternhaushalt"), amount: t("30 000 €", "30 000 €", "€30,000", "30 000 €") },
    { key: "faculty", slug: DEMO_SPACES.budgetFaculty, who: t("enseignants", "leerkrachten", "teachers", "Lehrkräfte"), title: t("Budget des enseignants", "Begroting van de leerkrachten", "Faculty budget", "Lehrkräftehaushalt"), amount: t("20 000 €", "20 000 €", "€20,000", "20 000 €") },
  ] as const;
  const budgets: SpaceRow[] = [];
  for (const [weight, a] of audiences.entries()) {
    const s = await space(
      deps,
      actor,
      "process",
      input(a.slug, a.title, t(`Les ${a.who.fr} décident de ${a.amount.fr}.`, `De ${a.who.nl} beslissen over ${a.amount.nl}.`, `The ${a.who.en} decide on ${a.amount.en}.`, `Die ${a.who.de} entscheiden über ${a.amount.de}.`), { groupId, weight, startDate: "2026-10-01", endDate: "2027-03-31" }),
      BUDGET_THEMES[a.key],
    );
    await steps(
      deps,
      actor,
      s.id,
      [
        { title: t("Idées", "Ideeën", "Ideas", "Ideen"), start: "2026-10-01", end: "2026-11-30" },
        { title: t("Analyse", "Analyse", "Review", "Prüfung"), start: "2026-12-01", end: "2027-01-31" },
        { title: t("Vote", "Stemming", "Vote", "Abstimmung"), start: "2027-02-01", end: "2027-03-31" },
      ],
      0,
    );
    budgets.push(s);
  }
  const [budgetStudents, budgetParents, budgetFaculty] = budgets;
  const rows = { petitions, assembly, assemblyWorkingGroup, consultation, budgetStudents, budgetParents, budgetFaculty };
  // The organization's scopes and the spaces' categories, which the components' demo content is filed under.
  await seedScopes(deps, { adminId });
  await seedCategories(deps, { adminId, spaces: Object.fromEntries(Object.entries(rows).flatMap(([k, v]) => (v ? [[k, v]] : []))) });
  // Read back as the components see spaces (with their active step).
  const out = {} as Record<DemoSpaceKey, SpaceRecord>;
  for (const [key, row] of Object.entries(rows) as Array<[DemoSpaceKey, SpaceRow | undefined]>) {
    const record = row ? await findSpaceById(deps.db, row.id) : null;
    if (!record) throw new Error(`demo space ${key} is missing`);
    out[key] = record;
  }
  return out;
}
