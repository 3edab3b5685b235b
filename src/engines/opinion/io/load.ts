/**
 * Reads a conversation folder: a Pol.is export (votes.csv, comments.csv; agree = +1) or the JSON pair
 * of the math fixtures (votes.json, comments.json; agree = +1). Never reads participants-votes.csv.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ModerationChange, VoteEvent } from "../types";
import { headerIndex, InputError, intField, parseCsv } from "./csv";

export interface Conversation {
  /** Votes in full-reload order, (tid, pid, created), internal sign (agree = −1). */
  votes: VoteEvent[];
  moderation: ModerationChange[];
}

interface TimedVote extends VoteEvent {
  created: number;
}

function readText(file: string): string {
  if (!existsSync(file)) throw new InputError(file, null, "file not found");
  return readFileSync(file, "utf8");
}

/** Pol.is reloads votes ordered by (tid, pid, created), so the latest vote on a cell is applied last. */
function reloadOrder(votes: TimedVote[]): VoteEvent[] {
  votes.sort((a, b) => a.tid - b.tid || a.pid - b.pid || a.created - b.created);
  return votes.map(({ pid, tid, vote }) => ({ pid, tid, vote }));
}

function checkVote(v: number, file: string, line: number | null): number {
  if (v !== -1 && v !== 0 && v !== 1) throw new InputError(file, line, `vote ${v} is not -1, 0 or 1`);
  return -v; // exports store agree as +1; the math uses agree = −1
}

function loadCsv(dir: string): Conversation {
  const vFile = join(dir, "votes.csv");
  const vRecs = parseCsv(readText(vFile), vFile);
  const [ts, tidI, pidI, voteI] = headerIndex(vRecs[0], ["timestamp", "comment-id", "voter-id", "vote"], vFile) as [number, number, number, number];
  const votes: TimedVote[] = vRecs.slice(1).map((r) => ({
    created: intField(r, ts, "timestamp", vFile),
    tid: intField(r, tidI, "comment-id", vFile),
    pid: intField(r, pidI, "voter-id", vFile),
    vote: checkVote(intField(r, voteI, "vote", vFile), vFile, r.line),
  }));
  const cFile = join(dir, "comments.csv");
  const cRecs = parseCsv(readText(cFile), cFile);
  const [cid, mod] = headerIndex(cRecs[0], ["comment-id", "moderated"], cFile) as [number, number];
  const moderation = cRecs.slice(1).map((r) => ({ tid: intField(r, cid, "comment-id", cFile), modOut: intField(r, mod, "moderated", cFile) === -1, meta: false }));
  return { votes: reloadOrder(votes), moderation };
}

/** Parses JSON, turning a syntax error's character position into a line number. */
export function parseJsonFile(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split("\n").length : null;
    throw new InputError(file, line, `malformed JSON: ${msg}`);
  }
}

function num(o: Record<string, unknown>, keys: readonly string[], file: string, entry: number): number {
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    const n = Number(v);
    if (Number.isFinite(n)) return n;
    throw new InputError(file, null, `entry ${entry}: ${k} "${String(v)}" is not a number`);
  }
  throw new InputError(file, null, `entry ${entry}: missing ${keys.join(" / ")}`);
}

function objects(value: unknown, file: string): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) throw new InputError(file, 1, "expected a JSON array");
  return value.map((o, i) => {
    if (typeof o !== "object" || o === null) throw new InputError(file, null, `entry ${i} is not an object`);
    return o as Record<string, unknown>;
  });
}

function loadJson(dir: string): Conversation {
  const vFile = join(dir, "votes.json");
  const votes: TimedVote[] = objects(parseJsonFile(vFile), vFile).map((o, i) => ({
    pid: num(o, ["pid", "participant_id"], vFile, i),
    tid: num(o, ["tid", "statement_id"], vFile, i),
    vote: checkVote(num(o, ["vote"], vFile, i), vFile, null),
    created: num(o, ["modified", "created"], vFile, i),
  }));
  const cFile = join(dir, "comments.json");
  const moderation = objects(parseJsonFile(cFile), cFile).map((o, i) => ({
    tid: num(o, ["tid", "statement_id"], cFile, i),
    modOut: num(o, ["mod", "moderated"], cFile, i) === -1,
    meta: o["is_meta"] === true,
  }));
  return { votes: reloadOrder(votes), moderation };
}

/** Loads the folder, preferring the CSV export when both forms are present. */
export function loadConversation(dir: string): Conversation {
  if (existsSync(join(dir, "votes.csv"))) return loadCsv(dir);
  if (existsSync(join(dir, "votes.json"))) return loadJson(dir);
  throw new InputError(join(dir, "votes.csv"), null, "file not found (nor votes.json)");
}
