/**
 * The proposals demo's words: the consultation's findings (official, in the four languages), the
 * participants' contributions and ideas (each in its author's language), and the discussions on them
 * (for and against, in several languages). Real translations throughout.
 */
import type { DemoComment, DemoParticipant } from "../../core/comments/demo";
import type { Locale, Translatable } from "../../core/i18n/locales";

type T = Required<Translatable>;

export const PARTICIPANTS: Record<string, DemoParticipant> = {
  ines: { email: "ines.martin@pnyx.example", name: "Inès Martin", locale: "fr" },
  pieter: { email: "pieter.devos@pnyx.example", name: "Pieter De Vos", locale: "nl" },
  grace: { email: "grace.okafor@pnyx.example", name: "Grace Okafor", locale: "en" },
  jonas: { email: "jonas.weber@pnyx.example", name: "Jonas Weber", locale: "de" },
  lucie: { email: "lucie.lambert@pnyx.example", name: "Lucie Lambert", locale: "fr" },
  noor: { email: "noor.elamrani@pnyx.example", name: "Noor El Amrani", locale: "nl" },
};

export const componentNames = {
  reactions: { fr: "Réactions aux constats", nl: "Reacties op de vaststellingen", en: "Reactions to the findings", de: "Reaktionen auf die Feststellungen" },
  contributions: { fr: "Contributions libres", nl: "Vrije bijdragen", en: "Free contributions", de: "Freie Beiträge" },
  useCases: { fr: "Retours sur les cas d’usage", nl: "Feedback op de gebruiksscenario’s", en: "Feedback on use cases", de: "Rückmeldungen zu den Anwendungsfällen" },
  ideas: { fr: "Idées", nl: "Ideeën", en: "Ideas", de: "Ideen" },
  development: { fr: "Développement des projets", nl: "Projectontwikkeling", en: "Projects in development", de: "Projektentwicklung" },
} satisfies Record<string, T>;

export const announcements = {
  reactions: {
    fr: "Chaque constat du rapport est ouvert aux commentaires pour et contre : dites ce qui vous convainc et ce qui manque.",
    nl: "Elke vaststelling uit het rapport staat open voor commentaar voor en tegen: zeg wat u overtuigt en wat ontbreekt.",
    en: "Each finding of the report is open to comments for and against: say what convinces you and what is missing.",
    de: "Jede Feststellung des Berichts ist offen für Kommentare dafür und dagegen: Sagen Sie, was Sie überzeugt und was fehlt.",
  },
  ideas: {
    fr: "Proposez une idée pour l’école et soutenez celles qui vous plaisent.",
    nl: "Stel een idee voor de school voor en steun de ideeën die u bevallen.",
    en: "Propose an idea for the school and support the ones you like.",
    de: "Schlagen Sie eine Idee für die Schule vor und unterstützen Sie die, die Ihnen gefallen.",
  },
} satisfies Record<string, T>;

export interface Finding {
  title: T;
  body: T;
}

