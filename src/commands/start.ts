/** `pnyx start`: database, migrations, first-start demo seed, web server; Ctrl-C stops all cleanly. */
import { startPlatform } from "../runtime";
import { collectWhenIdle } from "../core/http/idle-gc";
import { configOrExit } from "./boot";
import { parseFlags, withUsage } from "./cli-io";

const USAGE = "Usage: pnyx start\n\nEnvironment: PORT (3000), DATABASE_URL (else embedded PostgreSQL in PNYX_DATA_DIR, ./data), SMTP_URL, PNYX_SEED_DEMO (true).";

export async function run(argv: string[]): Promise<number> {
  return withUsage("start", USAGE, async () => {
    const { values } = parseFlags(argv, { help: { type: "boolean", short: "h" } }, { positionals: 0 });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    return start();
  });
}

async function start(): Promise<number> {
  const started = performance.now();
  const config = configOrExit();
  if (!config) return 1;
  const platform = await startPlatform(config);
  // Imported here, not above: the seeds load every component, which startPlatform loads while the database starts.
  const { isSeeded, seedDemo } = await import("../seeds");
  if (config.PNYX_SEED_DEMO && !(await isSeeded(platform.deps.db))) {
    console.log("first start: seeding the demo organization");
    await seedDemo(platform.deps);
  }
  // Before listen: hooks cannot be added to a started server.
  collectWhenIdle(platform.app, 5_000, (m) => platform.deps.log(m));
  await platform.app.listen({ port: config.PORT, host: config.HOST });
  console.log(`Pnyx is ready at ${config.PUBLIC_URL} (${Math.round(performance.now() - started)} ms)`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`${signal}: stopping`);
      platform.close().then(resolve, (e: unknown) => {
        console.error(e);
        resolve();
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  return 0;
}
