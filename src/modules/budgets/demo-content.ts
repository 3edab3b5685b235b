/**
 * The budgets demo's content: one budget per school audience and its projects, in the four languages,
 * with figures a school district would see (a covered bike shelter around 14 000 €, library books
 * 6 000 €). Categories are named by their English name in the space's categories.
 */
import type { Translatable } from "../../core/i18n/locales";
import type { BallotRules, VoteType } from "./schema";

type T = Required<Translatable>;
const t = (fr: string, nl: string, en: string, de: string): T => ({ fr, nl, en, de });

export interface DemoProject {
  key: string;
  title: T;
  description: T;
  cost: number;
  /** The English name of one of the space's categories. */
  category?: string;
  address?: string;
}

export interface DemoBudget {
  title: T;
  description: T;
  total: number;
  voteType: VoteType;
  rules: BallotRules;
  projects: DemoProject[];
  /** Demo ballots, by the keys of their projects (cumulative: key and points). */
  ballots: Array<Array<string | [string, number]>>;
}

export const COMPONENT_NAME: T = t("Vote", "Stemming", "Vote", "Abstimmung");

export const ANNOUNCEMENT: T = t(
  "Le vote est ouvert : choisissez les projets que l’école réalisera cette année.",
  "De stemming is geopend: kies de projecten die de school dit jaar uitvoert.",
  "Voting is open: choose the projects the school will carry out this year.",
  "Die Abstimmung ist eröffnet: Wählen Sie die Projekte, die die Schule dieses Jahr umsetzt.",
);

export const RESULTS_ANNOUNCEMENT: T = t(
  "Le vote est clos : découvrez les projets retenus et pourquoi.",
  "De stemming is gesloten: ontdek welke projecten gekozen werden en waarom.",
  "Voting is closed: see which projects were selected, and why.",
  "Die Abstimmung ist geschlossen: Sehen Sie, welche Projekte ausgewählt wurden und warum.",
);

const SCHOOL = "Rue de l’École 12, 1000 Bruxelles";

