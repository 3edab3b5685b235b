/**
 * Letters of invitation as one printable HTML document per batch: one A4 page per letter (the sender,
 * the recipient's block where a window envelope shows it, then the mail-merged template). The template
 * (translatable Markdown) is rendered once per language by the safe Markdown renderer with each
 * placeholder replaced by an inert token; each letter then swaps the tokens for its values, HTML-escaped.
 * So 1,000 letters cost one Markdown rendering per language, and no value can inject markup.
 */
import { renderRichText } from "../../core/components/rich-text";
import { isLocale, type Locale, type Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import type { RegisterPerson } from "./register";

export const PLACEHOLDERS = ["name", "code", "url", "deadline", "address"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const token = (p: Placeholder) => `PNYXFIELD${p.toUpperCase()}X`;
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** A template compiled once: the safe HTML with tokens, filled per letter. */
export function compileLetter(markdown: string): (values: Record<Placeholder, string>) => string {
  const withTokens = markdown.replace(/\{\{\s*(name|code|url|deadline|address)\s*\}\}/g, (_m, p: Placeholder) => token(p));
  const html = renderRichText(withTokens).html;
  const pattern = new RegExp(PLACEHOLDERS.map(token).join("|"), "g");
  const byToken = new Map(PLACEHOLDERS.map((p) => [token(p), p]));
  return (values) => html.replace(pattern, (t) => values[byToken.get(t) ?? "name"]);
}

/** Placeholders the template uses that are not known (e.g. a typo "{{nmae}}"), to warn the admin. */
export function unknownPlaceholders(markdown: string): string[] {
  return [...markdown.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? "").filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
}

const PRINT_CSS = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; }
.letter { width: 210mm; height: 297mm; padding: 20mm 22mm; overflow: hidden; position: relative; break-after: page; page-break-after: always; }
.letter:last-child { break-after: auto; page-break-after: auto; }
.sender { font-size: 9.5pt; color: #333; }
.recipient { position: absolute; top: 50mm; left: 110mm; width: 80mm; font-style: normal; }
.body { margin-top: 62mm; }
.body h2 { font-family: "DejaVu Sans Mono", monospace; font-size: 20pt; letter-spacing: .08em; margin: .6em 0; }
.body h3 { font-size: 12pt; }
.body p { margin: 0 0 .7em; }
`;

export interface LetterInput {
  person: RegisterPerson | null;
  code: string;
}

export interface BatchWords {
  /** The organization's name, printed as the sender. */
  sender: Translatable;
  template: Translatable;
  /** The registration page's full URL. */
  url: string;
  registrationDeadline: Date | null;
  defaultLocale: Locale;
  /** "Dear resident" when the register has no name, per language. */
  unnamed: (locale: Locale) => string;
  /** "no deadline" wording, per language. */
  noDeadline: (locale: Locale) => string;
}

// The deadline is stored as the end of its day in UTC (recruitment-inputs.ts): printed on that same day.
const deadlineIn = (d: Date, locale: Locale) => new Intl.DateTimeFormat(`${locale}-BE`, { dateStyle: "long", timeZone: "UTC" }).format(d);

/** The batch's printable HTML document: one section (one page) per letter, in each person's language when the register has one. */
export function batchHtml(letters: readonly LetterInput[], w: BatchWords): string {
  const compiled = new Map<Locale, (v: Record<Placeholder, string>) => string>();
  const pageOf = (l: LetterInput): string => {
    const locale = l.person?.language && isLocale(l.person.language) ? l.person.language : w.defaultLocale;
    let fill = compiled.get(locale);
    if (!fill) compiled.set(locale, (fill = compileLetter(localize(w.template, locale, w.defaultLocale).text)));
    const name = l.person?.name || w.unnamed(locale);
    const address = l.person?.address ?? [];
    const body = fill({
      name: escapeHtml(name),
      code: escapeHtml(l.code),
      url: escapeHtml(w.url),
      deadline: escapeHtml(w.registrationDeadline ? deadlineIn(w.registrationDeadline, locale) : w.noDeadline(locale)),
      address: address.map(escapeHtml).join("<br>"),
    });
    const recipient = l.person?.name || address.length > 0 ? [l.person?.name ?? "", ...address].filter(Boolean).map(escapeHtml).join("<br>") : "";
    return `<section class="letter" lang="${locale}"><p class="sender">${escapeHtml(localize(w.sender, locale, w.defaultLocale).text)}</p><address class="recipient">${recipient}</address><div class="body">${body}</div></section>`;
  };
  return `<!doctype html>
<html lang="${w.defaultLocale}">
<head><meta charset="utf-8"><title>Letters</title><style>${PRINT_CSS}</style></head>
<body>
${letters.map(pageOf).join("\n")}
</body>
</html>
`;
}
