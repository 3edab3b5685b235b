/** One HiGHS WebAssembly runtime per thread, loaded on first use. */
import loadHighs, { type Highs } from "highs";

let runtime: Promise<Highs> | undefined;

/** Resolves to this thread's HiGHS runtime (loaded once; solver calls are synchronous afterwards). */
export function getHighs(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

/** Options shared by every model: silent, single-threaded, deterministic (no time limits, fixed seed). */
export const QUIET = { output_flag: false, random_seed: 0 } as const;
