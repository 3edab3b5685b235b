import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../../../core/http/context";
import { proposalRule, type ProposalResource } from "../rules";
import { proposalSettings, proposalStepSettings } from "../settings";
import { amendRule, promotionOpen, reactionOpen, seesAmendment } from "./rules";

const user: CurrentUser = { id: 7, email: "a@example.org", name: "A", isAdmin: false, emailConfirmed: true, locale: "en" };
const settings = (step: Record<string, unknown> = {}, global: Record<string, unknown> = { amendmentsEnabled: true }) => ({ global: proposalSettings.parse(global), step: proposalStepSettings.parse(step) });
const proposal = (over: Partial<ProposalResource> = {}): ProposalResource => ({
  id: 1,
  authorIds: [3],
  publishedAt: new Date("2026-12-05T10:00:00Z"),
  withdrawn: false,
  hidden: false,
  answerPublished: false,
  stateToken: null,
  official: false,
  hasSupports: false,
  ...over,
});

describe("the amendments' rules", () => {
  it("open amending only with the component's and the step's settings", () => {
    expect(amendRule(settings({ amendmentCreationEnabled: true }, {}), user, proposal())?.reason).toBe("proposals.amendments.errors.creationClosed");
    expect(amendRule(settings({}), user, proposal())?.reason).toBe("proposals.amendments.errors.creationClosed");
    expect(amendRule(settings({ amendmentCreationEnabled: true }), user, proposal())).toBeNull();
    // Through the component's rule, as can() asks it.
    expect(proposalRule({ action: "amend", user, settings: settings({ amendmentCreationEnabled: true }), resource: proposal() })).toBeNull();
  });

  it("refuse one's own, a withdrawn, a hidden, a draft or a rejected proposal", () => {
    const open = settings({ amendmentCreationEnabled: true });
    expect(amendRule(open, user, proposal({ authorIds: [7] }))?.reason).toBe("proposals.amendments.errors.ownProposal");
    expect(amendRule(open, user, proposal({ withdrawn: true }))?.reason).toBe("proposals.errors.withdrawn");
    expect(amendRule(open, user, proposal({ hidden: true }))?.reason).toBe("proposals.amendments.errors.notAmendable");
    expect(amendRule(open, user, proposal({ publishedAt: null }))?.reason).toBe("proposals.amendments.errors.notAmendable");
    expect(amendRule(open, user, proposal({ stateToken: "rejected" }))?.reason).toBe("proposals.amendments.errors.proposalRejected");
  });

  it("open reactions and promotion per step, and show amendments as the step's visibility says", () => {
    expect(reactionOpen(settings({ amendmentReactionEnabled: true }))).toBe(true);
    expect(reactionOpen(settings({ amendmentReactionEnabled: true }, {}))).toBe(false);
    expect(promotionOpen(settings({ amendmentPromotionEnabled: true }))).toBe(true);
    expect(promotionOpen(settings({}))).toBe(false);
    const participants = settings({ amendmentsVisibility: "participants" });
    const a = { amenderId: 7, proposalAuthorIds: [3] };
    expect(seesAmendment(settings({}), null, a, false)).toBe(true);
    expect(seesAmendment(participants, null, a, false)).toBe(false);
    expect(seesAmendment(participants, { id: 7 }, a, false)).toBe(true);
    expect(seesAmendment(participants, { id: 3 }, a, false)).toBe(true);
    expect(seesAmendment(participants, { id: 9 }, a, false)).toBe(false);
    expect(seesAmendment(participants, { id: 9 }, a, true)).toBe(true);
  });
});
