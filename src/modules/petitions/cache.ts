/**
 * What the signing path needs about a petition (state, period, type rules, component settings), kept
 * in memory per instance: a sign request then costs one database statement. A transition, a type
 * change or a blocked domain is announced on commit (RULES_TOPIC) and every instance forgets the
 * entries at once; changes made in the core (component settings, steps) show within the two-second TTL.
 */
import { publicSpaceSql } from "../../core/permissions/access";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { EventBus } from "../../core/realtime/bus";
import { forgetBlockedDomains } from "./abuse";
import { RULES_TOPIC } from "./rules-topic";
import { findComponent, findSpaceById } from "../../core/spaces/queries";
import type { ComponentSettingsValue } from "../../core/spaces/schema";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import type { PetitionState, SignatureVerification, SignerField } from "./schema";
import { parseSettings, parseStepSettings, type PetitionSettings, type PetitionStepSettings } from "./settings";

export interface SigningInfo {
  id: number;
  /** For `can(user, "sign", ...)`: the space and component as the permission code reads them. */
  space: SpaceRecord;
  component: ComponentRecord;
  title: string;
  state: PetitionState;
  signingEndsAt: Date | null;
  componentId: number;
  spaceId: number;
  /** Its space and component are public and moderation has not hidden it. */
  visible: boolean;
  settings: PetitionSettings;
  step: PetitionStepSettings;
  country: string;
  minAge: number;
  residenceRegions: string[];
  allowWithdrawal: boolean;
  verification: SignatureVerification;
  signerFields: SignerField[];
}

const TTL_MS = 2_000;
type Cache = Map<number, { at: number; value: SigningInfo | null }>;
/** One cache per database handle, i.e. per platform instance (tests run several in one process). */
const caches = new WeakMap<Db, Cache>();
function cacheOf(db: Db): Cache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map()));
  return c;
}

/**
 * Loads in flight, per database handle and petition: the requests that miss while one load runs wait
 * for it (one load per expiry, not one per request that arrived meanwhile: under load, dozens). A
 * forget drops the petition's load, so a request after a change never waits for a read from before it.
 */
const loading = new WeakMap<Db, Map<number, Promise<SigningInfo | null>>>();
function loadingOf(db: Db): Map<number, Promise<SigningInfo | null>> {
  let l = loading.get(db);
  if (!l) loading.set(db, (l = new Map()));
  return l;
}

export async function signingInfo(db: Db, id: number): Promise<SigningInfo | null> {
  const hit = cacheOf(db).get(id);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const inFlight = loadingOf(db);
  const running = inFlight.get(id);
  if (running) return running;
  const startedAt = Date.now();
  const load: Promise<SigningInfo | null> = loadSigningInfo(db, id).then(
    (value) => {
      // Kept only if no forget came while it was read (a forget drops the load); its age counts from
      // when the read began.
      if (inFlight.get(id) === load) {
        cacheOf(db).set(id, { at: startedAt, value });
        inFlight.delete(id);
      }
      return value;
    },
    (error: unknown) => {
      if (inFlight.get(id) === load) inFlight.delete(id);
      throw error;
    },
  );
  inFlight.set(id, load);
  return load;
}

async function loadSigningInfo(db: Db, id: number): Promise<SigningInfo | null> {
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
    signer_fields: SignerField[];
  }>(sql`
    select p.id, p.title, p.state, p.signing_ends_at, p.component_id, c.space_id, c.settings,
      (c.published_at is not null and ${publicSpaceSql("s")} and p.hidden_at is null) as visible,
      (select st.id from steps st where st.space_id = s.id and st.active) as active_step_id,
      t.country, t.min_age, t.residence_regions, t.allow_withdrawal, t.verification, t.signer_fields
    from petitions p join petition_types t on t.id = p.type_id
      join components c on c.id = p.component_id join spaces s on s.id = c.space_id
    where p.id = ${id}`);
  const r = result.rows[0];
  const [space, component] = r ? await Promise.all([findSpaceById(db, Number(r.space_id)), findComponent(db, Number(r.space_id), Number(r.component_id))]) : [null, null];
  const value: SigningInfo | null =
    r && space && component
    ? {
        id: Number(r.id),
        space,
        component,
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
        signerFields: r.signer_fields,
      }
    : null;
  return value;
}

export function forgetSigningInfo(db: Db, id: number | "all"): void {
  if (id === "all") {
    cacheOf(db).clear();
    loadingOf(db).clear();
  } else {
    cacheOf(db).delete(id);
    loadingOf(db).delete(id);
  }
}

/** Forgets this instance's cached rules whenever any instance announces a change. */
export function followRulesChanges(db: Db, bus: EventBus): () => void {
  return bus.subscribe(RULES_TOPIC, (data) => {
    const change = data as Partial<{ petitionId: number; types: boolean; domains: boolean }>;
    if (typeof change.petitionId === "number") forgetSigningInfo(db, change.petitionId);
    if (change.types) forgetSigningInfo(db, "all");
    if (change.domains) forgetBlockedDomains(db);
  });
}
