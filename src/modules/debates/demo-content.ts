/**
 * The debates demo's words: each school budget's committee discussions, with comments for and against
 * in several languages, and the conclusion of the closed one. Real translations throughout.
 */
import type { DemoComment, DemoParticipant } from "../../core/comments/demo";
import type { Translatable } from "../../core/i18n/locales";

type T = Required<Translatable>;

/** The same people as the proposals demo (created once, by whichever seed runs first). */
export const PARTICIPANTS: Record<string, DemoParticipant> = {
  ines: { email: "ines.martin@pnyx.example", name: "Inès Martin", locale: "fr" },
  pieter: { email: "pieter.devos@pnyx.example", name: "Pieter De Vos", locale: "nl" },
  grace: { email: "grace.okafor@pnyx.example", name: "Grace Okafor", locale: "en" },
  jonas: { email: "jonas.weber@pnyx.example", name: "Jonas Weber", locale: "de" },
  lucie: { email: "lucie.lambert@pnyx.example", name: "Lucie Lambert", locale: "fr" },
  noor: { email: "noor.elamrani@pnyx.example", name: "Noor El Amrani", locale: "nl" },
};

export const componentName: T = { fr: "Discussions du comité", nl: "Discussies van het comité", en: "Committee discussions", de: "Diskussionen des Gremiums" };

export const announcement: T = {
  fr: "Le comité discute ici des priorités du budget. Dites si vous êtes pour ou contre, et pourquoi.",
  nl: "Het comité bespreekt hier de prioriteiten van de begroting. Zeg of u voor of tegen bent, en waarom.",
  en: "The committee discusses the budget’s priorities here. Say whether you are for or against, and why.",
  de: "Das Gremium bespricht hier die Prioritäten des Haushalts. Sagen Sie, ob Sie dafür oder dagegen sind, und warum.",
};

export interface DemoDebate {
  title: T;
  description: T;
  instructions?: T;
  comments: DemoComment[];
  conclusion?: T;
}

const sharedRules: T = {
  fr: "Un commentaire par argument ; précisez si vous êtes pour ou contre. Le comité tient compte de chaque côté.",
  nl: "Eén reactie per argument; geef aan of u voor of tegen bent. Het comité houdt rekening met beide kanten.",
  en: "One comment per argument; say whether you are for or against. The committee weighs both sides.",
  de: "Ein Kommentar pro Argument; geben Sie an, ob Sie dafür oder dagegen sind. Das Gremium wägt beide Seiten ab.",
};

