/**
 * The results demo. The national consultation's synthesis step shows what the consultation changed as
 * results linked to the contributions they come from (found through the core's resource kinds, never
 * the proposals component itself); each school budget gets a "Follow-up" component with a couple of
 * results, a progress and a timeline entry. Written through the services (audited, progress computed).
 */
import type { DemoSpaces } from "../../core/components/define";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import type { AppDeps } from "../../core/http/deps";
import type { Translatable } from "../../core/i18n/locales";
import { getResourceKind, type ResourceRef } from "../../core/resources/kinds";
import type { SpaceRecord } from "../../core/spaces/types";
import type { ResultInput } from "./inputs";
import { addUpdate, saveResult, type Place } from "./service";
import { listStatuses } from "./statuses";

type T = Translatable;

interface DemoResult {
  title: T;
  description: T;
  status: string;
  progress?: number;
  start?: string;
  end?: string;
  /** Which of the space's contributions (newest first) it comes from. */
  from: number[];
  update?: { date: string; text: T; status?: string; progress?: number };
  children?: DemoResult[];
}

const SYNTHESIS_NAME: T = { fr: "Synthèse", nl: "Synthese", en: "Synthesis", de: "Synthese" };
const FOLLOW_UP_NAME: T = { fr: "Suivi", nl: "Opvolging", en: "Follow-up", de: "Umsetzung" };

const SYNTHESIS: DemoResult[] = [
  {
    title: { fr: "Ce que la consultation a changé dans la politique des données publiques", nl: "Wat de raadpleging veranderde aan het beleid inzake overheidsgegevens", en: "What the consultation changed in the public data policy", de: "Was die Konsultation an der Politik für öffentliche Daten geändert hat" },
    description: {
      fr: "La synthèse des réactions aux constats et des contributions libres, point par point.",
      nl: "De synthese van de reacties op de vaststellingen en van de vrije bijdragen, punt per punt.",
      en: "The synthesis of the reactions to the findings and of the free contributions, point by point.",
      de: "Die Synthese der Reaktionen auf die Feststellungen und der freien Beiträge, Punkt für Punkt.",
    },
    status: "in_progress",
    start: "2026-09-01",
    end: "2027-06-30",
    from: [],
    children: [
      {
        title: { fr: "Les données publiques ouvertes par défaut", nl: "Overheidsgegevens standaard open", en: "Public data open by default", de: "Öffentliche Daten standardmäßig offen" },
        description: { fr: "Inscrit dans le projet de politique, comme la majorité des contributions le demandait.", nl: "Opgenomen in het ontwerpbeleid, zoals de meeste bijdragen vroegen.", en: "Written into the draft policy, as most contributions asked.", de: "In den Politikentwurf aufgenommen, wie die meisten Beiträge es verlangten." },
        status: "done",
        from: [0, 1],
        update: { date: "2026-11-20", text: { fr: "Le texte a été adopté en première lecture.", nl: "De tekst is in eerste lezing aangenomen.", en: "The text was adopted at first reading.", de: "Der Text wurde in erster Lesung angenommen." }, status: "done" },
      },
      {
        title: { fr: "Un registre public des jeux de données", nl: "Een openbaar register van datasets", en: "A public register of data sets", de: "Ein öffentliches Register der Datensätze" },
        description: { fr: "Chaque administration publiera la liste de ses jeux de données.", nl: "Elke administratie publiceert de lijst van haar datasets.", en: "Every administration will publish the list of its data sets.", de: "Jede Verwaltung veröffentlicht die Liste ihrer Datensätze." },
        status: "in_progress",
        progress: 40,
        from: [2, 3],
        update: { date: "2026-11-28", text: { fr: "Un premier inventaire couvre trois administrations.", nl: "Een eerste inventaris dekt drie administraties.", en: "A first inventory covers three administrations.", de: "Ein erstes Verzeichnis umfasst drei Verwaltungen." }, progress: 40 },
      },
      {
        title: { fr: "Un guide sur les données personnelles pour les services publics", nl: "Een gids over persoonsgegevens voor overheidsdiensten", en: "A guide on personal data for public services", de: "Ein Leitfaden zu personenbezogenen Daten für öffentliche Dienste" },
        description: { fr: "Demandé par les retours sur les cas d’usage.", nl: "Gevraagd in de feedback op de gebruiksgevallen.", en: "Asked for in the feedback on use cases.", de: "In den Rückmeldungen zu den Anwendungsfällen gewünscht." },
        status: "planned",
        from: [4],
      },
    ],
  },
];

