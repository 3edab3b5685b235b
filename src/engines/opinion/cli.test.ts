import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "./cli";

let dir: string;
let out: string;
let err: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pnyx-opinion-cli-"));
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (err += a.join(" ")));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const header = "timestamp,datetime,comment-id,voter-id,vote\n";
const commentsCsv = 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,1,0,1,"first, with a comma"\n2,x,1,0,0,0,-1,"second\nspans lines"\n';

function writeExport(votes: string): void {
  writeFileSync(join(dir, "votes.csv"), header + votes);
  writeFileSync(join(dir, "comments.csv"), commentsCsv);
}

describe("pnyx opinion compute", () => {
  it("prints the math blob of a CSV export (agree = +1 in the export, −1 in the blob)", async () => {
    const rows: string[] = [];
    for (let p = 0; p < 20; p++) for (let t = 0; t < 3; t++) rows.push(`${p * 3 + t},x,${t},${p},${p % 2 === 0 ? 1 : -1}`);
    rows.push("999,x,2,0,-1"); // a later re-vote wins
    writeExport(rows.join("\n") + "\n");
    expect(await run(["compute", dir, "--json"])).toBe(0);
    const blob = JSON.parse(out) as Record<string, unknown>;
    expect(blob["tids"]).toEqual([0, 1, 2]);
    expect(blob["mod-out"]).toEqual([1]);
    expect(blob["n"]).toBe(20);
    const gv = blob["group-votes"] as Record<string, { votes: Record<string, { A: number; D: number; S: number }> }>;
    const total = Object.values(gv).reduce((s, g) => s + g.votes["0"]!.A, 0);
    expect(total).toBe(10); // the ten even participants agreed (+1 in the export)
    for (const key of ["pca", "base-clusters", "group-clusters", "in-conv", "repness", "consensus", "group-aware-consensus", "comment-priorities", "meta-tids", "n-cmts", "user-vote-counts"]) expect(blob).toHaveProperty([key]);
  });

  it("reports a malformed line with file and line, exit code 2", async () => {
    writeExport("1,x,0,0,1\n2,x,zero,1,1\n");
    expect(await run(["compute", dir, "--json"])).toBe(2);
    expect(err).toContain(`${join(dir, "votes.csv")}:3`);
  });

  it("reports a missing file and bad usage with exit code 2", async () => {
    writeFileSync(join(dir, "votes.csv"), header);
    expect(await run(["compute", dir])).toBe(2);
    expect(err).toContain("comments.csv: file not found");
    expect(await run(["compute"])).toBe(2);
    expect(await run(["frobnicate"])).toBe(2);
    err = "";
    expect(await run(["compute", dir, "--json", "--colour"])).toBe(2);
    expect(err).toContain("unknown option --colour");
    expect(out).toBe("");
  });

  it("reports an unterminated quote at the line it starts", async () => {
    writeFileSync(join(dir, "votes.csv"), header + "1,x,0,0,1\n");
    writeFileSync(join(dir, "comments.csv"), 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,1,0,1,"never closed\n');
    expect(await run(["compute", dir, "--json"])).toBe(2);
    expect(err).toContain("comments.csv:2: unterminated");
  });

  it("reads the JSON pair of the math fixtures, in either field naming", async () => {
    const votes = [];
    for (let p = 0; p < 16; p++) for (let t = 0; t < 4; t++) votes.push(p % 2 ? { pid: p, tid: t, vote: 1, modified: String(1000 + p) } : { participant_id: p, statement_id: t, vote: -1, modified: 1000 + p });
    writeFileSync(join(dir, "votes.json"), JSON.stringify(votes));
    writeFileSync(join(dir, "comments.json"), JSON.stringify([{ tid: 0, mod: 1, is_meta: true }, { statement_id: 1, moderated: -1, is_meta: false }, { tid: 2, mod: 0 }, { tid: 3, mod: 1 }]));
    expect(await run(["compute", dir, "--json"])).toBe(0);
    const blob = JSON.parse(out) as Record<string, unknown>;
    expect(blob["meta-tids"]).toEqual([0]);
    expect(blob["mod-out"]).toEqual([0, 1]);
    expect(blob["n"]).toBe(16);
    expect((blob["comment-priorities"] as Record<string, number>)["0"]).toBe(49);
  });

  it("reports malformed JSON with its line", async () => {
    writeFileSync(join(dir, "votes.json"), '[\n  {"pid": 1, "tid": 2, "vote": 1},\n  {"pid": 2 "tid": 2}\n]');
    writeFileSync(join(dir, "comments.json"), "[]");
    expect(await run(["compute", dir, "--json"])).toBe(2);
    expect(err).toContain(`${join(dir, "votes.json")}:3`);
  });
});
