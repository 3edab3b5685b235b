/**
 * Server-rendered SVG charts (no chart library): horizontal bars (votes per project) and one stacked
 * bar (the selected set against the budget). Each chart is an image with a title and a description
 * (`role="img"`, `aria-labelledby`); the page puts a real table with the same figures beside it.
 * Marked bars (selected projects) differ by colour AND by a hatch pattern and a text mark, never by
 * colour alone. Mobile first: a viewBox and `width="100%"`, the labels above the bars so they keep
 * the whole width on a narrow screen.
 */

export interface BarDatum {
  label: string;
  value: number;
  /** The value as shown to the reader ("1,204 votes"). */
  valueText: string;
  /** Drawn hatched and followed by `markText` (a selected project). */
  marked: boolean;
}

export interface BarRow {
  datum: BarDatum;
  /** The label's baseline. */
  labelY: number;
  barY: number;
  barWidth: number;
}

export const BAR_LAYOUT = { width: 600, labelHeight: 18, barHeight: 16, gap: 10, valueSpace: 150, maxLabel: 70 } as const;

/** Where each bar goes: the longest bar is the largest value (0 values have no bar); rows stacked top to bottom. */
export function barRows(data: readonly BarDatum[], layout = BAR_LAYOUT): { height: number; rows: BarRow[] } {
  const max = Math.max(0, ...data.map((d) => d.value));
  const room = layout.width - layout.valueSpace;
  const step = layout.labelHeight + layout.barHeight + layout.gap;
  const rows = data.map((datum, i) => {
    const top = i * step;
    return { datum, labelY: top + layout.labelHeight - 4, barY: top + layout.labelHeight, barWidth: max > 0 ? (Math.max(0, datum.value) / max) * room : 0 };
  });
  return { height: Math.max(step, data.length * step), rows };
}

export interface StackSegment {
  x: number;
  width: number;
}

/**
 * The segments of one bar of `width` for these amounts against `total`: each in proportion, then what
 * is left of the total (`rest`, zero width when spent). Past the total, the bar scales to the sum.
 */
export function stackSegments(total: number, values: readonly number[], width: number): { segments: StackSegment[]; rest: StackSegment } {
  const sum = values.reduce((a, v) => a + Math.max(0, v), 0);
  const whole = Math.max(total, sum);
  const scale = whole > 0 ? width / whole : 0;
  let x = 0;
  const segments = values.map((v) => {
    const s = { x, width: Math.max(0, v) * scale };
    x += s.width;
    return s;
  });
  return { segments, rest: { x, width: Math.max(0, width - x) } };
}

/** Cuts a label to `max` characters (the table beside the chart has it whole). */
export function shortLabel(label: string, max: number = BAR_LAYOUT.maxLabel): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join("")}…`;
}

const COLOURS = { marked: "#1d4e89", plain: "#8a96a3", hatch: "#ffffff", text: "#1a1a1a", rest: "#ffffff", restStroke: "#5c6670", alt: "#3a7d44" };

function Hatch({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
      <rect width="8" height="8" fill={COLOURS.marked} />
      <line x1="0" y1="0" x2="0" y2="8" stroke={COLOURS.hatch} stroke-width="3" />
    </pattern>
  );
}

/** Horizontal bars, one per datum in the given order; marked ones hatched and followed by `markText`. */
export function BarChart({ id, title, desc, data, markText }: { id: string; title: string; desc: string; data: readonly BarDatum[]; markText: string }) {
  const { height, rows } = barRows(data);
  const L = BAR_LAYOUT;
  return (
    <svg class="chart chart-bars" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${L.width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <defs>
        <Hatch id={`${id}-hatch`} />
      </defs>
      {rows.map((r) => (
        <g>
          <text x="0" y={r.labelY} font-size="13" fill={COLOURS.text}>
            {shortLabel(r.datum.label)}
          </text>
          {r.barWidth > 0 && <rect x="0" y={r.barY} width={round(r.barWidth)} height={L.barHeight} fill={r.datum.marked ? `url(#${id}-hatch)` : COLOURS.plain} stroke={r.datum.marked ? COLOURS.marked : "none"} />}
          <text x={round(r.barWidth + 6)} y={r.barY + L.barHeight - 3} font-size="13" fill={COLOURS.text} font-weight={r.datum.marked ? "bold" : undefined}>
            {r.datum.marked ? `${r.datum.valueText} · ${markText}` : r.datum.valueText}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** One bar of the whole `total`: a segment per item (alternating hatched and plain, white edges), then what is left, outlined. */
export function StackedBar({ id, title, desc, total, items, totalText, restText }: { id: string; title: string; desc: string; total: number; items: ReadonlyArray<{ label: string; value: number }>; totalText: string; restText: string }) {
  const width = 600;
  const barHeight = 36;
  const { segments, rest } = stackSegments(total, items.map((i) => i.value), width);
  return (
    <svg class="chart chart-stack" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} 84`} width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <defs>
        <Hatch id={`${id}-hatch`} />
      </defs>
      {segments.map((s, i) => (
        <rect x={round(s.x)} y="4" width={round(s.width)} height={barHeight} fill={i % 2 === 0 ? `url(#${id}-hatch)` : COLOURS.alt} stroke="#ffffff" stroke-width="1">
          <title>{items[i]?.label ?? ""}</title>
        </rect>
      ))}
      {rest.width > 0 && <rect x={round(rest.x)} y="4.5" width={round(rest.width - 0.5)} height={barHeight - 1} fill={COLOURS.rest} stroke={COLOURS.restStroke} stroke-dasharray="4 3" />}
      <text x="0" y={barHeight + 26} font-size="14" fill={COLOURS.text}>
        {totalText}
      </text>
      <text x={width} y={barHeight + 44} font-size="13" fill={COLOURS.text} text-anchor="end">
        {restText}
      </text>
    </svg>
  );
}

const round = (v: number) => Math.round(v * 100) / 100;
