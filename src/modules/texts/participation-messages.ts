/** The messages of a block's page, annotations, amendments, adoption, archive and export (merged into messages.ts). */
import { annotationMessages } from "./annotation-messages";
import { amendmentMessages } from "./amendment-messages";

export const participationMessages = {
  en: { ...annotationMessages.en, ...amendmentMessages.en },
  fr: { ...annotationMessages.fr, ...amendmentMessages.fr },
  nl: { ...annotationMessages.nl, ...amendmentMessages.nl },
  de: { ...annotationMessages.de, ...amendmentMessages.de },
};
