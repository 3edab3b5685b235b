/**
 * The report's figures, read from the latest tick's math blob (Pol.is's math-pca2) and the
 * statements: groups with their sizes, each group's representative statements, the statements of
 * consensus (Pol.is's group-aware consensus: agreed on by every group), the divisive ones (the widest
 * gap in agreement between groups), and each group's agree / disagree / pass counts on each
 * statement. Pure functions: the page and the report CSV show the same numbers as the tick.
 */

export interface ReportStatement {
  tid: number;
  text: string;
  state: "accepted" | "rejected" | "unmoderated";
  isMeta: boolean;
  agree: number;
  disagree: number;
  pass: number;
}

export interface GroupTally {
  agree: number;
  disagree: number;
  pass: number;
  /** Members of the group who saw (voted on) the statement. */
  seen: number;
}

export interface ReportGroup {
  id: number;
  /** Pol.is's letter: group 0 is "A". */
  name: string;
  members: number;
  representative: Array<{ tid: number; repfulFor: "agree" | "disagree"; percent: number; nSuccess: number; nTrials: number }>;
}

export interface ReportModel {
  mathTick: number | null;
  /** Participants in the map (Pol.is's in-conv). */
  inConv: number;
  groups: ReportGroup[];
  /** By tid, each group's tally in `groups` order (statements the tick has not seen are absent). */
  tallies: Map<number, GroupTally[]>;
  consensus: Array<{ tid: number; score: number }>;
  divisive: Array<{ tid: number; spread: number }>;
}

type Blob = Record<string, unknown>;

export const groupName = (id: number): string => (id < 26 ? String.fromCharCode(65 + id) : `G${id + 1}`);

const TOP = 5;
/** A group's agreement counts toward "divisive" once this many of its members voted on the statement. */
const MIN_SEEN = 2;

export function reportModel(blob: Blob | null, mathTick: number | null, statements: readonly ReportStatement[]): ReportModel {
  const shown = new Set(statements.filter((s) => s.state !== "rejected" && !s.isMeta).map((s) => s.tid));
  if (!blob) return { mathTick, inConv: 0, groups: [], tallies: new Map(), consensus: [], divisive: [] };
  const groupVotes = (blob["group-votes"] ?? {}) as Record<string, { "n-members": number; votes: Record<string, { A: number; D: number; S: number }> }>;
  const clusters = ((blob["group-clusters"] ?? []) as Array<{ id: number }>).map((g) => g.id).sort((a, b) => a - b);
  const repness = (blob["repness"] ?? {}) as Record<string, Array<{ tid: number; "repful-for": "agree" | "disagree"; "n-success": number; "n-trials": number }>>;
  const groups: ReportGroup[] = clusters.map((id) => ({
    id,
    name: groupName(id),
    members: groupVotes[String(id)]?.["n-members"] ?? 0,
    representative: (repness[String(id)] ?? [])
      .filter((r) => shown.has(r.tid))
      .map((r) => ({ tid: r.tid, repfulFor: r["repful-for"], nSuccess: r["n-success"], nTrials: r["n-trials"], percent: r["n-trials"] > 0 ? Math.round((100 * r["n-success"]) / r["n-trials"]) : 0 })),
  }));
  const tallies = new Map<number, GroupTally[]>();
  for (const tid of (blob["tids"] ?? []) as number[]) {
    tallies.set(
      tid,
      groups.map((g) => {
        const v = groupVotes[String(g.id)]?.votes[String(tid)] ?? { A: 0, D: 0, S: 0 };
        return { agree: v.A, disagree: v.D, pass: Math.max(0, v.S - v.A - v.D), seen: v.S };
      }),
    );
  }
  const gac = (blob["group-aware-consensus"] ?? {}) as Record<string, number>;
  const consensus = Object.entries(gac)
    .map(([tid, score]) => ({ tid: Number(tid), score }))
    .filter((c) => shown.has(c.tid))
    .sort((a, b) => b.score - a.score || a.tid - b.tid)
    .slice(0, TOP);
  const divisive =
    groups.length < 2
      ? []
      : [...tallies.entries()]
          .filter(([tid]) => shown.has(tid))
          .map(([tid, ts]) => {
            const rates = ts.filter((t) => t.seen >= MIN_SEEN).map((t) => (t.agree - t.disagree) / t.seen);
            return { tid, spread: rates.length >= 2 ? Math.max(...rates) - Math.min(...rates) : 0 };
          })
          .filter((d) => d.spread > 0)
          .sort((a, b) => b.spread - a.spread || a.tid - b.tid)
          .slice(0, TOP);
  return { mathTick, inConv: ((blob["in-conv"] ?? []) as number[]).length, groups, tallies, consensus, divisive };
}

export interface DayActivity {
  /** YYYY-MM-DD (UTC). */
  day: string;
  votes: number;
  /** People who voted that day. */
  voters: number;
  /** People whose first vote was that day. */
  newParticipants: number;
}

/** The chart's layout: a column of votes per day and a line of the voters per day, on one scale each. */
export function activityLayout(days: readonly DayActivity[], width = 600, height = 200) {
  const maxVotes = Math.max(1, ...days.map((d) => d.votes));
  const maxVoters = Math.max(1, ...days.map((d) => d.voters));
  const step = days.length > 0 ? width / days.length : width;
  const barWidth = Math.max(1, step * 0.7);
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    maxVotes,
    maxVoters,
    bars: days.map((d, i) => ({ x: r(i * step + (step - barWidth) / 2), width: r(barWidth), height: r((d.votes / maxVotes) * height), y: r(height - (d.votes / maxVotes) * height) })),
    points: days.map((d, i) => ({ x: r(i * step + step / 2), y: r(height - (d.voters / maxVoters) * height) })),
  };
}
