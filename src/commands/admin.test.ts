import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "./admin";

let dir: string | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

async function passwordFile(password: string): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), "pnyx-admin-"));
  const file = path.join(dir, "password");
  await writeFile(file, `${password}\n`);
  return file;
}

describe("pnyx admin create", () => {
  it("refuses a common password before touching any database (exit 2, the reason on stderr)", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      errors.push(args.map(String).join(" "));
    });
    vi.spyOn(console, "log").mockImplementation(() => {});
    for (const password of ["password12", "1234567890"]) {
      const code = await run(["create", "--email", "admin@example.org", "--password-file", await passwordFile(password)]);
      expect(code, password).toBe(2);
    }
    expect(errors.join("\n")).toContain("the password is too easy to guess");
  });
});
