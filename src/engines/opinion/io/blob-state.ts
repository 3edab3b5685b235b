/**
 * The previous tick's state taken from a Pol.is math blob: only `in-conv`, the base clusters' ids and
 * members, and the PCA components (the warm start). Everything else is recomputed.
 */
import { initialState } from "../tick";
import type { Cluster, OpinionState } from "../types";
import { InputError } from "./csv";

const isNumArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");

/**
 * Builds the state; components are matched to comments by the blob's `tids` when present, otherwise by
 * position against `columnTids` (a full reload orders columns by tid, as Pol.is does).
 */
export function stateFromBlob(blob: unknown, columnTids: readonly number[], file: string): OpinionState {
  if (typeof blob !== "object" || blob === null) throw new InputError(file, 1, "expected a JSON object");
  const b = blob as Record<string, unknown>;
  const state = initialState();
  const inConv = b["in-conv"];
  if (inConv !== undefined) {
    if (!isNumArray(inConv)) throw new InputError(file, null, "in-conv must be an array of participant ids");
    state.inConv = inConv;
  }
  const base = b["base-clusters"] as Record<string, unknown> | undefined;
  if (base !== undefined) {
    const ids = base["id"];
    const members = base["members"];
    if (!isNumArray(ids) || !Array.isArray(members) || !members.every(isNumArray) || members.length !== ids.length)
      throw new InputError(file, null, "base-clusters needs id and members of the same length");
    state.baseClusters = ids.map((id, i): Cluster => ({ id, members: members[i] as number[], center: [0, 0] }));
  }
  const pca = b["pca"] as Record<string, unknown> | undefined;
  const comps = pca?.["comps"];
  if (comps !== undefined) {
    if (!Array.isArray(comps) || !comps.every(isNumArray)) throw new InputError(file, null, "pca.comps must be arrays of numbers");
    const tids = isNumArray(b["tids"]) ? b["tids"] : columnTids;
    state.comps = comps.map((c: number[]) => Object.fromEntries(c.slice(0, tids.length).map((v, j) => [tids[j]!, v])));
  }
  return state;
}
