import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/client";
import { sharedReads } from "./shared-reads";

const db = {} as Db;
const other = {} as Db;

afterEach(() => {
  vi.useRealTimers();
});

describe("sharedReads", () => {
  it("shares one read among the requests of the TTL, then reads again", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    const reads = sharedReads<number>(2_000);
    let n = 0;
    const load = () => Promise.resolve(++n);
    // Concurrent and later requests within the TTL share the first read.
    expect(await Promise.all([reads.read(db, "k", load), reads.read(db, "k", load)])).toEqual([1, 1]);
    vi.setSystemTime(1_001_999);
    expect(await reads.read(db, "k", load)).toBe(1);
    vi.setSystemTime(1_002_000);
    expect(await reads.read(db, "k", load)).toBe(2);
    // Keys and database handles (platform instances) are apart.
    expect(await reads.read(db, "other", load)).toBe(3);
    expect(await reads.read(other, "k", load)).toBe(4);
  });

  it("forgets one key or all of an instance's", async () => {
    const reads = sharedReads<string>(60_000);
    let n = 0;
    const load = () => Promise.resolve(`v${++n}`);
    await reads.read(db, "a", load);
    await reads.read(db, "b", load);
    await reads.read(other, "a", load);
    reads.forget(db, "a");
    expect(await reads.read(db, "a", load)).toBe("v4");
    expect(await reads.read(db, "b", load)).toBe("v2");
    reads.forget(db);
    expect(await reads.read(db, "b", load)).toBe("v5");
    expect(await reads.read(other, "a", load)).toBe("v3");
  });

  it("does not keep a failed read, nor let it drop a newer one", async () => {
    const reads = sharedReads<string>(60_000);
    let fail!: (e: Error) => void;
    const failing = reads.read(db, "k", () => new Promise<string>((_, reject) => (fail = reject)));
    // Forgotten while the failing read runs; a newer read takes the key.
    reads.forget(db, "k");
    const newer = reads.read(db, "k", () => Promise.resolve("newer"));
    fail(new Error("database away"));
    await expect(failing).rejects.toThrow("database away");
    expect(await reads.read(db, "k", () => Promise.resolve("third"))).toBe("newer");
    expect(await newer).toBe("newer");
    // A failure with nothing newer: the next request reads again.
    await expect(reads.read(db, "x", () => Promise.reject(new Error("once")))).rejects.toThrow("once");
    expect(await reads.read(db, "x", () => Promise.resolve("again"))).toBe("again");
  });

  it("starts again past its size", async () => {
    const reads = sharedReads<number>(60_000, 2);
    let n = 0;
    const load = () => Promise.resolve(++n);
    await reads.read(db, "a", load);
    await reads.read(db, "b", load);
    await reads.read(db, "c", load);
    expect(await reads.read(db, "a", load)).toBe(4);
  });
});
