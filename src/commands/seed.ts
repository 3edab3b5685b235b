/** `pnyx seed --demo [--json]`: the demo organization and its spaces (idempotent: skipped when already seeded). */
import { startPlatform } from "../runtime";
import { isSeeded, seedDemo } from "../seeds";
import { configOrExit } from "./boot";
import { fail, logLine, parseFlags, printJson, UsageError, withUsage } from "./cli-io";

const USAGE = `Usage: pnyx seed --demo [--json]

Creates the demo organization, spaces and demo administrator (once), in the database of "pnyx start".
--json: one JSON object on standard output, {"ok":true,"seeded":true|false}; logs on standard error.`;

export async function run(argv: string[]): Promise<number> {
  return withUsage("seed", USAGE, async () => {
    const { values } = parseFlags(argv, { demo: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { positionals: 0 });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (!values.demo) throw new UsageError("--demo is required (the demo data is the only seed)");
    const json = values.json === true;
    const config = configOrExit(json);
    if (!config) return 1;
    // The web server is built but never listens: its request logger (standard output) stays silent with --json.
    let platform;
    try {
      platform = await startPlatform({ ...config, LOG_LEVEL: json ? "silent" : "warn" }, logLine);
    } catch (error) {
      return fail("seed", error, json);
    }
    try {
      const seeded = !(await isSeeded(platform.deps.db));
      if (seeded) await seedDemo(platform.deps);
      if (json) printJson({ ok: true, seeded });
      else console.log(seeded ? "demo data seeded" : "already seeded: nothing to do");
      return 0;
    } catch (error) {
      return fail("seed", error, json, { trace: true });
    } finally {
      await platform.close();
    }
  });
}
