/**
 * Words for the large data: topics (in the four languages, with a petition theme) and places. Some
 * topics are about schools, so `/search?q=school` finds spaces and English and Dutch petitions.
 */
export interface Topic {
  fr: string;
  nl: string;
  en: string;
  de: string;
  theme: string;
}

export const TOPICS: Topic[] = [
  { fr: "Des rues scolaires", nl: "Schoolstraten", en: "School streets", de: "Schulstraßen", theme: "mobilité" },
  { fr: "Des chemins sûrs vers l’école", nl: "Een veilige weg naar school", en: "Safe routes to school", de: "Sichere Schulwege", theme: "éducation" },
  { fr: "Des repas sains à l’école", nl: "Gezonde maaltijden op school", en: "Healthy school meals", de: "Gesundes Schulessen", theme: "éducation" },
  { fr: "Plus d’arbres dans les rues", nl: "Meer bomen in de straten", en: "More trees in the streets", de: "Mehr Bäume in den Straßen", theme: "environnement" },
  { fr: "Des pistes cyclables protégées", nl: "Beschermde fietspaden", en: "Protected cycle lanes", de: "Geschützte Radwege", theme: "mobilité" },
  { fr: "Des bus de nuit", nl: "Nachtbussen", en: "Night buses", de: "Nachtbusse", theme: "mobilité" },
  { fr: "Des toilettes publiques", nl: "Openbare toiletten", en: "Public toilets", de: "Öffentliche Toiletten", theme: "santé" },
  { fr: "Des bibliothèques ouvertes le soir", nl: "Bibliotheken die 's avonds open zijn", en: "Libraries open in the evening", de: "Bibliotheken, die abends geöffnet sind", theme: "culture" },
  { fr: "Une aire de jeux par quartier", nl: "Een speelplein in elke wijk", en: "A playground in every neighbourhood", de: "Ein Spielplatz in jedem Viertel", theme: "jeunesse" },
  { fr: "Moins de bruit la nuit", nl: "Minder lawaai 's nachts", en: "Less noise at night", de: "Weniger Lärm in der Nacht", theme: "santé" },
  { fr: "De l’air pur autour des écoles", nl: "Schone lucht rond de scholen", en: "Clean air around schools", de: "Saubere Luft rund um die Schulen", theme: "environnement" },
  { fr: "Des logements abordables", nl: "Betaalbare woningen", en: "Affordable housing", de: "Bezahlbarer Wohnraum", theme: "logement" },
  { fr: "Des fontaines d’eau potable", nl: "Drinkwaterfonteinen", en: "Drinking fountains", de: "Trinkbrunnen", theme: "santé" },
  { fr: "Des dimanches sans voiture", nl: "Autovrije zondagen", en: "Car-free Sundays", de: "Autofreie Sonntage", theme: "mobilité" },
  { fr: "Une piscine publique", nl: "Een openbaar zwembad", en: "A public swimming pool", de: "Ein öffentliches Schwimmbad", theme: "sport" },
  { fr: "Des potagers collectifs", nl: "Gemeenschappelijke moestuinen", en: "Community gardens", de: "Gemeinschaftsgärten", theme: "environnement" },
  { fr: "Des gares accessibles", nl: "Toegankelijke stations", en: "Accessible stations", de: "Barrierefreie Bahnhöfe", theme: "mobilité" },
  { fr: "Un meilleur éclairage public", nl: "Betere straatverlichting", en: "Better street lighting", de: "Bessere Straßenbeleuchtung", theme: "sécurité" },
  { fr: "Des maisons de jeunes", nl: "Jeugdhuizen", en: "Youth centres", de: "Jugendzentren", theme: "jeunesse" },
  { fr: "Des points de recyclage", nl: "Recyclagepunten", en: "Recycling points", de: "Wertstoffhöfe", theme: "environnement" },
];

/** The nineteen Brussels municipalities. */
export const PLACES = [
  "Anderlecht",
  "Auderghem",
  "Berchem-Sainte-Agathe",
  "Bruxelles",
  "Etterbeek",
  "Evere",
  "Forest",
  "Ganshoren",
  "Ixelles",
  "Jette",
  "Koekelberg",
  "Molenbeek-Saint-Jean",
  "Saint-Gilles",
  "Saint-Josse-ten-Noode",
  "Schaerbeek",
  "Uccle",
  "Watermael-Boitsfort",
  "Woluwe-Saint-Lambert",
  "Woluwe-Saint-Pierre",
];
