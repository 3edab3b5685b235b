import { defineMessages } from "../i18n/define";

export default defineMessages({
  en: { "categories.title": "categories" },
  fr: { "categories.title": "categories" },
  nl: { "categories.title": "categories" },
  de: { "categories.title": "categories" },
});
