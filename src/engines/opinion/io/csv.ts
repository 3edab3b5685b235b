/** A small RFC 4180 CSV reader that keeps the line number of each record (for error messages). */

/** Bad input: where it is (file, 1-based line) and what is wrong. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = "InputError";
  }
}

export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Parses CSV text; quoted fields may span lines. An unterminated quote is an InputError. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteStart = 0;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteStart = line;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n") {
      endRecord();
      line++;
      recordLine = line;
    } else if (ch !== "\r") {
      field += ch;
    }
    i++;
  }
  if (quoted) throw new InputError(file, quoteStart, "unterminated quoted field");
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}

/** Column indices of required header names; a missing one is an InputError on line 1. */
export function headerIndex(header: CsvRecord | undefined, names: readonly string[], file: string): number[] {
  if (!header) throw new InputError(file, 1, "empty file, expected a header line");
  return names.map((n) => {
    const i = header.fields.indexOf(n);
    if (i < 0) throw new InputError(file, header.line, `missing column "${n}" in the header`);
    return i;
  });
}

/** An integer field, or an InputError naming the line and column. */
export function intField(r: CsvRecord, index: number, name: string, file: string): number {
  const raw = r.fields[index];
  if (raw === undefined) throw new InputError(file, r.line, `expected ${index + 1} fields, found ${r.fields.length}`);
  const v = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(v)) throw new InputError(file, r.line, `${name} "${raw}" is not an integer`);
  return v;
}
