/**
 * A theme is a set of design-token values, written into CSS custom properties. The organization has one;
 * a space may override any of its tokens (the students', parents' and teachers' budgets each look like
 * their own).
 */
export interface ThemeTokens {
  colorPrimary: string;
  colorOnPrimary: string;
  colorSecondary: string;
  colorOnSecondary: string;
  colorBackground: string;
  colorSurface: string;
  colorText: string;
  colorMuted: string;
  colorLink: string;
  colorFocus: string;
  colorError: string;
  colorSuccess: string;
  fontFamily: "system" | "serif" | "rounded" | "humanist" | "mono";
  logoUrl: string;
  radius: string;
}

export const DEFAULT_THEME: ThemeTokens = {
  colorPrimary: "#1f4e8c",
  colorOnPrimary: "#ffffff",
  colorSecondary: "#6b2a6f",
  colorOnSecondary: "#ffffff",
  colorBackground: "#ffffff",
  colorSurface: "#f4f6f9",
  colorText: "#1b1f24",
  colorMuted: "#4d5866",
  colorLink: "#1a4f96",
  colorFocus: "#b35900",
  colorError: "#b3261e",
  colorSuccess: "#1e6b34",
  fontFamily: "system",
  logoUrl: "",
  radius: "6px",
};

export const FONT_STACKS: Record<ThemeTokens["fontFamily"], string> = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  serif: 'Georgia, "Times New Roman", "Noto Serif", serif',
  rounded: '"Nunito", "Varela Round", "Arial Rounded MT Bold", system-ui, sans-serif',
  humanist: '"Gill Sans", "Trebuchet MS", Optima, Candara, sans-serif',
  mono: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
};

/** The organization theme with a space's overrides applied on top. */
export function resolveTheme(org: Partial<ThemeTokens>, space?: Partial<ThemeTokens> | null): ThemeTokens {
  return { ...DEFAULT_THEME, ...org, ...(space ?? {}) };
}

const CSS_VARS: Record<Exclude<keyof ThemeTokens, "fontFamily" | "logoUrl">, string> = {
  colorPrimary: "--color-primary",
  colorOnPrimary: "--color-on-primary",
  colorSecondary: "--color-secondary",
  colorOnSecondary: "--color-on-secondary",
  colorBackground: "--color-background",
  colorSurface: "--color-surface",
  colorText: "--color-text",
  colorMuted: "--color-muted",
  colorLink: "--color-link",
  colorFocus: "--color-focus",
  colorError: "--color-error",
  colorSuccess: "--color-success",
  radius: "--radius",
};

const SAFE_VALUE = /^(#[0-9a-fA-F]{3,8}|\d+(\.\d+)?(px|rem|em)?)$/;

/** The theme as a `:root{...}` rule; values are validated so nothing can break out of the rule. */
export function themeToCss(theme: ThemeTokens): string {
  const decls = Object.entries(CSS_VARS)
    .map(([key, name]) => {
      const value = theme[key as keyof typeof CSS_VARS];
      return SAFE_VALUE.test(value) ? `${name}:${value}` : "";
    })
    .filter(Boolean);
  decls.push(`--font-family:${FONT_STACKS[theme.fontFamily] ?? FONT_STACKS.system}`);
  return `:root{${decls.join(";")}}`;
}
