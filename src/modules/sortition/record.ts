/**
 * A draw's verifiable record (`<recordUrl>.json`): everything needed to replay it with
 * `pnyx sortition verify <record.json>` and nothing personal. The pool is the published file of
 * categories by row (no name, email, address or id of the register), the panel and probabilities name
 * people by that file's 1-based row numbers.
 */
import { GENERATOR_DOC } from "../../engines/sortition/draw";
import type { Translatable } from "../../core/i18n/locales";
import type { DrawFiles } from "./pool";
import { REPLACEMENT_METHOD } from "./replacement";
import { ROTATION_METHOD } from "./rotation-plan";
import type { DrawAlgorithm, DrawQuota, DrawResult, DrawStatus } from "./schema";

export const RECORD_FORMAT = "pnyx-sortition-record/1";

export const SEED_DERIVATION =
  "seed = hex SHA-256 of the canonical JSON (keys sorted, no whitespace) of `inputs`; `inputs.poolSha256` and `inputs.quotasSha256` are the SHA-256 of the canonical CSV text of `files.people` and `files.categories`; `inputs.beacon` is the public randomness announced in `randomness.commitment`. See src/engines/sortition/README.md (protocol pnyx-sortition-draw/1).";

export interface RecordDraw {
  id: number;
  title: Translatable;
  status: DrawStatus;
  k: number;
  algorithm: DrawAlgorithm;
  quotas: DrawQuota[];
  poolSize: number;
  commitment: string;
  randomness: string | null;
  randomnessAt: Date | null;
  seed: string | null;
  engineVersion: string | null;
  result: DrawResult | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  publishedAt: Date | null;
  /** A rotation's draw: the draw whose members it replaces. */
  parentDrawId?: number | null;
}

/** A replacement as the record lists it (pool rows only; `reason`: why the seat was left). */
export interface RecordReplacementRow {
  round: number;
  replacesRow: number;
  reason: string | null;
  row: number;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * The record of a finished draw (files: the published pool and quotas the draw ran on). Seating adds
 * the replacements drawn since (ADR 19) and, for a rotation's draw, the draw it follows; both replay
 * from the record alone (replacement.ts, rotation-plan.ts).
 */
export function buildRecord(d: RecordDraw, files: DrawFiles, where: { space: string; url: string }, replacements: readonly RecordReplacementRow[] = []): Record<string, unknown> {
  const r = d.result;
  return {
    format: RECORD_FORMAT,
    draw: { id: d.id, title: d.title, space: where.space, url: where.url, status: d.status },
    randomness: { commitment: d.commitment, value: d.randomness, enteredAt: iso(d.randomnessAt) },
    inputs: files.inputs,
    seed: files.seed,
    seedDerivation: SEED_DERIVATION,
    generator: GENERATOR_DOC,
    engineVersion: d.engineVersion,
    algorithm: d.algorithm,
    k: d.k,
    poolSize: d.poolSize,
    quotas: d.quotas,
    panel: (r?.panel ?? []).map(String),
    probabilities: r?.probabilities ?? [],
    minProbability: r?.minProbability ?? null,
    gini: r?.gini ?? null,
    estimated: r?.estimated ?? false,
    quotaFill: r?.quotaFill ?? [],
    timings: { createdAt: iso(d.createdAt), startedAt: iso(d.startedAt), finishedAt: iso(d.finishedAt), ms: r?.ms ?? null },
    publishedAt: iso(d.publishedAt),
    files: { categories: files.categories, people: files.people },
    replacementMethod: REPLACEMENT_METHOD,
    replacements: replacements.map((r) => ({ round: r.round, replacesRow: String(r.replacesRow), reason: r.reason, row: String(r.row) })),
    ...(d.parentDrawId ? { rotation: { parentDraw: d.parentDrawId, method: ROTATION_METHOD } } : {}),
  };
}
