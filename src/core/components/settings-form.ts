/**
 * Parsing the generated forms: the settings form (name, global settings, default step and each step's
 * settings) and the permissions form (per action, the attached handlers and their options).
 */
import { z } from "zod";
import type { FieldErrors, Result } from "../http/result";
import type { Translatable } from "../i18n/locales";
import type { ComponentPermissionsValue, ComponentSettingsValue } from "../spaces/schema";
import { getVerification, listVerifications } from "../verifications/registry";
import type { ComponentManifest } from "./define";
import { parseNested, translatable } from "./form-values";
import { formToInput } from "./zod-fields";

const asObject = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === "object" && !Buffer.isBuffer(v) ? (v as Record<string, unknown>) : undefined);

const nameSchema = translatable({ required: true, max: 200 });

/** The settings form's values (nested) -> name and settings, or field errors named like the inputs. */
export function parseSettingsForm(
  manifest: ComponentManifest,
  stepIds: number[],
  values: Record<string, unknown>,
): Result<{ name: Translatable; settings: ComponentSettingsValue }> {
  const errors: FieldErrors = {};
  const name = parseNested(nameSchema, values.name ?? {}, "name");
  if (!name.ok) Object.assign(errors, name.errors);
  const global = parseNested(manifest.settings, formToInput(manifest.settings, asObject(values.global)), "global");
  if (!global.ok) Object.assign(errors, global.errors);
  const defaultStep = parseNested(manifest.stepSettings, formToInput(manifest.stepSettings, asObject(values.defaultStep)), "defaultStep");
  if (!defaultStep.ok) Object.assign(errors, defaultStep.errors);
  const stepsIn = asObject(values.steps) ?? {};
  const steps: Record<string, Record<string, unknown>> = {};
  for (const id of stepIds) {
    const parsed = parseNested(manifest.stepSettings, formToInput(manifest.stepSettings, asObject(stepsIn[String(id)])), `steps.${id}`);
    if (parsed.ok) steps[String(id)] = parsed.value;
    else Object.assign(errors, parsed.errors);
  }
  if (!name.ok || !global.ok || !defaultStep.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name: name.value, settings: { global: global.value, defaultStep: defaultStep.value, steps } } };
}

/** The permissions form -> per action, the enabled handlers with their validated options. */
export function parsePermissionsForm(manifest: ComponentManifest, values: Record<string, unknown>): Result<ComponentPermissionsValue> {
  const errors: FieldErrors = {};
  const out: ComponentPermissionsValue = {};
  const perm = asObject(values.perm) ?? {};
  for (const action of manifest.actions) {
    const forAction = asObject(perm[action]) ?? {};
    const handlers: Record<string, Record<string, unknown>> = {};
    for (const handler of listVerifications()) {
      const submitted = asObject(forAction[handler.name]);
      if (submitted?.enabled !== "on") continue;
      const schema = handler.options instanceof z.ZodObject ? handler.options : null;
      const input = schema ? formToInput(schema, asObject(submitted.options)) : {};
      const parsed = parseNested(handler.options, input, `perm.${action}.${handler.name}.options`);
      if (parsed.ok) handlers[handler.name] = (parsed.value ?? {}) as Record<string, unknown>;
      else Object.assign(errors, parsed.errors);
    }
    if (Object.keys(handlers).length > 0) out[action] = { handlers };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

/** Handlers attached to an action that are no longer installed (shown so the admin can see why it fails). */
export function missingHandlers(permissions: ComponentPermissionsValue, action: string): string[] {
  return Object.keys(permissions[action]?.handlers ?? {}).filter((name) => !getVerification(name));
}
