/**
 * The demo petition's discussion: Brussels residents in French, Dutch, English and German, for and
 * against, with replies three levels deep, a mention, a link and votes (core comments, src/core/comments).
 */
import type { DemoComment, DemoParticipant } from "../../core/comments/demo";

export const DEMO_PARTICIPANTS: Record<string, DemoParticipant> = {
  karim: { email: "karim.benali@pnyx.example", name: "Karim Benali", locale: "fr" },
  sophie: { email: "sophie.janssens@pnyx.example", name: "Sophie Janssens", locale: "nl" },
  marc: { email: "marc.dubois@pnyx.example", name: "Marc Dubois", locale: "fr" },
  tom: { email: "tom.walsh@pnyx.example", name: "Tom Walsh", locale: "en" },
  anna: { email: "anna.schmidt@pnyx.example", name: "Anna Schmidt", locale: "de" },
  lea: { email: "lea.peeters@pnyx.example", name: "Léa Peeters", locale: "nl" },
};

export const DEMO_DISCUSSION: DemoComment[] = [
  {
    by: "karim",
    locale: "fr",
    alignment: 1,
    body: "Excellente idée. Dans ma rue à Schaerbeek, il n’y a pas un seul arbre et, l’été, le trottoir dépasse les 35 °C.\n\nUn arbre pour dix habitants, c’est ambitieux, mais faisable si chaque commune s’y met.",
    votes: { sophie: 1, tom: 1, lea: 1, marc: 1 },
    replies: [
      {
        by: "sophie",
        locale: "nl",
        body: "Helemaal mee eens. In Anderlecht zijn er ook straten zonder enige schaduw.\nMaar wie betaalt het onderhoud van al die nieuwe bomen?",
        votes: { karim: 1 },
        replies: [
          {
            by: "marc",
            locale: "fr",
            body: "@SophieJanssens Les communes entretiennent déjà les arbres existants ; le plan régional pourrait financer les nouveaux pendant leurs cinq premières années.",
            votes: { sophie: 1, lea: 1 },
          },
        ],
      },
      {
        by: "tom",
        locale: "en",
        body: "Same in Ixelles. Brussels Environment publishes maps of heat islands and green spaces: https://environnement.brussels — the streets without trees are exactly the hottest ones.",
        votes: { karim: 1, anna: 1 },
      },
    ],
  },
  {
    by: "anna",
    locale: "de",
    alignment: -1,
    body: "Ich bin für mehr Grün, aber nicht überall für Bäume: In engen Straßen nehmen sie den Platz auf dem Gehweg weg, den Rollstühle und Kinderwagen brauchen.\n\nFassadengärten wären dort die bessere Lösung.",
    votes: { marc: 1, karim: -1 },
    replies: [
      {
        by: "lea",
        locale: "nl",
        body: "Goed punt over de stoepen. Bomen kunnen ook op parkeerplaatsen komen in plaats van op de stoep.",
        votes: { anna: 1, tom: 1 },
        replies: [{ by: "anna", locale: "de", body: "Das wäre ein guter Kompromiss – dann unterschreibe ich vielleicht doch.", votes: { lea: 1 } }],
      },
    ],
  },
  {
    by: "tom",
    locale: "en",
    alignment: 0,
    body: "How would the 2030 target be measured: trees planted, or trees still alive after five years? Young street trees often die in their first dry summer.",
    votes: { anna: 1, marc: 1 },
    replies: [{ by: "karim", locale: "fr", body: "Bonne question : il faudrait compter les arbres vivants et prévoir l’arrosage pendant les trois premiers étés.", votes: { tom: 1 } }],
  },
  {
    by: "lea",
    locale: "nl",
    alignment: 1,
    body: "Bomen houden ook regenwater vast: bij het laatste onweer stond onze straat in Vorst onder water. Ik teken!",
    votes: { karim: 1, sophie: 1, anna: -1 },
  },
];
