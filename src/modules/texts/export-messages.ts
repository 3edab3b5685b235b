/** Messages of the exports, in the four languages (merged into messages.ts). */
export const exportMessages = {
  en: {
    "texts.export.heading": "Download",
    "texts.export.version": "Version {n}",
    "texts.export.adopted": "The adopted text",
    "texts.export.comments": "Comments (CSV)",
    "texts.export.amendments": "Amendments (CSV)",
    "texts.export.versionLine": "Version {n}",
    "texts.export.adoptedLine": "Adopted text",
  },
  fr: {
    "texts.export.heading": "Télécharger",
    "texts.export.version": "Version {n}",
    "texts.export.adopted": "Le texte adopté",
    "texts.export.comments": "Commentaires (CSV)",
    "texts.export.amendments": "Amendements (CSV)",
    "texts.export.versionLine": "Version {n}",
    "texts.export.adoptedLine": "Texte adopté",
  },
  nl: {
    "texts.export.heading": "Downloaden",
    "texts.export.version": "Versie {n}",
    "texts.export.adopted": "De aangenomen tekst",
    "texts.export.comments": "Reacties (CSV)",
    "texts.export.amendments": "Amendementen (CSV)",
    "texts.export.versionLine": "Versie {n}",
    "texts.export.adoptedLine": "Aangenomen tekst",
  },
  de: {
    "texts.export.heading": "Herunterladen",
    "texts.export.version": "Version {n}",
    "texts.export.adopted": "Der angenommene Text",
    "texts.export.comments": "Kommentare (CSV)",
    "texts.export.amendments": "Änderungsanträge (CSV)",
    "texts.export.versionLine": "Version {n}",
    "texts.export.adoptedLine": "Angenommener Text",
  },
};
