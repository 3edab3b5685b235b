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
import type { Jobs } from "./core/jobs/queue";
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

/** What `startPlatform` gives: the platform, and when its jobs are ready. */
export interface StartedPlatform extends Platform {
  /**
   * Settles once the jobs (pg-boss) run with every handler registered. Already settled when
   * `startPlatform` returns, unless it was called with `jobsInBackground`; rejects if they failed to start.
   */
  jobsReady: Promise<void>;
}

export interface StartOptions {
  /**
   * Return as soon as the web application is built, while pg-boss and the job handlers are still
   * starting (`jobsReady` tells when they are done): `pnyx start` listens meanwhile. Jobs sent before
   * then wait for pg-boss to run, then are stored as usual; handlers pick them up once registered.
   */
  jobsInBackground?: boolean;
  /**
   * Connections the platform's pool keeps open once opened (its `min`; default none). A server keeps the
   * whole pool (`pnyx start`, ADR 47), as a fixed-size pool: tests and commands open only what they use.
   */
  poolMin?: number;
}

/**
 * `PNYX_STARTUP_TRACE=1`: each step of the start-up on standard error, in ms since the process started
 * (the breakdown in bench/RESULTS.md).
 */
export const startupMark = process.env.PNYX_STARTUP_TRACE ? (step: string): void => void process.stderr.write(`startup: ${step} ${Math.round(performance.now())} ms\n`) : (): void => {};

/**
 * Jobs usable at once: each call waits for pg-boss to run (`started`), then is made as usual. Lets the
 * web application be built, and serve, while pg-boss starts (a few round trips to PostgreSQL).
 */
function jobsOnceStarted(started: Promise<Jobs>): Jobs {
  return {
    send: async (name, data, options) => (await started).send(name, data, options),
    sendMany: async (name, items) => (await started).sendMany(name, items),
    work: async (name, handler, options) => (await started).work(name, handler, options),
    every: async (name, seconds, handler) => (await started).every(name, seconds, handler),
    schedule: async (name, cron) => (await started).schedule(name, cron),
    stop: async () => (await started).stop(),
  };
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

/** The platform pool's size (connections per instance to PostgreSQL, beside pg-boss's 4 and the event bus's 1). */
export const POOL_MAX = 20;

/** Starts everything but the HTTP listener (tests use `app.inject` or listen themselves). */
export async function startPlatform(config: Config, out: (m: string) => void = console.log, options: StartOptions = {}): Promise<StartedPlatform> {
  // Once shutting down, connection errors are expected (the embedded server stops on SIGINT too).
  let closed = false;
  const log = (m: string) => {
    if (!closed) out(m);
  };
  startupMark("startPlatform");
  const loading = loadApplication();
  loading.catch(() => {}); // awaited below; a failure before then must not be an unhandled rejection
  const location = await locateDatabase(config, log);
  startupMark("database located");
  try {
    await migrateDatabase(location.url);
    startupMark("migrated");
    const [{ buildApp }, { startJobs }, { registerJobHandlers }, { createMailer }, { openDatabase }, { startEventBus }] = await loading;
    startupMark("application loaded");
    const database = openDatabase(location.url, POOL_MAX, log, { min: options.poolMin ?? 0, rideThroughMs: config.PNYX_DB_RIDE_THROUGH_MS });
    // pg-boss starts while the event bus connects and the application is built (mostly waiting on PostgreSQL).
    const jobsStarted = startJobs(location.url, log);
    jobsStarted.catch(() => {}); // awaited through `jobsReady`
    const jobs = jobsOnceStarted(jobsStarted);
    const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log });
    const bus = await startEventBus(location.url, log);
    const deps: AppDeps = { config: { ...config, SESSION_SECRET: await sessionSecret(config) }, db: database.db, pool: database.pool, mailer, jobs, bus, log };
    const jobsReady = registerJobHandlers(deps).then(() => startupMark("job handlers registered"));
    jobsReady.catch(() => {}); // awaited below, or by the caller with `jobsInBackground`
    let app: FastifyInstance | null = null;
    /** Everything but the database location; handlers still being registered finish first, so none is left polling. */
    const stopServices = async () => {
      await app?.close().catch(() => {});
      await jobsReady.catch(() => {});
      await jobs.stop().catch(() => {});
      await bus.close();
      mailer.close();
      await database.close().catch(() => {});
    };
    let built: FastifyInstance;
    try {
      built = app = await buildApp(deps);
      startupMark("application built");
      if (!options.jobsInBackground) await jobsReady;
    } catch (error) {
      await stopServices();
      throw error;
    }
    const close = async () => {
      if (closed) return;
      closed = true;
      await stopServices();
      await location.stop();
    };
    return { app: built, deps, close, jobsReady };
  } catch (error) {
    await location.stop();
    throw error;
  }
}
