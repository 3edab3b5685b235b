/**
 * The verifiable draw. The seed is SHA-256 of a canonical JSON object holding everything published
 * before the draw: the beacon (a public random value announced in advance), the SHA-256 of the
 * canonical pool and quota files, the algorithm and its parameters. Keys are sorted and the JSON has no
 * spaces, so anyone can recompute it. The draw record holds these inputs, the seed and the result.
 */
import { canonicalCsv, parseCsv } from "./csv";
import type { Algorithm } from "./model";
import { sha256Hex } from "./prng";
import type { QuotaFill } from "./stats";

export const PROTOCOL = "pnyx-sortition-draw/1";

export interface DrawInputs {
  protocol: string;
  beacon: string;
  poolSha256: string;
  quotasSha256: string;
  algorithm: Algorithm;
  k: number;
  householdColumns: string[];
  /** The id column used, or null when ids are row numbers. */
  idColumn: string | null;
  /** LEGACY's Monte-Carlo runs (they do not change the panel, but are part of the published parameters). */
  runs: number | null;
}

export interface DrawRecord {
  inputs: DrawInputs;
  seed: string;
  generator: string;
  panel: string[];
  minProbability: number;
  gini: number;
  estimated: boolean;
  quotaFill: QuotaFill[];
  createdAt: string;
}

/** SHA-256 (hex) of the canonical form of a CSV file (see csv.ts canonicalCsv). */
export function csvSha256(text: string): string {
  return sha256Hex(canonicalCsv(parseCsv(text)));
}

/** JSON with object keys sorted at every level and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The draw seed: hex SHA-256 of the canonical JSON of the inputs. */
export function drawSeed(inputs: DrawInputs): string {
  return sha256Hex(canonicalJson(inputs));
}

export const GENERATOR_DOC =
  "SHA-256 counter mode: block i = SHA-256(seed bytes || i as 8-byte big-endian), read as big-endian uint32; integers below n by rejection; reals from 53 bits; see src/engines/sortition/README.md";

/** Checks a parsed JSON value has the shape of a draw record; returns it typed or a reason. */
export function asDrawRecord(value: unknown): DrawRecord | string {
  if (value === null || typeof value !== "object") return "the record is not a JSON object";
  const r = value as Partial<DrawRecord>;
  const i = r.inputs;
  if (!i || typeof i !== "object") return "the record has no inputs";
  if (typeof i.beacon !== "string" || typeof i.poolSha256 !== "string" || typeof i.quotasSha256 !== "string") return "the record's inputs lack beacon or file hashes";
  if (typeof i.k !== "number" || typeof i.algorithm !== "string" || !Array.isArray(i.householdColumns)) return "the record's inputs lack k, algorithm or householdColumns";
  if (typeof r.seed !== "string" || !Array.isArray(r.panel)) return "the record lacks seed or panel";
  return r as DrawRecord;
}
