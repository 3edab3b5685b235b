/** The demo documentation pages of each demo space, in the four languages (real translations). */
import type { Translatable } from "../../core/i18n/locales";

type T = Required<Translatable>;
export interface DemoPage {
  title: T;
  body: T;
}

export const budgetDocs = (who: T): DemoPage[] => [
  {
    title: { fr: "Comment ça marche", nl: "Hoe het werkt", en: "How it works", de: "So funktioniert es" },
    body: {
      fr: `## Le principe\n\nLes ${who.fr} proposent des projets pour l’école, puis votent pour ceux qu’ils préfèrent dans la limite du budget.\n\n## Le calendrier\n\n1. Dépôt des idées\n2. Analyse de faisabilité\n3. Vote\n\n## Les règles\n\n- Un projet doit profiter à toute la communauté scolaire.\n- Chaque projet indique son coût estimé.`,
      nl: `## Het principe\n\nDe ${who.nl} stellen projecten voor de school voor en stemmen daarna op hun favorieten binnen het budget.\n\n## De kalender\n\n1. Ideeën indienen\n2. Haalbaarheidsanalyse\n3. Stemming\n\n## De regels\n\n- Een project moet de hele schoolgemeenschap ten goede komen.\n- Elk project vermeldt zijn geraamde kosten.`,
      en: `## The idea\n\nThe ${who.en} propose projects for the school, then vote for their favourites within the budget.\n\n## The calendar\n\n1. Submitting ideas\n2. Feasibility review\n3. Vote\n\n## The rules\n\n- A project must benefit the whole school community.\n- Every project states its estimated cost.`,
      de: `## Das Prinzip\n\nDie ${who.de} schlagen Projekte für die Schule vor und stimmen dann im Rahmen des Budgets für ihre Favoriten.\n\n## Der Zeitplan\n\n1. Ideen einreichen\n2. Machbarkeitsprüfung\n3. Abstimmung\n\n## Die Regeln\n\n- Ein Projekt muss der ganzen Schulgemeinschaft zugutekommen.\n- Jedes Projekt nennt seine geschätzten Kosten.`,
    },
  },
  {
    title: { fr: "Questions fréquentes", nl: "Veelgestelde vragen", en: "Frequently asked questions", de: "Häufige Fragen" },
    body: {
      fr: "## Qui peut voter ?\n\nToute personne inscrite sur la liste de l’école.\n\n## Comment le résultat est-il calculé ?\n\nLes projets sont retenus selon la règle annoncée avant le vote ; le calcul est publié.",
      nl: "## Wie mag stemmen?\n\nIedereen die op de lijst van de school staat.\n\n## Hoe wordt het resultaat berekend?\n\nProjecten worden gekozen volgens de regel die vóór de stemming is aangekondigd; de berekening wordt gepubliceerd.",
      en: "## Who can vote?\n\nEveryone on the school's list.\n\n## How is the result computed?\n\nProjects are selected by the rule announced before the vote; the computation is published.",
      de: "## Wer darf abstimmen?\n\nAlle, die auf der Liste der Schule stehen.\n\n## Wie wird das Ergebnis berechnet?\n\nDie Projekte werden nach der vor der Abstimmung angekündigten Regel ausgewählt; die Berechnung wird veröffentlicht.",
    },
  },
];

export const petitionDocs: DemoPage[] = [
  {
    title: { fr: "Le droit de pétition", nl: "Het petitierecht", en: "The right of petition", de: "Das Petitionsrecht" },
    body: {
      fr: "## Qui peut signer ?\n\nToute personne d’au moins 16 ans domiciliée en Région de Bruxelles-Capitale.\n\n## Que se passe-t-il à 1 000 signatures ?\n\nLa pétition est transmise au Parlement et ses auteurs sont entendus en commission.",
      nl: "## Wie mag ondertekenen?\n\nIedereen van minstens 16 jaar die in het Brussels Hoofdstedelijk Gewest woont.\n\n## Wat gebeurt er bij 1 000 handtekeningen?\n\nDe petitie wordt aan het Parlement bezorgd en de indieners worden in commissie gehoord.",
      en: "## Who can sign?\n\nAnyone aged 16 or over living in the Brussels-Capital Region.\n\n## What happens at 1,000 signatures?\n\nThe petition is sent to Parliament and its authors are heard in committee.",
      de: "## Wer darf unterschreiben?\n\nAlle ab 16 Jahren mit Wohnsitz in der Region Brüssel-Hauptstadt.\n\n## Was geschieht bei 1 000 Unterschriften?\n\nDie Petition wird dem Parlament übermittelt und ihre Urheber werden im Ausschuss angehört.",
    },
  },
];

export const assemblyDocs: DemoPage[] = [
  {
    title: { fr: "Le tirage au sort", nl: "De loting", en: "The draw by lot", de: "Die Auslosung" },
    body: {
      fr: "## Pourquoi tirer au sort ?\n\nPour que l’assemblée ressemble à la ville : âge, genre, quartier et niveau d’études.\n\n## Comment ?\n\nUn tirage vérifiable parmi les volontaires, avec des quotas publiés.",
      nl: "## Waarom loten?\n\nZodat de assemblee op de stad lijkt: leeftijd, gender, wijk en opleidingsniveau.\n\n## Hoe?\n\nEen controleerbare loting onder de vrijwilligers, met gepubliceerde quota.",
      en: "## Why draw by lot?\n\nSo that the assembly looks like the city: age, gender, neighbourhood and education.\n\n## How?\n\nA verifiable draw among volunteers, with published quotas.",
      de: "## Warum losen?\n\nDamit die Versammlung der Stadt ähnelt: Alter, Geschlecht, Viertel und Bildungsstand.\n\n## Wie?\n\nEine überprüfbare Auslosung unter Freiwilligen, mit veröffentlichten Quoten.",
    },
  },
];

export const consultationDocs: DemoPage[] = [
  {
    title: { fr: "Le projet de politique", nl: "Het beleidsontwerp", en: "The draft policy", de: "Der Politikentwurf" },
    body: {
      fr: "## Objectifs\n\n- Publier les données publiques par défaut\n- Protéger les données personnelles\n\n## Ce que nous vous demandons\n\nCommentez chaque principe et proposez des améliorations.",
      nl: "## Doelstellingen\n\n- Overheidsgegevens standaard openbaar maken\n- Persoonsgegevens beschermen\n\n## Wat we u vragen\n\nGeef commentaar op elk principe en stel verbeteringen voor.",
      en: "## Goals\n\n- Publish public data by default\n- Protect personal data\n\n## What we ask you\n\nComment on each principle and suggest improvements.",
      de: "## Ziele\n\n- Öffentliche Daten standardmäßig veröffentlichen\n- Personenbezogene Daten schützen\n\n## Worum wir Sie bitten\n\nKommentieren Sie jeden Grundsatz und schlagen Sie Verbesserungen vor.",
    },
  },
];

export const docsName: T = { fr: "Documentation", nl: "Documentatie", en: "Documentation", de: "Dokumentation" };
