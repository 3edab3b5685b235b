/** `pnyx seed --demo`: the demo organization and its spaces (idempotent: skipped when already seeded). */
import { startPlatform } from "../runtime";
import { isSeeded, seedDemo } from "../seeds";
import { parseFlags } from "./args";
import { configOrExit } from "./boot";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { demo: { type: "boolean" }, help: { type: "boolean" } });
  if (values.help || !values.demo) {
    console.log("Usage: pnyx seed --demo\n\nCreates the demo organization, spaces and demo administrator (once).");
    return values.help ? 0 : 2;
  }
  const config = configOrExit();
  if (!config) return 1;
  const platform = await startPlatform({ ...config, LOG_LEVEL: "warn" });
  try {
    if (await isSeeded(platform.deps.db)) {
      console.log("already seeded: nothing to do");
      return 0;
    }
    await seedDemo(platform.deps);
    console.log("demo data seeded");
    return 0;
  } finally {
    await platform.close();
  }
}
