/** The new draw form's fields: files (multipart Buffers) or pasted CSV, k, algorithm, household columns, commitment. */
import type { FieldErrors } from "../../core/http/result";
import type { NewDrawValues } from "./admin-views";
import { DRAW_ALGORITHMS, type DrawAlgorithm } from "./schema";

const CSV_MAX = 20_000_000;

export interface NewDrawInput {
  title: string;
  k: number;
  algorithm: DrawAlgorithm;
  householdColumns: string[];
  idColumn: string;
  commitment: string;
  randomness: string;
  people: string;
  categories: string;
}

const text = (v: unknown): string => (typeof v === "string" ? v : "");

/** A file's text when one was sent (UTF-8), else the pasted text; null when the file is not UTF-8. */
function fileOrText(file: unknown, pasted: string): string | null {
  if (Buffer.isBuffer(file) && file.length > 0) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(file);
    } catch {
      return null;
    }
  }
  return pasted;
}

export function parseNewDraw(body: unknown): { ok: true; draw: NewDrawInput; values: NewDrawValues } | { ok: false; errors: FieldErrors; values: NewDrawValues } {
  const b = (body ?? {}) as Record<string, unknown>;
  const values: NewDrawValues = {
    title: text(b.title).trim(),
    k: text(b.k).trim(),
    algorithm: text(b.algorithm),
    household: text(b.household).trim(),
    idColumn: text(b.idColumn).trim(),
    commitment: text(b.commitment).trim(),
    randomness: text(b.randomness).trim(),
    people: text(b.people),
    categories: text(b.categories),
  };
  const errors: FieldErrors = {};
  const people = fileOrText(b.peopleFile, values.people ?? "");
  const categories = fileOrText(b.categoriesFile, values.categories ?? "");
  if (!values.title) errors.title = { key: "validation.required" };
  else if (values.title.length > 200) errors.title = { key: "validation.tooLong", values: { max: 200 } };
  const k = Number(values.k);
  if (!/^\d{1,6}$/.test(values.k ?? "") || k < 1) errors.k = { key: "sortition.admin.error.k" };
  const algorithm = (values.algorithm || "leximin") as DrawAlgorithm;
  if (!DRAW_ALGORITHMS.includes(algorithm)) errors.algorithm = { key: "sortition.admin.error.algorithm" };
  if (people === null) errors.people = { key: "sortition.admin.error.encoding" };
  else if (people.trim() === "") errors.people = { key: "sortition.admin.error.people" };
  else if (people.length > CSV_MAX) errors.people = { key: "validation.tooLong", values: { max: CSV_MAX } };
  if (categories === null) errors.categories = { key: "sortition.admin.error.encoding" };
  else if (categories.trim() === "") errors.categories = { key: "sortition.admin.error.categories" };
  if ((values.commitment ?? "").length > 2_000) errors.commitment = { key: "validation.tooLong", values: { max: 2_000 } };
  if ((values.randomness ?? "").length > 500) errors.randomness = { key: "validation.tooLong", values: { max: 500 } };
  if (Object.keys(errors).length > 0 || people === null || categories === null) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    draw: {
      title: values.title ?? "",
      k,
      algorithm,
      householdColumns: (values.household ?? "").split(",").map((s) => s.trim()).filter(Boolean),
      idColumn: values.idColumn ?? "",
      commitment: values.commitment ?? "",
      randomness: values.randomness ?? "",
      people,
      categories,
    },
  };
}
