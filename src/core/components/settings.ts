/**
 * Component settings as Decidim keeps them: `global`, `defaultStep`, and `steps[stepId]`. What applies
 * now is the active step's settings, or `defaultStep` when the space has no active step (assemblies).
 */
import type { z } from "zod";
import type { ComponentSettingsValue } from "../spaces/schema";
import type { ComponentRecord } from "../spaces/types";
import type { ComponentManifest } from "./define";
import { getComponentManifest } from "./registry";

/** Parses stored values with the schema, falling back to the defaults when stored values no longer fit. */
function parseOrDefaults<S extends z.ZodObject>(schema: S, stored: Record<string, unknown> | undefined): z.infer<S> {
  const parsed = schema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  // A setting added or narrowed since the values were saved: keep what still fits, default the rest.
  const fitting: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const one = field.safeParse(stored?.[key]);
    if (one.success) fitting[key] = one.data;
  }
  return schema.parse(fitting);
}

export function globalSettings(manifest: ComponentManifest, component: Pick<ComponentRecord, "settings">): Record<string, unknown> {
  return parseOrDefaults(manifest.settings, component.settings.global);
}

/** The step settings stored for one step (or the default step when `stepId` is null). */
export function stepSettingsFor(manifest: ComponentManifest, settings: ComponentSettingsValue, stepId: number | null): Record<string, unknown> {
  const stored = stepId === null ? settings.defaultStep : (settings.steps[String(stepId)] ?? settings.defaultStep);
  return parseOrDefaults(manifest.stepSettings, stored);
}

/** The settings in force: the active step's, or the default step's. */
export function currentSettings(
  component: Pick<ComponentRecord, "manifest" | "settings">,
  space: { activeStepId: number | null },
): { global: Record<string, unknown>; step: Record<string, unknown> } {
  const manifest = getComponentManifest(component.manifest);
  if (!manifest) return { global: {}, step: {} };
  return { global: globalSettings(manifest, component), step: stepSettingsFor(manifest, component.settings, space.activeStepId) };
}