export const DEBATES: Record<"budgetStudents" | "budgetParents" | "budgetFaculty", DemoDebate[]> = {
  budgetStudents: [
    {
      title: { fr: "Faut-il consacrer la moitié du budget à la cour de récréation ?", nl: "Moet de helft van de begroting naar de speelplaats gaan?", en: "Should half of the budget go to the playground?", de: "Soll die Hälfte des Haushalts in den Schulhof fließen?" },
      description: {
        fr: "Plusieurs idées concernent la cour : des bancs, de l’ombre, un terrain de sport. Le comité se demande s’il faut y consacrer la moitié du budget des élèves ou répartir davantage.",
        nl: "Verschillende ideeën gaan over de speelplaats: banken, schaduw, een sportveld. Het comité vraagt zich af of de helft van de leerlingenbegroting daarheen moet gaan of dat er beter gespreid wordt.",
        en: "Several ideas concern the playground: benches, shade, a sports pitch. The committee wonders whether half of the students’ budget should go there or be spread more widely.",
        de: "Mehrere Ideen betreffen den Schulhof: Bänke, Schatten, ein Sportplatz. Das Gremium fragt sich, ob die Hälfte des Schülerhaushalts dorthin gehen oder breiter verteilt werden soll.",
      },
      instructions: sharedRules,
      comments: [
        { by: "ines", locale: "fr", alignment: 1, body: "Pour : la cour, tout le monde l’utilise chaque jour. C’est là que l’argent profite au plus grand nombre.", votes: { pieter: 1, grace: 1 } },
        { by: "pieter", locale: "nl", alignment: -1, body: "Tegen: de bibliotheek en de computers hebben het ook nodig. De helft is te veel voor één project.", votes: { jonas: 1 }, replies: [{ by: "ines", locale: "fr", body: "On pourrait prévoir un tiers, et garder le reste pour la bibliothèque ?" }] },
        { by: "grace", locale: "en", alignment: 1, body: "For: shade in summer is a health matter, not a luxury." },
        { by: "jonas", locale: "de", alignment: 0, body: "Neutral: Wir sollten zuerst wissen, was ein Sportplatz wirklich kostet." },
      ],
    },
    {
      title: { fr: "Des fontaines à eau plutôt que des distributeurs ?", nl: "Waterfonteinen in plaats van automaten?", en: "Water fountains instead of vending machines?", de: "Trinkbrunnen statt Automaten?" },
      description: {
        fr: "Le comité a discuté du remplacement des distributeurs de boissons par des fontaines à eau dans chaque couloir.",
        nl: "Het comité besprak de vervanging van de drankautomaten door waterfonteinen in elke gang.",
        en: "The committee discussed replacing the drinks machines with water fountains in every corridor.",
        de: "Das Gremium besprach, die Getränkeautomaten durch Trinkbrunnen in jedem Flur zu ersetzen.",
      },
      comments: [
        { by: "lucie", locale: "fr", alignment: 1, body: "Pour : moins de plastique et de sucre, et l’eau est gratuite pour tous." },
        { by: "noor", locale: "nl", alignment: -1, body: "Tegen: de automaten brengen geld op voor de schoolreizen." },
        { by: "grace", locale: "en", alignment: 1, body: "For: we can keep one machine and still put fountains everywhere." },
      ],
      conclusion: {
        fr: "Le comité propose quatre fontaines à eau, une par étage, et garde un distributeur près du réfectoire pour financer les voyages scolaires.",
        nl: "Het comité stelt vier waterfonteinen voor, één per verdieping, en houdt één automaat bij de refter om de schoolreizen te financieren.",
        en: "The committee proposes four water fountains, one per floor, and keeps one machine near the canteen to fund school trips.",
        de: "Das Gremium schlägt vier Trinkbrunnen vor, einen pro Stockwerk, und behält einen Automaten bei der Mensa, um die Klassenfahrten zu finanzieren.",
      },
    },
  ],
  budgetParents: [
    {
      title: { fr: "Sécuriser le chemin de l’école ou rénover le préau ?", nl: "De schoolweg veiliger maken of de overdekte speelplaats renoveren?", en: "Make the way to school safer or renovate the covered yard?", de: "Den Schulweg sicherer machen oder den überdachten Hof renovieren?" },
      description: {
        fr: "Le budget des parents ne suffit pas pour les deux. Lequel passe en premier ?",
        nl: "De begroting van de ouders volstaat niet voor beide. Wat komt eerst?",
        en: "The parents’ budget is not enough for both. Which comes first?",
        de: "Der Elternhaushalt reicht nicht für beides. Was kommt zuerst?",
      },
      instructions: sharedRules,
      comments: [
        { by: "noor", locale: "nl", alignment: 1, body: "Voor de schoolweg: elke ochtend steken kinderen over zonder zebrapad.", votes: { lucie: 1 } },
        { by: "lucie", locale: "fr", alignment: -1, body: "Contre : la commune doit payer les passages piétons, pas le budget de l’école." },
        { by: "jonas", locale: "de", alignment: 1, body: "Dafür: Sicherheit geht vor, der Hof kann warten." },
      ],
    },
  ],
  budgetFaculty: [
    {
      title: { fr: "Une salle des professeurs rénovée ou du matériel pour les classes ?", nl: "Een gerenoveerde lerarenkamer of materiaal voor de klassen?", en: "A renovated staff room or equipment for the classrooms?", de: "Ein renoviertes Lehrerzimmer oder Ausstattung für die Klassenräume?" },
      description: {
        fr: "Les enseignants discutent de la priorité de leur budget : leur propre salle, ou du matériel utilisé avec les élèves.",
        nl: "De leerkrachten bespreken de prioriteit van hun begroting: hun eigen ruimte, of materiaal dat met de leerlingen wordt gebruikt.",
        en: "Teachers discuss the priority of their budget: their own room, or equipment used with the students.",
        de: "Die Lehrkräfte besprechen die Priorität ihres Haushalts: ihr eigener Raum oder Ausstattung, die mit den Schülern genutzt wird.",
      },
      comments: [
        { by: "grace", locale: "en", alignment: -1, body: "Against the staff room: the students should feel the budget first." },
        { by: "pieter", locale: "nl", alignment: 1, body: "Voor: een rustige ruimte om lessen voor te bereiden komt ook de leerlingen ten goede." },
        { by: "ines", locale: "fr", alignment: 0, body: "Neutre : peut-être une partie pour chaque, selon les devis." },
      ],
    },
  ],
};
