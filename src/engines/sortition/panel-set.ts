/** A deduplicated, growing list of type-level panels (the columns of the lottery LPs). */
import type { TypePanel } from "./groups";

export class PanelSet {
  readonly panels: TypePanel[] = [];
  private readonly keys = new Map<string, number>();

  /** Adds the panel if new; returns its index and whether it was new. */
  add(panel: TypePanel): { index: number; added: boolean } {
    const key = panel.join(",");
    const at = this.keys.get(key);
    if (at !== undefined) return { index: at, added: false };
    this.keys.set(key, this.panels.length);
    this.panels.push(panel);
    return { index: this.panels.length - 1, added: true };
  }

  has(panel: TypePanel): boolean {
    return this.keys.has(panel.join(","));
  }

  get size(): number {
    return this.panels.length;
  }
}
