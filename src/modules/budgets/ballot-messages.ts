/** Messages of the budgets component's ballot part, in the four languages (merged into messages.ts). */
export const ballotMessages = {
  en: {},
  fr: {},
  nl: {},
  de: {},
} as const;
