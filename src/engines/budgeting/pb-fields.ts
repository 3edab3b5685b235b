import { isCountry, isCurrencyCode, isLanguageCode } from "./pb-codes";
import { VOTE_TYPES } from "./pb-model";

/**
 * Every field pabulib knows, in the order pabulib's checker (1.0.7) requires, with its type and value
 * check. Writing follows these orders; validation reports unknown fields, missing obligatory ones,
 * misordered ones and bad values.
 */
export type FieldType = "str" | "int" | "float" | "list";

export interface FieldSpec {
  type: FieldType;
  obligatory?: boolean;
  nullable?: boolean;
  /** Returns an error message, or null when the value is fine. */
  check?: (v: string) => string | null;
}

export const RULE_NAMES = [
  "greedy",
  "greedy-no-skip",
  "greedy-threshold",
  "greedy-exclusive",
  "greedy-custom",
  "equalshares",
  "equalshares-comparison",
  "equalshares/add1",
  "equalshares/add1-comparison",
  "unknown",
];

const oneOf = (name: string, allowed: readonly string[]) => (v: string) =>
  allowed.includes(v) ? null : `invalid ${name} value '${v}'; valid options are: ${allowed.join(", ")}`;

const date = (v: string) => (/^\d{4}$/.test(v) || /^\d{2}\.\d{2}\.\d{4}$/.test(v) ? null : `date '${v}' is not YYYY or DD.MM.YYYY`);

const age = (v: string) => {
  if (/^-?\d+$/.test(v)) return null;
  const m = /^(\d+)-(\d+)$/.exec(v);
  if (m && Number(m[1]) <= Number(m[2])) return null;
  return `invalid age '${v}'; expected an integer or a bucket like 40-59`;
};

export const META_FIELDS: ReadonlyMap<string, FieldSpec> = new Map<string, FieldSpec>([
  ["description", { type: "str", obligatory: true }],
  ["country", { type: "str", obligatory: true, check: (v) => (isCountry(v) ? null : `'${v}' is not a valid country name`) }],
  ["unit", { type: "str", obligatory: true }],
  ["district", { type: "str" }],
  ["subunit", { type: "str" }],
  ["instance", { type: "str", obligatory: true }],
  ["num_projects", { type: "int", obligatory: true }],
  ["num_votes", { type: "int", obligatory: true }],
  ["budget", { type: "float", obligatory: true }],
  ["vote_type", { type: "str", obligatory: true, check: oneOf("vote_type", VOTE_TYPES) }],
  ["rule", { type: "str", obligatory: true, check: oneOf("rule", RULE_NAMES) }],
  ["date_begin", { type: "str", obligatory: true, check: date }],
  ["date_end", { type: "str", obligatory: true, check: date }],
  ["min_length", { type: "int" }],
  ["max_length", { type: "int" }],
  ["min_sum_cost", { type: "float" }],
  ["max_sum_cost", { type: "float" }],
  ["min_points", { type: "int" }],
  ["max_points", { type: "int" }],
  ["min_sum_points", { type: "int" }],
  ["max_sum_points", { type: "int" }],
  ["default_score", { type: "int" }],
  ["min_project_cost", { type: "int" }],
  ["max_project_cost", { type: "int" }],
  ["min_project_score_threshold", { type: "int" }],
  ["neighborhoods", { type: "str" }],
  ["subdistricts", { type: "str" }],
  ["categories", { type: "str" }],
  ["edition", { type: "str" }],
  ["language", { type: "str", check: (v) => (isLanguageCode(v) ? null : `wrong language ISO 639-1 code: ${v}`) }],
  ["currency", { type: "str", check: (v) => (isCurrencyCode(v) ? null : `wrong currency ISO 4217 code: ${v}`) }],
  ["fully_funded", { type: "int", check: oneOf("fully_funded", ["1"]) }],
  ["experimental", { type: "int", check: oneOf("experimental", ["1"]) }],
  ["comment", { type: "str", check: (v) => (v.startsWith("#1: ") ? null : "comment should follow the '#1: ' format") }],
  ["acknowledgments", { type: "str" }],
  ["leftover_budget", { type: "str" }],
  ["budget_per_category", { type: "list" }],
  ["budget_per_neighborhood", { type: "list" }],
  ["min_length_per_category", { type: "int" }],
  ["max_length_per_category", { type: "int" }],
  ["min_sum_cost_per_category", { type: "list" }],
  ["max_sum_cost_per_category", { type: "list" }],
]);

export const PROJECT_FIELDS: ReadonlyMap<string, FieldSpec> = new Map<string, FieldSpec>([
  ["project_id", { type: "str", obligatory: true }],
  ["cost", { type: "float", obligatory: true }],
  ["votes", { type: "int" }],
  ["score", { type: "int" }],
  ["name", { type: "str" }],
  ["category", { type: "list", nullable: true }],
  ["beneficiaries", { type: "list", nullable: true }],
  ["selected", { type: "int", check: oneOf("selected", ["0", "1", "2", "3"]) }],
  ["neighborhood", { type: "str" }],
  ["subunit", { type: "str" }],
  ["district", { type: "str" }],
  ["description", { type: "str" }],
  ["proposer", { type: "str" }],
  ["public_id", { type: "str" }],
  ["latitude", { type: "float", nullable: true }],
  ["longitude", { type: "float", nullable: true }],
]);

export const VOTE_FIELDS: ReadonlyMap<string, FieldSpec> = new Map<string, FieldSpec>([
  ["voter_id", { type: "str", obligatory: true }],
  ["vote", { type: "list", obligatory: true }],
  ["points", { type: "list" }],
  ["age", { type: "str", nullable: true, check: age }],
  ["sex", { type: "str", nullable: true, check: oneOf("sex", ["M", "F", "O"]) }],
  ["voting_method", { type: "str", check: oneOf("voting_method", ["internet", "paper"]) }],
  ["district", { type: "str", nullable: true }],
  ["neighborhood", { type: "str", nullable: true }],
  ["education", { type: "str", nullable: true }],
  ["topic_preference_transport", { type: "int" }],
  ["topic_preference_culture", { type: "int" }],
  ["topic_preference_nature", { type: "int" }],
  ["district_preference", { type: "str" }],
  ["time_taken_seconds", { type: "int" }],
  ["format_easiness", { type: "str" }],
  ["format_expressiveness", { type: "str" }],
  ["format_rank", { type: "str" }],
]);

/** Checks a value against its declared type; null when it conforms. */
export function typeProblem(spec: FieldSpec, v: string): string | null {
  if (spec.type === "int") return /^-?\d+$/.test(v) ? null : `'${v}' is not an integer`;
  if (spec.type === "float") {
    if (/^-?\d+,\d+$/.test(v)) return `'${v}' uses a decimal comma; pabulib requires a decimal point`;
    return /^-?(\d+(\.\d*)?|\.\d+)$/.test(v) ? null : `'${v}' is not a number`;
  }
  return null;
}
