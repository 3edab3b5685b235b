/**
 * The component's own rules, pure: what the manifest's permission rule answers for an action on a
 * debate. A closed debate takes no comment and no endorsement; only the author of a participant's
 * debate edits or closes it, while it is open.
 */
import type { ComponentDenial } from "../../core/components/define";
import type { CurrentUser } from "../../core/http/context";
import type { DebatesSettings } from "./settings";

/** What the permission rule sees of a debate (built by `loadDebateFacts`). */
export interface DebateResource {
  id: number;
  /** The participant who opened it (none for the organization's debates). */
  authorIds: number[];
  official: boolean;
  closed: boolean;
  hidden: boolean;
}

export const ACTIONS = ["create"] as const;

export function debateRule(input: { action: string; user: CurrentUser | null; settings: DebatesSettings; resource?: DebateResource | undefined }): ComponentDenial | null {
  const { action, settings, resource } = input;
  switch (action) {
    case "create":
      return settings.step.creationEnabled ? null : { reason: "debates.errors.creationClosed" };
    case "comment":
    case "endorse":
      return resource?.closed ? { reason: "debates.errors.closed" } : null;
    default:
      return null;
  }
}

/** The author of a participant's debate may edit or close it while it is open (the organization's are the admins'). */
export function authorMayChange(resource: DebateResource, user: CurrentUser | null): boolean {
  return Boolean(user && !resource.official && !resource.closed && !resource.hidden && resource.authorIds.includes(user.id));
}
