/**
 * What other components say about a resource: every installed component declaring `linkedFrom` is
 * asked (a results component lists the results a proposal led to), one query each, and the answers
 * come back as labelled sections for the resource's page. Components never import each other: the
 * proposal's page only calls this.
 */
import type { Db } from "../../db/client";
import { listComponentManifests } from "../components/registry";
import type { MessageKey } from "../i18n/catalogues";
import type { Translatable } from "../i18n/locales";
import type { ResourceRef } from "./kinds";

export interface LinkedFromSection {
  label: MessageKey;
  items: Array<{ title: Translatable; url: string }>;
}

export async function loadLinkedFrom(db: Db, ref: ResourceRef): Promise<LinkedFromSection[]> {
  const providers = listComponentManifests().flatMap((m) => (m.linkedFrom ? [m.linkedFrom] : []));
  const sections = await Promise.all(providers.map(async (p) => ({ label: p.label, items: await p.load(db, ref) })));
  return sections.filter((s) => s.items.length > 0);
}
