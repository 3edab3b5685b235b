/** What the proposal forms accept; lengths come from the component's settings. Messages are message keys. */
import { z } from "zod";
import { translatable } from "../../core/components/form-values";
import { LOCALES } from "../../core/i18n/locales";
import type { ProposalSettings } from "./settings";

/** A participant's text is plain: no HTML is ever rendered from it. */
export const TITLE_MIN = 10;
export const BODY_MIN = 15;

const optionalId = z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "validation.invalid" }).int().positive().max(Number.MAX_SAFE_INTEGER).optional());

/** Titles in capitals shout; Decidim refuses them too (only when there are letters to speak of). */
const notShouting = (v: string) => {
  const letters = v.replace(/[^\p{L}]/gu, "");
  return letters.length < 8 || letters !== letters.toUpperCase();
};

export function proposalInput(settings: Pick<ProposalSettings, "titleMaxLength" | "bodyMaxLength">) {
  return z.object({
    title: z
      .string({ message: "validation.required" })
      .trim()
      .min(TITLE_MIN, { message: "proposals.validation.titleLength" })
      .max(settings.titleMaxLength, { message: "proposals.validation.titleLength" })
      .refine(notShouting, { message: "proposals.validation.shouting" }),
    body: z
      .string({ message: "validation.required" })
      .trim()
      .min(BODY_MIN, { message: "proposals.validation.bodyLength" })
      .max(settings.bodyMaxLength, { message: "proposals.validation.bodyLength" }),
    language: z.enum(LOCALES, { message: "validation.required" }),
    categoryId: optionalId,
    scopeId: optionalId,
  });
}
export type ProposalInput = z.infer<ReturnType<typeof proposalInput>>;

/** An official proposal: translatable title and body (at least one language). */
export const officialInput = z.object({
  title: translatable({ required: true, max: 300 }),
  body: translatable({ required: true, max: 50_000 }),
  categoryId: optionalId,
  scopeId: optionalId,
});
export type OfficialInput = z.infer<typeof officialInput>;

/** "1 234,50", "1234.5" or "1234": euros, to cents. */
const euros = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const s = (v ?? "").replace(/[\s\u00a0\u202f€]/g, "");
    if (s === "") return undefined;
    const normal = /^\d{1,12}([.,]\d{1,2})?$/.test(s) ? s.replace(",", ".") : null;
    if (normal === null) {
      ctx.addIssue({ code: "custom", message: "proposals.validation.cost" });
      return z.NEVER;
    }
    return Math.round(Number(normal) * 100);
  });

export const answerInput = z.object({
  stateId: z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "validation.required" }).int().positive()),
  answer: translatable({ max: 20_000 }),
  cost: euros,
  costReport: translatable({ max: 5_000 }),
  executionPeriod: translatable({ max: 1_000 }),
});
export type AnswerInput = z.infer<typeof answerInput>;

const hex = z.string({ message: "validation.required" }).trim().regex(/^#[0-9a-fA-F]{6}$/, { message: "proposals.validation.color" });

export const stateInput = z.object({
  token: z
    .string({ message: "validation.required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: "proposals.validation.token" }),
  name: translatable({ required: true, max: 100 }),
  bgColor: hex,
  textColor: hex,
  weight: z.preprocess((v) => (v === undefined || v === "" ? 0 : Number(v)), z.number({ message: "validation.number" }).int().min(-1000).max(1000)),
});
export type StateInput = z.infer<typeof stateInput>;
