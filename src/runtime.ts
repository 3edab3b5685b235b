/**
 * A running Pnyx: database (embedded or external), migrations, jobs, mail and the web server, with a
 * clean shutdown of all of them.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Config } from "./config";
import type { AppDeps } from "./core/http/deps";
import { locateDatabase } from "./db/connect";
import { migrateDatabase } from "./db/migrate";

/**
 * The web application, the jobs and their handlers: most of the code there is to load. Imported while
 * the database starts and migrates, which is mostly waiting on PostgreSQL, so the two overlap.
 */
const loadApplication = () =>
  Promise.all([import("./app"), import("./core/jobs/queue"), import("./core/jobs/handlers"), import("./core/mail/mailer"), import("./db/client"), import("./core/realtime/bus")]);

export interface Platform {
  app: FastifyInstance;
  deps: AppDeps;
  close: () => Promise<void>;
}

/** Outside production, the cookie-signing secret is kept in the data folder so restarts keep forms valid. */
async function sessionSecret(config: Config): Promise<string> {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = path.join(config.PNYX_DATA_DIR, "session-secret");
  if (existsSync(file)) return (await fs.readFile(file, "utf8")).trim();
  await fs.mkdir(config.PNYX_DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** Starts everything but the HTTP listener (tests use `app.inject` or listen themselves). */
export async function startPlatform(config: Config, out: (m: string) => void = console.log): Promise<Platform> {
  // Once shutting down, connection errors are expected (the embedded server stops on SIGINT too).
  let closed = false;
  const log = (m: string) => {
    if (!closed) out(m);
  };
  const loading = loadApplication();
  loading.catch(() => {}); // awaited below; a failure before then must not be an unhandled rejection
  const location = await locateDatabase(config, log);
  try {
    await migrateDatabase(location.url);
    const [{ buildApp }, { startJobs }, { registerJobHandlers }, { createMailer }, { openDatabase }, { startEventBus }] = await loading;
    const database = openDatabase(location.url, 20, log);
    const jobs = await startJobs(location.url, log);
    const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log });
    const bus = await startEventBus(location.url, log);
    const deps: AppDeps = { config: { ...config, SESSION_SECRET: await sessionSecret(config) }, db: database.db, pool: database.pool, mailer, jobs, bus, log };
    await registerJobHandlers(deps);
    const app = await buildApp(deps);
    const close = async () => {
      if (closed) return;
      closed = true;
      await app.close().catch(() => {});
      await jobs.stop().catch(() => {});
      await bus.close();
      mailer.close();
      await database.close().catch(() => {});
      await location.stop();
    };
    return { app, deps, close };
  } catch (error) {
    await location.stop();
    throw error;
  }
}
