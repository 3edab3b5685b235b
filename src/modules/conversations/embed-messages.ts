/** Messages of the embedded conversation, in the four languages (merged into messages.ts). */
export const embedMessages = {
  en: {
    "conversations.embed.open": "Open the whole conversation (new tab)",
    "conversations.embed.voteThere": "To vote on this conversation, open it on the platform.",
    "conversations.embed.invalid": "This vote could not be recorded. Try again.",
  },
  fr: {
    "conversations.embed.open": "Ouvrir toute la conversation (nouvel onglet)",
    "conversations.embed.voteThere": "Pour voter dans cette conversation, ouvrez-la sur la plateforme.",
    "conversations.embed.invalid": "Ce vote n’a pas pu être enregistré. Réessayez.",
  },
  nl: {
    "conversations.embed.open": "Het hele gesprek openen (nieuw tabblad)",
    "conversations.embed.voteThere": "Open dit gesprek op het platform om te stemmen.",
    "conversations.embed.invalid": "Deze stem kon niet worden geregistreerd. Probeer het opnieuw.",
  },
  de: {
    "conversations.embed.open": "Das ganze Gespräch öffnen (neuer Tab)",
    "conversations.embed.voteThere": "Um in diesem Gespräch abzustimmen, öffnen Sie es auf der Plattform.",
    "conversations.embed.invalid": "Diese Stimme konnte nicht gespeichert werden. Versuchen Sie es erneut.",
  },
};
