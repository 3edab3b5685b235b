/** `pnyx start`: database, migrations, first-start demo seed, web server; Ctrl-C stops all cleanly. */
import { POOL_MAX, startPlatform, startupMark } from "../runtime";
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
  // Listens while pg-boss and the job handlers finish starting (jobs sent meanwhile wait for them).
  // The whole pool is kept once open, and opened a second after listening (ADR 47): the first burst of
  // requests must not wait for new PostgreSQL connections one by one.
  const platform = await startPlatform(config, console.log, { jobsInBackground: true, poolMin: POOL_MAX });
  try {
    // Imported here, not above: the seeds load every component, which startPlatform loads while the database starts.
    const { isSeeded, seedDemo } = await import("../seeds");
    if (config.PNYX_SEED_DEMO && !(await isSeeded(platform.deps.db))) {
      console.log("first start: seeding the demo organization");
      await seedDemo(platform.deps);
    }
    // Before listen: hooks cannot be added to a started server.
    collectWhenIdle(platform.app, 5_000, (m) => platform.deps.log(m));
    // A deep accept queue (Node's default is 511; the kernel caps it at net.core.somaxconn): when requests
    // waited out a database restart (ADR 49) and the instance is busy catching up, a proxy's new
    // connections wait their turn instead of timing out and getting the instance marked failed.
    await platform.app.listen({ port: config.PORT, host: config.HOST, backlog: 4096 });
  } catch (error) {
    await platform.close();
    throw error;
  }
  startupMark("listening");
  setTimeout(() => void import("../db/client").then(({ warmPool }) => warmPool(platform.deps.pool, POOL_MAX)), 1_000).unref();
  console.log(`Pnyx is ready at ${config.PUBLIC_URL} (${Math.round(performance.now() - started)} ms)`);
  const clean = await new Promise<boolean>((resolve) => {
    const stop = (signal: string) => {
      console.log(`${signal}: stopping`);
      platform.close().then(
        () => resolve(true),
        (e: unknown) => {
          console.error(e);
          resolve(true);
        },
      );
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    // Jobs that cannot start leave a server that would never send a mail: stop, with the reason.
    platform.jobsReady.catch((e: unknown) => {
      console.error(`the background jobs did not start: ${e instanceof Error ? e.message : String(e)}`);
      platform.close().then(
        () => resolve(false),
        () => resolve(false),
      );
    });
  });
  return clean ? 0 : 1;
}
