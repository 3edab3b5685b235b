import { defineMessages } from "../i18n/define";

/** In-app notifications. */
export default defineMessages({
  en: {
    "notifications.title": "Notifications",
    "notifications.nav": "{count, plural, =0 {Notifications} one {Notifications (# new)} other {Notifications (# new)}}",
    "notifications.empty": "You have no notifications yet. You will be told here when something you follow changes.",
    "notifications.markAllRead": "Mark all as read",
    "notifications.allRead": "All notifications are marked as read.",
    "notifications.new": "New:",
    "notifications.older": "Older notifications",
  },
  fr: {
    "notifications.title": "Notifications",
    "notifications.nav": "{count, plural, =0 {Notifications} one {Notifications (# nouvelle)} other {Notifications (# nouvelles)}}",
    "notifications.empty": "Vous n’avez pas encore de notification. Vous serez averti ici quand ce que vous suivez change.",
    "notifications.markAllRead": "Tout marquer comme lu",
    "notifications.allRead": "Toutes les notifications sont marquées comme lues.",
    "notifications.new": "Nouveau :",
    "notifications.older": "Notifications plus anciennes",
  },
  nl: {
    "notifications.title": "Meldingen",
    "notifications.nav": "{count, plural, =0 {Meldingen} one {Meldingen (# nieuw)} other {Meldingen (# nieuw)}}",
    "notifications.empty": "U hebt nog geen meldingen. U wordt hier verwittigd wanneer iets wat u volgt verandert.",
    "notifications.markAllRead": "Alles als gelezen markeren",
    "notifications.allRead": "Alle meldingen zijn als gelezen gemarkeerd.",
    "notifications.new": "Nieuw:",
    "notifications.older": "Oudere meldingen",
  },
  de: {
    "notifications.title": "Benachrichtigungen",
    "notifications.nav": "{count, plural, =0 {Benachrichtigungen} one {Benachrichtigungen (# neu)} other {Benachrichtigungen (# neu)}}",
    "notifications.empty": "Sie haben noch keine Benachrichtigungen. Hier erfahren Sie, wenn sich etwas ändert, dem Sie folgen.",
    "notifications.markAllRead": "Alle als gelesen markieren",
    "notifications.allRead": "Alle Benachrichtigungen sind als gelesen markiert.",
    "notifications.new": "Neu:",
    "notifications.older": "Ältere Benachrichtigungen",
  },
});
