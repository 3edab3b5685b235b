import { defineMessages } from "../i18n/define";

export default defineMessages({
  en: { "moderation.title": "moderation" },
  fr: { "moderation.title": "moderation" },
  nl: { "moderation.title": "moderation" },
  de: { "moderation.title": "moderation" },
});
