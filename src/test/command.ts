/**
 * Runs a `pnyx` subcommand in the test process on a given database (`DATABASE_URL` stubbed, as an
 * operator's environment would say), capturing what it prints: its exit code, standard output (console.log
 * and process.stdout) and standard error (console.error). Call `vi.unstubAllEnvs()` after each test.
 */
import { vi } from "vitest";

export async function runCommand(run: (argv: string[]) => Promise<number>, argv: string[], databaseUrl: string): Promise<{ code: number; out: string; err: string }> {
  vi.stubEnv("DATABASE_URL", databaseUrl);
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (out += `${a.join(" ")}\n`));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (err += `${a.join(" ")}\n`));
  try {
    return { code: await run(argv), out, err };
  } finally {
    vi.restoreAllMocks();
  }
}
