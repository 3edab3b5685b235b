/**
 * A text's page, cheap to serve (ADR 0024). The page of a 400-block text is about 300 KB; rendering it
 * costs tens of milliseconds and even writing it as a string costs more than the budget of a page.
 * So:
 *
 * - The heavy part — the table of contents and every block with its wording — is rendered once per
 *   published version, language and address (a published version never changes, so every instance
 *   may keep its own copy), with a slot in each block's link where the counts go (`renderTextContent`).
 * - The counts (comments, annotations, amendments per block, and the orphans) come from one aggregate
 *   query; visitors without an account share them for the visitor cache's lifetime (two seconds in
 *   production, none in tests), people who are signed in get them live. The slots are filled with the
 *   counts of the moment and the result is kept as bytes (UTF-8 and, once asked for, deflated) for as
 *   long as the counts stay the same.
 * - The page's frame (the layout with its per-request CSRF token and CSP nonce, the text's title and
 *   links) is rendered for each request; the response is the frame's bytes around the kept body: no
 *   big string is built or encoded per request. A signed-in reader whose browser takes gzip gets gzip
 *   made of the frame's pieces deflated apart and the body's kept deflated bytes (core/http/gzip-pieces.ts).
 *   A visitor without an account gets the bytes as they are, which the visitor cache keeps and serves
 *   to the next visitors (gzipped for those who take it) for its moment without running this at all.
 *
 * Bounded: at most 32 MB of rendered texts and 32 MB of filled bodies, least recently used out first.
 */
import { createHash, randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { acceptsGzip, deflatePiece, gzipPieces } from "../../core/http/gzip-pieces";
import type { Db } from "../../db/client";
import { countOrphans, loadBlockCounts, type BlockCounts } from "./queries";

const token = randomBytes(8).toString("hex");
/** Marks a block's counts slot in the rendered content (`<marker><blockId><marker>`); random per process. */
export const COUNTS_MARKER = `pnyx-counts-${token}-`;
/** Where the content goes in the page's frame. */
export const CONTENT_SLOT = `pnyx-text-content-${token}`;

const MAX_BYTES = 32 * 1024 * 1024;

/** A map bounded by the bytes of its values, least recently used out first. */
class Bounded<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;
  constructor(private readonly size: (v: V) => number) {}
  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }
  set(key: string, value: V): void {
    const old = this.entries.get(key);
    if (old) this.total -= old.bytes;
    this.entries.delete(key);
    const bytes = this.size(value);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.entries) {
      if (this.total <= MAX_BYTES || k === key) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }
}

/** A version's rendered content cut at its counts slots: `pieces[i]`, then block `ids[i]`'s counts, …, then the last piece. */
interface Content {
  pieces: string[];
  ids: number[];
}

/** The content with the counts of a moment, as bytes (and deflated, once asked for). */
export interface FilledBody {
  raw: Buffer;
  deflated: Buffer | null;
}

interface Counts {
  blocks: Map<number, BlockCounts>;
  orphans: number;
}

const contents = new Bounded<Content>((c) => 2 * c.pieces.reduce((n, p) => n + p.length, 0));
const renderingContents = new Map<string, Promise<Content>>();
const bodies = new Bounded<FilledBody>((b) => b.raw.length + (b.deflated?.length ?? 0));
const sharedCounts = new Map<string, { at: number; counts: Promise<Counts> }>();

const loadCounts = async (db: Db, textId: number, versionId: number): Promise<Counts> => {
  const [blocks, orphans] = await Promise.all([loadBlockCounts(db, textId, versionId), countOrphans(db, textId)]);
  return { blocks, orphans };
};

