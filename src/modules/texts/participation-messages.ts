/** The messages of a block's page, annotations, amendments, adoption, archive and export (merged into messages.ts). */
import { annotationMessages } from "./annotation-messages";
import { adoptionMessages } from "./adoption-messages";
import { amendmentMessages } from "./amendment-messages";
import { archiveMessages } from "./archive-messages";
import { exportMessages } from "./export-messages";

export const participationMessages = {
  en: { ...annotationMessages.en, ...amendmentMessages.en, ...adoptionMessages.en, ...archiveMessages.en, ...exportMessages.en },
  fr: { ...annotationMessages.fr, ...amendmentMessages.fr, ...adoptionMessages.fr, ...archiveMessages.fr, ...exportMessages.fr },
  nl: { ...annotationMessages.nl, ...amendmentMessages.nl, ...adoptionMessages.nl, ...archiveMessages.nl, ...exportMessages.nl },
  de: { ...annotationMessages.de, ...amendmentMessages.de, ...adoptionMessages.de, ...archiveMessages.de, ...exportMessages.de },
};
