/** Messages of the texts component's reading part (text page, versions, the kit's kinds), in the four languages (merged into messages.ts). */
export const textReadMessages = {
  en: {
    "texts.resource.text": "text",
    "texts.notification.versionPublished": "A new version of “{title}” was published",
  },
  fr: {
    "texts.resource.text": "texte",
    "texts.notification.versionPublished": "Une nouvelle version de « {title} » a été publiée",
  },
  nl: {
    "texts.resource.text": "tekst",
    "texts.notification.versionPublished": "Er is een nieuwe versie van “{title}” gepubliceerd",
  },
  de: {
    "texts.resource.text": "Text",
    "texts.notification.versionPublished": "Eine neue Fassung von „{title}“ wurde veröffentlicht",
  },
};
