/**
 * `npm run cluster -- --instances 3 --port 8080 [--database-url URL] [--no-seed]`: several Pnyx instances
 * behind nginx on this machine (src/cluster/cluster.ts), up until Ctrl-C, then everything stopped. For
 * operators trying a multi-instance set-up and for looking at what the cluster tests run.
 */
import { parseArgs } from "node:util";
import { MissingPrerequisite, startCluster } from "./cluster";

const USAGE = `Usage: npm run cluster -- [--instances 3] [--port 8080] [--database-url URL] [--no-seed] [--quiet]

Starts Debian's PostgreSQL 15 in a temporary folder (or uses --database-url), N Pnyx instances on
loopback ports and nginx in front (docs/nginx-pnyx.conf). Ctrl-C stops them all.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        instances: { type: "string", default: "3" },
        port: { type: "string", default: "8080" },
        "database-url": { type: "string" },
        "no-seed": { type: "boolean" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const instances = Number(values.instances);
  const port = Number(values.port);
  if (!Number.isInteger(instances) || instances < 1 || instances > 32) {
    console.error(`--instances must be a whole number from 1 to 32 (not ${values.instances})\n\n${USAGE}`);
    return 2;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (not ${values.port})\n\n${USAGE}`);
    return 2;
  }
  const quiet = values.quiet === true;
  let cluster;
  try {
    cluster = await startCluster({
      instances,
      port,
      databaseUrl: values["database-url"],
      seed: values["no-seed"] ? "none" : "demo",
      log: (line) => {
        if (!quiet) console.error(line);
      },
    });
  } catch (error) {
    console.error(error instanceof MissingPrerequisite ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
  console.log(`Pnyx cluster ready at ${cluster.url} (nginx)`);
  for (const i of cluster.instances) console.log(`  instance ${i.index}: ${i.url} (pid ${i.pid})`);
  console.log(`  database: ${cluster.databaseUrl.replace(/:[^:@/]+@/, ":***@")}`);
  console.log("Ctrl-C stops everything.");
  // Ctrl-C reaches this process more than once (from the terminal's process group and relayed by npm
  // and tsx): every later signal is ignored while the first one stops everything in order.
  await new Promise<void>((resolve) => {
    process.on("SIGINT", () => resolve());
    process.on("SIGTERM", () => resolve());
  });
  console.log("stopping...");
  await cluster.stop();
  console.log("stopped");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
