/** The theme forms: every token for the organization; any subset for a space (blank = inherit). */
import { z } from "zod";
import { isHttpUrl } from "../http/http-url";
import { isLocalPath } from "../http/local-path";
import { FONT_STACKS, type ThemeTokens } from "./tokens";

export const COLOR_TOKENS = [
  "colorText",
  "colorMuted",
  "colorBackground",
  "colorSurface",
  "colorLink",
  "colorPrimary",
  "colorOnPrimary",
  "colorSecondary",
  "colorOnSecondary",
  "colorError",
  "colorSuccess",
  "colorFocus",
] as const satisfies ReadonlyArray<keyof ThemeTokens>;
export type ColorToken = (typeof COLOR_TOKENS)[number];

export const FONT_CHOICES = Object.keys(FONT_STACKS) as Array<ThemeTokens["fontFamily"]>;

/** `#rgb` or `#rrggbb`, stored as lower-case `#rrggbb` (what `<input type=color>` and the CSS expect). */
export const hexColor = z
  .string()
  .trim()
  .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "theme.invalidColor")
  .transform((v) => (v.length === 4 ? `#${[...v.slice(1)].map((c) => c + c).join("")}` : v).toLowerCase());

/** A logo from this site (`/assets/...`) or over HTTPS; never `javascript:` or protocol-relative URLs. */
const logoUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === "" || isHttpUrl(v, { httpsOnly: true }) || (isLocalPath(v) && !/["'<>`]/.test(v)), "theme.invalidLogo");

const radius = z.string().trim().regex(/^\d{1,2}(\.\d+)?(px|rem|em)$|^0$/, "theme.invalidRadius");

const fontFamily = z.enum(FONT_CHOICES as [ThemeTokens["fontFamily"], ...Array<ThemeTokens["fontFamily"]>]);

const colorShape = Object.fromEntries(COLOR_TOKENS.map((k) => [k, hexColor])) as Record<ColorToken, typeof hexColor>;
const optionalColorShape = Object.fromEntries(COLOR_TOKENS.map((k) => [k, hexColor.optional()])) as Record<ColorToken, z.ZodOptional<typeof hexColor>>;

/** The organization's theme: every token. */
export const organizationThemeForm = z.object({ ...colorShape, fontFamily, logoUrl: logoUrl.default(""), radius: radius.default("6px") });

/** A space's overrides: only the tokens given (the form's blanks arrive as undefined). */
export const spaceThemeForm = z.object({ ...optionalColorShape, fontFamily: fontFamily.optional(), logoUrl: logoUrl.optional(), radius: radius.optional() });

/** Drops undefined values, so what is stored is exactly the overrides. */
export function overridesOf(value: z.infer<typeof spaceThemeForm>): Partial<ThemeTokens> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as Partial<ThemeTokens>;
}
