/** Messages of the budgets component's admin part, in the four languages (merged into messages.ts). */
export const budgetAdminMessages = {
  en: {},
  fr: {},
  nl: {},
  de: {},
} as const;
