/** The component manifests this installation knows, by name. */
import { registerCatalogue } from "../i18n/catalogues";
import { applyParticipationKit } from "../resources/kit-settings";
import type { ComponentManifest } from "./define";

const manifests = new Map<string, ComponentManifest>();

/** Registers a manifest (typed by its own settings) under its name. */
export function registerComponent<M>(manifest: M & { name: string }): void {
  // Handlers are typed by the manifest's own settings; the registry holds them erased, and the core only
  // ever calls them with settings parsed by that same manifest's schemas.
  const m = manifest as unknown as ComponentManifest;
  if (manifests.get(m.name) === m) return;
  if (manifests.has(m.name)) throw new Error(`component ${m.name} registered twice`);
  if (m.messages) registerCatalogue(m.name, m.messages);
  applyParticipationKit(m);
  manifests.set(m.name, m);
}

export function getComponentManifest(name: string): ComponentManifest | undefined {
  return manifests.get(name);
}

export function listComponentManifests(): ComponentManifest[] {
  return [...manifests.values()];
}
