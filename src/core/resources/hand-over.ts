/**
 * Components meet through resource kinds, never by importing each other: a taker (a budget importing
 * accepted proposals, results importing selected projects) lists the components of a space whose
 * kinds offer a hand-over (`ResourceKind.handOver`), then reads one of them.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { MessageKey } from "../i18n/catalogues";
import type { Translatable } from "../i18n/locales";
import { components } from "../spaces/schema";
import { listResourceKinds, type HandOverItem } from "./kinds";

export interface HandOverSource {
  componentId: number;
  componentName: Translatable;
  type: string;
  label: MessageKey;
}

/** The components of a space (other than `exceptComponentId`) that hand resources over, in the space's order. */
export async function listHandOverSources(db: Db, spaceId: number, exceptComponentId?: number): Promise<HandOverSource[]> {
  const offering = listResourceKinds().filter((k) => k.kind.handOver);
  if (offering.length === 0) return [];
  const rows = await db
    .select({ id: components.id, manifest: components.manifest, name: components.name })
    .from(components)
    .where(and(eq(components.spaceId, spaceId), inArray(components.manifest, [...new Set(offering.map((k) => k.component))])))
    .orderBy(asc(components.weight), asc(components.id));
  const out: HandOverSource[] = [];
  for (const r of rows) {
    if (r.id === exceptComponentId) continue;
    for (const k of offering) if (k.component === r.manifest && k.kind.handOver) out.push({ componentId: r.id, componentName: r.name, type: k.type, label: k.kind.handOver.label });
  }
  return out;
}

/** What a source hands over, after checking that the component is in the space and offers `type` (null otherwise). */
export async function readHandOver(db: Db, spaceId: number, source: { componentId: number; type: string }): Promise<HandOverItem[] | null> {
  const found = (await listHandOverSources(db, spaceId)).find((s) => s.componentId === source.componentId && s.type === source.type);
  if (!found) return null;
  const kind = listResourceKinds().find((k) => k.type === source.type)?.kind;
  return kind?.handOver ? kind.handOver.list(db, source.componentId) : null;
}
