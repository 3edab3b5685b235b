/** `pnyx migrate`: applies pending migrations and exits. */
import { locateDatabase } from "../db/connect";
import { migrateDatabase } from "../db/migrate";
import { configOrExit } from "./boot";

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log("Usage: pnyx migrate\n\nApplies the database migrations (embedded PostgreSQL unless DATABASE_URL is set).");
    return 0;
  }
  const config = configOrExit();
  if (!config) return 1;
  const location = await locateDatabase(config, console.log);
  try {
    await migrateDatabase(location.url);
    console.log("migrations applied");
    return 0;
  } finally {
    await location.stop();
  }
}
