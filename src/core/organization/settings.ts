/** The organization's settings (names, languages, host), changed by administrators; audited. */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { stringList } from "../components/form-values";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { ok, type Result } from "../http/result";
import { LOCALES, type Locale, type Translatable } from "../i18n/locales";
import { organizations } from "./schema";
import { invalidateOrganization } from "./service";

const HOST = /^(localhost|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+)(:\d{1,5})?$/i;

const nameShape = Object.fromEntries(LOCALES.map((l) => [`name_${l}`, z.string().trim().max(120).optional()])) as Record<`name_${Locale}`, z.ZodOptional<z.ZodString>>;
const descriptionShape = Object.fromEntries(LOCALES.map((l) => [`description_${l}`, z.string().trim().max(2000).optional()])) as Record<`description_${Locale}`, z.ZodOptional<z.ZodString>>;
const termsShape = Object.fromEntries(LOCALES.map((l) => [`terms_${l}`, z.string().trim().max(50_000).optional()])) as Record<`terms_${Locale}`, z.ZodOptional<z.ZodString>>;

/** HTML sends one checked box as a string and several as an array; none at all as nothing. */
const localeList = z.preprocess(stringList, z.array(z.enum(LOCALES)).min(1, "organization.localesRequired"));

export const settingsForm = z
  .object({
    ...nameShape,
    ...descriptionShape,
    ...termsShape,
    defaultLocale: z.enum(LOCALES),
    availableLocales: localeList,
    host: z.string().trim().toLowerCase().max(253).regex(HOST, "organization.invalidHost"),
    /** Reports from different people that hide a thing until reviewed (src/core/moderation); kept when not sent. */
    reportThreshold: z.coerce.number().int().min(1).max(100).optional(),
    /** The longest comment where a component sets no limit of its own (src/core/comments); kept when not sent. */
    commentMaxLength: z.coerce.number().int().min(100).max(100_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.availableLocales.includes(v.defaultLocale)) ctx.addIssue({ code: "custom", path: ["defaultLocale"], message: "organization.defaultNotAvailable" });
    if (!v[`name_${v.defaultLocale}`]) ctx.addIssue({ code: "custom", path: [`name_${v.defaultLocale}`], message: "organization.nameRequired" });
  });
export type SettingsInput = z.infer<typeof settingsForm>;

export interface OrganizationSettings {
  name: Translatable;
  description: Translatable;
  termsOfUse: Translatable;
  defaultLocale: Locale;
  availableLocales: Locale[];
  host: string;
  reportThreshold?: number;
  commentMaxLength?: number;
}

const translatable = (input: SettingsInput, prefix: "name" | "description" | "terms"): Translatable =>
  Object.fromEntries(LOCALES.flatMap((l) => {
    const v = input[`${prefix}_${l}`];
    return v ? [[l, v]] : [];
  }));

/** The settings from a parsed form: languages kept in the platform's order. */
export function settingsFromForm(input: SettingsInput): OrganizationSettings {
  return {
    name: translatable(input, "name"),
    description: translatable(input, "description"),
    termsOfUse: translatable(input, "terms"),
    defaultLocale: input.defaultLocale,
    availableLocales: LOCALES.filter((l) => input.availableLocales.includes(l)),
    host: input.host,
    ...(input.reportThreshold === undefined ? {} : { reportThreshold: input.reportThreshold }),
    ...(input.commentMaxLength === undefined ? {} : { commentMaxLength: input.commentMaxLength }),
  };
}

export async function saveOrganizationSettings(db: Db, actor: { id: number; ip?: string | null }, settings: OrganizationSettings): Promise<Result<OrganizationSettings>> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(organizations).where(eq(organizations.id, 1)).for("update");
    if (row) await tx.update(organizations).set({ ...settings, updatedAt: new Date() }).where(eq(organizations.id, 1));
    else await tx.insert(organizations).values({ id: 1, ...settings });
    const before = row ? { name: row.name, description: row.description, termsOfUse: row.termsOfUse, defaultLocale: row.defaultLocale, availableLocales: row.availableLocales, host: row.host, reportThreshold: row.reportThreshold, commentMaxLength: row.commentMaxLength } : null;
    await audit(tx, { actorId: actor.id, action: "organization.update", resourceType: "organization", resourceId: 1, before, after: settings, ip: actor.ip ?? null });
  });
  // After the commit: a request between the update and the commit must not re-cache the old row.
  invalidateOrganization();
  return ok(settings);
}