export const STUDENTS: DemoBudget = {
  title: t("Budget des élèves 2027", "Begroting van de leerlingen 2027", "Students’ budget 2027", "Schülerhaushalt 2027"),
  description: t(
    "50 000 € pour les projets proposés par les élèves. Choisissez autant de projets que vous voulez, tant que leur coût total tient dans le budget.",
    "50 000 € voor de projecten die de leerlingen voorstelden. Kies zoveel projecten als je wilt, zolang hun totale kostprijs binnen het budget blijft.",
    "€50,000 for the projects the students proposed. Choose as many projects as you like, as long as their total cost fits in the budget.",
    "50 000 € für die von den Schülerinnen und Schülern vorgeschlagenen Projekte. Wählen Sie so viele Projekte, wie Sie möchten, solange ihre Gesamtkosten in das Budget passen.",
  ),
  total: 50_000,
  voteType: "knapsack",
  rules: {},
  projects: [
    {
      key: "bikes",
      title: t("Un abri à vélos couvert", "Een overdekte fietsenstalling", "A covered bike shelter", "Ein überdachter Fahrradunterstand"),
      description: t(
        "Quarante places abritées de la pluie, avec des arceaux pour attacher le cadre, le long du mur de la cour. Aujourd’hui, les vélos restent sous la pluie toute la journée.",
        "Veertig plaatsen onder een afdak, met beugels om het frame vast te maken, langs de muur van de speelplaats. Nu staan de fietsen de hele dag in de regen.",
        "Forty places out of the rain, with hoops to lock the frame to, along the playground wall. Today bikes stand in the rain all day.",
        "Vierzig regengeschützte Plätze mit Bügeln zum Anschließen des Rahmens entlang der Hofmauer. Heute stehen die Fahrräder den ganzen Tag im Regen.",
      ),
      cost: 14_500,
      category: "Playground",
      address: SCHOOL,
    },
    {
      key: "books",
      title: t("Des livres pour la bibliothèque", "Boeken voor de bibliotheek", "Books for the library", "Bücher für die Bibliothek"),
      description: t(
        "Environ 400 romans, bandes dessinées et documentaires choisis avec les élèves, dont une centaine en néerlandais et en anglais.",
        "Ongeveer 400 romans, strips en informatieve boeken, samen met de leerlingen gekozen, waarvan een honderdtal in het Nederlands en het Engels.",
        "About 400 novels, comics and non-fiction books chosen with the students, a hundred of them in Dutch and English.",
        "Etwa 400 Romane, Comics und Sachbücher, gemeinsam mit den Schülerinnen und Schülern ausgewählt, davon rund hundert auf Niederländisch und Englisch.",
      ),
      cost: 6_000,
      category: "Library",
    },
    {
      key: "fountains",
      title: t("Des fontaines à eau", "Drinkwaterfonteinen", "Water fountains", "Trinkwasserbrunnen"),
      description: t(
        "Trois fontaines raccordées à l’eau de ville, dans la cour et près du gymnase, pour remplir sa gourde au lieu d’acheter des bouteilles.",
        "Drie fonteinen aangesloten op het leidingwater, op de speelplaats en bij de turnzaal, om je drinkbus te vullen in plaats van flesjes te kopen.",
        "Three fountains on mains water, in the playground and by the gym, to fill a bottle instead of buying one.",
        "Drei an das Leitungswasser angeschlossene Brunnen, auf dem Hof und bei der Turnhalle, um die Trinkflasche aufzufüllen, statt Flaschen zu kaufen.",
      ),
      cost: 7_800,
      category: "Playground",
    },
    {
      key: "sports",
      title: t("Du matériel de sport pour les récréations", "Sportmateriaal voor de speeltijd", "Sports equipment for the breaks", "Sportgeräte für die Pausen"),
      description: t(
        "Deux tables de ping-pong d’extérieur, des ballons, des cordes à sauter et un coffre fermé pour les ranger.",
        "Twee pingpongtafels voor buiten, ballen, springtouwen en een afgesloten kist om alles in op te bergen.",
        "Two outdoor table-tennis tables, balls, skipping ropes and a locked chest to keep them in.",
        "Zwei Outdoor-Tischtennisplatten, Bälle, Springseile und eine abschließbare Kiste zum Aufbewahren.",
      ),
      cost: 9_200,
      category: "Equipment",
    },
    {
      key: "quiet",
      title: t("Une salle calme", "Een stiltelokaal", "A quiet room", "Ein Ruheraum"),
      description: t(
        "Une classe inoccupée aménagée pour lire, réviser ou se reposer pendant les pauses : fauteuils, rideaux épais et éclairage doux.",
        "Een leeg klaslokaal ingericht om te lezen, te studeren of uit te rusten tijdens de pauzes: zetels, dikke gordijnen en zacht licht.",
        "An empty classroom fitted out for reading, revising or resting during breaks: armchairs, thick curtains and soft lighting.",
        "Ein leerstehendes Klassenzimmer, eingerichtet zum Lesen, Lernen oder Ausruhen in den Pausen: Sessel, dicke Vorhänge und sanftes Licht.",
      ),
      cost: 11_000,
    },
    {
      key: "laptops",
      title: t("Des ordinateurs portables pour le coin d’étude", "Laptops voor de studiehoek", "Laptops for the study corner", "Laptops für die Lernecke"),
      description: t(
        "Dix ordinateurs portables et une armoire de recharge à la bibliothèque, à emprunter pour les travaux de groupe.",
        "Tien laptops en een oplaadkast in de bibliotheek, om te lenen voor groepswerk.",
        "Ten laptops and a charging cabinet in the library, to borrow for group work.",
        "Zehn Laptops und ein Ladeschrank in der Bibliothek, zum Ausleihen für Gruppenarbeiten.",
      ),
      cost: 12_500,
      category: "Digital",
    },
    {
      key: "climbing",
      title: t("Une journée d’escalade dans les Ardennes", "Een klimdag in de Ardennen", "A climbing day in the Ardennes", "Ein Klettertag in den Ardennen"),
      description: t(
        "Le car et l’encadrement pour que chaque classe de deuxième année passe une journée dans un centre d’escalade.",
        "De bus en de begeleiding zodat elke klas van het tweede jaar een dag in een klimcentrum doorbrengt.",
        "The coach and instructors so that every second-year class spends a day at a climbing centre.",
        "Bus und Betreuung, damit jede Klasse des zweiten Jahrgangs einen Tag in einem Kletterzentrum verbringt.",
      ),
      cost: 5_400,
      category: "Outings",
    },
    {
      key: "salad",
      title: t("Un bar à salades à la cantine", "Een saladbar in de refter", "A salad bar in the canteen", "Eine Salatbar in der Mensa"),
      description: t(
        "Un comptoir réfrigéré pour servir soi-même crudités et fruits chaque midi.",
        "Een gekoelde toog om elke middag zelf rauwkost en fruit te nemen.",
        "A chilled counter to serve yourself raw vegetables and fruit every lunchtime.",
        "Eine gekühlte Theke, an der man sich jeden Mittag selbst Rohkost und Obst nimmt.",
      ),
      cost: 8_900,
      category: "Canteen",
    },
  ],
  ballots: [
    ["bikes", "books", "fountains", "climbing"],
    ["books", "quiet", "salad", "sports"],
    ["bikes", "sports", "laptops", "fountains"],
    ["fountains", "books", "garden", "climbing", "salad"],
    ["bikes", "laptops", "garden"],
    ["quiet", "books", "fountains", "sports"],
  ],
};

