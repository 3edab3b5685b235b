/**
 * The component's settings (set by admins per petitions component): abuse controls and load switches.
 * Kept apart from the manifest so the signing path can parse them without importing routes.
 */
import { z } from "zod";

export const petitionSettings = z.object({
  /** Signatures one IP address may make on one petition within the window; 0 turns the check off. */
  ipLimit: z.number().int().min(0).max(1_000_000).default(20),
  ipWindowSeconds: z.number().int().min(10).max(86_400).default(300),
  /** Signing attempts one petition accepts per minute, across all instances; 0 means no limit. */
  petitionPerMinute: z.number().int().min(0).max(1_000_000).default(0),
  /** Under extreme load the per-region breakdown can be hidden from public pages. */
  showRegionBreakdown: z.boolean().default(true),
});
export type PetitionSettings = z.infer<typeof petitionSettings>;

export const petitionStepSettings = z.object({
  creationEnabled: z.boolean().default(true),
  signingEnabled: z.boolean().default(true),
});
export type PetitionStepSettings = z.infer<typeof petitionStepSettings>;

export function parseSettings(global: Record<string, unknown> | undefined): PetitionSettings {
  const parsed = petitionSettings.safeParse(global ?? {});
  return parsed.success ? parsed.data : petitionSettings.parse({});
}

export function parseStepSettings(step: Record<string, unknown> | undefined): PetitionStepSettings {
  const parsed = petitionStepSettings.safeParse(step ?? {});
  return parsed.success ? parsed.data : petitionStepSettings.parse({});
}
