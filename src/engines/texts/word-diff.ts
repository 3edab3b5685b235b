/**
 * Word-level diff of two strings. Tokens are runs of letters, marks and digits (Unicode: \p{L}\p{M}\p{N},
 * so "é" written e + U+0301 stays one word), runs of white space, and any other single code point
 * (punctuation, symbols, emoji). The ops concatenate back to both strings: the equal and deleted texts
 * give the old one, the equal and inserted texts the new one.
 */
import { diffSequences } from "./myers";

export type DiffOp = { op: "equal" | "insert" | "delete"; text: string };

const TOKEN = /[\p{L}\p{M}\p{N}_]+|\s+|[\s\S]/gu;

/** Past this many token edits the middle of the two texts is shown as replaced as a whole (bounds time). */
export const MAX_TOKEN_EDITS = 2000;

/** The tokens of `text` (see the header comment); they concatenate to `text`. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** A word-level shortest edit script from `before` to `after`, adjacent ops of one kind merged. */
export function wordDiff(before: string, after: string, maxEdits = MAX_TOKEN_EDITS): DiffOp[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const ids = new Map<string, number>();
  const id = (t: string) => {
    let n = ids.get(t);
    if (n === undefined) {
      n = ids.size;
      ids.set(t, n);
    }
    return n;
  };
  const { matches } = diffSequences(Int32Array.from(a, id), Int32Array.from(b, id), maxEdits);
  const ops: DiffOp[] = [];
  const push = (op: DiffOp["op"], text: string) => {
    if (text === "") return;
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...matches, [a.length, b.length] as [number, number]]) {
    push("delete", a.slice(i, mi).join(""));
    push("insert", b.slice(j, mj).join(""));
    if (mi < a.length) push("equal", a[mi] ?? "");
    i = mi + 1;
    j = mj + 1;
  }
  return ops;
}

/** The old string of a diff (equal + deleted texts). */
export function diffBefore(ops: readonly DiffOp[]): string {
  return ops.filter((o) => o.op !== "insert").map((o) => o.text).join("");
}

/** The new string of a diff (equal + inserted texts). */
export function diffAfter(ops: readonly DiffOp[]): string {
  return ops.filter((o) => o.op !== "delete").map((o) => o.text).join("");
}

/**
 * Maps an offset of the old string (UTF-16 units) to the new one through `ops`. A start offset maps
 * past text inserted at it, an end offset before; an offset inside deleted text maps to where the
 * deletion happened. The caller checks the mapped passage against its quote.
 */
export function mapOffset(ops: readonly DiffOp[], offset: number, bias: "start" | "end"): number {
  let oldPos = 0;
  let newPos = 0;
  for (const o of ops) {
    const len = o.text.length;
    if (o.op === "insert") {
      newPos += len;
      continue;
    }
    if (o.op === "equal") {
      if (bias === "start" ? offset < oldPos + len : offset <= oldPos + len) return newPos + Math.max(0, offset - oldPos);
      oldPos += len;
      newPos += len;
    } else {
      if (offset < oldPos + len) return newPos;
      oldPos += len;
    }
  }
  return newPos;
}
