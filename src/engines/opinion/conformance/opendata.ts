/** Conformance on an openData export: a cold computation against the exported group-ids (ARI). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { adjustedRandIndex, participantGroups } from "../ari";
import { computeFolder } from "../cli";
import { headerIndex, parseCsv } from "../io/csv";
import { asNums, asObj, type Obj } from "./compare";

export interface AriReport {
  ari: number;
  compared: number;
  ourK: number;
  theirK: number;
}

/** Exported group-id per participant (blank = not clustered, left out). */
function exportedGroups(dir: string): Map<number, number> {
  const file = join(dir, "participants-votes.csv");
  const recs = parseCsv(readFileSync(file, "utf8"), file);
  const [pI, gI] = headerIndex(recs[0], ["participant", "group-id"], file) as [number, number];
  const out = new Map<number, number>();
  for (const r of recs.slice(1)) {
    const g = r.fields[gI]?.trim() ?? "";
    if (g !== "") out.set(Number(r.fields[pI]), Number(g));
  }
  return out;
}

/** ARI over the participants who have an exported group-id and are in Pnyx's in-conv set. */
export function checkOpenData(dir: string): AriReport {
  const ours = computeFolder(dir, null) as Obj;
  const base = asObj(ours["base-clusters"]);
  const members = (base["members"] as number[][] | undefined) ?? [];
  const baseList = asNums(base["id"]).map((id, i) => ({ id, members: members[i] ?? [] }));
  const groups = ((ours["group-clusters"] as Obj[] | undefined) ?? []).map((g) => ({ id: Number(g["id"]), members: asNums(g["members"]) }));
  const mine = participantGroups(baseList, groups);
  const inConv = new Set(asNums(ours["in-conv"]));
  const theirs = exportedGroups(dir);
  const a: number[] = [];
  const b: number[] = [];
  for (const [pid, g] of theirs) {
    if (!inConv.has(pid)) continue;
    a.push(mine.get(pid) ?? -1);
    b.push(g);
  }
  return { ari: adjustedRandIndex(a, b), compared: a.length, ourK: groups.length, theirK: new Set(theirs.values()).size };
}
