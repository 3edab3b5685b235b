/** What routes and services get from the running instance. */
import type pg from "pg";
import type { Config } from "../../config";
import type { Db } from "../../db/client";
import type { Jobs } from "../jobs/queue";
import type { EventBus } from "../realtime/bus";
import type { Mailer } from "../mail/mailer";

export interface AppDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  mailer: Mailer;
  jobs: Jobs;
  /** Live events across instances (LISTEN/NOTIFY), for SSE. */
  bus: EventBus;
  /** The instance's log lines outside requests (jobs, mail, the relay): what `pnyx start` prints. */
  log: (message: string) => void;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
