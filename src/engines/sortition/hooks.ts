/** Progress reporting and cancellation shared by the long-running algorithms. */
import { SortitionCancelledError } from "./model";

export interface Progress {
  phase: "initial-panels" | "leximin" | "maximin" | "nash" | "legacy" | "final";
  /** Pricing rounds so far (LEXIMIN through the relaxation: peeling steps, then pricing rounds). */
  iterations: number;
  /** Current minimum selection probability (the level being raised), when known. */
  minProbability: number | null;
  /** Types (groups of interchangeable people) whose probability is fixed, out of `types`. */
  fixed?: number;
  types?: number;
  panels?: number;
  /** Time spent so far in the master LP and in pricing (integer programs), in seconds. */
  lpSeconds?: number;
  pricingSeconds?: number;
  /** Simplex iterations of the master LP so far. */
  lpIterations?: number;
}

export interface Hooks {
  onProgress?: (p: Progress) => void;
  /** Polled between and during solver calls; true stops the run with SortitionCancelledError. */
  cancelled?: () => boolean;
}

/** Throws SortitionCancelledError if the caller asked to stop. */
export function checkCancelled(hooks: Hooks): void {
  if (hooks.cancelled?.()) throw new SortitionCancelledError();
}
