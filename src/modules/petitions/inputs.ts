/** What the petition forms accept. Messages are message keys, shown next to the fields. */
import { z } from "zod";
import { httpUrl } from "../../core/http/http-url";
import { LOCALES } from "../../core/i18n/locales";
import type { SignerField } from "./schema";

const id = z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "validation.required" }).int().positive());
const optionalId = z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "validation.invalid" }).int().positive().max(Number.MAX_SAFE_INTEGER).optional());
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const petitionInput = z.object({
  typeId: id,
  title: z.string({ message: "validation.required" }).trim().min(10, { message: "petitions.validation.titleLength" }).max(150, { message: "petitions.validation.titleLength" }),
  summary: z.string().trim().max(500).default(""),
  body: z.string({ message: "validation.required" }).trim().min(30, { message: "petitions.validation.bodyLength" }).max(10_000),
  language: z.enum(LOCALES, { message: "validation.required" }),
  /** The space's category and the organization's scope it is filed under (checked by the workflow). */
  categoryId: optionalId,
  scopeId: optionalId,
});
export type PetitionInput = z.infer<typeof petitionInput>;

/** A name as people sign with it: no formula prefixes (CSV injection), no links. */
const signerName = z
  .string({ message: "validation.required" })
  .trim()
  .min(2, { message: "validation.required" })
  .max(255)
  .refine((v) => !/^[-=+@]/.test(v) && !/(https?:|www\.)/i.test(v), { message: "petitions.validation.name" });

export const signatureInput = z.object({
  name: signerName,
  email: z.email({ message: "validation.email" }).max(254),
  birthDate: z.string({ message: "validation.required" }).max(20),
  postalCode: z.string({ message: "validation.required" }).max(12),
  showName: checkbox,
});
export type SignatureInput = z.infer<typeof signatureInput>;

/** Who signs: a visitor (gives an email), an account (its email), or an account whose verification vouches for age and residence. */
export type SignerKind = "visitor" | "account" | "verified";

/** What one signer sent, with the attributes the type does not ask for left empty. */
export interface SignerInput {
  name: string;
  email: string;
  birthDate: string;
  postalCode: string;
  showName: boolean;
}

const optional = (max: number) => z.string().max(max).optional().transform((v) => v ?? "");
const schemas = new Map<string, z.ZodType<SignerInput>>();

/**
 * The signing form's schema for a type's attributes and a kind of signer: what the type does not ask
 * for is ignored, and an account's name may be left empty (the account's name is used).
 */
export function signerInputFor(fields: readonly SignerField[], kind: SignerKind): z.ZodType<SignerInput> {
  const key = `${kind}:${[...fields].sort().join(",")}`;
  let schema = schemas.get(key);
  if (!schema) {
    const asks = (f: SignerField) => fields.includes(f) && !(kind === "verified" && f !== "name");
    schema = z.object({
      name: asks("name") ? (kind === "visitor" ? signerName : signerName.optional().transform((v) => v ?? "")) : z.any().optional().transform(() => ""),
      email: kind === "visitor" ? z.email({ message: "validation.email" }).max(254) : z.any().optional().transform(() => ""),
      birthDate: asks("birthDate") ? signatureInput.shape.birthDate : optional(20).transform(() => ""),
      postalCode: asks("postalCode") ? signatureInput.shape.postalCode : optional(12).transform(() => ""),
      showName: fields.includes("name") ? checkbox : z.any().optional().transform(() => false),
    });
    schemas.set(key, schema);
  }
  return schema;
}

export const assessmentInput = z.object({
  met: z.enum(["met", "not_met"], { message: "validation.required" }),
  note: z.string().trim().max(2000).default(""),
});

export const transitionInput = z.object({
  to: z.string({ message: "validation.required" }).max(40),
  note: z.string().trim().max(5000).optional(),
  hearingAt: z.string().trim().max(30).optional(),
  hearingLink: httpUrl().optional(),
  answer: z.string().trim().max(20_000).optional(),
  answerUrl: httpUrl().optional(),
});
export type TransitionForm = z.infer<typeof transitionInput>;

export const paperInput = z.object({
  region: z.string({ message: "validation.required" }).max(20),
  count: z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "validation.number" }).int().min(-1_000_000).max(1_000_000)),
});

export const invalidationInput = z
  .object({
    petitionId: z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number().int().positive().optional()),
    ip: z.union([z.ipv4(), z.ipv6()], { message: "petitions.validation.ip" }).optional(),
    domain: z.string().trim().toLowerCase().max(253).regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, { message: "petitions.validation.domain" }).optional(),
    from: z.string().trim().max(30).optional(),
    to: z.string().trim().max(30).optional(),
  })
  .refine((v) => Boolean(v.ip || v.domain || v.from || v.to), { message: "petitions.validation.criterionRequired", path: ["_form"] });
export type InvalidationInput = z.infer<typeof invalidationInput>;

export const noteInput = z.object({ body: z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(5000) });

export { checkbox };