const FOLLOW_UP: DemoResult[] = [
  {
    title: { fr: "Réaliser les projets retenus", nl: "De gekozen projecten uitvoeren", en: "Carrying out the chosen projects", de: "Die ausgewählten Projekte umsetzen" },
    description: { fr: "Les achats et les travaux des projets votés.", nl: "De aankopen en werken van de gestemde projecten.", en: "The purchases and works of the projects voted for.", de: "Die Anschaffungen und Arbeiten der gewählten Projekte." },
    status: "in_progress",
    progress: 30,
    start: "2027-01-15",
    end: "2027-06-30",
    from: [0],
    update: { date: "2026-12-01", text: { fr: "Les devis ont été demandés.", nl: "De offertes zijn aangevraagd.", en: "Quotes have been requested.", de: "Die Angebote wurden eingeholt." }, progress: 30 },
  },
  {
    title: { fr: "Rendre compte à la communauté scolaire", nl: "Verslag uitbrengen aan de schoolgemeenschap", en: "Reporting to the school community", de: "Der Schulgemeinschaft berichten" },
    description: { fr: "Un bilan présenté en fin d’année.", nl: "Een balans die op het einde van het jaar voorgesteld wordt.", en: "An account given at the end of the year.", de: "Eine Bilanz am Ende des Jahres." },
    status: "planned",
    from: [],
  },
];

/** The space's public proposals, newest first, as the core lists them. */
async function contributions(deps: AppDeps, space: SpaceRecord): Promise<ResourceRef[]> {
  const kind = getResourceKind("proposal");
  const facts = (await kind?.listInSpace?.(deps.db, space.id, { limit: 20 })) ?? [];
  return facts.map((f) => ({ type: f.type, id: f.id }));
}

async function seed(deps: AppDeps, actor: { id: number; ip: null }, place: Place, list: DemoResult[], from: ResourceRef[], parentId?: number): Promise<void> {
  const statuses = await listStatuses(deps.db, place.componentId);
  const statusId = (token: string | undefined) => statuses.find((s) => s.token === token)?.id;
  for (const r of list) {
    const input: ResultInput = {
      title: r.title,
      description: r.description,
      parentId,
      externalId: undefined,
      categoryId: undefined,
      scopeId: undefined,
      startDate: r.start,
      endDate: r.end,
      statusId: statusId(r.status),
      progress: r.progress,
      links: r.from.flatMap((i) => from[i] ?? []),
    };
    const saved = await saveResult(deps.db, actor, place, null, input);
    if (!saved.ok) throw new Error(`results demo: ${JSON.stringify(saved.errors)}`);
    if (r.update) await addUpdate(deps.db, actor, place, saved.value.id, { entryDate: r.update.date, text: r.update.text, statusId: statusId(r.update.status), progress: r.update.progress });
    if (r.children) await seed(deps, actor, place, r.children, from, saved.value.id);
  }
}

export async function seedResultsDemo(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<void> {
  const manifest = getComponentManifest("results");
  if (!manifest) throw new Error("results demo: the component is not registered");
  const actor = { id: adminId, ip: null };
  const places: Array<[SpaceRecord, T, DemoResult[]]> = [];
  if (spaces.consultation) places.push([spaces.consultation, SYNTHESIS_NAME, SYNTHESIS]);
  for (const key of ["budgetStudents", "budgetParents", "budgetFaculty"] as const) {
    const space = spaces[key];
    if (space) places.push([space, FOLLOW_UP_NAME, FOLLOW_UP]);
  }
  for (const [space, name, list] of places) {
    const component = await addComponent(deps.db, actor, space.id, manifest, name, { published: true });
    await seed(deps, actor, { componentId: component.id, spaceId: space.id }, list, await contributions(deps, space));
  }
}
