/** What the back-office forms of spaces accept (parsed from nested form values). */
import { z } from "zod";
import { checkbox, optionalDate, optionalText, translatable } from "../components/form-values";
import { isHttpUrl } from "../http/http-url";
import { isLocalPath } from "../http/local-path";

const slug = z
  .string({ message: "validation.required" })
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "validation.slug" })
  // "/processes/groups/..." is the group pages' address.
  .refine((v) => v !== "groups", { message: "validation.taken" });

const weight = z.preprocess((v) => (v === undefined || v === "" ? 0 : Number(v)), z.number().int().min(-1000).max(1000));

const optionalId = z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number().int().positive().optional());

/** Whether an address may be a hero image: an https URL or a file uploaded here before. */
export function isHeroImageUrl(v: string): boolean {
  return isHttpUrl(v, { httpsOnly: true }) || /^\/uploads\/[a-f0-9]{32}\.(png|jpe?g|gif|webp)$/.test(v);
}

/** Hero image by address: an https URL or a file uploaded here before. */
const heroUrl = optionalText(500).refine((v) => v === undefined || isHeroImageUrl(v), {
  message: "spaces.validation.imageUrl",
});

function datesInOrder(v: { startDate?: string | undefined; endDate?: string | undefined }, ctx: z.RefinementCtx) {
  if (v.startDate && v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "spaces.validation.endBeforeStart" });
}

export const spaceInput = z
  .object({
    slug,
    title: translatable({ required: true, max: 200 }),
    subtitle: translatable({ max: 200 }),
    shortDescription: translatable({ max: 1000 }),
    description: translatable({ max: 20000 }),
    heroImage: heroUrl,
    heroImageAlt: translatable({ max: 300 }),
    groupId: optionalId,
    parentId: optionalId,
    startDate: optionalDate,
    endDate: optionalDate,
    purpose: translatable({ max: 5000 }),
    composition: translatable({ max: 5000 }),
    isPrivate: checkbox,
    isTransparent: checkbox,
    promoted: checkbox,
    // Optional so that code creating spaces directly (seeds, tests) need not name it: manual by default.
    activateStepsByDate: checkbox.optional(),
    weight,
  })
  .superRefine(datesInOrder);
export type SpaceInput = z.infer<typeof spaceInput>;

/** A call to action leads somewhere on this platform: a path, never another site. */
const ctaPath = optionalText(300).refine((v) => v === undefined || (isLocalPath(v) && !/\s/.test(v)), { message: "spaces.validation.ctaPath" });

export const stepInput = z
  .object({
    title: translatable({ required: true, max: 200 }),
    description: translatable({ max: 5000 }),
    startDate: optionalDate,
    endDate: optionalDate,
    ctaText: translatable({ max: 60 }),
    ctaPath,
  })
  .superRefine(datesInOrder)
  .superRefine((v, ctx) => {
    const hasText = Object.values(v.ctaText).some(Boolean);
    if (hasText && !v.ctaPath) ctx.addIssue({ code: "custom", path: ["ctaPath"], message: "spaces.validation.ctaBoth" });
    if (!hasText && v.ctaPath) ctx.addIssue({ code: "custom", path: ["ctaText"], message: "spaces.validation.ctaBoth" });
  });
export type StepInput = z.infer<typeof stepInput>;

export const MEMBER_POSITIONS = ["president", "vice_president", "secretary", "member", "other"] as const;
export const MEMBER_DESIGNATIONS = ["drawn", "volunteer", "appointed", "elected"] as const;

/** A member's name is required, except for a drawn member who chose not to show it (shown as "A drawn member"). */
export const memberInput = z
  .object({
    name: z.string({ message: "validation.required" }).trim().max(200),
    position: z.enum(MEMBER_POSITIONS, { message: "validation.invalid" }),
    positionOther: translatable({ max: 200 }),
    designation: z.enum(MEMBER_DESIGNATIONS).optional(),
    ceasedAt: optionalDate,
    weight,
    userEmail: optionalText(320).refine((v) => v === undefined || z.email().safeParse(v).success, { message: "validation.email" }),
  })
  .superRefine(
    (v, ctx) => {
      if (v.name === "" && v.designation !== "drawn") ctx.addIssue({ code: "custom", path: ["name"], message: "validation.required" });
    },
    // Checked with the other fields' errors too, so the form lists every problem at once.
    { when: () => true },
  );
export type MemberInput = z.infer<typeof memberInput>;

export const SPACE_ROLES = ["admin", "moderator", "evaluator", "collaborator"] as const;

export const roleInput = z.object({
  email: z.email({ message: "validation.email" }),
  role: z.enum(SPACE_ROLES, { message: "validation.invalid" }),
});

export const privateUserInput = z.object({ email: z.email({ message: "validation.email" }) });

export const groupInput = z.object({
  title: translatable({ required: true, max: 200 }),
  description: translatable({ max: 5000 }),
  weight,
});
export type GroupInput = z.infer<typeof groupInput>;
