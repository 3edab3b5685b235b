/**
 * The `;`-separated CSV dialect of .pb files (Python's csv module defaults: `"` quotes, doubled inside).
 * Records carry the 1-based line they start on so that every problem can be reported where it is.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Splits a whole file into records; blank lines become records with zero cells. */
export function readCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    let any = false;
    for (;;) {
      const ch = src[i];
      if (ch === undefined) break;
      if (quoted) {
        if (ch === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        if (ch === "\n") line++;
        cell += ch;
        i++;
        continue;
      }
      if (ch === '"' && cell === "") {
        quoted = true;
        any = true;
        i++;
        continue;
      }
      if (ch === ";") {
        cells.push(cell);
        cell = "";
        any = true;
        i++;
        continue;
      }
      if (ch === "\r" && src[i + 1] === "\n") {
        i++;
        continue;
      }
      if (ch === "\n" || ch === "\r") {
        i++;
        line++;
        break;
      }
      cell += ch;
      any = true;
      i++;
    }
    if (any || cell !== "") cells.push(cell);
    records.push({ line: start, cells });
  }
  return records;
}

/** Quotes a cell only when it must be (Python's QUOTE_MINIMAL), as pabulib's writer does. */
export function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

/** Serialises records with CRLF after each, the line ending of pabulib's published files. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(";") + "\r\n").join("");
}
