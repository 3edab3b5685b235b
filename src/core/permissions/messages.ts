import { defineMessages } from "../i18n/define";

/** Why `can()` refused an action, shown to the person. */
export default defineMessages({
  en: {
    "permissions.notVisible": "This space is not open to you.",
    "permissions.roleRequired": "You need a role in this space to do this.",
    "permissions.unknownAction": "This action is not available here.",
    "permissions.componentUnpublished": "This feature is not published yet.",
    "permissions.signInRequired": "Please sign in to take part.",
    "permissions.handlerUnavailable": "A required verification is not available on this platform; please contact the organizers.",
    "permissions.handlerMisconfigured": "A required verification is misconfigured; please contact the organizers.",
    "permissions.pending": "You need to verify your account before you can do this.",
  },
  fr: {
    "permissions.notVisible": "Cet espace ne vous est pas ouvert.",
    "permissions.roleRequired": "Vous devez avoir un rôle dans cet espace pour faire ceci.",
    "permissions.unknownAction": "Cette action n’est pas disponible ici.",
    "permissions.componentUnpublished": "Cette fonctionnalité n’est pas encore publiée.",
    "permissions.signInRequired": "Veuillez vous connecter pour participer.",
    "permissions.handlerUnavailable": "Une vérification requise n’est pas disponible sur cette plateforme ; veuillez contacter les organisateurs.",
    "permissions.handlerMisconfigured": "Une vérification requise est mal configurée ; veuillez contacter les organisateurs.",
    "permissions.pending": "Vous devez vérifier votre compte avant de pouvoir faire ceci.",
  },
  nl: {
    "permissions.notVisible": "Deze ruimte is niet voor u toegankelijk.",
    "permissions.roleRequired": "U hebt een rol in deze ruimte nodig om dit te doen.",
    "permissions.unknownAction": "Deze actie is hier niet beschikbaar.",
    "permissions.componentUnpublished": "Deze functie is nog niet gepubliceerd.",
    "permissions.signInRequired": "Meld u aan om deel te nemen.",
    "permissions.handlerUnavailable": "Een vereiste verificatie is niet beschikbaar op dit platform; neem contact op met de organisatoren.",
    "permissions.handlerMisconfigured": "Een vereiste verificatie is verkeerd ingesteld; neem contact op met de organisatoren.",
    "permissions.pending": "U moet uw account verifiëren voordat u dit kunt doen.",
  },
  de: {
    "permissions.notVisible": "Dieser Raum ist für Sie nicht zugänglich.",
    "permissions.roleRequired": "Dafür benötigen Sie eine Rolle in diesem Raum.",
    "permissions.unknownAction": "Diese Aktion ist hier nicht verfügbar.",
    "permissions.componentUnpublished": "Diese Funktion ist noch nicht veröffentlicht.",
    "permissions.signInRequired": "Bitte melden Sie sich an, um teilzunehmen.",
    "permissions.handlerUnavailable": "Eine erforderliche Überprüfung ist auf dieser Plattform nicht verfügbar; bitte wenden Sie sich an die Veranstalter.",
    "permissions.handlerMisconfigured": "Eine erforderliche Überprüfung ist falsch eingerichtet; bitte wenden Sie sich an die Veranstalter.",
    "permissions.pending": "Sie müssen Ihr Konto überprüfen, bevor Sie dies tun können.",
  },
});
