/** Messages of the budgets component's paper part, in the four languages (merged into messages.ts). */
export const paperMessages = {
  en: {},
  fr: {},
  nl: {},
  de: {},
} as const;
