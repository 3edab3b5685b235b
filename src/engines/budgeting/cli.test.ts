import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "./cli";

const file = [
  "META", "key;value", "description;CLI test", "country;Belgium", "unit;Ghent", "instance;2025", "num_projects;3",
  "num_votes;4", "budget;45", "vote_type;approval", "rule;equalshares/add1", "date_begin;2025", "date_end;2025",
  "PROJECTS", "project_id;cost;votes;selected", "1;30;4;1", "2;20;2;0", "3;15;2;1",
  "VOTES", "voter_id;vote", "a;1,2", "b;1,2", "c;1,3", "d;1,3",
].join("\n") + "\n";

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

describe("pnyx pb", () => {
  it("compute --json prints the contract object", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pnyx-pb-"));
    const path = join(dir, "e.pb");
    await writeFile(path, file);
    const { code, out } = await capture(["compute", path, "--rule", "mes-add1", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      rule: "mes-add1", selected: ["1", "3"], cost: 45, budget: 45, budgetShare: 1,
      votersWithFundedProject: 4, ties: [], endowment: 17,
    });
  });

  it("validate exits 1 with line numbers, normalize writes a valid file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pnyx-pb-"));
    const bad = join(dir, "bad.pb");
    await writeFile(bad, file.replace("d;1,3", "d;1,7"));
    const v = await capture(["validate", bad]);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/bad\.pb:24: VOTES: voter "d": vote names unknown project "7"/);
    const good = join(dir, "good.pb");
    await writeFile(good, file);
    const out = join(dir, "out.pb");
    expect((await capture(["normalize", good, "--out", out])).code).toBe(0);
    expect((await readFile(out, "utf8")).startsWith("META\r\nkey;value\r\ndescription;CLI test\r\n")).toBe(true);
    expect((await capture(["validate", out])).code).toBe(0);
  });

  it("refuses to compute on an unknown project in a vote", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pnyx-pb-"));
    const bad = join(dir, "bad.pb");
    await writeFile(bad, file.replace("d;1,3", "d;1,7"));
    expect((await capture(["compute", bad, "--rule", "greedy", "--json"])).code).toBe(1);
  });

  it("rejects an unknown rule with exit code 2", async () => {
    expect((await capture(["compute", "x.pb", "--rule", "lottery"])).code).toBe(2);
  });

  it("validate --json prints one object; invalid files are ok:false with exit 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pnyx-pb-"));
    const bad = join(dir, "bad.pb");
    await writeFile(bad, file.replace("d;1,3", "d;1,7"));
    const v = await capture(["validate", bad, "--json"]);
    expect(v.code).toBe(1);
    const parsed = JSON.parse(v.out) as { ok: boolean; valid: boolean; problems: { line: number; message: string }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.valid).toBe(false);
    expect(parsed.problems.some((p) => p.line === 24 && /unknown project "7"/.test(p.message))).toBe(true);
    expect(v.err).toMatch(/bad\.pb:24:/);
    const good = join(dir, "good.pb");
    await writeFile(good, file);
    const g = await capture(["validate", good, "--json"]);
    expect(g.code).toBe(0);
    expect(JSON.parse(g.out)).toEqual({ ok: true, file: good, valid: true, problems: [] });
  });

  it("bad usage (unknown flag, unknown subcommand, missing file, bad number) is exit 2, stderr only", async () => {
    for (const argv of [["compute", "x.pb", "--rule", "greedy", "--frobnicate"], ["frobnicate", "x.pb"], ["validate"], ["compute", "x.pb", "--rule", "greedy", "--threshold", "many"], ["validate", "/nonexistent/x.pb"]]) {
      const r = await capture(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.out, argv.join(" ")).toBe("");
      expect(r.err, argv.join(" ")).toMatch(/^pnyx pb: /);
    }
    expect((await capture(["--help"])).code).toBe(0);
  });
});
