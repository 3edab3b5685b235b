/** Conformance of one math fixture: warm-started from its own stripped blob, every field must match. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { computeFolder } from "../cli";
import type { TickOptions } from "../tick";
import { absCosine, asNums, asObj, byTids, fmt, maxAbs, maxRel, sameSet, type Check, type Obj } from "./compare";

/** Keeps only what Pnyx may take from a blob: in-conv, base-cluster ids and members, PCA components. */
export function stripBlob(blob: Obj): Obj {
  const base = asObj(blob["base-clusters"]);
  return { "in-conv": blob["in-conv"], "base-clusters": { id: base["id"], members: base["members"] }, pca: { comps: asObj(blob["pca"])["comps"] } };
}

function groupMembers(blob: Obj): Map<number, number[]> {
  const base = asObj(blob["base-clusters"]);
  const ids = asNums(base["id"]);
  const members = (base["members"] as number[][] | undefined) ?? [];
  const byId = new Map(ids.map((id, i) => [id, members[i] ?? []]));
  const out = new Map<number, number[]>();
  for (const g of (blob["group-clusters"] as Obj[] | undefined) ?? []) out.set(Number(g["id"]), asNums(g["members"]).flatMap((b) => byId.get(b) ?? []));
  return out;
}

function repnessCheck(ours: Obj, theirs: Obj): Check {
  const problems: string[] = [];
  let worst = 0;
  const fields = ["n-success", "n-trials", "p-success", "p-test", "repness", "repness-test", "n-agree"];
  for (const gid of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const a = (ours[gid] as Obj[] | undefined) ?? [];
    const b = (theirs[gid] as Obj[] | undefined) ?? [];
    const ta = a.map((r) => `${String(r["tid"])}${r["repful-for"] === "agree" ? "+" : "-"}${r["best-agree"] ? "*" : ""}`);
    const tb = b.map((r) => `${String(r["tid"])}${r["repful-for"] === "agree" ? "+" : "-"}${r["best-agree"] ? "*" : ""}`);
    if (ta.join() !== tb.join()) problems.push(`group ${gid}: [${ta.join(" ")}] vs [${tb.join(" ")}]`);
    else
      a.forEach((r, i) => {
        for (const f of fields) if (f in b[i]! || f in r) worst = Math.max(worst, Math.abs(Number(r[f]) - Number(b[i]![f])));
      });
  }
  const ok = problems.length === 0 && worst <= 1e-6;
  return { name: "repness (tids, order, repful-for; fields 1e-6)", ok, detail: problems.length ? problems.join("; ") : `max diff ${fmt(worst)}` };
}

