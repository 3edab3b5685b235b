import { defineMessages } from "../i18n/define";

export default defineMessages({
  en: { "follows.title": "follows" },
  fr: { "follows.title": "follows" },
  nl: { "follows.title": "follows" },
  de: { "follows.title": "follows" },
});
