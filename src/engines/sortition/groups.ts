/**
 * Interchangeable people ("types"): people with the same feature in every category and no household
 * shared with anyone else. Fair algorithms give them equal probability, so the integer and linear
 * programs work on how many of each type are selected; this is what makes 2,000-person pools tractable.
 */
import type { Pool } from "./model";

export interface PersonType {
  /** Quota indices, one per category. */
  features: number[];
  /** Person indices (into Pool.people), in file order. */
  members: number[];
}

export interface TypedPool {
  pool: Pool;
  types: PersonType[];
  /** Type index of each person. */
  typeOf: Int32Array;
  /** Households of two or more people, as lists of (singleton) type indices; at most one may be selected. */
  households: number[][];
}

/** Groups the pool into types; people sharing a household each stay a type of their own. */
export function groupTypes(pool: Pool): TypedPool {
  const byHousehold = new Map<string, number[]>();
  pool.people.forEach((p, i) => {
    if (p.household !== null) byHousehold.set(p.household, [...(byHousehold.get(p.household) ?? []), i]);
  });
  const shared = new Set<number>();
  for (const members of byHousehold.values()) if (members.length > 1) members.forEach((m) => shared.add(m));

  const types: PersonType[] = [];
  const typeOf = new Int32Array(pool.people.length);
  const byKey = new Map<string, number>();
  pool.people.forEach((p, i) => {
    const key = p.features.join(",");
    const existing = shared.has(i) ? undefined : byKey.get(key);
    if (existing !== undefined) {
      types[existing]?.members.push(i);
      typeOf[i] = existing;
      return;
    }
    typeOf[i] = types.length;
    if (!shared.has(i)) byKey.set(key, types.length);
    types.push({ features: [...p.features], members: [i] });
  });
  const households = [...byHousehold.values()].filter((m) => m.length > 1).map((m) => m.map((i) => typeOf[i] ?? 0));
  return { pool, types, typeOf, households };
}

/** Panel at type level: how many people of each type it holds. */
export type TypePanel = Int32Array;

/**
 * A panel as an LP column over the types' selection probabilities (a type of size m with c seats
 * adds c/m to each member's probability), plus a 1 in the row after the types (the weights sum to 1).
 */
export function panelColumn(tp: TypedPool, panel: TypePanel): { indices: number[]; values: number[] } {
  const indices: number[] = [];
  const values: number[] = [];
  panel.forEach((c, t) => {
    if (c > 0) {
      indices.push(t);
      values.push(c / (tp.types[t]?.members.length ?? 1));
    }
  });
  indices.push(tp.types.length);
  values.push(1);
  return { indices, values };
}
