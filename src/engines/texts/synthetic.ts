/**
 * Seeded synthetic texts for the benchmark and the property tests: a charter of headings and paragraphs,
 * annotations on word-aligned passages, and a next version rewriting some blocks and moving others.
 */
import { mulberry32 } from "../random";
import { BlockText } from "./code-points";
import type { Annotation } from "./reanchor";

const WORDS = (
  "le la les un une des conseil municipal habitants ville quartier assemblée citoyenne charte article budget " +
  "participatif délibération séance publique vote majorité membres mandat élus proposition commission " +
  "transparence accès information décision consultation pétition signature seuil année mois semaine réunion " +
  "ordre jour rapport avis public registre archives comité tirage sort représentation égalité parité " +
  "environnement mobilité logement école culture sport santé sécurité propreté espace vert rue place " +
  "peut doit sont est être avoir faire prendre rendre garantir assurer publier organiser présenter examiner"
).split(" ");

const SYLLABLES = "ba be bi bo cha che cla co cou da de di do fa fe fi fo ga ge gi go la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo tion ment ssion rité".split(" ");

/**
 * A vocabulary the size of a real charter's (~2,000 words): the common words above first, then
 * pronounceable made-up ones; drawn with Zipf's law (frequency ∝ 1 / rank), as in natural text.
 */
function vocabulary(rand: () => number): { words: string[]; draw: () => string } {
  const words = [...WORDS];
  const seen = new Set(words);
  while (words.length < 2_000) {
    const n = 2 + Math.floor(rand() * 3);
    const w = Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)] ?? "").join("");
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < words.length; r++) cumulative.push((total += 1 / (r + 1)));
  const draw = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] ?? "";
  };
  return { words, draw };
}

export interface SyntheticCase {
  oldBlocks: string[];
  newBlocks: string[];
  annotations: Annotation[];
}

export interface SyntheticOptions {
  blocks: number;
  annotations: number;
  /** Share of blocks whose words are partly rewritten in the new version. */
  rewrite: number;
  /** Share of blocks moved elsewhere in the new version. */
  move: number;
  seed: number;
}

/** A deterministic case: `blocks` blocks (one heading in ten), annotations on paragraphs, the edited next version. */
export function syntheticCase(o: SyntheticOptions): SyntheticCase {
  const rand = mulberry32(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const { draw } = vocabulary(rand);
  const oldBlocks: string[] = [];
  let article = 0;
  for (let b = 0; b < o.blocks; b++) {
    if (b % 10 === 0) {
      article++;
      oldBlocks.push(`## Article ${article} — ${draw()} ${draw()}`);
    } else {
      const n = 30 + Math.floor(rand() * 50);
      const words = Array.from({ length: n }, draw);
      oldBlocks.push(`${words.join(" ")}.`);
    }
  }
  const paragraphs = oldBlocks.map((_, i) => i).filter((i) => i % 10 !== 0);
  const annotations: Annotation[] = [];
  for (let a = 0; a < o.annotations; a++) {
    const block = pick(paragraphs);
    const text = oldBlocks[block] ?? "";
    const starts = [0, ...[...text.matchAll(/ /g)].map((m) => (m.index ?? 0) + 1)];
    const first = Math.floor(rand() * starts.length);
    const last = Math.min(starts.length - 1, first + 2 + Math.floor(rand() * 8));
    const start = starts[first] ?? 0;
    const end = last === starts.length - 1 ? text.length - 1 : (starts[last] ?? text.length) - 1;
    if (end <= start) {
      a--;
      continue;
    }
    annotations.push(annotationAt(`a${a}`, block, text, start, end));
  }
  const newBlocks = [...oldBlocks];
  for (const i of paragraphs) {
    if (rand() < o.rewrite) newBlocks[i] = rewriteWords(newBlocks[i] ?? "", rand, draw);
  }
  const moveCount = Math.round(o.blocks * o.move);
  for (let m = 0; m < moveCount; m++) {
    const from = Math.floor(rand() * newBlocks.length);
    const [block] = newBlocks.splice(from, 1);
    newBlocks.splice(Math.floor(rand() * newBlocks.length), 0, block ?? "");
  }
  return { oldBlocks, newBlocks, annotations };
}

/** An annotation on code point offsets [start, end) of `text` with 32 code points of context. */
export function annotationAt(id: string, block: number, text: string, start: number, end: number): Annotation {
  const t = new BlockText(text);
  return {
    id,
    block,
    exact: t.slice(start, end),
    prefix: t.slice(Math.max(0, start - 32), start),
    suffix: t.slice(end, end + 32),
    start,
    end,
  };
}

/** About a quarter of the words replaced, dropped or doubled with another word. */
function rewriteWords(text: string, rand: () => number, draw: () => string): string {
  const out: string[] = [];
  for (const w of text.split(" ")) {
    const r = rand();
    if (r < 0.1) out.push(draw());
    else if (r < 0.17) continue;
    else if (r < 0.25) out.push(w, draw());
    else out.push(w);
  }
  return out.join(" ");
}
