/**
 * What the signing path needs about a petition (state, period, type rules, component settings), kept
 * in memory for two seconds: a sign request then costs one database statement. Transitions on this
 * instance forget the entry at once; other instances see them within the TTL.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ComponentSettingsValue } from "../../core/spaces/schema";
import type { PetitionState, SignatureVerification } from "./schema";
import { parseSettings, parseStepSettings, type PetitionSettings, type PetitionStepSettings } from "./settings";

export interface SigningInfo {
  id: number;
  title: string;
  state: PetitionState;
  signingEndsAt: Date | null;
  componentId: number;
  spaceId: number;
  visible: boolean;
  settings: PetitionSettings;
  step: PetitionStepSettings;
  country: string;
  minAge: number;
  residenceRegions: string[];
  allowWithdrawal: boolean;
  verification: SignatureVerification;
}

const TTL_MS = 2_000;
const cache = new Map<number, { at: number; value: SigningInfo | null }>();

export async function signingInfo(db: Db, id: number): Promise<SigningInfo | null> {
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const result = await db.execute<{
    id: string;
    title: string;
    state: PetitionState;
    signing_ends_at: string | null;
    component_id: string;
    space_id: string;
    visible: boolean;
    settings: ComponentSettingsValue;
    active_step_id: string | null;
    country: string;
    min_age: number;
    residence_regions: string[];
    allow_withdrawal: boolean;
    verification: SignatureVerification;
  }>(sql`
    select p.id, p.title, p.state, p.signing_ends_at, p.component_id, c.space_id, c.settings,
      (c.published_at is not null and s.published_at is not null and not s.is_private) as visible,
      (select st.id from steps st where st.space_id = s.id and st.active) as active_step_id,
      t.country, t.min_age, t.residence_regions, t.allow_withdrawal, t.verification
    from petitions p join petition_types t on t.id = p.type_id
      join components c on c.id = p.component_id join spaces s on s.id = c.space_id
    where p.id = ${id}`);
  const r = result.rows[0];
  const value: SigningInfo | null = r
    ? {
        id: Number(r.id),
        title: r.title,
        state: r.state,
        signingEndsAt: r.signing_ends_at ? new Date(r.signing_ends_at) : null,
        componentId: Number(r.component_id),
        spaceId: Number(r.space_id),
        visible: r.visible,
        settings: parseSettings(r.settings.global),
        step: parseStepSettings(r.active_step_id === null ? r.settings.defaultStep : (r.settings.steps[String(r.active_step_id)] ?? r.settings.defaultStep)),
        country: r.country,
        minAge: r.min_age,
        residenceRegions: r.residence_regions,
        allowWithdrawal: r.allow_withdrawal,
        verification: r.verification,
      }
    : null;
  cache.set(id, { at: Date.now(), value });
  return value;
}

export function forgetSigningInfo(id: number): void {
  cache.delete(id);
}
