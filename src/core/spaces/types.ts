/** Row types of the spaces area, as services and views pass them around. */
import type { assemblyMembers, components, processGroups, spaces, steps } from "./schema";

export type SpaceRow = typeof spaces.$inferSelect;
/** A space with the id of its active step (processes), as `currentSettings` needs it. */
export interface SpaceRecord extends SpaceRow {
  activeStepId: number | null;
}
export type StepRecord = typeof steps.$inferSelect;
export type ComponentRecord = typeof components.$inferSelect;
export type AssemblyMemberRecord = typeof assemblyMembers.$inferSelect;
export type ProcessGroupRecord = typeof processGroups.$inferSelect;

/** The public address of a space. */
export function spacePath(space: { type: SpaceRow["type"]; slug: string }): string {
  return `${space.type === "assembly" ? "/assemblies" : "/processes"}/${encodeURIComponent(space.slug)}`;
}

/** The public address of a component (and of a path inside it). */
export function componentPath(space: { slug: string }, componentId: number, rest = ""): string {
  return `/spaces/${encodeURIComponent(space.slug)}/c/${componentId}${rest}`;
}
