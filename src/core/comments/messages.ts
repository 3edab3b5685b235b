import { defineMessages } from "../i18n/define";

/** Comments on any resource, and the kit's component settings. */
export default defineMessages({
  en: {
    "comments.settings.commentsEnabled": "Comments enabled",
    "comments.settings.commentsBlocked": "Comments blocked (read-only)",
    "comments.settings.commentsMaxLength": "Longest comment, in characters (0: the organization's limit)",
    "comments.settings.commentEditWindowMinutes": "Minutes during which authors may edit their comment",
    "comments.settings.endorsementsEnabled": "Endorsements enabled",
    "comments.settings.endorsementsBlocked": "Endorsements blocked (the list stays visible)",
    "comments.action.comment": "Comment",
    "comments.action.endorse": "Endorse",
  },
  fr: {
    "comments.settings.commentsEnabled": "Commentaires activés",
    "comments.settings.commentsBlocked": "Commentaires bloqués (lecture seule)",
    "comments.settings.commentsMaxLength": "Longueur maximale d’un commentaire, en caractères (0 : la limite de l’organisation)",
    "comments.settings.commentEditWindowMinutes": "Minutes pendant lesquelles l’auteur peut modifier son commentaire",
    "comments.settings.endorsementsEnabled": "Soutiens activés",
    "comments.settings.endorsementsBlocked": "Soutiens bloqués (la liste reste visible)",
    "comments.action.comment": "Commenter",
    "comments.action.endorse": "Soutenir",
  },
  nl: {
    "comments.settings.commentsEnabled": "Reacties ingeschakeld",
    "comments.settings.commentsBlocked": "Reacties geblokkeerd (alleen lezen)",
    "comments.settings.commentsMaxLength": "Langste reactie, in tekens (0: de limiet van de organisatie)",
    "comments.settings.commentEditWindowMinutes": "Minuten waarin de auteur een reactie kan bewerken",
    "comments.settings.endorsementsEnabled": "Steunbetuigingen ingeschakeld",
    "comments.settings.endorsementsBlocked": "Steunbetuigingen geblokkeerd (de lijst blijft zichtbaar)",
    "comments.action.comment": "Reageren",
    "comments.action.endorse": "Steunen",
  },
  de: {
    "comments.settings.commentsEnabled": "Kommentare aktiviert",
    "comments.settings.commentsBlocked": "Kommentare gesperrt (nur lesen)",
    "comments.settings.commentsMaxLength": "Längster Kommentar, in Zeichen (0: die Grenze der Organisation)",
    "comments.settings.commentEditWindowMinutes": "Minuten, in denen Autorinnen und Autoren ihren Kommentar bearbeiten können",
    "comments.settings.endorsementsEnabled": "Unterstützungen aktiviert",
    "comments.settings.endorsementsBlocked": "Unterstützungen gesperrt (die Liste bleibt sichtbar)",
    "comments.action.comment": "Kommentieren",
    "comments.action.endorse": "Unterstützen",
  },
});
