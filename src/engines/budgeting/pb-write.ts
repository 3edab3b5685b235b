import type { PbFile } from "./pb-model";
export function writePb(_f: PbFile): { text: string; notes: string[] } {
  return { text: "", notes: [] };
}
