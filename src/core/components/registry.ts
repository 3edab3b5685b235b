/** The component manifests this installation knows, by name. */
import type { ComponentManifest } from "./define";

const manifests = new Map<string, ComponentManifest>();

/** Registers a manifest (typed by its own settings) under its name. */
export function registerComponent<M>(manifest: M & { name: string }): void {
  // Handlers are typed by the manifest's own settings; the registry holds them erased, and the core only
  // ever calls them with settings parsed by that same manifest's schemas.
  manifests.set(manifest.name, manifest as unknown as ComponentManifest);
}

export function getComponentManifest(name: string): ComponentManifest | undefined {
  return manifests.get(name);
}

export function listComponentManifests(): ComponentManifest[] {
  return [...manifests.values()];
}
