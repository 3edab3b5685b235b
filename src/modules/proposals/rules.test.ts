import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../../core/http/context";
import { answerInput, proposalInput } from "./inputs";
import { proposalRule, supportable, withinEditWindow, type ProposalResource } from "./rules";
import { proposalSettings, proposalStepSettings } from "./settings";

const user: CurrentUser = { id: 7, email: "a@example.org", name: "A", isAdmin: false, emailConfirmed: true, locale: "en" };
const settings = (step: Record<string, unknown> = {}, global: Record<string, unknown> = {}) => ({ global: proposalSettings.parse(global), step: proposalStepSettings.parse(step) });
const proposal = (over: Partial<ProposalResource> = {}): ProposalResource => ({
  id: 1,
  authorIds: [7],
  publishedAt: new Date("2026-12-05T10:00:00Z"),
  withdrawn: false,
  hidden: false,
  answerPublished: false,
  stateToken: null,
  official: false,
  hasSupports: false,
  ...over,
});

describe("the proposals component's rule", () => {
  it("opens creation and supports by step", () => {
    expect(proposalRule({ action: "create", user, settings: settings() })?.reason).toBe("proposals.errors.creationClosed");
    expect(proposalRule({ action: "create", user, settings: settings({ creationEnabled: true }) })).toBeNull();
    expect(proposalRule({ action: "support", user, settings: settings() })?.reason).toBe("proposals.errors.supportsClosed");
    expect(proposalRule({ action: "support", user, settings: settings({ supportsEnabled: true, supportsBlocked: true }) })?.reason).toBe("proposals.errors.supportsBlocked");
    expect(proposalRule({ action: "support", user, settings: settings({ supportsEnabled: true }), resource: proposal({ stateToken: "rejected" }) })?.reason).toBe("proposals.errors.notSupportable");
    expect(proposalRule({ action: "support", user, settings: settings({ supportsEnabled: true }), resource: proposal() })).toBeNull();
  });

  it("lets authors edit within the window, before an answer, and withdraw while unsupported", () => {
    const now = new Date("2026-12-05T10:04:00Z");
    const s = settings({}, { editWindowMinutes: 5 });
    expect(proposalRule({ action: "edit", user, settings: s, resource: proposal(), now })).toBeNull();
    expect(proposalRule({ action: "edit", user, settings: s, resource: proposal(), now: new Date("2026-12-05T10:05:00Z") })?.reason).toBe("proposals.errors.editWindowOver");
    expect(proposalRule({ action: "edit", user, settings: s, resource: proposal({ publishedAt: null }), now: new Date("2027-01-01") })).toBeNull();
    expect(proposalRule({ action: "edit", user, settings: s, resource: proposal({ answerPublished: true }), now })?.reason).toBe("proposals.errors.answered");
    expect(proposalRule({ action: "edit", user: { ...user, id: 8 }, settings: s, resource: proposal(), now })?.reason).toBe("proposals.errors.notYours");
    expect(withinEditWindow(proposal(), 0, new Date("2030-01-01"))).toBe(true);
    expect(proposalRule({ action: "withdraw", user, settings: s, resource: proposal({ hasSupports: true }) })?.reason).toBe("proposals.errors.hasSupports");
    expect(proposalRule({ action: "withdraw", user, settings: s, resource: proposal({ withdrawn: true }) })?.reason).toBe("proposals.errors.notWithdrawable");
    expect(proposalRule({ action: "withdraw", user, settings: s, resource: proposal() })).toBeNull();
    expect(supportable(proposal({ hidden: true }))).toBe(false);
    expect(proposalRule({ action: "endorse", user, settings: s, resource: proposal({ withdrawn: true }) })?.reason).toBe("proposals.errors.withdrawn");
    expect(proposalRule({ action: "endorse", user, settings: s, resource: proposal() })).toBeNull();
  });
});

describe("the proposal forms", () => {
  it("keeps titles within the component's lengths and refuses shouting", () => {
    const schema = proposalInput({ titleMaxLength: 20, bodyMaxLength: 50 });
    const body = "Long enough to be a body.";
    expect(schema.safeParse({ title: "Short one", body, language: "en" }).success).toBe(false);
    expect(schema.safeParse({ title: "Exactly within twenty", body, language: "en" }).success).toBe(false);
    expect(schema.safeParse({ title: "Within twenty", body, language: "en" }).success).toBe(true);
    expect(schema.safeParse({ title: "TREES EVERYWHERE", body, language: "en" }).success).toBe(false);
    expect(schema.safeParse({ title: "Trees for A4 road", body, language: "xx" }).success).toBe(false);
  });

  it("reads costs in euros, with a comma or a point, to cents", () => {
    const cost = (v: string) => {
      const r = answerInput.safeParse({ stateId: "1", cost: v });
      return r.success ? r.data.cost : "invalid";
    };
    expect(cost("1 234,50")).toBe(123_450);
    expect(cost("1234.5")).toBe(123_450);
    expect(cost("€ 80")).toBe(8_000);
    expect(cost("")).toBeUndefined();
    expect(cost("12,345")).toBe("invalid");
    expect(cost("-5")).toBe("invalid");
  });
});
