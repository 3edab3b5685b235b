/** The appearance pages: the theme form, the contrast of each pair, and a preview. */
import type { RequestContext } from "../http/context";
import type { FieldErrors } from "../http/result";
import type { MessageKey } from "../i18n/catalogues";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { Form, Select, Submit, TextField } from "../../web/ui/forms";
import { AA_NORMAL_TEXT, CONTRAST_PAIRS, contrastRatio, displayRatio } from "./contrast";
import { COLOR_TOKENS, FONT_CHOICES, type ColorToken } from "./form";
import { DEFAULT_THEME, themeToCss, type ThemeTokens } from "./tokens";

const TOKEN_LABELS: Record<ColorToken | "fontFamily" | "logoUrl" | "radius", MessageKey> = {
  colorText: "theme.token.colorText",
  colorMuted: "theme.token.colorMuted",
  colorBackground: "theme.token.colorBackground",
  colorSurface: "theme.token.colorSurface",
  colorLink: "theme.token.colorLink",
  colorPrimary: "theme.token.colorPrimary",
  colorOnPrimary: "theme.token.colorOnPrimary",
  colorSecondary: "theme.token.colorSecondary",
  colorOnSecondary: "theme.token.colorOnSecondary",
  colorError: "theme.token.colorError",
  colorSuccess: "theme.token.colorSuccess",
  colorFocus: "theme.token.colorFocus",
  fontFamily: "theme.token.fontFamily",
  logoUrl: "theme.token.logoUrl",
  radius: "theme.token.radius",
};

const FONT_LABELS: Record<ThemeTokens["fontFamily"], MessageKey> = {
  system: "theme.font.system",
  serif: "theme.font.serif",
  rounded: "theme.font.rounded",
  humanist: "theme.font.humanist",
  mono: "theme.font.mono",
};

export type ThemeFormValues = Partial<Record<keyof ThemeTokens, string>>;

export interface ThemeFormData {
  mode: "organization" | "space";
  action: string;
  values: ThemeFormValues;
  /** Space mode: the organization's values, shown as what a blank field inherits. */
  inherited?: ThemeTokens;
  errors?: FieldErrors | undefined;
}

export function ThemeForm({ ctx, data }: { ctx: RequestContext; data: ThemeFormData }) {
  const { t } = ctx;
  const space = data.mode === "space";
  const hint = (token: keyof ThemeTokens) =>
    space && data.inherited ? t("theme.inheritHint", { value: String(data.inherited[token]) || t("theme.none") }) : t("theme.defaultHint", { value: String(DEFAULT_THEME[token]) });
  return (
    <Form ctx={ctx} action={data.action} errors={data.errors}>
      <fieldset>
        <legend>{t("theme.colors")}</legend>
        <p class="hint">{t("theme.colorsHint")}</p>
        {COLOR_TOKENS.map((token) => (
          <TextField ctx={ctx} name={token} label={t(TOKEN_LABELS[token])} hint={hint(token)} value={data.values[token]} errors={data.errors} required={!space} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("theme.typographyAndLogo")}</legend>
        <Select
          ctx={ctx}
          name="fontFamily"
          label={t(TOKEN_LABELS.fontFamily)}
          value={data.values.fontFamily ?? ""}
          options={[...(space ? [{ value: "", label: t("theme.inherit") }] : []), ...FONT_CHOICES.map((f) => ({ value: f, label: t(FONT_LABELS[f]) }))]}
          errors={data.errors}
        />
        <TextField ctx={ctx} name="logoUrl" label={t(TOKEN_LABELS.logoUrl)} hint={space ? hint("logoUrl") : t("theme.logoHint")} value={data.values.logoUrl} errors={data.errors} />
        <TextField ctx={ctx} name="radius" label={t(TOKEN_LABELS.radius)} hint={hint("radius")} value={data.values.radius} errors={data.errors} />
      </fieldset>
      <Submit>{t("theme.save")}</Submit>
    </Form>
  );
}

/** Every checked pair with its ratio, so an admin sees which colours to change before saving. */
export function ContrastTable({ ctx, theme }: { ctx: RequestContext; theme: ThemeTokens }) {
  const { t } = ctx;
  return (
    <table class="contrast-table">
      <caption>{t("theme.contrastCaption", { min: AA_NORMAL_TEXT.toFixed(1) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("theme.pair")}</th>
          <th scope="col">{t("theme.ratio")}</th>
          <th scope="col">{t("theme.result")}</th>
        </tr>
      </thead>
      <tbody>
        {CONTRAST_PAIRS.map((p) => {
          const ratio = contrastRatio(theme[p.foreground], theme[p.background]) ?? 1;
          const passes = ratio >= AA_NORMAL_TEXT;
          return (
            <tr>
              <th scope="row">{t("theme.pairName", { pair: p.id })}</th>
              <td>{displayRatio(ratio).toFixed(2)}:1</td>
              <td>{t(passes ? "theme.passes" : "theme.fails")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A small sample page drawn with the theme's tokens (scoped to the preview box, never the admin page). */
export function ThemePreview({ ctx, theme }: { ctx: RequestContext; theme: ThemeTokens }) {
  const { t } = ctx;
  const css = themeToCss(theme).replace(/^:root/, ".theme-preview");
  return (
    <section class="theme-preview-section" aria-labelledby="theme-preview-title">
      <h2 id="theme-preview-title">{t("theme.preview")}</h2>
      <style nonce={ctx.nonce} dangerouslySetInnerHTML={{ __html: css }} />
      <div class="theme-preview">
        {theme.logoUrl ? <img src={theme.logoUrl} alt={t("theme.previewLogo")} class="theme-preview-logo" /> : null}
        <p class="theme-preview-title">{t("theme.previewHeading")}</p>
        <p>{t("theme.previewText")}</p>
        <p class="theme-preview-muted">{t("theme.previewMuted")}</p>
        <p>
          <a href="#theme-preview-title">{t("theme.previewLink")}</a>
        </p>
        <div class="theme-preview-surface">{t("theme.previewSurface")}</div>
        <p>
          <span class="theme-preview-primary">{t("theme.previewPrimary")}</span> <span class="theme-preview-secondary">{t("theme.previewSecondary")}</span>
        </p>
        <p class="theme-preview-error">{t("theme.previewError")}</p>
        <p class="theme-preview-success">{t("theme.previewSuccess")}</p>
      </div>
    </section>
  );
}

export interface AppearanceSpaceRow {
  id: number;
  title: Translatable;
  overrides: number;
  /** Pairs below AA in the space's theme as seen today (the organization's theme may have changed since). */
  failing: number;
}

export function SpacesThemeList({ ctx, spaces }: { ctx: RequestContext; spaces: AppearanceSpaceRow[] }) {
  const { t } = ctx;
  if (spaces.length === 0) return <p>{t("theme.noSpaces")}</p>;
  return (
    <ul>
      {spaces.map((s) => {
        const title = localize(s.title, ctx.locale, ctx.org.defaultLocale).text;
        return (
          <li>
            <a href={`/admin/appearance/spaces/${s.id}`}>{t("theme.spaceLink", { space: title })}</a> {t("theme.overrideCount", { count: s.overrides })}
            {s.failing > 0 && <strong class="theme-warning"> {t("theme.spaceFails", { count: s.failing })}</strong>}
          </li>
        );
      })}
    </ul>
  );
}
