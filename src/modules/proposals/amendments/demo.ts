/**
 * The demo's amendment: in the consultation's free contributions, Noor proposes to add noise to
 * Pieter's contribution on air quality (in its language, Dutch), published and waiting for his answer.
 */
import type { Db } from "../../../db/client";
import type { Place } from "../workflow";
import { createAmendmentDraft, publishAmendment } from "./service";

const AMENDED = {
  title: "Open data over de luchtkwaliteit en het lawaai per straat",
  body: "De meetstations publiceren nu enkel gemiddelden per gemeente. Met gegevens per straat kunnen scholen en ouders beter kiezen welke route ze nemen.\n\nDe sensoren bestaan al; het gaat om publicatie. Ook de geluidsmetingen voor de geluidskaarten horen erbij.",
};

export async function seedDemoAmendment(db: Db, amenderId: number, place: Place, proposalId: number | undefined): Promise<void> {
  if (proposalId === undefined || !amenderId) return;
  const draft = await createAmendmentDraft(db, amenderId, place, proposalId, AMENDED);
  if (!draft.ok) throw new Error(`proposals demo: amendment: ${JSON.stringify(draft.errors)}`);
  await publishAmendment(db, amenderId, place, draft.value.id, { visibleToAll: true });
}
