/** Messages of the budgets component's outcome part, in the four languages (merged into messages.ts). */
export const outcomeMessages = {
  en: {},
  fr: {},
  nl: {},
  de: {},
} as const;
