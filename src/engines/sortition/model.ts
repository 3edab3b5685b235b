/** Shared data shapes of the sortition engine: quotas, people, pools and problem reports. */

export type Algorithm = "legacy" | "maximin" | "leximin" | "nash";
export const ALGORITHMS: readonly Algorithm[] = ["legacy", "maximin", "leximin", "nash"];

/** One feature value (e.g. gender = female) with the number of seats it must receive. */
export interface Quota {
  category: string;
  feature: string;
  min: number;
  max: number;
  /** Sortition Foundation's optional bounds on how far a relaxation may go. */
  minFlex?: number;
  maxFlex?: number;
}

export interface Person {
  id: string;
  /** 1-based data row in the people file, for error messages. */
  row: number;
  /** Index into Pool.quotas of this person's feature, one per category (same order as Pool.categories). */
  features: number[];
  /** Household key (joined address columns), or null when the household rule is off or the address is blank. */
  household: string | null;
}

/** A validated selection problem: everything the algorithms need, nothing else. */
export interface Pool {
  categories: string[];
  quotas: Quota[];
  people: Person[];
  k: number;
}

/** A precise, user-facing description of something wrong with the inputs. */
export interface Problem {
  kind:
    | "file"
    | "quota-format"
    | "unknown-category"
    | "unknown-feature"
    | "missing-category"
    | "duplicate-id"
    | "infeasible"
    | "argument";
  message: string;
}

/** Thrown when inputs cannot be used; carries every problem found, not only the first. */
export class SortitionInputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join("\n"));
    this.name = "SortitionInputError";
  }
}

/** Thrown by a solve that was cancelled through its cancellation flag. */
export class SortitionCancelledError extends Error {
  /** `forced`: the computation did not stop by itself within the grace period and was terminated. */
  constructor(readonly forced = false) {
    super("sortition: cancelled");
    this.name = "SortitionCancelledError";
  }
}
