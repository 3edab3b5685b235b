/** Messages of proposals' evaluation (evaluators, private notes), answers imported from CSV and the attachments setting; spread into the component's catalogue. */
export const evaluationMessages = {
  en: {
    "proposals.settings.attachmentsMax": "Images and PDF documents one proposal may hold (0: none, 10 at most)",
  },
  fr: {
    "proposals.settings.attachmentsMax": "Images et documents PDF qu’une proposition peut joindre (0 : aucun, 10 au plus)",
  },
  nl: {
    "proposals.settings.attachmentsMax": "Afbeeldingen en PDF-documenten die één voorstel mag bevatten (0: geen, hoogstens 10)",
  },
  de: {
    "proposals.settings.attachmentsMax": "Bilder und PDF-Dokumente, die ein Vorschlag enthalten darf (0: keine, höchstens 10)",
  },
} as const;
