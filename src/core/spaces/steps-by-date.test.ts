import { describe, expect, it } from "vitest";
import { stepEnded, stepForDate, todayUtc } from "./steps-by-date";

const step = (id: number, startDate: string | null, endDate: string | null) => ({ id, position: id, startDate, endDate });

describe("the step whose dates include today", () => {
  const steps = [step(1, "2026-01-01", "2026-01-31"), step(2, "2026-02-01", "2026-02-28"), step(3, "2026-03-10", null), step(4, null, null)];

  it("is the dated step that has started and not ended", () => {
    expect(stepForDate(steps, "2026-01-01")?.id).toBe(1);
    expect(stepForDate(steps, "2026-01-31")?.id).toBe(1);
    expect(stepForDate(steps, "2026-02-14")?.id).toBe(2);
    expect(stepForDate(steps, "2027-06-01")?.id).toBe(3);
  });

  it("is none before the first step, between steps and after the last one (the current step stays)", () => {
    expect(stepForDate(steps, "2025-12-31")).toBeNull();
    expect(stepForDate(steps, "2026-03-05")).toBeNull();
    expect(stepForDate([step(1, "2026-01-01", "2026-01-31")], "2026-02-01")).toBeNull();
    expect(stepForDate([step(4, null, null)], "2026-02-01")).toBeNull();
  });

  it("goes to the newer step when dates overlap, then to the first in order", () => {
    expect(stepForDate([step(1, "2026-01-01", "2026-03-31"), step(2, "2026-03-01", "2026-03-15")], "2026-03-05")?.id).toBe(2);
    expect(stepForDate([step(1, "2026-01-01", "2026-03-31"), step(2, "2026-01-01", "2026-03-15")], "2026-03-05")?.id).toBe(1);
    expect(stepForDate([step(1, null, "2026-03-31"), step(2, "2026-03-01", null)], "2026-03-05")?.id).toBe(2);
  });

  it("says when a step's dates are over", () => {
    expect(stepEnded({ endDate: "2026-01-31" }, "2026-02-01")).toBe(true);
    expect(stepEnded({ endDate: "2026-01-31" }, "2026-01-31")).toBe(false);
    expect(stepEnded({ endDate: null }, "2030-01-01")).toBe(false);
    expect(todayUtc(new Date("2026-05-04T23:30:00Z"))).toBe("2026-05-04");
  });
});