/** The report's findings, published by the organization as official proposals. */
export const FINDINGS: Finding[] = [
  {
    title: { fr: "Les données publiques sont ouvertes par défaut", nl: "Overheidsgegevens zijn standaard open", en: "Public data is open by default", de: "Öffentliche Daten sind standardmäßig offen" },
    body: {
      fr: "Constat 1 du rapport : les administrations publient leurs données sauf raison légale de ne pas le faire (vie privée, sécurité, secret commercial). Chaque refus est motivé et peut être contesté.",
      nl: "Vaststelling 1 van het rapport: overheden publiceren hun gegevens, tenzij er een wettelijke reden is om dat niet te doen (privacy, veiligheid, bedrijfsgeheim). Elke weigering wordt gemotiveerd en kan worden aangevochten.",
      en: "Finding 1 of the report: administrations publish their data unless there is a legal reason not to (privacy, security, trade secrets). Every refusal is explained and can be challenged.",
      de: "Feststellung 1 des Berichts: Verwaltungen veröffentlichen ihre Daten, sofern kein rechtlicher Grund dagegen spricht (Privatsphäre, Sicherheit, Geschäftsgeheimnis). Jede Ablehnung wird begründet und kann angefochten werden.",
    },
  },
  {
    title: { fr: "Les données personnelles ne sont jamais publiées", nl: "Persoonsgegevens worden nooit gepubliceerd", en: "Personal data is never published", de: "Personenbezogene Daten werden nie veröffentlicht" },
    body: {
      fr: "Constat 2 du rapport : avant toute publication, les données sont anonymisées et vérifiées par le délégué à la protection des données. Les jeux trop fins pour être anonymisés restent fermés.",
      nl: "Vaststelling 2 van het rapport: vóór elke publicatie worden de gegevens geanonimiseerd en gecontroleerd door de functionaris voor gegevensbescherming. Datasets die te gedetailleerd zijn om te anonimiseren, blijven gesloten.",
      en: "Finding 2 of the report: before any publication, data is anonymised and checked by the data protection officer. Datasets too detailed to be anonymised stay closed.",
      de: "Feststellung 2 des Berichts: Vor jeder Veröffentlichung werden die Daten anonymisiert und vom Datenschutzbeauftragten geprüft. Zu detaillierte Datensätze, die sich nicht anonymisieren lassen, bleiben geschlossen.",
    },
  },
  {
    title: { fr: "La réutilisation est libre et gratuite", nl: "Hergebruik is vrij en gratis", en: "Reuse is free of charge and unrestricted", de: "Die Weiterverwendung ist frei und kostenlos" },
    body: {
      fr: "Constat 3 du rapport : les données sont publiées sous une licence ouverte, dans des formats ouverts et lisibles par machine, sans inscription ni redevance.",
      nl: "Vaststelling 3 van het rapport: de gegevens worden gepubliceerd onder een open licentie, in open en machineleesbare formaten, zonder registratie of vergoeding.",
      en: "Finding 3 of the report: data is published under an open licence, in open and machine-readable formats, with no registration or fee.",
      de: "Feststellung 3 des Berichts: Die Daten werden unter einer offenen Lizenz in offenen, maschinenlesbaren Formaten veröffentlicht, ohne Anmeldung und ohne Gebühr.",
    },
  },
];

export interface Idea {
  by: string;
  locale: Locale;
  title: string;
  body: string;
  supporters?: string[];
}

export const CONTRIBUTIONS: Idea[] = [
  {
    by: "ines",
    locale: "fr",
    title: "Un registre public des algorithmes utilisés par l’administration",
    body: "Quand une décision administrative est prise ou préparée par un algorithme, les citoyens devraient pouvoir savoir lequel, avec quelles données et qui en est responsable.\n\nUn registre en ligne, mis à jour par chaque administration, suffirait pour commencer.",
    supporters: ["pieter", "grace", "lucie"],
  },
  {
    by: "pieter",
    locale: "nl",
    title: "Open data over de luchtkwaliteit per straat",
    body: "De meetstations publiceren nu enkel gemiddelden per gemeente. Met gegevens per straat kunnen scholen en ouders beter kiezen welke route ze nemen.\n\nDe sensoren bestaan al; het gaat om publicatie.",
    supporters: ["ines", "noor"],
  },
  {
    by: "grace",
    locale: "en",
    title: "A yearly report on data requests that were refused",
    body: "Each administration should publish, once a year, how many data requests it received, how many it refused and on which legal grounds.\n\nThat would show whether 'open by default' works in practice.",
    supporters: ["jonas"],
  },
];

export const USE_CASES: Idea[] = [
  {
    by: "jonas",
    locale: "de",
    title: "Fahrplandaten in Echtzeit für Apps von Drittanbietern",
    body: "Als Entwickler einer Barrierefreiheits-App brauche ich Echtzeitdaten zu Aufzügen und Verspätungen. Heute muss ich sie mühsam von Webseiten abgreifen.\n\nEine offene Schnittstelle würde vielen Menschen mit Behinderung helfen.",
    supporters: ["grace", "noor"],
  },
  {
    by: "lucie",
    locale: "fr",
    title: "Les budgets communaux dans un format comparable",
    body: "Chaque commune publie son budget dans un format différent, souvent en PDF. Un format commun permettrait aux associations et aux journalistes de comparer les dépenses d’une commune à l’autre.",
    supporters: ["ines"],
  },
];

