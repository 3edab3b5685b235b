/**
 * The environment, parsed once at boot. A bad value stops the start with a message that names the
 * variable and what is wrong with it, instead of failing later in a request.
 */
import path from "node:path";
import { z } from "zod";

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Public base URL used in emails; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  PNYX_DATA_DIR: z.string().min(1).default("./data"),
  PNYX_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Pnyx <no-reply@pnyx.localhost>"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Key for census and identity hashes; defaults to one derived from SESSION_SECRET. Rotating it voids census lists. */
  VERIFICATION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PNYX_SEED_DEMO: booleanish.default(true),
  TRUST_PROXY: booleanish.default(false),
});

export type Config = Omit<z.infer<typeof schema>, "PUBLIC_URL" | "PNYX_DATA_DIR"> & {
  PUBLIC_URL: string;
  PNYX_DATA_DIR: string;
};

export class ConfigError extends Error {
  readonly id = "config.invalid";
}

/** Parses the environment into a Config, or throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = result.data;
  if (c.NODE_ENV === "production" && !c.SESSION_SECRET) {
    throw new ConfigError("Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 characters)");
  }
  return {
    ...c,
    PNYX_DATA_DIR: path.resolve(c.PNYX_DATA_DIR),
    PUBLIC_URL: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ""),
  };
}
