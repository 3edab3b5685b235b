import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fail, intFlag, parseFlags, printJson, runSubcommand, UsageError, usageError, wantsJson, withUsage } from "./cli-io";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Captures standard output (direct writes and console.log) and standard error (console.error). */
function capture(): { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (out += `${a.join(" ")}\n`));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (err += `${a.join(" ")}\n`));
  return { out: () => out, err: () => err };
}

afterEach(() => vi.restoreAllMocks());

describe("cli-io", () => {
  it("parses known flags and positionals; an unknown flag, a missing value or an extra positional is a UsageError", () => {
    const spec = { email: { type: "string" }, json: { type: "boolean" } } as const;
    const { values, positionals } = parseFlags(["create", "--email", "a@b.example", "--json"], spec, { positionals: 1 });
    expect(values).toEqual({ email: "a@b.example", json: true });
    expect(positionals).toEqual(["create"]);
    expect(parseFlags(["--email=x@y.example"], spec).values.email).toBe("x@y.example");
    expect(() => parseFlags(["--colour"], spec)).toThrow(new UsageError("unknown option --colour"));
    expect(() => parseFlags(["--email"], spec)).toThrow(new UsageError("--email needs a value"));
    expect(() => parseFlags(["--json=yes"], spec)).toThrow(new UsageError("--json takes no value"));
    expect(() => parseFlags(["a", "b"], spec, { positionals: 1 })).toThrow(new UsageError('unexpected argument "b"'));
    expect(intFlag("limit", "12", 1)).toBe(12);
    expect(() => intFlag("limit", "1.5")).toThrow(UsageError);
    expect(() => intFlag("limit", "")).toThrow(UsageError);
  });

  it("wantsJson sees --json before a --", () => {
    expect(wantsJson(["compute", "--json"])).toBe(true);
    expect(wantsJson(["compute", "--", "--json"])).toBe(false);
    expect(wantsJson(["compute"])).toBe(false);
  });

  it("usage errors go to stderr with exit 2; failures add {ok:false} on stdout only with --json", async () => {
    const io = capture();
    expect(usageError("thing", "unknown option --x", "Usage: pnyx thing")).toBe(2);
    expect(await withUsage("thing", "Usage: pnyx thing", () => Promise.reject(new UsageError("bad")))).toBe(2);
    expect(io.out()).toBe("");
    expect(io.err()).toBe("pnyx thing: unknown option --x\n\nUsage: pnyx thing\npnyx thing: bad\n\nUsage: pnyx thing\n");
    expect(fail("thing", new Error("no database"), false)).toBe(1);
    expect(io.out()).toBe("");
    expect(fail("thing", new Error("no database"), true)).toBe(1);
    expect(io.out()).toBe('{"ok":false,"error":"no database"}\n');
    await expect(withUsage("thing", "", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });

  it("runSubcommand runs the named handler with the rest; help is exit 0, no, an unknown or an inherited name exit 2", async () => {
    const io = capture();
    const seen: string[][] = [];
    const handlers = {
      go: (rest: string[]) => (seen.push(rest), Promise.resolve(0)),
      bad: () => Promise.reject(new UsageError("a <file> is required")),
    };
    expect(await runSubcommand("thing", "Usage: pnyx thing go", ["go", "a", "--json"], handlers)).toBe(0);
    expect(seen).toEqual([["a", "--json"]]);
    expect(await runSubcommand("thing", "Usage: pnyx thing go", ["--help"], handlers)).toBe(0);
    expect(io.out()).toBe("Usage: pnyx thing go\n");
    expect(await runSubcommand("thing", "U", [], handlers)).toBe(2);
    expect(await runSubcommand("thing", "U", ["toString"], handlers)).toBe(2);
    expect(await runSubcommand("thing", "U", ["bad"], handlers)).toBe(2);
    expect(io.err()).toBe('pnyx thing: a subcommand is required\n\nU\npnyx thing: unknown subcommand "toString"\n\nU\npnyx thing: a <file> is required\n\nU\n');
    expect(seen).toHaveLength(1);
  });

  it("printJson writes one line of JSON to standard output", () => {
    const io = capture();
    printJson({ ok: true, n: 1 });
    expect(io.out()).toBe('{"ok":true,"n":1}\n');
    expect(io.err()).toBe("");
  });
});

/** `./bin/pnyx <args>`, without a database (usage errors never reach one). */
function pnyx(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "bin/pnyx"), args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("pnyx (the command)", () => {
  it("an unknown flag, subcommand or command: exit 2, a message on stderr, nothing on stdout", async () => {
    const cases: [string[], string][] = [
      [["migrate", "--json", "--colour"], "pnyx migrate: unknown option --colour"],
      [["admin", "frobnicate"], 'pnyx admin: unknown subcommand "frobnicate"'],
      [["scopes", "import"], "pnyx scopes: a <file.csv> is required"],
      [["frobnicate"], 'pnyx: unknown command "frobnicate"'],
    ];
    const results = await Promise.all(cases.map(([args]) => pnyx(args)));
    cases.forEach(([args, message], i) => {
      const r = results[i]!;
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout, args.join(" ")).toBe("");
      expect(r.stderr.split("\n")[0], args.join(" ")).toBe(message);
    });
  }, 60_000);
});
