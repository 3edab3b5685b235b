/**
 * A small RFC 4180 CSV reader and the canonical form used for hashing published input files.
 * Quoted fields may hold commas, quotes ("") and line breaks; CRLF and LF are both accepted.
 */

/** Parses CSV text into rows of fields; strips a UTF-8 BOM and drops blank lines. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRow = (): void => {
    row.push(field);
    field = "";
    // A line holding nothing (not even a separator) is a blank line, not a row with one empty field.
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") endRow();
    else if (ch === "\r") {
      if (src[i + 1] !== "\n") endRow();
    } else field += ch;
    i++;
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

function canonicalField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * The canonical text of a CSV file: parsed, then written back with LF line ends, minimal quoting and
 * no BOM or blank lines, so that a file re-saved by a spreadsheet hashes the same when its data did not change.
 */
export function canonicalCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(canonicalField).join(",")).join("\n") + "\n";
}
