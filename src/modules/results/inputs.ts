/** What the results forms accept. Messages are message keys. */
import { z } from "zod";
import { optionalDate, optionalText, stringList, translatable } from "../../core/components/form-values";

const optionalId = z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "validation.invalid" }).int().positive().max(Number.MAX_SAFE_INTEGER).optional());

/** 0–100, blank for none; "42,5" and "42.5" both read. */
export const optionalProgress = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : typeof v === "string" ? Number(v.trim().replace(",", ".").replace(/\s*%$/, "")) : v),
  z.number({ message: "results.validation.progress" }).min(0, { message: "results.validation.progress" }).max(100, { message: "results.validation.progress" }).optional(),
);

const REF = /^(?:([a-z][a-z_]{0,39}):)?(\d{1,15})$/;

/** Linked resources: ticked in the list ("proposal:12") and typed ("12, proposal:13"; a bare number is a proposal). */
export const linksField = z.preprocess(
  (v) => v,
  z.object({ picked: z.unknown(), typed: z.string().max(2_000).optional() }).transform((v, ctx) => {
    const tokens = [...stringList(v.picked), ...(v.typed ?? "").split(/[\s,;]+/)].map((s) => s.trim()).filter(Boolean);
    const refs: Array<{ type: string; id: number }> = [];
    for (const token of tokens) {
      const m = REF.exec(token);
      if (!m) {
        ctx.addIssue({ code: "custom", message: "results.validation.linkFormat", path: ["typed"] });
        return z.NEVER;
      }
      const ref = { type: m[1] ?? "proposal", id: Number(m[2]) };
      if (!refs.some((r) => r.type === ref.type && r.id === ref.id)) refs.push(ref);
    }
    return refs;
  }),
);

export const resultInput = z
  .object({
    title: translatable({ required: true, max: 300 }),
    description: translatable({ max: 20_000 }),
    parentId: optionalId,
    externalId: optionalText(100),
    categoryId: optionalId,
    scopeId: optionalId,
    startDate: optionalDate,
    endDate: optionalDate,
    statusId: optionalId,
    progress: optionalProgress,
    linkPicked: z.unknown().optional(),
    linkTyped: z.string().max(2_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: "custom", message: "results.validation.endBeforeStart", path: ["endDate"] });
  })
  .transform((v, ctx) => {
    const links = linksField.safeParse({ picked: v.linkPicked, typed: v.linkTyped });
    if (!links.success) {
      ctx.addIssue({ code: "custom", message: "results.validation.linkFormat", path: ["linkTyped"] });
      return z.NEVER;
    }
    const { linkPicked: _p, linkTyped: _t, ...rest } = v;
    return { ...rest, links: links.data };
  });
export type ResultInput = z.infer<typeof resultInput>;

export const updateInput = z.object({
  entryDate: z.string({ message: "validation.required" }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "validation.date" }).refine((v) => !Number.isNaN(Date.parse(v)), { message: "validation.date" }),
  text: translatable({ required: true, max: 5_000 }),
  statusId: optionalId,
  progress: optionalProgress,
});
export type UpdateInput = z.infer<typeof updateInput>;

export const statusInput = z.object({
  token: z
    .string({ message: "validation.required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: "results.validation.token" }),
  name: translatable({ required: true, max: 100 }),
  progress: z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "results.validation.progress" }).int({ message: "results.validation.progress" }).min(0, { message: "results.validation.progress" }).max(100, { message: "results.validation.progress" }).optional()),
  weight: z.preprocess((v) => (v === undefined || v === "" ? 0 : Number(v)), z.number({ message: "validation.number" }).int().min(-1000).max(1000)),
});
export type StatusInput = z.infer<typeof statusInput>;
