/** What the back-office forms of categories and scopes accept (parsed from nested form values). */
import { z } from "zod";
import { optionalText, translatable } from "../components/form-values";

const weight = z.preprocess((v) => (v === undefined || v === "" ? 0 : Number(v)), z.number({ message: "validation.number" }).int().min(-1000).max(1000));

/** A select of ids: blank means none. */
const optionalId = z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "validation.invalid" }).int().positive().max(Number.MAX_SAFE_INTEGER).optional());

export const categoryInput = z.object({
  name: translatable({ required: true, max: 120 }),
  description: translatable({ max: 2000 }),
  parentId: optionalId,
  weight,
});
export type CategoryInput = z.infer<typeof categoryInput>;

/** An official code (statistical code of a municipality, a school's number): compared as written. */
const code = optionalText(40).refine((v) => v === undefined || /^[A-Za-z0-9._-]+$/.test(v), { message: "categories.scopes.validation.code" });

export const scopeInput = z.object({
  name: translatable({ required: true, max: 120 }),
  scopeType: translatable({ max: 80 }),
  code,
  parentId: optionalId,
  weight,
});
export type ScopeInput = z.infer<typeof scopeInput>;
