/**
 * Amendments' rules, pure: when a participant may amend a proposal (the `amend` action, gated by
 * `can()` like `create`, so verification handlers apply), when the proposal's authors may react and
 * when a rejected amendment may be promoted, from the settings in force.
 */
import type { ComponentDenial } from "../../../core/components/define";
import type { CurrentUser } from "../../../core/http/context";
import type { ProposalResource } from "../rules";
import type { ProposalsSettings } from "../settings";

/** The `amend` action on a proposal (without one: whether amending is open at all in this step). */
export function amendRule(settings: ProposalsSettings, user: CurrentUser | null, resource?: ProposalResource): ComponentDenial | null {
  if (!settings.global.amendmentsEnabled || !settings.step.amendmentCreationEnabled) return { reason: "proposals.amendments.errors.creationClosed" };
  if (!resource) return null;
  if (!resource.publishedAt || resource.hidden) return { reason: "proposals.amendments.errors.notAmendable" };
  if (resource.withdrawn) return { reason: "proposals.errors.withdrawn" };
  if (resource.stateToken === "rejected") return { reason: "proposals.amendments.errors.proposalRejected" };
  if (user && resource.authorIds.includes(user.id)) return { reason: "proposals.amendments.errors.ownProposal" };
  return null;
}

/** The authors may accept or reject amendments in this step. */
export const reactionOpen = (s: ProposalsSettings): boolean => s.global.amendmentsEnabled && s.step.amendmentReactionEnabled;

/** A rejected amendment may become a proposal of its amender's in this step. */
export const promotionOpen = (s: ProposalsSettings): boolean => s.global.amendmentsEnabled && s.step.amendmentPromotionEnabled;

/**
 * Who sees an amendment that is no longer a draft: everyone, or with the "participants" visibility
 * only its amender, the proposal's authors (who react to it) and the space's staff.
 */
export function seesAmendment(s: ProposalsSettings, viewer: { id: number } | null, a: { amenderId: number | null; proposalAuthorIds: readonly number[] }, staff: boolean): boolean {
  if (s.step.amendmentsVisibility === "all" || staff) return true;
  if (!viewer) return false;
  return a.amenderId === viewer.id || a.proposalAuthorIds.includes(viewer.id);
}