/** Runs the fixture folder through the CLI path and compares with its blob. */
export function checkFixture(dir: string, options: TickOptions = {}): Check[] {
  const blob = JSON.parse(readFileSync(join(dir, "math-pca2.json"), "utf8")) as Obj;
  const tmp = mkdtempSync(join(tmpdir(), "pnyx-opinion-"));
  const stateFile = join(tmp, "state.json");
  writeFileSync(stateFile, JSON.stringify(stripBlob(blob)));
  let ours: Obj;
  try {
    ours = computeFolder(dir, stateFile, options) as Obj;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string): void => void checks.push({ name, ok, detail });
  const tids = asNums(blob["tids"]);
  add("tids, n, n-cmts", sameSet(asNums(ours["tids"]), tids) && ours["n"] === blob["n"] && ours["n-cmts"] === blob["n-cmts"], `n ${String(ours["n"])}/${String(blob["n"])}, n-cmts ${String(ours["n-cmts"])}/${String(blob["n-cmts"])}`);
  add("mod-out, meta-tids, in-conv", sameSet(asNums(ours["mod-out"]), asNums(blob["mod-out"])) && sameSet(asNums(ours["meta-tids"]), asNums(blob["meta-tids"])) && sameSet(asNums(ours["in-conv"]), asNums(blob["in-conv"])), "as sets");
  const uvc = Object.keys(asObj(blob["user-vote-counts"])).map(Number);
  add("user-vote-counts", maxAbs(byTids(ours["user-vote-counts"], uvc), byTids(blob["user-vote-counts"], uvc)) === 0, `${uvc.length} participants`);

  const gOurs = groupMembers(ours);
  const gTheirs = groupMembers(blob);
  const groupsOk = gOurs.size === gTheirs.size && [...gTheirs].every(([id, m]) => sameSet(gOurs.get(id) ?? [], m));
  add("k and group membership", groupsOk, `k ${gOurs.size}/${gTheirs.size}`);

  const pa = asObj(ours["pca"]);
  const pb = asObj(blob["pca"]);
  add("pca center (1e-9)", maxAbs(asNums(pa["center"]), asNums(pb["center"])) <= 1e-9, `max diff ${fmt(maxAbs(asNums(pa["center"]), asNums(pb["center"])))}`);
  const ca = (pa["comps"] as number[][] | undefined) ?? [];
  const cb = (pb["comps"] as number[][] | undefined) ?? [];
  const cos = cb.map((c, k) => absCosine(ca[k] ?? [], c));
  add("pca comps (|cos| > 1 - 1e-6)", ca.length === cb.length && cos.every((c) => c > 1 - 1e-6), `1 - |cos| = ${cos.map((c) => fmt(1 - c)).join(", ")}`);
  // Components are compared up to sign; everything derived from them is flipped with them.
  const sign = cb.map((c, k) => (asNums(c).reduce((s, v, j) => s + v * (ca[k]?.[j] ?? 0), 0) < 0 ? -1 : 1));
  const projA = ((pa["comment-projection"] as number[][] | undefined) ?? []).map((row, k) => row.map((v) => v * (sign[k] ?? 1)));
  const projB = (pb["comment-projection"] as number[][] | undefined) ?? [];
  const projErr = Math.max(...projB.map((row, k) => maxRel(projA[k] ?? [], row)));
  add("comment projection (1e-4 rel)", projErr <= 1e-4, `max rel ${fmt(projErr)}`);
  const extErr = maxRel(asNums(pa["comment-extremity"]), asNums(pb["comment-extremity"]));
  add("comment extremity (1e-4 rel)", extErr <= 1e-4, `max rel ${fmt(extErr)}`);
  const ba = asObj(ours["base-clusters"]);
  const bb = asObj(blob["base-clusters"]);
  const idsOk = asNums(ba["id"]).join() === asNums(bb["id"]).join();
  const bErr = idsOk
    ? Math.max(maxRel(asNums(ba["x"]).map((v) => v * (sign[0] ?? 1)), asNums(bb["x"])), maxRel(asNums(ba["y"]).map((v) => v * (sign[1] ?? 1)), asNums(bb["y"])))
    : Infinity;
  add("base clusters (ids, centres 1e-4 rel)", idsOk && bErr <= 1e-4, idsOk ? `max rel ${fmt(bErr)}` : "ids differ");
  const prErr = maxRel(byTids(ours["comment-priorities"], tids), byTids(blob["comment-priorities"], tids));
  add("comment priorities (1e-4 rel)", prErr <= 1e-4, `max rel ${fmt(prErr)}`);
  checks.push(repnessCheck(asObj(ours["repness"]), asObj(blob["repness"])));
  const cons = (o: Obj, side: string): number[] => ((asObj(o["consensus"])[side] as Obj[] | undefined) ?? []).flatMap((c) => [Number(c["tid"]), Number(c["n-success"]), Number(c["n-trials"]), Number(c["p-success"]), Number(c["p-test"])]);
  const consErr = Math.max(maxAbs(cons(ours, "agree"), cons(blob, "agree")), maxAbs(cons(ours, "disagree"), cons(blob, "disagree")));
  add("consensus (1e-9)", consErr <= 1e-9, `max diff ${fmt(consErr)}`);
  const gacErr = maxAbs(byTids(ours["group-aware-consensus"], tids), byTids(blob["group-aware-consensus"], tids));
  add("group-aware consensus (1e-9)", gacErr <= 1e-9, `max diff ${fmt(gacErr)}`);
  const gv = (o: Obj): number[] => [...gTheirs.keys()].flatMap((g) => {
    const votes = asObj(asObj(asObj(o["group-votes"])[String(g)])["votes"]);
    return tids.flatMap((t) => ["A", "D", "S"].map((f) => Number(asObj(votes[String(t)])[f])));
  });
  add("group-votes", maxAbs(gv(ours), gv(blob)) === 0, "A/D/S per group and tid");
  return checks;
}