export const PARENTS: DemoBudget = {
  title: t("Budget des parents 2027", "Begroting van de ouders 2027", "Parents’ budget 2027", "Elternhaushalt 2027"),
  description: t(
    "30 000 € pour des projets qui rendent l’école plus sûre et plus accueillante. Approuvez jusqu’à trois projets.",
    "30 000 € voor projecten die de school veiliger en gastvrijer maken. Keur tot drie projecten goed.",
    "€30,000 for projects that make the school safer and more welcoming. Approve up to three projects.",
    "30 000 € für Projekte, die die Schule sicherer und einladender machen. Stimmen Sie bis zu drei Projekten zu.",
  ),
  total: 30_000,
  voteType: "approval",
  rules: { maxProjects: 3 },
  projects: [
    {
      key: "crossing",
      title: t("Un passage piéton sécurisé devant l’école", "Een veilig zebrapad aan de schoolpoort", "A safe crossing at the school gate", "Ein sicherer Übergang am Schultor"),
      description: t(
        "Des feux clignotants, un marquage au sol renforcé et des barrières, en accord avec la commune, pour traverser aux heures d’entrée et de sortie.",
        "Knipperlichten, opvallendere markeringen en hekken, in overleg met de gemeente, om veilig over te steken bij het begin en einde van de schooldag.",
        "Flashing lights, bolder road markings and railings, agreed with the municipality, to cross safely when school starts and ends.",
        "Blinklichter, deutlichere Markierungen und Geländer, mit der Gemeinde abgestimmt, um zu Schulbeginn und -schluss sicher zu queren.",
      ),
      cost: 9_500,
      address: SCHOOL,
    },
    {
      key: "homework",
      title: t("Une salle de devoirs surveillée jusqu’à 18 h", "Een huiswerkklas met toezicht tot 18 uur", "A supervised homework room until 6 pm", "Ein betreuter Hausaufgabenraum bis 18 Uhr"),
      description: t(
        "Une salle calme et un surveillant quatre soirs par semaine pour les enfants qui ne peuvent pas travailler à la maison.",
        "Een rustig lokaal en een toezichter vier avonden per week voor kinderen die thuis niet kunnen werken.",
        "A quiet room and a supervisor four evenings a week for children who cannot work at home.",
        "Ein ruhiger Raum und eine Aufsicht an vier Abenden pro Woche für Kinder, die zu Hause nicht arbeiten können.",
      ),
      cost: 8_000,
      category: "Library",
    },
    {
      key: "shade",
      title: t("Des voiles d’ombrage dans la cour", "Schaduwdoeken op de speelplaats", "Shade sails over the playground", "Sonnensegel über dem Schulhof"),
      description: t(
        "Quatre voiles tendues au-dessus des bancs et du bac à sable, pour les journées chaudes de mai et de juin.",
        "Vier doeken boven de banken en de zandbak, voor de warme dagen in mei en juni.",
        "Four sails over the benches and the sandpit, for the hot days of May and June.",
        "Vier Segel über den Bänken und dem Sandkasten, für die heißen Tage im Mai und Juni.",
      ),
      cost: 12_000,
      category: "Playground",
    },
    {
      key: "fruit",
      title: t("Un fruit frais chaque matin", "Elke ochtend vers fruit", "Fresh fruit every morning", "Jeden Morgen frisches Obst"),
      description: t(
        "Un fruit de saison pour chaque élève à la récréation du matin, pendant toute l’année scolaire.",
        "Een seizoensvrucht voor elke leerling tijdens de ochtendspeeltijd, het hele schooljaar lang.",
        "A piece of seasonal fruit for every pupil at the morning break, all school year.",
        "Ein Stück Obst der Saison für jedes Kind in der Morgenpause, das ganze Schuljahr lang.",
      ),
      cost: 4_500,
      category: "Canteen",
    },
    {
      key: "parking",
      title: t("Un parking à vélos fermé à l’entrée", "Een afgesloten fietsenstalling aan de ingang", "Lockable bike parking at the entrance", "Abschließbare Fahrradabstellanlage am Eingang"),
      description: t(
        "Un local fermé par badge pour trente vélos d’enfants et de parents, à côté de la grille.",
        "Een met badge afgesloten ruimte voor dertig fietsen van kinderen en ouders, naast het hek.",
        "A badge-locked shelter for thirty children’s and parents’ bikes, next to the gate.",
        "Ein per Badge verschlossener Raum für dreißig Fahrräder von Kindern und Eltern, neben dem Tor.",
      ),
      cost: 10_500,
      category: "Playground",
      address: SCHOOL,
    },
    {
      key: "lending",
      title: t("Une bibliothèque de prêt en quatre langues", "Een uitleenbibliotheek in vier talen", "A lending library in four languages", "Eine Leihbibliothek in vier Sprachen"),
      description: t(
        "Des albums et romans jeunesse en français, néerlandais, anglais et allemand, que les familles empruntent le vendredi.",
        "Prentenboeken en jeugdromans in het Frans, Nederlands, Engels en Duits, die gezinnen op vrijdag kunnen lenen.",
        "Picture books and children’s novels in French, Dutch, English and German that families borrow on Fridays.",
        "Bilderbücher und Kinderromane auf Französisch, Niederländisch, Englisch und Deutsch, die Familien freitags ausleihen.",
      ),
      cost: 2_800,
      category: "Library",
    },
    {
      key: "swimming",
      title: t("Le transport vers la piscine", "Vervoer naar het zwembad", "Transport to the swimming pool", "Transport zum Schwimmbad"),
      description: t(
        "Le car pour les cours de natation des trois premières années, aujourd’hui payé par les familles.",
        "De bus voor de zwemlessen van de eerste drie leerjaren, die nu door de gezinnen betaald wordt.",
        "The coach to swimming lessons for the first three years, paid by families today.",
        "Der Bus zum Schwimmunterricht der ersten drei Jahrgänge, den heute die Familien bezahlen.",
      ),
      cost: 6_200,
      category: "Outings",
    },
  ],
  ballots: [["crossing", "homework", "fruit"], ["crossing", "shade"], ["homework", "lending", "swimming"], ["crossing", "parking", "fruit"], ["shade", "homework"]],
};

