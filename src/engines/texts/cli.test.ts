import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "./cli";

/** Runs the command; standard output (console.log and direct writes) and standard error, captured. */
async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (out += `${a.join(" ")}\n`));
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (err += `${a.join(" ")}\n`));
  const code = await run(argv);
  vi.restoreAllMocks();
  return { code, out: out.trimEnd(), err };
}

afterEach(() => vi.restoreAllMocks());

const v1 = "# Charte\r\n\r\nLe conseil municipal se réunit 👍 chaque mois.\r\n\r\nCe paragraphe disparaîtra.\r\n";
const v2 = "# Charte\n\nUn préambule nouveau.\n\nDésormais le conseil municipal se réunit 👍 chaque mois.\n";

async function files(annotations: unknown, raw?: string): Promise<{ dir: string; args: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), "pnyx-texts-"));
  await writeFile(join(dir, "v1.md"), v1);
  await writeFile(join(dir, "v2.md"), v2);
  await writeFile(join(dir, "a.json"), raw ?? JSON.stringify(annotations));
  return { dir, args: ["--old", join(dir, "v1.md"), "--new", join(dir, "v2.md"), "--annotations", join(dir, "a.json")] };
}

const good = [
  { id: "t", block: 0, exact: "Charte", prefix: "# ", suffix: "", start: 2, end: 8 },
  { id: "m", block: 1, exact: "réunit 👍 chaque", prefix: "municipal se ", suffix: " mois.", start: 24, end: 39 },
  { id: "o", block: 2, exact: "disparaîtra", prefix: "Ce paragraphe ", suffix: ".", start: 14, end: 25 },
];

describe("pnyx texts reanchor", () => {
  it("prints the contract's JSON (offsets in code points; orphans with null places)", async () => {
    const { args } = await files(good);
    const { code, out, err } = await capture(["reanchor", ...args, "--json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toBe(
      JSON.stringify({
        annotations: [
          { id: "t", status: "kept", block: 0, start: 2, end: 8 },
          { id: "m", status: "moved", block: 2, start: 34, end: 49 },
          { id: "o", status: "orphaned", block: null, start: null, end: null },
        ],
        kept: 1,
        moved: 1,
        orphaned: 1,
      }),
    );
  });

  it("accepts its arguments without the subcommand name too, and prints lines without --json", async () => {
    const { args } = await files(good);
    const { code, out } = await capture(args);
    expect(code).toBe(0);
    expect(out.split("\n")).toEqual(["t: kept → block 0, 2..8", "m: moved → block 2, 34..49", "o: orphaned", "kept 1, moved 1, orphaned 1"]);
  });

  it.each([
    ["a missing file", async () => ["--old", "/nonexistent/v1.md", ...(await files(good)).args.slice(2)], /--old \/nonexistent\/v1\.md: no such file/],
    ["a missing flag", async () => (await files(good)).args.slice(0, 4), /reanchor needs --annotations <file>/],
    ["bad JSON", async () => (await files(null, "[{")).args, /a\.json: not valid JSON/],
    ["not an array", async () => (await files({ id: "x" })).args, /expected a JSON array/],
    ["a block out of range", async () => (await files([{ ...good[0], block: 3 }])).args, /annotation 0 \("t"\): block 3 is out of range \(the old text has 3 blocks, 0-based\)/],
    ["offsets not matching the quote", async () => (await files([{ ...good[1], start: 23, end: 38 }])).args, /the offsets do not match the quote: block 1 holds " réunit 👍 chaqu" at 23\.\.38/],
    ["an end past the block", async () => (await files([{ ...good[0], end: 80 }])).args, /end 80 is past the end of block 0 \(8 code points\)/],
    ["a missing id", async () => (await files([{ ...good[0], id: undefined }])).args, /"id" must be a string/],
    ["a duplicate id", async () => (await files([good[0], good[0]])).args, /duplicate id "t"/],
    ["a negative offset", async () => (await files([{ ...good[0], start: -1 }])).args, /"start" must be a whole number >= 0/],
    ["an unknown flag", async () => [...(await files(good)).args, "--fast"], /unknown option --fast/],
  ])("exits 2 with a clear message on %s", async (_, argv, message) => {
    const { code, out, err } = await capture(await argv());
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
  });
});
