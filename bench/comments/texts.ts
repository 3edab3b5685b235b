/**
 * Words for the benchmark's discussion: sentences a comment is put together from, in the four
 * languages (an opening, one or two arguments, sometimes a second paragraph or a link), and names.
 * The seed picks them by arithmetic on the comment's number, so bodies vary in length (one line to
 * a few paragraphs) as a real discussion's do.
 */
export type Language = "fr" | "nl" | "en" | "de";

export interface Sentences {
  openings: string[];
  arguments: string[];
  replies: string[];
  closings: string[];
}

export const SENTENCES: Record<Language, Sentences> = {
  fr: {
    openings: [
      "Je soutiens cette pétition sans réserve.",
      "J’habite le quartier depuis vingt ans et je vois la situation se dégrader.",
      "Bonne initiative, mais je pense qu’il faut aller plus loin.",
      "Je ne suis pas convaincu par la proposition telle qu’elle est rédigée.",
      "Merci aux initiateurs d’avoir lancé le débat.",
      "Il faut regarder les chiffres avant de décider.",
    ],
    arguments: [
      "Les enfants traversent chaque matin un carrefour dangereux et rien n’a changé depuis l’accident de l’an dernier.",
      "Le budget existe déjà : il suffit de le répartir autrement entre les communes.",
      "D’autres villes l’ont fait en moins de deux ans, avec des résultats mesurés et publiés.",
      "Les commerçants craignent de perdre des clients, il faut les associer dès le départ.",
      "Sans calendrier précis, cette demande restera lettre morte comme la précédente.",
      "Les personnes âgées et les personnes à mobilité réduite sont les premières concernées.",
      "Une phase d’essai de six mois permettrait de trancher sur des faits plutôt que sur des impressions.",
      "Le coût d’entretien n’est pas chiffré et c’est ce qui inquiète le plus les habitants.",
    ],
    replies: [
      "Je ne suis pas d’accord : ce n’est pas le même contexte.",
      "Tout à fait, et c’est précisément ce que montre le rapport du conseil consultatif.",
      "Avez-vous une source pour ces chiffres ?",
      "Bonne remarque, je n’y avais pas pensé.",
    ],
    closings: [
      "J’espère que le parlement prendra le temps d’écouter les riverains.",
      "Voir aussi le compte rendu de la dernière réunion : https://example.org/compte-rendu",
      "Je viendrai à la réunion publique du mois prochain.",
    ],
  },
  nl: {
    openings: [
      "Ik steun dit verzoekschrift volledig.",
      "Ik woon al twintig jaar in de wijk en zie het elk jaar slechter worden.",
      "Goed initiatief, maar het mag wat ambitieuzer.",
      "Ik ben niet overtuigd door het voorstel zoals het nu geschreven is.",
      "Bedankt aan de indieners om dit debat te openen.",
      "We moeten eerst naar de cijfers kijken.",
    ],
    arguments: [
      "Kinderen steken elke ochtend een gevaarlijk kruispunt over en sinds het ongeval van vorig jaar is er niets veranderd.",
      "Het budget bestaat al: het moet alleen anders verdeeld worden tussen de gemeenten.",
      "Andere steden hebben het in minder dan twee jaar gedaan, met gemeten en gepubliceerde resultaten.",
      "De handelaars vrezen klanten te verliezen, betrek hen vanaf het begin.",
      "Zonder duidelijke timing blijft dit een dode letter, net als de vorige vraag.",
      "Ouderen en mensen met een beperking zijn de eersten die getroffen worden.",
      "Een proefperiode van zes maanden zou toelaten om op basis van feiten te beslissen.",
      "De onderhoudskosten zijn niet berekend en dat baart de bewoners de meeste zorgen.",
    ],
    replies: [
      "Daar ben ik het niet mee eens: de context is anders.",
      "Precies, en dat staat ook in het rapport van de adviesraad.",
      "Hebt u een bron voor die cijfers?",
      "Goed punt, daar had ik niet aan gedacht.",
    ],
    closings: [
      "Ik hoop dat het parlement de tijd neemt om naar de buurtbewoners te luisteren.",
      "Zie ook het verslag van de laatste vergadering: https://example.org/verslag",
      "Ik kom naar de openbare vergadering volgende maand.",
    ],
  },
  en: {
    openings: [
      "I fully support this petition.",
      "I have lived in the neighbourhood for twenty years and it gets worse every year.",
      "Good initiative, but it should go further.",
      "I am not convinced by the proposal as it is written.",
      "Thanks to the petitioners for opening this debate.",
      "We should look at the figures before deciding.",
    ],
    arguments: [
      "Children cross a dangerous junction every morning and nothing has changed since last year's accident.",
      "The budget already exists: it only needs to be shared differently between the municipalities.",
      "Other cities did it in less than two years, with results measured and published.",
      "Shopkeepers fear losing customers, so they must be involved from the start.",
      "Without a clear timetable this request will go nowhere, like the previous one.",
      "Older people and people with reduced mobility are the first affected.",
      "A six-month trial would let us decide on facts rather than impressions.",
      "The upkeep is not costed, and that is what worries residents most.",
    ],
    replies: [
      "I disagree: it is not the same situation.",
      "Exactly, and that is what the advisory council's report shows.",
      "Do you have a source for these figures?",
      "Good point, I had not thought of that.",
    ],
    closings: [
      "I hope parliament takes the time to listen to the residents.",
      "See also the minutes of the last meeting: https://example.org/minutes",
      "I will come to the public meeting next month.",
    ],
  },
  de: {
    openings: [
      "Ich unterstütze diese Petition voll und ganz.",
      "Ich wohne seit zwanzig Jahren im Viertel und es wird jedes Jahr schlimmer.",
      "Gute Initiative, aber sie sollte weiter gehen.",
      "Der Vorschlag überzeugt mich in dieser Form nicht.",
      "Danke an die Initiatoren, dass sie diese Debatte eröffnet haben.",
      "Wir sollten uns zuerst die Zahlen ansehen.",
    ],
    arguments: [
      "Kinder überqueren jeden Morgen eine gefährliche Kreuzung, und seit dem Unfall im letzten Jahr hat sich nichts geändert.",
      "Das Budget gibt es bereits: Es muss nur anders zwischen den Gemeinden verteilt werden.",
      "Andere Städte haben es in weniger als zwei Jahren geschafft, mit gemessenen und veröffentlichten Ergebnissen.",
      "Die Geschäftsleute fürchten, Kunden zu verlieren, sie müssen von Anfang an einbezogen werden.",
      "Ohne klaren Zeitplan bleibt diese Forderung wirkungslos wie die vorige.",
      "Ältere Menschen und Menschen mit eingeschränkter Mobilität sind als Erste betroffen.",
      "Eine sechsmonatige Testphase würde eine Entscheidung auf Grundlage von Fakten erlauben.",
      "Die Unterhaltskosten sind nicht beziffert, und das beunruhigt die Anwohner am meisten.",
    ],
    replies: [
      "Da bin ich anderer Meinung: Die Lage ist nicht dieselbe.",
      "Genau, und das zeigt auch der Bericht des Beirats.",
      "Haben Sie eine Quelle für diese Zahlen?",
      "Guter Punkt, daran hatte ich nicht gedacht.",
    ],
    closings: [
      "Ich hoffe, das Parlament nimmt sich die Zeit, den Anwohnern zuzuhören.",
      "Siehe auch das Protokoll der letzten Sitzung: https://example.org/protokoll",
      "Ich komme nächsten Monat zur öffentlichen Versammlung.",
    ],
  },
};

export const FIRST_NAMES = ["Amina", "Lucas", "Sofie", "Mehdi", "Charlotte", "Jonas", "Inès", "Thomas", "Fatima", "Pieter", "Léa", "Karim", "Anna", "Bram", "Nora", "Julien", "Elif", "Maximilian", "Chloé", "Youssef"];
export const LAST_NAMES = ["Peeters", "Dubois", "Janssens", "El Amrani", "Lambert", "Maes", "Schmitz", "Dupont", "Willems", "Benali", "Claes", "Martin", "Wouters", "Jacobs", "Yilmaz", "Mertens", "Lejeune", "Hoffmann", "Goossens", "Laurent"];
