/** The Pol.is id of an openData export (summary.csv's url line), kept at import so embed codes naming it find the conversation. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { polisIdOf } from "./import";

const dir = mkdtempSync(path.join(tmpdir(), "polis-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("polisIdOf", () => {
  it("reads the id from summary.csv's url, and is null without one", () => {
    expect(polisIdOf(dir)).toBeNull();
    writeFileSync(path.join(dir, "summary.csv"), "topic,UberX, vTaiwan\r\nurl,https://pol.is/3phdex2kjf\r\nviews,4668\r\n");
    expect(polisIdOf(dir)).toBe("3phdex2kjf");
    writeFileSync(path.join(dir, "summary.csv"), "topic,x\nurl,https://pol.is/report/../<script>\n");
    expect(polisIdOf(dir)).toBeNull();
  });
});