/** The counts of the version's blocks: live, or shared for `ttlMs` (one query at a time per text). */
function countsOf(db: Db, textId: number, versionId: number, ttlMs: number): Promise<Counts> {
  if (ttlMs <= 0) return loadCounts(db, textId, versionId);
  const key = `${textId}:${versionId}`;
  const now = Date.now();
  const hit = sharedCounts.get(key);
  if (hit && now - hit.at < ttlMs) return hit.counts;
  if (sharedCounts.size > 1000) sharedCounts.clear();
  const counts = loadCounts(db, textId, versionId);
  sharedCounts.set(key, { at: now, counts });
  counts.catch(() => sharedCounts.delete(key));
  return counts;
}

const escapeText = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function fill(content: Content, counts: Map<number, BlockCounts>, countsText: (c: BlockCounts | undefined) => string): FilledBody {
  const words = new Map<string, string>();
  let html = content.pieces[0] ?? "";
  content.ids.forEach((id, i) => {
    const c = counts.get(id);
    const key = c ? `${c.comments}/${c.annotations}/${c.amendments}` : "";
    let w = words.get(key);
    if (w === undefined) {
      w = escapeText(countsText(c));
      words.set(key, w);
    }
    html += w + (content.pieces[i + 1] ?? "");
  });
  return { raw: Buffer.from(html, "utf8"), deflated: null };
}

export interface TextPageBody {
  body: FilledBody;
  orphans: number;
}

/**
 * The page's content for this version, language and address with the counts of the moment. `render`
 * renders the content with the counts' slots (on the first request for it); `countsText` words a block's counts.
 */
export async function textPageBody(input: {
  db: Db;
  textId: number;
  versionId: number;
  locale: string;
  textBase: string;
  /** Zero for live counts (a signed-in reader, or tests). */
  ttlMs: number;
  render: () => Promise<string>;
  countsText: (c: BlockCounts | undefined) => string;
}): Promise<TextPageBody> {
  const key = `${input.versionId}\n${input.locale}\n${input.textBase}`;
  const countsPromise = countsOf(input.db, input.textId, input.versionId, input.ttlMs);
  let content = contents.get(key);
  if (!content) {
    let rendering = renderingContents.get(key);
    if (!rendering) {
      rendering = input.render().then((html) => {
        const parts = html.split(COUNTS_MARKER);
        const c: Content = { pieces: parts.filter((_, i) => i % 2 === 0), ids: parts.filter((_, i) => i % 2 === 1).map(Number) };
        contents.set(key, c);
        return c;
      });
      renderingContents.set(key, rendering);
      void rendering.finally(() => renderingContents.delete(key)).catch(() => {});
    }
    content = await rendering;
  }
  const counts = await countsPromise;
  const stamp = createHash("sha1")
    .update(content.ids.map((id) => {
      const c = counts.blocks.get(id);
      return c ? `${c.comments}.${c.annotations}.${c.amendments}` : "";
    }).join(","))
    .digest("base64");
  const bodyKey = `${key}\n${stamp}`;
  let body = bodies.get(bodyKey);
  if (!body) {
    body = fill(content, counts.blocks, input.countsText);
    bodies.set(bodyKey, body);
  }
  return { body, orphans: counts.orphans };
}

/** Sends the page: `frame` (with `CONTENT_SLOT` once) around the body; gzipped for a signed-in reader whose browser takes it. */
export function sendTextPage(req: FastifyRequest, reply: FastifyReply, frame: string, body: FilledBody): FastifyReply {
  const at = frame.indexOf(CONTENT_SLOT);
  if (at < 0) throw new Error("the text page's frame lost its content slot");
  const head = Buffer.from(frame.slice(0, at), "utf8");
  const tail = Buffer.from(frame.slice(at + CONTENT_SLOT.length), "utf8");
  reply.header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store").header("vary", "accept-encoding");
  if (!req.ctx.user || !acceptsGzip(req.headers["accept-encoding"])) return reply.send(Buffer.concat([head, body.raw, tail]));
  body.deflated ??= deflatePiece(body.raw);
  return reply.header("content-encoding", "gzip").send(gzipPieces([{ raw: head }, body, { raw: tail }]));
}
