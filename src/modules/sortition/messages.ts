import { defineMessages } from "../../core/i18n/define";
import { adminMessages } from "./admin-messages";
import { compositionMessages } from "./composition-messages";
import { recordMessages } from "./record-messages";
import { recruitmentMessages } from "./recruitment-messages";
import { registrationMessages } from "./registration-messages";
import { seatingMessages } from "./seating-messages";

/** The sortition component, in the four languages. Each part keeps its messages in its own file. */
export default defineMessages({
  en: {
    ...adminMessages.en,
    ...recordMessages.en,
    ...recruitmentMessages.en,
    ...registrationMessages.en,
    ...compositionMessages.en,
    ...seatingMessages.en,
    "sortition.component.label": "Draws by lot",
    "sortition.component.description": "Draw an assembly's members by lot from a pool, with quotas per category and a public, verifiable record.",
  },
  fr: {
    ...adminMessages.fr,
    ...recordMessages.fr,
    ...recruitmentMessages.fr,
    ...registrationMessages.fr,
    ...compositionMessages.fr,
    ...seatingMessages.fr,
    "sortition.component.label": "Tirages au sort",
    "sortition.component.description": "Tirer au sort les membres d’une assemblée dans un vivier, avec des quotas par catégorie et un procès-verbal public et vérifiable.",
  },
  nl: {
    ...adminMessages.nl,
    ...recordMessages.nl,
    ...recruitmentMessages.nl,
    ...registrationMessages.nl,
    ...compositionMessages.nl,
    ...seatingMessages.nl,
    "sortition.component.label": "Lotingen",
    "sortition.component.description": "De leden van een assemblee uitloten uit een pool, met quota per categorie en een openbaar, controleerbaar proces-verbaal.",
  },
  de: {
    ...adminMessages.de,
    ...recordMessages.de,
    ...recruitmentMessages.de,
    ...registrationMessages.de,
    ...compositionMessages.de,
    ...seatingMessages.de,
    "sortition.component.label": "Auslosungen",
    "sortition.component.description": "Die Mitglieder einer Versammlung aus einem Pool auslosen, mit Quoten je Kategorie und einem öffentlichen, überprüfbaren Protokoll.",
  },
});
