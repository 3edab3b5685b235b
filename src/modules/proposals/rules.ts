/**
 * The component's own rules, pure: what the manifest's permission rule answers for an action on a
 * proposal, from the settings in force and the proposal's facts. The limits that need a person's
 * counts (supports given, proposals published) are checked by the services under a lock.
 */
import type { ComponentDenial } from "../../core/components/define";
import type { CurrentUser } from "../../core/http/context";
import type { ProposalsSettings } from "./settings";
import { amendRule } from "./amendments/rules";

/** What the permission rule sees of a proposal (built by `loadProposalFacts`). */
export interface ProposalResource {
  id: number;
  /** The author and accepted co-authors. */
  authorIds: number[];
  publishedAt: Date | null;
  withdrawn: boolean;
  hidden: boolean;
  answerPublished: boolean;
  /** The published answer's state token ("accepted"), null while unanswered. */
  stateToken: string | null;
  official: boolean;
  /** Anyone supports it (provisional supports included). */
  hasSupports: boolean;
}

export const ACTIONS = ["create", "support", "edit", "withdraw", "amend"] as const;
export type ProposalAction = (typeof ACTIONS)[number] | "comment" | "endorse";

/** Whether the author's edit window is still open (a draft is always editable). */
export function withinEditWindow(resource: Pick<ProposalResource, "publishedAt">, editWindowMinutes: number, now = new Date()): boolean {
  if (!resource.publishedAt || editWindowMinutes === 0) return true;
  return now.getTime() - resource.publishedAt.getTime() < editWindowMinutes * 60_000;
}

/** Supports are taken on published proposals that are not withdrawn, hidden or rejected. */
export function supportable(r: ProposalResource): boolean {
  return r.publishedAt !== null && !r.withdrawn && !r.hidden && r.stateToken !== "rejected";
}

export function proposalRule(input: { action: string; user: CurrentUser | null; settings: ProposalsSettings; resource?: ProposalResource | undefined; now?: Date }): ComponentDenial | null {
  const { action, user, settings, resource } = input;
  const isAuthor = Boolean(user && resource?.authorIds.includes(user.id));
  switch (action) {
    case "create":
      return settings.step.creationEnabled ? null : { reason: "proposals.errors.creationClosed" };
    case "support":
      if (!settings.step.supportsEnabled) return { reason: "proposals.errors.supportsClosed" };
      if (settings.step.supportsBlocked) return { reason: "proposals.errors.supportsBlocked" };
      if (resource && !supportable(resource)) return { reason: "proposals.errors.notSupportable" };
      return null;
    case "edit":
      if (!resource || !isAuthor) return { reason: "proposals.errors.notYours" };
      if (resource.withdrawn) return { reason: "proposals.errors.withdrawn" };
      if (resource.answerPublished) return { reason: "proposals.errors.answered" };
      if (!withinEditWindow(resource, settings.global.editWindowMinutes, input.now)) return { reason: "proposals.errors.editWindowOver" };
      return null;
    case "withdraw":
      if (!resource || !isAuthor) return { reason: "proposals.errors.notYours" };
      if (!resource.publishedAt || resource.withdrawn) return { reason: "proposals.errors.notWithdrawable" };
      if (resource.hasSupports) return { reason: "proposals.errors.hasSupports" };
      return null;
    case "amend":
      return amendRule(settings, user, resource);
    case "endorse":
      // The kit opens only public proposals; a withdrawn one keeps its endorsements but takes no more.
      return resource?.withdrawn ? { reason: "proposals.errors.withdrawn" } : null;
    default:
      return null;
  }
}
