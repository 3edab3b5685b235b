/** Amounts in a budget's currency, in the reader's language: one cached formatter per locale and currency. */
const formats = new Map<string, Intl.NumberFormat>();

/** "€1,234" / "1 234,50 €": whole units without decimals, others with two; an unknown currency code as a plain number. */
export function formatMoney(locale: string, currency: string, amount: number): string {
  const whole = Number.isInteger(amount);
  const id = `${locale}|${currency}|${whole}`;
  let f = formats.get(id);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
    } catch {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
    }
    formats.set(id, f);
  }
  return f.format(amount);
}
