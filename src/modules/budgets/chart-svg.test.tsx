import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { BAR_LAYOUT, BarChart, barRows, shortLabel, StackedBar, stackSegments, type BarDatum } from "./chart-svg";

const datum = (label: string, value: number, marked = false): BarDatum => ({ label, value, valueText: `${value} votes`, marked });

describe("bar chart geometry", () => {
  it("makes the largest value the longest bar, in proportion, rows one below the other", () => {
    const { height, rows } = barRows([datum("A", 200, true), datum("B", 50), datum("C", 0)]);
    const room = BAR_LAYOUT.width - BAR_LAYOUT.valueSpace;
    const step = BAR_LAYOUT.labelHeight + BAR_LAYOUT.barHeight + BAR_LAYOUT.gap;
    expect(rows.map((r) => r.barWidth)).toEqual([room, room / 4, 0]);
    expect(rows.map((r) => r.barY)).toEqual([BAR_LAYOUT.labelHeight, step + BAR_LAYOUT.labelHeight, 2 * step + BAR_LAYOUT.labelHeight]);
    expect(rows.every((r) => r.labelY < r.barY)).toBe(true);
    expect(height).toBe(3 * step);
  });

  it("draws no bar when every value is zero, and keeps a row's height for an empty chart", () => {
    expect(barRows([datum("A", 0), datum("B", 0)]).rows.map((r) => r.barWidth)).toEqual([0, 0]);
    expect(barRows([]).height).toBeGreaterThan(0);
  });

  it("stacks segments in proportion to the total and leaves the rest", () => {
    const { segments, rest } = stackSegments(1000, [250, 500], 600);
    expect(segments).toEqual([
      { x: 0, width: 150 },
      { x: 150, width: 300 },
    ]);
    expect(rest).toEqual({ x: 450, width: 150 });
  });

  it("scales to the sum when the amounts pass the total (no segment beyond the bar)", () => {
    const { segments, rest } = stackSegments(100, [100, 100], 600);
    expect(segments.at(-1)).toEqual({ x: 300, width: 300 });
    expect(rest.width).toBe(0);
  });

  it("cuts long labels by characters, not bytes", () => {
    expect(shortLabel("Été à l’école", 5)).toBe("Été …");
    expect(shortLabel("short")).toBe("short");
  });
});

describe("chart markup", () => {
  it("is an image named by its title and description, marked bars hatched and labelled", () => {
    const html = render(<BarChart id="v" title="Votes per project" desc="Three projects" data={[datum("Garden", 10, true), datum("Bikes", 5)]} markText="selected" />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="v-title v-desc"');
    expect(html).toContain('<title id="v-title">Votes per project</title>');
    expect(html).toContain('viewBox="0 0 600');
    expect(html).toContain('width="100%"');
    expect(html).toContain('fill="url(#v-hatch)"');
    expect(html).toContain("10 votes · selected");
    expect(html).not.toContain("5 votes · selected");
  });

  it("stacks the selected set and outlines what is left", () => {
    const html = render(<StackedBar id="s" title="Selected" desc="d" total={100} items={[{ label: "A", value: 40 }]} totalText="40 of 100" restText="60 left" />);
    expect(html).toContain('width="240"');
    expect(html).toContain('stroke-dasharray="4 3"');
    expect(html).toContain("60 left");
  });
});
