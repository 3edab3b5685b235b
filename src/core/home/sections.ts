/**
 * What the home page shows below the organization's introduction: the core's spaces, then each
 * component's sections from its manifest (`homeSections`), each loading its own data with a bounded
 * number of queries.
 */
import type { HomeSection } from "../components/define";
import { listComponentManifests } from "../components/registry";
import { spacesHomeSection } from "../spaces/home-section";

export type { HomeSection } from "../components/define";

/** The home page's sections, in order (the manifests are registered before the first request). */
export function homeSections(): HomeSection[] {
  const fromComponents = listComponentManifests().flatMap((m) => m.homeSections ?? []);
  return [{ order: 0, ...spacesHomeSection }, ...fromComponents].sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}
