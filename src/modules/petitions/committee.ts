/**
 * The parliament's decision on a citizens' suggestion for a deliberative committee. Accepting it
 * creates the committee's assembly through the core (a sortition component for the draw of the
 * citizens, a proposals component for the committee's recommendations and the parliament's answer to
 * each), linked both ways: the petition page names the assembly, the assembly's purpose names the
 * suggestion. Refusing it publishes its reasons and starts the author's resubmission delay. Either is
 * one transaction: the decision row, the space, the transition, their audit entries.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { AppDeps } from "../../core/http/deps";
import { fail, ok, type FieldErrors, type Result } from "../../core/http/result";
import { LOCALES, type Translatable } from "../../core/i18n/locales";
import { translator } from "../../core/i18n/translator";
import { createSpaceWithComponents } from "../../core/spaces/compose";
import type { MessageKey } from "../../core/i18n/catalogues";
import { petitionCommittees, petitions, petitionTypes, type PetitionRow, type PetitionTypeRow } from "./schema";
import { transition, type Actor } from "./workflow";

export { committeeSlug } from "./committee-slug";

export type Decision = { outcome: "accepted"; title: string; slug: string; note: string } | { outcome: "refused"; reasons: string };

/** Every language's text of a message (the assembly's names are stored translated). */
function inEveryLanguage(key: MessageKey, values: Record<string, string | number> = {}): Translatable {
  return Object.fromEntries(LOCALES.map((l) => [l, translator(l)(key, values)]));
}

/** A title inside Markdown link text: brackets and backslashes escaped, so it stays text. */
const markdownText = (s: string) => s.replace(/[\\[\]*_`<>]/g, (c) => `\\${c}`);

/** Thrown inside the transaction to undo what it did and answer with these field errors. */
class Refusal extends Error {
  constructor(readonly errors: FieldErrors) {
    super("decision refused");
  }
}

/** The suggestion under its row lock with its type, or the reason it cannot be decided. */
async function lockSuggestion(tx: Db, petitionId: number): Promise<{ p: PetitionRow; type: PetitionTypeRow & { committee: NonNullable<PetitionTypeRow["committee"]> } }> {
  const [p] = await tx.select().from(petitions).where(sql`${petitions.id} = ${petitionId}`).for("update");
  if (!p) throw new Refusal({ _form: { key: "petitions.errors.notFound" } });
  const [type] = await tx.select().from(petitionTypes).where(sql`${petitionTypes.id} = ${p.typeId}`);
  if (!type?.committee) throw new Refusal({ _form: { key: "petitions.committee.notCommittee" } });
  if (p.state !== "awaiting_decision") throw new Refusal({ _form: { key: "petitions.committee.notAwaiting" } });
  return { p, type: { ...type, committee: type.committee } };
}

/**
 * Accepts (creating the committee's assembly, published, with its draw and recommendations components)
 * or refuses with public reasons. Returns the assembly's id when one was created.
 */
export async function decideSuggestion(deps: Pick<AppDeps, "db" | "config">, actor: Actor & { id: number }, petitionId: number, decision: Decision): Promise<Result<{ spaceId: number | null }>> {
  try {
    return await deps.db.transaction(async (tx) => {
      const { p, type } = await lockSuggestion(tx, petitionId);
      const seats = { drawn: type.committee.drawnSeats, elected: type.committee.electedSeats };
      let spaceId: number | null = null;
      if (decision.outcome === "accepted") {
        const link = `[${markdownText(p.title)}](/petitions/${p.id})`;
        const created = await createSpaceWithComponents(
          tx,
          actor,
          "assembly",
          {
            slug: decision.slug,
            title: { [p.language]: decision.title },
            shortDescription: { [p.language]: p.summary },
            purpose: inEveryLanguage("petitions.committee.purpose", { link }),
            composition: inEveryLanguage("petitions.committee.composition", seats),
            // Its draws' records are public even if the assembly is made private later.
            isTransparent: true,
          },
          [
            { manifest: "sortition", name: inEveryLanguage("petitions.committee.component.sortition") },
            { manifest: "proposals", name: inEveryLanguage("petitions.committee.component.proposals") },
          ],
          { published: true },
        );
        if (!created.ok) throw new Refusal(created.errors);
        spaceId = created.value.space.id;
      }
      const reasons = decision.outcome === "accepted" ? decision.note : decision.reasons;
      await tx.insert(petitionCommittees).values({ petitionId, outcome: decision.outcome, reasons, spaceId, drawnSeats: seats.drawn, electedSeats: seats.elected, decidedBy: actor.id });
      const moved = await transition(deps, actor, petitionId, { to: decision.outcome }, "services", tx);
      if (!moved.ok) throw new Refusal(moved.errors);
      await audit(tx, { actorId: actor.id, action: `petition.committee.${decision.outcome}`, resourceType: "petition", resourceId: petitionId, after: { reasons, spaceId, ...seats }, ip: actor.ip });
      return ok({ spaceId });
    });
  } catch (e) {
    if (e instanceof Refusal) return fail(e.errors);
    throw e;
  }
}

