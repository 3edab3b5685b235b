import type { Problem } from "./pb-model";
export function validatePb(_text: string): Problem[] {
  return [];
}
