/**
 * The opinion map as a server-rendered SVG: each base cluster of participants a dot (its area by its
 * size), each opinion group's convex hull, the participant's own position as a ringed marker with a
 * "You" label (shape and text, not only colour), and on request the statements' projections as
 * numbered marks. It is an image (role="img" with a title and a description); the table beside it
 * carries the same content. Presentation attributes only (no style attributes: the CSP).
 */
import { paddedHull, type OpinionMap, type Point } from "./map-model";

const W = 640;
const H = 420;
const MARGIN = 36;
/** Distinct hues that keep 3:1 against white for the hulls' outlines. */
const COLOURS = ["#1f6feb", "#c2410c", "#15803d", "#7e22ce", "#be123c", "#0e7490", "#a16207"];

export const groupColour = (id: number): string => COLOURS[id % COLOURS.length]!;

export interface MapSvgProps {
  map: OpinionMap;
  /** The participant's base cluster, when they are on the map. */
  own: number | null;
  showStatements: boolean;
  title: string;
  description: string;
  youLabel: string;
  /** Label of a group's hull ("Group A"), by group id. */
  groupName: (id: number) => string;
}

export function MapSvg({ map, own, showStatements, title, description, youLabel, groupName }: MapSvgProps) {
  const all: Point[] = [...map.points.map((p) => [p.x, p.y] as const), ...(showStatements ? map.statements.map((s) => [s.x, s.y] as const) : [])];
  const minX = Math.min(0, ...all.map((p) => p[0]));
  const maxX = Math.max(0, ...all.map((p) => p[0]));
  const minY = Math.min(0, ...all.map((p) => p[1]));
  const maxY = Math.max(0, ...all.map((p) => p[1]));
  const sx = (W - 2 * MARGIN) / (maxX - minX || 1);
  const sy = (H - 2 * MARGIN) / (maxY - minY || 1);
  const X = (x: number) => MARGIN + (x - minX) * sx;
  // Screen y grows downwards; the map's grows upwards.
  const Y = (y: number) => H - MARGIN - (y - minY) * sy;
  const f = (n: number) => n.toFixed(1);
  const maxCount = Math.max(1, ...map.points.map((p) => p.count));
  const radius = (count: number) => 3 + 9 * Math.sqrt(count / maxCount);
  const ownPoint = own === null ? undefined : map.points.find((p) => p.id === own);
  return (
    <svg class="conversation-map" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="conversation-map-title conversation-map-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="conversation-map-title">{title}</title>
      <desc id="conversation-map-desc">{description}</desc>
      <rect x="0" y="0" width={W} height={H} fill="#ffffff" stroke="#6b7280" />
      <line x1={f(X(0))} y1={MARGIN / 2} x2={f(X(0))} y2={H - MARGIN / 2} stroke="#d1d5db" />
      <line x1={MARGIN / 2} y1={f(Y(0))} x2={W - MARGIN / 2} y2={f(Y(0))} stroke="#d1d5db" />
      {map.groups.map((g) => {
        const hull = paddedHull(
          g.points.map((p) => [X(p.x), Y(p.y)] as const),
          14,
        );
        const top = hull.reduce((a, p) => (p[1] < a[1] ? p : a), hull[0] ?? ([0, 0] as const));
        return (
          <g class="conversation-group" data-group={String(g.id)}>
            <polygon class="conversation-hull" points={hull.map((p) => `${f(p[0])},${f(p[1])}`).join(" ")} fill={groupColour(g.id)} fill-opacity="0.12" stroke={groupColour(g.id)} stroke-width="2" stroke-linejoin="round" />
            <text x={f(top[0])} y={f(Math.max(12, top[1] - 4))} text-anchor="middle" font-size="14" font-weight="bold" fill={groupColour(g.id)}>
              {groupName(g.id)}
            </text>
          </g>
        );
      })}
      {map.points.map((p) => (
        <circle class="conversation-point" cx={f(X(p.x))} cy={f(Y(p.y))} r={f(radius(p.count))} fill={p.group === null ? "#9ca3af" : groupColour(p.group)} fill-opacity="0.75" />
      ))}
      {showStatements &&
        map.statements.map((s) => (
          <text class="conversation-statement-mark" x={f(X(s.x))} y={f(Y(s.y))} text-anchor="middle" font-size="11" fill="#374151">
            {`#${s.tid}`}
          </text>
        ))}
      {ownPoint && (
        <g class="conversation-you">
          <circle cx={f(X(ownPoint.x))} cy={f(Y(ownPoint.y))} r={f(radius(ownPoint.count) + 6)} fill="none" stroke="#111827" stroke-width="3" />
          <text x={f(X(ownPoint.x) + radius(ownPoint.count) + 10)} y={f(Y(ownPoint.y) + 5)} font-size="14" font-weight="bold" fill="#111827">
            {youLabel}
          </text>
        </g>
      )}
    </svg>
  );
}
