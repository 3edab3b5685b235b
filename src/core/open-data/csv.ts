/** CSV for open data and exports: RFC 4180 quoting, and no formula a spreadsheet would run. */

/** One CSV field; formula-looking values get a leading quote so spreadsheets do not run them. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: Array<string | number | null | undefined>) => `${fields.map(csvField).join(",")}\r\n`;
