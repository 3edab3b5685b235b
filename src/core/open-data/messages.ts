import { defineMessages } from "../i18n/define";

/** The open data page and the core's datasets. */
export default defineMessages({
  en: {
    "openData.title": "Open data",
    "openData.intro": "Everything public on this platform, as files you may download, reuse and share. Each file is CSV (UTF-8, comma-separated) and holds no personal data.",
    "openData.spaces.label": "Processes and assemblies",
    "openData.spaces.description": "Every public process and assembly: its address, titles and short descriptions in each language, dates and parent assembly.",
  },
  fr: {
    "openData.title": "Données ouvertes",
    "openData.intro": "Tout ce qui est public sur cette plateforme, en fichiers que vous pouvez télécharger, réutiliser et partager. Chaque fichier est au format CSV (UTF-8, séparé par des virgules) et ne contient aucune donnée personnelle.",
    "openData.spaces.label": "Processus et assemblées",
    "openData.spaces.description": "Chaque processus et chaque assemblée publics : adresse, titres et descriptions courtes dans chaque langue, dates et assemblée parente.",
  },
  nl: {
    "openData.title": "Open data",
    "openData.intro": "Alles wat openbaar is op dit platform, als bestanden die u mag downloaden, hergebruiken en delen. Elk bestand is CSV (UTF-8, met komma’s gescheiden) en bevat geen persoonsgegevens.",
    "openData.spaces.label": "Processen en assemblees",
    "openData.spaces.description": "Elk openbaar proces en elke openbare assemblee: adres, titels en korte beschrijvingen in elke taal, data en bovenliggende assemblee.",
  },
  de: {
    "openData.title": "Offene Daten",
    "openData.intro": "Alles Öffentliche dieser Plattform als Dateien, die Sie herunterladen, weiterverwenden und teilen dürfen. Jede Datei ist CSV (UTF-8, durch Kommas getrennt) und enthält keine personenbezogenen Daten.",
    "openData.spaces.label": "Prozesse und Versammlungen",
    "openData.spaces.description": "Jeder öffentliche Prozess und jede öffentliche Versammlung: Adresse, Titel und Kurzbeschreibungen in jeder Sprache, Daten und übergeordnete Versammlung.",
  },
});
