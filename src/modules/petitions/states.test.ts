import { describe, expect, it } from "vitest";
import { milestone, progress, quotas } from "./counts";
import { csvField } from "../../core/open-data/csv";
import { ALL_STATES, canTransition, PUBLIC_STATES, servicesTransitionsFrom, TRANSITIONS } from "./states";
import { canonicalEmail, confirmationToken, hashToken } from "./tokens";

describe("petition state machine", () => {
  it("follows the parliament's workflow and nothing else", () => {
    expect(canTransition("draft", "submitted", "author")).toBe(true);
    expect(canTransition("draft", "submitted", "services")).toBe(false);
    expect(canTransition("under_review", "published", "services")).toBe(true);
    expect(canTransition("published", "threshold_reached", "services")).toBe(false);
    expect(canTransition("published", "threshold_reached", "system")).toBe(true);
    expect(canTransition("transmitted", "withdrawn", "author")).toBe(false);
    expect(canTransition("answered", "published", "services")).toBe(false);
    expect(servicesTransitionsFrom("transmitted").sort()).toEqual(["answered", "hearing_scheduled"]);
  });

  it("only ever names known states, and withdrawal is the author's until transmission", () => {
    for (const t of TRANSITIONS) expect(ALL_STATES).toContain(t.to);
    const withdrawable = TRANSITIONS.filter((t) => t.to === "withdrawn").map((t) => t.from);
    expect(withdrawable.sort()).toEqual(["draft", "published", "submitted", "threshold_reached", "under_review"]);
    expect(PUBLIC_STATES).not.toContain("draft");
    expect(PUBLIC_STATES).not.toContain("under_review");
  });
});

describe("signers and tokens", () => {
  it("canonicalises mailboxes: case, +tags, dots where the provider ignores them", () => {
    expect(canonicalEmail("Jean.Dupont+petition@GMail.com").canonical).toBe("jeandupont@gmail.com");
    expect(canonicalEmail("jean.dupont@googlemail.com").canonical).toBe("jeandupont@gmail.com");
    expect(canonicalEmail("jean.dupont@example.be")).toEqual({ canonical: "jean.dupont@example.be", domain: "example.be" });
  });

  it("binds a confirmation token to one petition and one mailbox", () => {
    const key = Buffer.alloc(32, 7);
    const a = confirmationToken(key, 1, "a@example.be");
    expect(confirmationToken(key, 1, "a@example.be")).toBe(a);
    expect(confirmationToken(key, 2, "a@example.be")).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("quotas and progress", () => {
  const house = { threshold: 25_000, regionThresholds: { "BE-VLG": 14_500, "BE-WAL": 8_000, "BE-BRU": 2_500 } };
  const counts = (online: Record<string, number>, paper: Record<string, number> = {}) => {
    const onlineTotal = Object.values(online).reduce((a, b) => a + b, 0);
    const paperTotal = Object.values(paper).reduce((a, b) => a + b, 0);
    return { online, paper, onlineTotal, paperTotal, total: onlineTotal + paperTotal };
  };

  it("needs every regional quota, not only the total (Belgian House)", () => {
    const c = counts({ "BE-VLG": 20_000, "BE-WAL": 7_999, "BE-BRU": 3_000 });
    expect(c.total).toBeGreaterThan(25_000);
    expect(progress(quotas(house, c))).toBeLessThan(1);
    // Paper signatures count towards their region's quota.
    expect(progress(quotas(house, counts({ "BE-VLG": 14_500, "BE-WAL": 7_999, "BE-BRU": 2_500 }, { "BE-WAL": 1 })))).toBe(1);
    expect(progress(quotas(house, counts({ "BE-VLG": 14_500, "BE-WAL": 7_999, "BE-BRU": 2_500 })))).toBeLessThan(1);
  });

  it("reports milestones at 33, 66 and 100 %", () => {
    expect([0.1, 0.33, 0.5, 0.66, 0.99, 1].map(milestone)).toEqual([0, 33, 33, 66, 66, 100]);
  });
});

describe("CSV", () => {
  it("neutralises spreadsheet formulas and quotes separators", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(12)).toBe("12");
  });
});
