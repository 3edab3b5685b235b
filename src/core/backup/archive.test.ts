/**
 * The backup archive's checks, without a database: the .tar.gz written here opens with the system's
 * `tar`, and a restore's first step (checkArchive) refuses a file whose data was changed inside a valid
 * archive, an entry outside the manifest or the archive's layout, and an archive that is not a Pnyx backup.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMAT, FORMAT_VERSION, MANIFEST, type Manifest } from "./manifest";
import { BackupError } from "./messages";
import { checkArchive } from "./restore";
import { extractTarGz, TarGzWriter, type EntryDigest } from "./tar";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), "pnyx-archive-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const ROWS = Buffer.from("1\tAna\n2\tBert\\twith a tab\n");

/** An archive holding `entries` (name -> bytes) and a manifest built from `digests` as tweaked by `edit`. */
async function archive(name: string, entries: Record<string, Buffer>, edit: (m: Manifest) => unknown = (m) => m): Promise<string> {
  const file = path.join(dir, name);
  const writer = new TarGzWriter(file);
  const files: Record<string, EntryDigest> = {};
  for (const [entry, data] of Object.entries(entries)) files[entry] = await writer.addBuffer(entry, data);
  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    pnyxVersion: "0.1.0",
    createdAt: new Date().toISOString(),
    server: { version: "17.6", versionNum: 170006 },
    migrations: [],
    tables: [{ name: "users", columns: ["id", "name"], rows: 2, file: "db/users.copy" }],
    sequences: [],
    files,
  };
  await writer.addBuffer(MANIFEST, Buffer.from(JSON.stringify(edit(manifest))));
  await writer.finish();
  return file;
}

async function refusal(file: string): Promise<BackupError> {
  const out = await fs.mkdtemp(path.join(dir, "x-"));
  const error = await checkArchive(file, out).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BackupError)) throw new Error(`expected a BackupError, got ${String(error)}`);
  return error;
}

describe("the backup archive", () => {
  it("is a tar.gz the system's tar lists, and reads back byte for byte with its digests", async () => {
    const image = Buffer.alloc(70_000, 7);
    const file = await archive("good.tar.gz", { "db/users.copy": ROWS, "uploads/0123abcd.png": image });
    expect(execFileSync("tar", ["tzf", file], { encoding: "utf8" }).trim().split("\n")).toEqual(["db/users.copy", "uploads/0123abcd.png", MANIFEST]);
    const out = await fs.mkdtemp(path.join(dir, "good-"));
    const manifest = await checkArchive(file, out);
    expect(manifest.tables[0]?.rows).toBe(2);
    expect(await fs.readFile(path.join(out, "db/users.copy"))).toEqual(ROWS);
    expect(await fs.readFile(path.join(out, "uploads/0123abcd.png"))).toEqual(image);
    const again = await extractTarGz(file, await fs.mkdtemp(path.join(dir, "again-")), () => true);
    expect(again.get("uploads/0123abcd.png")?.size).toBe(70_000);
  });

  it("refuses data changed inside a well-formed archive, and entries the manifest does not list", async () => {
    const changed = await archive("changed.tar.gz", { "db/users.copy": ROWS }, (m) => ({ ...m, files: { "db/users.copy": { size: ROWS.length, sha256: "0".repeat(64) } } }));
    const e = await refusal(changed);
    expect(e.key).toBe("corrupt");
    expect(e.message).toContain("db/users.copy does not match its checksum");
    const extra = await archive("extra.tar.gz", { "db/users.copy": ROWS, "uploads/stowaway.png": Buffer.from("x") }, (m) => ({ ...m, files: { "db/users.copy": m.files["db/users.copy"] } }));
    expect((await refusal(extra)).message).toContain("uploads/stowaway.png is not in the manifest");
    const missing = await archive("missing.tar.gz", {}, (m) => ({ ...m, files: { "db/users.copy": { size: 1, sha256: "a".repeat(64) } } }));
    expect((await refusal(missing)).message).toContain("db/users.copy is missing");
  });

  it("refuses names outside the archive's layout, and files that are not Pnyx backups", async () => {
    const escape = await archive("escape.tar.gz", { "uploads/../../etc/passwd": Buffer.from("root") });
    expect((await refusal(escape)).key).toBe("corrupt");
    await expect(fs.stat(path.join(dir, "etc"))).rejects.toThrow();
    const foreign = await archive("foreign.tar.gz", { "db/users.copy": ROWS }, (m) => ({ ...m, format: "something-else" }));
    expect((await refusal(foreign)).key).toBe("format");
    const notGzip = path.join(dir, "plain.txt");
    await fs.writeFile(notGzip, "not an archive");
    expect((await refusal(notGzip)).key).toBe("corrupt");
  });

  it("says so in French, Dutch and German too", () => {
    expect(new BackupError("notEmpty", { tables: 3 }, "fr").message).toContain("--yes");
    expect(new BackupError("corrupt", { detail: "x" }, "nl").message).toBe("het archief is onbruikbaar (x); er werd niets gewijzigd");
    expect(new BackupError("inUse", { sessions: 2 }, "de").message).toContain("2 andere Verbindungen");
  });
});
