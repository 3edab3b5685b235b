/**
 * The petition workflow as data: which transitions exist and who may make them. Services refuse
 * anything not listed here, so an illegal transition can never reach the database.
 */
import type { PetitionState } from "./schema";

/** Who makes a transition: the author, the parliament's services, or the platform itself. */
export type TransitionActor = "author" | "services" | "system";

export const TRANSITIONS: ReadonlyArray<{ from: PetitionState; to: PetitionState; by: TransitionActor }> = [
  { from: "draft", to: "submitted", by: "author" },
  { from: "submitted", to: "under_review", by: "services" },
  { from: "under_review", to: "published", by: "services" },
  { from: "under_review", to: "inadmissible", by: "services" },
  { from: "published", to: "threshold_reached", by: "system" },
  { from: "published", to: "expired", by: "system" },
  // A citizens' suggestion for a deliberative committee goes to the parliament's decision at its
  // threshold (the type decides which of the two the tick takes: see thresholdStateFor).
  { from: "published", to: "awaiting_decision", by: "system" },
  { from: "awaiting_decision", to: "accepted", by: "services" },
  { from: "awaiting_decision", to: "refused", by: "services" },
  { from: "accepted", to: "closed", by: "services" },
  { from: "refused", to: "closed", by: "services" },
  { from: "threshold_reached", to: "transmitted", by: "services" },
  { from: "transmitted", to: "hearing_scheduled", by: "services" },
  { from: "transmitted", to: "answered", by: "services" },
  { from: "hearing_scheduled", to: "answered", by: "services" },
  { from: "answered", to: "closed", by: "services" },
  { from: "inadmissible", to: "closed", by: "services" },
  { from: "expired", to: "closed", by: "services" },
  // Withdrawal by the author is possible until the petition is transmitted.
  { from: "draft", to: "withdrawn", by: "author" },
  { from: "submitted", to: "withdrawn", by: "author" },
  { from: "under_review", to: "withdrawn", by: "author" },
  { from: "published", to: "withdrawn", by: "author" },
  { from: "threshold_reached", to: "withdrawn", by: "author" },
];

export const ALL_STATES: readonly PetitionState[] = [
  "draft",
  "submitted",
  "under_review",
  "published",
  "inadmissible",
  "threshold_reached",
  "awaiting_decision",
  "accepted",
  "refused",
  "transmitted",
  "hearing_scheduled",
  "answered",
  "closed",
  "expired",
  "withdrawn",
];

/** States everyone can see (drafts and petitions in review stay with their author and the services). */
export const PUBLIC_STATES: readonly PetitionState[] = ALL_STATES.filter((s) => !["draft", "submitted", "under_review"].includes(s));

/** States in which people can sign (until the signing period ends). */
export const SIGNABLE_STATES: readonly PetitionState[] = ["published", "threshold_reached"];

export function isPetitionState(value: unknown): value is PetitionState {
  return typeof value === "string" && (ALL_STATES as readonly string[]).includes(value);
}

/** Whether `by` may move a petition from `from` to `to`. */
export function canTransition(from: PetitionState, to: PetitionState, by: TransitionActor): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by);
}

/** The decision on a citizens' suggestion has its own form (it creates the committee or gives reasons). */
export const DECISION_STATES: readonly PetitionState[] = ["accepted", "refused"];

/** The transitions the services may offer from a state as plain buttons (for the back office). */
export function servicesTransitionsFrom(from: PetitionState): PetitionState[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by === "services" && !DECISION_STATES.includes(t.to)).map((t) => t.to);
}

/** Where a petition goes at its threshold: the parliament's decision for a committee suggestion. */
export function thresholdStateFor(type: { committee: unknown }): PetitionState {
  return type.committee ? "awaiting_decision" : "threshold_reached";
}