/** Each school budget's ideas, by audience. */
export const IDEAS: Record<"budgetStudents" | "budgetParents" | "budgetFaculty", Idea[]> = {
  budgetStudents: [
    { by: "lucie", locale: "fr", title: "Des casiers pour ranger nos affaires", body: "Beaucoup d’élèves portent tous leurs livres toute la journée. Des casiers dans le couloir du premier étage éviteraient les sacs trop lourds.", supporters: ["noor", "ines"] },
    { by: "noor", locale: "nl", title: "Een moestuin op de speelplaats", body: "Met een paar bakken en wat zaden kunnen we zelf groenten kweken en leren hoe dat werkt. De kantine kan ze daarna gebruiken.", supporters: ["lucie"] },
  ],
  budgetParents: [
    { by: "pieter", locale: "nl", title: "Een overdekte fietsenstalling aan de poort", body: "Veel kinderen komen met de fiets, maar de fietsen staan nu in de regen. Een overdekte stalling met sloten maakt fietsen aantrekkelijker.", supporters: ["grace", "ines"] },
    { by: "grace", locale: "en", title: "A quiet room for homework after school", body: "Some children cannot work at home. A supervised quiet room, open until 6 pm, would help them and the parents who work late.", supporters: ["pieter"] },
  ],
  budgetFaculty: [
    { by: "jonas", locale: "de", title: "Neue Beamer für die naturwissenschaftlichen Räume", body: "Die Beamer in den Laboren sind über zehn Jahre alt und kaum noch lesbar. Drei neue Geräte würden den Unterricht deutlich verbessern.", supporters: ["lucie"] },
    { by: "ines", locale: "fr", title: "Une salle des professeurs mieux isolée", body: "En hiver, la salle des professeurs est glaciale et, en été, étouffante. Des stores et une meilleure isolation rendraient les pauses plus reposantes.", supporters: ["jonas", "grace"] },
  ],
};

/** Discussions on the first finding and on the first free contribution and idea. */
export const FINDING_DISCUSSION: DemoComment[] = [
  {
    by: "grace",
    locale: "en",
    alignment: 1,
    body: "Open by default is the right principle. Too often today a request takes months and ends with a PDF scan.",
    votes: { ines: 1, pieter: 1 },
    replies: [{ by: "pieter", locale: "nl", body: "Akkoord, maar dan moet er ook een termijn komen: binnen een maand publiceren of motiveren waarom niet." }],
  },
  {
    by: "jonas",
    locale: "de",
    alignment: -1,
    body: "Die Ausnahmen sind zu vage formuliert. „Sicherheit“ kann fast alles rechtfertigen; es braucht eine unabhängige Stelle, die Ablehnungen prüft.",
    votes: { lucie: 1 },
  },
  {
    by: "ines",
    locale: "fr",
    alignment: 0,
    body: "Qui paiera la mise en forme des données dans les petites communes ? Sans moyens, le principe restera théorique.",
  },
];

export const CONTRIBUTION_DISCUSSION: DemoComment[] = [
  {
    by: "noor",
    locale: "nl",
    alignment: 1,
    body: "Heel belangrijk. Ik wil weten of een algoritme meebeslist over mijn toelage.",
    votes: { ines: 1 },
  },
  {
    by: "grace",
    locale: "en",
    alignment: -1,
    body: "A register is a start, but without the source code or at least the rules it would only list names.",
  },
];

export const IDEA_DISCUSSION: DemoComment[] = [
  {
    by: "ines",
    locale: "fr",
    alignment: 1,
    body: "Oui ! Mon sac pèse presque 8 kilos certains jours.",
  },
  {
    by: "pieter",
    locale: "nl",
    alignment: 0,
    body: "Goed idee, maar wie beheert de sleutels of codes van de kastjes?",
  },
];

/** The admin's answers in the demo: one contribution accepted, one idea being evaluated. */
export const ACCEPTED_ANSWER: T = {
  fr: "Le registre sera créé en 2027 ; chaque administration y décrira ses algorithmes de décision.",
  nl: "Het register komt er in 2027; elke overheid beschrijft er haar beslissingsalgoritmen in.",
  en: "The register will be created in 2027; each administration will describe its decision algorithms there.",
  de: "Das Register wird 2027 eingerichtet; jede Verwaltung beschreibt dort ihre Entscheidungsalgorithmen.",
};

export const IDEA_ACCEPTED_ANSWER: T = {
  fr: "Retenue : le potager sera installé au printemps, avec les bacs payés par le budget des élèves.",
  nl: "Aanvaard: de moestuin komt er in de lente, met bakken betaald uit de begroting van de leerlingen.",
  en: "Accepted: the vegetable garden will be set up in spring, with planters paid for by the students' budget.",
  de: "Angenommen: Der Gemüsegarten wird im Frühling angelegt, die Pflanzkästen bezahlt der Schülerhaushalt.",
};

export const EVALUATING_ANSWER: T = {
  fr: "La direction vérifie l’espace disponible dans le couloir.",
  nl: "De directie bekijkt hoeveel ruimte er in de gang is.",
  en: "The school management is checking the space available in the corridor.",
  de: "Die Schulleitung prüft den verfügbaren Platz im Flur.",
};