export const FACULTY: DemoBudget = {
  title: t("Budget des enseignants 2027", "Begroting van de leerkrachten 2027", "Faculty budget 2027", "Lehrkräftehaushalt 2027"),
  description: t(
    "20 000 € pour l’équipement et les conditions de travail. Répartissez 10 points entre les projets que vous soutenez.",
    "20 000 € voor uitrusting en werkomstandigheden. Verdeel 10 punten over de projecten die je steunt.",
    "€20,000 for equipment and working conditions. Spread 10 points over the projects you support.",
    "20 000 € für Ausstattung und Arbeitsbedingungen. Verteilen Sie 10 Punkte auf die Projekte, die Sie unterstützen.",
  ),
  total: 20_000,
  voteType: "cumulative",
  rules: { maxPoints: 10 },
  projects: [
    {
      key: "projectors",
      title: t("Des projecteurs pour les laboratoires", "Projectoren voor de labo’s", "Projectors for the science labs", "Beamer für die Labore"),
      description: t(
        "Trois projecteurs lumineux pour remplacer ceux des laboratoires de sciences, vieux de plus de dix ans.",
        "Drie heldere projectoren om die van de wetenschapslabo’s te vervangen, die meer dan tien jaar oud zijn.",
        "Three bright projectors to replace those in the science labs, which are over ten years old.",
        "Drei helle Beamer als Ersatz für die über zehn Jahre alten Geräte in den naturwissenschaftlichen Laboren.",
      ),
      cost: 7_500,
      category: "Digital",
    },
    {
      key: "staffroom",
      title: t("Une salle des professeurs mieux isolée", "Een beter geïsoleerde leraarskamer", "A better insulated staff room", "Ein besser gedämmtes Lehrerzimmer"),
      description: t(
        "Des stores extérieurs et l’isolation du plafond, pour une salle des professeurs moins froide en hiver et moins étouffante en été.",
        "Buitenzonwering en isolatie van het plafond, voor een leraarskamer die in de winter minder koud en in de zomer minder benauwd is.",
        "Outdoor blinds and ceiling insulation, for a staff room less cold in winter and less stuffy in summer.",
        "Außenjalousien und eine Deckendämmung, damit das Lehrerzimmer im Winter weniger kalt und im Sommer weniger stickig ist.",
      ),
      cost: 9_000,
    },
    {
      key: "calculators",
      title: t("Des calculatrices graphiques pour une classe", "Grafische rekenmachines voor een klas", "A class set of graphing calculators", "Ein Klassensatz Grafikrechner"),
      description: t(
        "Trente calculatrices graphiques prêtées en classe et pendant les examens, pour que personne ne doive en acheter une.",
        "Dertig grafische rekenmachines om in de klas en tijdens de examens te lenen, zodat niemand er een moet kopen.",
        "Thirty graphing calculators lent in class and for exams, so that no one has to buy one.",
        "Dreißig Grafikrechner zum Ausleihen im Unterricht und bei Prüfungen, damit niemand einen kaufen muss.",
      ),
      cost: 4_200,
      category: "Digital",
    },
    {
      key: "piano",
      title: t("Un piano d’occasion pour la salle de musique", "Een tweedehandse piano voor het muzieklokaal", "A second-hand piano for the music room", "Ein gebrauchtes Klavier für den Musikraum"),
      description: t(
        "Un piano droit révisé et accordé, pour les cours de musique et la chorale.",
        "Een nagekeken en gestemde buffetpiano, voor de muzieklessen en het koor.",
        "An overhauled and tuned upright piano, for music lessons and the choir.",
        "Ein überholtes und gestimmtes Klavier für den Musikunterricht und den Chor.",
      ),
      cost: 3_500,
    },
    {
      key: "fieldtrips",
      title: t("Un fonds pour les sorties de biologie", "Een fonds voor biologie-uitstappen", "A fund for biology field trips", "Ein Fonds für Biologie-Exkursionen"),
      description: t(
        "Le transport et les entrées pour deux sorties par an en forêt de Soignes et au Jardin botanique de Meise.",
        "Vervoer en toegang voor twee uitstappen per jaar naar het Zoniënwoud en de Plantentuin van Meise.",
        "Transport and tickets for two trips a year to the Sonian Forest and Meise Botanic Garden.",
        "Transport und Eintritt für zwei Ausflüge pro Jahr in den Sonienwald und den Botanischen Garten Meise.",
      ),
      cost: 5_000,
      category: "Outings",
    },
    {
      key: "workroom",
      title: t("Une salle de travail silencieuse", "Een stille werkruimte", "A quiet work room", "Ein ruhiger Arbeitsraum"),
      description: t(
        "Six bureaux, une imprimante et des casiers dans l’ancienne réserve, pour corriger et préparer les cours au calme.",
        "Zes bureaus, een printer en kastjes in de vroegere berging, om in alle rust te verbeteren en lessen voor te bereiden.",
        "Six desks, a printer and lockers in the old storeroom, to mark and prepare lessons in peace.",
        "Sechs Schreibtische, ein Drucker und Schließfächer im ehemaligen Lagerraum, um in Ruhe zu korrigieren und Unterricht vorzubereiten.",
      ),
      cost: 6_800,
      category: "Library",
    },
  ],
  ballots: [
    [
      ["projectors", 5],
      ["staffroom", 5],
    ],
    [
      ["staffroom", 6],
      ["workroom", 4],
    ],
    [
      ["calculators", 3],
      ["projectors", 4],
      ["fieldtrips", 3],
    ],
    [
      ["piano", 2],
      ["staffroom", 4],
      ["workroom", 4],
    ],
  ],
};

/** Demo voters (accounts without a password: they cannot sign in), whose checked-out ballots give the counts. */
export const VOTERS = [
  { email: "emma.peeters@pnyx.example", name: "Emma Peeters", locale: "nl" },
  { email: "youssef.elamrani@pnyx.example", name: "Youssef El Amrani", locale: "fr" },
  { email: "sofia.rossi@pnyx.example", name: "Sofia Rossi", locale: "en" },
  { email: "lukas.wagner@pnyx.example", name: "Lukas Wagner", locale: "de" },
  { email: "chloe.dubois@pnyx.example", name: "Chloé Dubois", locale: "fr" },
  { email: "daan.janssens@pnyx.example", name: "Daan Janssens", locale: "nl" },
] as const;
