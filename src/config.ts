/**
 * The environment, parsed once at boot. A bad value stops the start with a message that names the
 * variable and what is wrong with it, instead of failing later in a request.
 */
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** An address or a CIDR range ("10.0.0.0/8", "fd00::/8"), or one of proxy-addr's names for ranges. */
function isProxyAddress(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may tell the client's address in X-Forwarded-For, in a form Fastify's `trustProxy`
 * takes as it is: `false`, proxy addresses/CIDRs, or a hop count (as a function: Fastify 5 reads a bare
 * number as "trust nobody"). `true` is refused: it would take the left-most X-Forwarded-For entry,
 * which the client writes itself.
 */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    const v = value.toLowerCase();
    if (v === "" || v === "false" || v === "no" || v === "0") return false;
    if (v === "true" || v === "yes") {
      ctx.addIssue({
        code: "custom",
        message:
          "true would trust any X-Forwarded-For the client writes; give the number of proxies in front of Pnyx (TRUST_PROXY=1) or their addresses (TRUST_PROXY=127.0.0.1,10.0.0.0/8)",
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      // The n addresses nearest to Pnyx are proxies; the one before them is the client. Only safe when
      // Pnyx cannot be reached but through those proxies (prefer addresses otherwise).
      if (hops <= 32) return (_address: string, hop: number) => hop < hops;
    }
    const entries = v.split(",").map((e) => e.trim());
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (bad.length > 0) {
      ctx.addIssue({ code: "custom", message: `must be false, a number of proxies (1) or proxy addresses/CIDRs separated by commas (not ${bad.map((b) => JSON.stringify(b)).join(", ")})` });
      return z.NEVER;
    }
    return entries;
  });

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
  TRUST_PROXY: trustProxy.default(false),
  /** How long a public page is served again to visitors without an account (ms; 0: never). Default 2000 in production, else 0. */
  PNYX_VISITOR_CACHE_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** While the database refuses connections (a restart, a failover), how long a request waits for it, from the outage's start (ms; 0: answer 503 at once). */
  PNYX_DB_RIDE_THROUGH_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
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
