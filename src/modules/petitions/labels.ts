/** Message keys for states and regions (typed, so a missing translation is a compile error). */
import type { MessageKey } from "../../core/i18n/catalogues";
import type { PetitionState } from "./schema";

export const STATE_LABELS: Record<PetitionState, MessageKey> = {
  draft: "petitions.state.draft",
  submitted: "petitions.state.submitted",
  under_review: "petitions.state.under_review",
  published: "petitions.state.published",
  inadmissible: "petitions.state.inadmissible",
  threshold_reached: "petitions.state.threshold_reached",
  awaiting_decision: "petitions.state.awaiting_decision",
  accepted: "petitions.state.accepted",
  refused: "petitions.state.refused",
  transmitted: "petitions.state.transmitted",
  hearing_scheduled: "petitions.state.hearing_scheduled",
  answered: "petitions.state.answered",
  closed: "petitions.state.closed",
  expired: "petitions.state.expired",
  withdrawn: "petitions.state.withdrawn",
};

const REGION_LABELS: Record<string, MessageKey> = {
  "BE-BRU": "verifications.region.BE-BRU",
  "BE-VLG": "verifications.region.BE-VLG",
  "BE-WAL": "verifications.region.BE-WAL",
};

/** A region's name, or its code for a region this installation has no name for. */
export function regionLabel(t: (k: MessageKey) => string, code: string): string {
  const key = REGION_LABELS[code];
  return key ? t(key) : code;
}
