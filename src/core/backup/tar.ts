/**
 * The backup archive's container: a gzip-compressed POSIX tar (ustar) written and read here, in a few
 * dozen lines, so that the archive opens with any `tar xzf` and no dependency is needed. Only regular
 * files with names of at most 100 bytes (ours: "db/<table>.copy", "uploads/<name>", "manifest.json").
 * Each entry's SHA-256 is computed while it is written and while it is read, for the manifest's checks.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";

const BLOCK = 512;

export interface EntryDigest {
  size: number;
  sha256: string;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  if (nameBytes.length > 100) throw new Error(`archive entry name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, "latin1");
  h.write(octal(0, 8), 108, "latin1");
  h.write(octal(0, 8), 116, "latin1");
  h.write(octal(size, 12), 124, "latin1");
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, "latin1");
  h.write("        ", 148, "latin1");
  h.write("0", 156, "latin1");
  h.write("ustar\u000000", 257, "latin1");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes a .tar.gz entry by entry; `finish` closes it. */
export class TarGzWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<void>;
  constructor(file: string) {
    this.done = pipeline(this.gzip, createWriteStream(file, { mode: 0o600 }));
    this.done.catch(() => {});
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.gzip.write(chunk)) await once(this.gzip, "drain");
  }

  async addBuffer(name: string, data: Buffer): Promise<EntryDigest> {
    await this.write(header(name, data.length, new Date()));
    await this.write(data);
    await this.write(padding(data.length));
    return { size: data.length, sha256: createHash("sha256").update(data).digest("hex") };
  }

  /** Adds a file from disk; refuses one that changes size while it is read. */
  async addFile(name: string, file: string): Promise<EntryDigest> {
    const stat = await fs.stat(file);
    await this.write(header(name, stat.size, stat.mtime));
    const hash = createHash("sha256");
    let read = 0;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > stat.size) break;
      hash.update(chunk);
      await this.write(chunk);
    }
    if (read !== stat.size) throw new Error(`${file} changed while it was archived`);
    await this.write(padding(stat.size));
    return { size: stat.size, sha256: hash.digest("hex") };
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.gzip.end();
    await this.done;
  }
}

/** The archive could not be read: truncated, altered, or not ours. */
export class ArchiveError extends Error {}

/**
 * Extracts every entry of a .tar.gz into `dir` (names checked by `acceptName`, never a path outside
 * `dir`), returning each entry's size and SHA-256. A truncated or corrupted file throws ArchiveError.
 */
export async function extractTarGz(file: string, dir: string, acceptName: (name: string) => boolean): Promise<Map<string, EntryDigest>> {
  const entries = new Map<string, EntryDigest>();
  let pending: Buffer = Buffer.alloc(0);
  let current: { name: string; remaining: number; size: number; hash: ReturnType<typeof createHash>; out: fs.FileHandle } | null = null;
  let skip = 0;
  let ended = false;
  const source = createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length > 0 && !ended) {
        if (current) {
          const take = Math.min(current.remaining, pending.length);
          const part = pending.subarray(0, take);
          current.hash.update(part);
          await current.out.write(part);
          current.remaining -= take;
          pending = pending.subarray(take);
          if (current.remaining === 0) {
            await current.out.close();
            entries.set(current.name, { size: current.size, sha256: current.hash.digest("hex") });
            skip = padding(current.size).length;
            current = null;
          }
        } else if (skip > 0) {
          const take = Math.min(skip, pending.length);
          skip -= take;
          pending = pending.subarray(take);
        } else {
          if (pending.length < BLOCK) break;
          const h = pending.subarray(0, BLOCK);
          pending = pending.subarray(BLOCK);
          if (h.every((b) => b === 0)) {
            ended = true;
            break;
          }
          const name = h.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
          const size = parseInt(h.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "x", 8);
          const type = h.toString("latin1", 156, 157);
          if (!Number.isSafeInteger(size) || size < 0 || (type !== "0" && type !== "\0")) throw new ArchiveError(`unexpected archive entry "${name}"`);
          if (!acceptName(name) || entries.has(name) || name.split("/").some((p) => p === ".." || p === "")) throw new ArchiveError(`unexpected archive entry "${name}"`);
          const target = path.join(dir, name);
          await fs.mkdir(path.dirname(target), { recursive: true });
          current = { name, remaining: size, size, hash: createHash("sha256"), out: await fs.open(target, "w", 0o600) };
          if (size === 0) {
            await current.out.close();
            entries.set(name, { size: 0, sha256: current.hash.digest("hex") });
            current = null;
          }
        }
      }
    }
  } catch (error) {
    await current?.out.close().catch(() => {});
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(error instanceof Error ? error.message : String(error));
  }
  if (current || !ended) {
    await current?.out.close().catch(() => {});
    throw new ArchiveError("the archive ends early");
  }
  return entries;
}
