/**
 * The word-level diff of an amendment (jsdiff's `diffWordsWithSpace`): what the amender removed from
 * the wording they wrote on and what they added. Pure: the view renders the pieces as text nodes.
 */
import { diffWordsWithSpace } from "diff";

export interface DiffPiece {
  kind: "same" | "added" | "removed";
  text: string;
}

/** Line ends as a textarea sends them (`\r\n`) or not: the same text. */
const normal = (s: string) => s.replace(/\r\n?/g, "\n");

/**
 * The pieces turning `before` into `after`. A run of changes only separated by spaces reads as one
 * change (its removed words, then its added words: "[-Trees-][+Oak trees+]", not four pieces).
 */
export function wordDiff(before: string, after: string): DiffPiece[] {
  const raw: DiffPiece[] = diffWordsWithSpace(normal(before), normal(after))
    .filter((c) => c.value !== "")
    .map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
  const out: DiffPiece[] = [];
  let i = 0;
  while (i < raw.length) {
    const piece = raw[i] as DiffPiece;
    if (piece.kind === "same") {
      out.push({ ...piece });
      i += 1;
      continue;
    }
    let removed = "";
    let added = "";
    let both = { removed: false, added: false };
    const block: DiffPiece[] = [];
    // A change block: changes, and blanks between them (a blank then belongs to both sides).
    while (i < raw.length) {
      const q = raw[i] as DiffPiece;
      const next = raw[i + 1];
      if (q.kind === "same" && !(/^\s+$/.test(q.text) && next && next.kind !== "same")) break;
      if (q.kind !== "added") removed += q.text;
      if (q.kind !== "removed") added += q.text;
      if (q.kind !== "same") both = { ...both, [q.kind]: true };
      block.push(q);
      i += 1;
    }
    if (both.removed && both.added) out.push({ kind: "removed", text: removed }, { kind: "added", text: added });
    else out.push(...block.map((q) => ({ ...q })));
  }
  // Adjacent pieces of one kind read as one.
  return out.reduce<DiffPiece[]>((acc, q) => {
    const last = acc[acc.length - 1];
    if (last && last.kind === q.kind) last.text += q.text;
    else acc.push(q);
    return acc;
  }, []);
}

/** Whether anything changed (the amendment must propose something). */
export const changes = (pieces: readonly DiffPiece[]): boolean => pieces.some((p) => p.kind !== "same");
