/** The sortition demo (filled in below). */
import type { DemoSpaces } from "../../core/components/define";
import type { AppDeps } from "../../core/http/deps";

export async function seedSortitionDemo(_deps: AppDeps, _input: DemoSpaces): Promise<void> {}
