/**
 * WCAG 2.1 contrast: relative luminance and contrast ratio of sRGB colours, and the text/background
 * pairs a theme must keep at AA (4.5:1 for normal text).
 */
import type { ThemeTokens } from "./tokens";

export const AA_NORMAL_TEXT = 4.5;

/** `#rgb`, `#rrggbb` (alpha forms are refused: contrast over an unknown backdrop is undefined). */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance (0 for black, 1 for white). */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio of two colours, from 1 to 21; null if either is not a hex colour. */
export function contrastRatio(a: string, b: string): number | null {
  const ca = parseHex(a);
  const cb = parseHex(b);
  if (!ca || !cb) return null;
  const [hi, lo] = [relativeLuminance(ca), relativeLuminance(cb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

type ColorToken = Exclude<keyof ThemeTokens, "fontFamily" | "logoUrl" | "radius">;

export interface ContrastPair {
  id: string;
  foreground: ColorToken;
  background: ColorToken;
}

/** Every foreground the layout draws on every background it draws it on. */
export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  { id: "textBackground", foreground: "colorText", background: "colorBackground" },
  { id: "textSurface", foreground: "colorText", background: "colorSurface" },
  { id: "mutedBackground", foreground: "colorMuted", background: "colorBackground" },
  { id: "linkBackground", foreground: "colorLink", background: "colorBackground" },
  { id: "onPrimaryPrimary", foreground: "colorOnPrimary", background: "colorPrimary" },
  { id: "onSecondarySecondary", foreground: "colorOnSecondary", background: "colorSecondary" },
  { id: "errorBackground", foreground: "colorError", background: "colorBackground" },
  { id: "successBackground", foreground: "colorSuccess", background: "colorBackground" },
];

export interface ContrastFailure extends ContrastPair {
  ratio: number;
}

/**
 * A ratio rounded to two decimals for display (#777 on #fff shows 4.48), except that a failing ratio
 * never shows as the threshold: 4.497 shows 4.49, not 4.50.
 */
export function displayRatio(x: number, minimum = AA_NORMAL_TEXT): number {
  const rounded = Math.round(x * 100) / 100;
  return x < minimum && rounded >= minimum ? Math.floor(x * 100) / 100 : rounded;
}

/** The pairs below AA, with their ratios (a pair whose colours do not parse counts as failing, ratio 1). */
export function failingPairs(theme: ThemeTokens, minimum = AA_NORMAL_TEXT): ContrastFailure[] {
  const out: ContrastFailure[] = [];
  for (const pair of CONTRAST_PAIRS) {
    const ratio = contrastRatio(theme[pair.foreground], theme[pair.background]) ?? 1;
    if (ratio < minimum) out.push({ ...pair, ratio: displayRatio(ratio, minimum) });
  }
  return out;
}
